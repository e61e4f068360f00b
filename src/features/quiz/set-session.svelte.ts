/**
 * A student working through a question set: which question is open, the draft answer to each,
 * hints opened, grades given. Answers are graded by the engine and saved through the progress
 * store (the one writer of progress); this holds only what the page shows.
 */
import type { Question, Quiz } from '../../content/schema.ts';
import { grade, presentation, type Grade, type Response } from '../../engine/quiz/question.ts';
import { answerQuestion, resetQuiz, undoResetQuiz } from '../../state/practice.ts';
import type { QuizResult } from '../../state/progress/record.ts';

const zhKey = (t: { zh: string }) => t.zh;

/** What every answer input (choices, ordering, matching) is given by the question view. */
export interface AnswerInputProps {
  question: Question;
  /** The seeded order of the options, items or matches shown (indexes into the file's list). */
  order: readonly number[];
  response: Response;
  /** Set once the answer is submitted: the inputs then show what was right. */
  graded: Grade | null;
  /** The question's label, for the group's accessible name. */
  legend: string;
  onchange: (r: Response) => void;
}

export function emptyResponse(q: Question, order: readonly number[]): Response {
  switch (q.type) {
    case 'single':
      return { type: 'single', choice: -1 };
    case 'multiple':
      return { type: 'multiple', choices: [] };
    case 'truefalse':
      return { type: 'truefalse', value: null };
    case 'ordering':
      return { type: 'ordering', order: order.slice() };
    case 'matching':
      return { type: 'matching', matches: (q.pairs ?? []).map(() => null) };
  }
}

/** Can this response be submitted (everything answered)? */
export function complete(r: Response): boolean {
  switch (r.type) {
    case 'single':
      return r.choice >= 0;
    case 'multiple':
      return r.choices.length > 0;
    case 'truefalse':
      return typeof r.value === 'boolean';
    case 'ordering':
      return true;
    case 'matching':
      return r.matches.every((m) => m !== null);
  }
}

export class SetSession {
  readonly set: Quiz;
  /** Per question: the seeded order of its options, items or matches. */
  readonly orders: number[][];
  index = $state(0);
  /** Questions being worked through: all, or only those to try again. */
  queue = $state<number[]>([]);
  responses = $state<Response[]>([]);
  grades = $state<(Grade | null)[]>([]);
  hints = $state<boolean[]>([]);
  finished = $state(false);

  /** `start`: the id of a question to open at (a link from the class summary), if any. */
  constructor(set: Quiz, seed: string, saved: QuizResult | undefined, start?: string | null) {
    this.set = set;
    this.orders = set.questions.map((q) => presentation(q, seed, zhKey));
    this.responses = set.questions.map((q, i) => emptyResponse(q, this.orders[i]!));
    this.grades = set.questions.map(() => null);
    this.hints = set.questions.map(() => false);
    this.queue = set.questions.map((_, i) => i);
    const answered = saved?.answers ?? {};
    const asked = start ? set.questions.findIndex((q) => q.id === start) : -1;
    if (asked >= 0) {
      this.index = asked;
      return;
    }
    const firstOpen = set.questions.findIndex((q) => !(q.id in answered));
    if (firstOpen < 0 && set.questions.length > 0 && Object.keys(answered).length > 0)
      this.finished = true;
    else this.index = Math.max(0, firstOpen);
  }

  get question(): Question {
    return this.set.questions[this.queue[this.index] ?? 0]!;
  }
  get at(): number {
    return this.queue[this.index] ?? 0;
  }
  get response(): Response {
    return this.responses[this.at]!;
  }
  get graded(): Grade | null {
    return this.grades[this.at] ?? null;
  }

  setResponse(r: Response): void {
    if (this.graded) return;
    this.responses[this.at] = r;
  }

  showHint(): void {
    this.hints[this.at] = true;
  }

  submit(): Grade | null {
    const r = this.response;
    if (this.graded || !complete(r)) return null;
    const g = grade(this.question, r, zhKey);
    this.grades[this.at] = g;
    answerQuestion(this.set.id, this.question.id, g.correct);
    return g;
  }

  go(position: number): void {
    if (position < 0 || position >= this.queue.length) return;
    this.index = position;
    this.finished = false;
  }

  next(): void {
    if (this.index + 1 < this.queue.length) this.index += 1;
    else this.finished = true;
  }

  /** Work through the questions whose latest answer is wrong, with fresh answers. */
  retryWrong(saved: QuizResult | undefined): void {
    const wrong = this.set.questions.flatMap((q, i) =>
      saved?.answers[q.id]?.correct === false ? [i] : [],
    );
    if (wrong.length === 0) return;
    for (const i of wrong) this.reopen(i);
    this.queue = wrong;
    this.index = 0;
    this.finished = false;
  }

  /** Forget every answer of the set and start again; returns them, for `undoRestart`. */
  restart(): QuizResult | undefined {
    const forgotten = resetQuiz(this.set.id);
    this.set.questions.forEach((_, i) => this.reopen(i));
    this.queue = this.set.questions.map((_, i) => i);
    this.index = 0;
    this.finished = false;
    return forgotten;
  }

  /** Bring back the answers `restart` forgot, and show the summary again. */
  undoRestart(forgotten: QuizResult): void {
    undoResetQuiz(this.set.id, forgotten);
    this.finished = true;
  }

  private reopen(i: number): void {
    this.grades[i] = null;
    this.hints[i] = false;
    this.responses[i] = emptyResponse(this.set.questions[i]!, this.orders[i]!);
  }
}
