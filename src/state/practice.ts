/**
 * What question sets and cases change in the student's progress, through the progress store's
 * one writer. Kept apart from the store so the first page does not carry it. Each change applies
 * in memory at once and its save is queued; the save never rejects (one that fails shows as not
 * saved), so nothing here waits for it (`void`).
 */
import { progress, updateProgress } from './progress.svelte.ts';
import {
  clearQuiz,
  recordAnswer,
  recordCase,
  restoreQuiz,
  setLearner,
} from './progress/practice.ts';
import type { QuizResult } from './progress/record.ts';

const now = () => new Date().toISOString();

/** Record the student's answer to a question of a set. */
export function answerQuestion(setId: string, questionId: string, correct: boolean): void {
  void updateProgress((r) => recordAnswer(r, setId, questionId, correct, now()));
}

/**
 * Start a set again: its answers are forgotten (its first-try results with them). Returns what
 * was forgotten, for `undoResetQuiz`.
 */
export function resetQuiz(setId: string): QuizResult | undefined {
  const before = progress.record.quizzes[setId];
  void updateProgress((r) => clearQuiz(r, setId, now()));
  return before;
}

/** Undo `resetQuiz`: the forgotten answers come back (answers given since are kept). */
export function undoResetQuiz(setId: string, answers: QuizResult): void {
  void updateProgress((r) => restoreQuiz(r, setId, answers, now()));
}

/** Record a case played to an ending. */
export function finishCase(
  caseId: string,
  result: { score: number; max: number; ending: string },
): void {
  void updateProgress((r) => recordCase(r, caseId, result, now()));
}

function newSeed(): string {
  const bytes = new Uint32Array(2);
  globalThis.crypto.getRandomValues(bytes);
  return [...bytes].map((n) => n.toString(36)).join('');
}

/** Keep the name or id the student typed for exported results. */
export function setLearnerName(name: string): void {
  void updateProgress((r) =>
    setLearner(r, { name: name.trim(), seed: r.learner?.seed ?? newSeed() }, now()),
  );
}

/**
 * The student's seed for the order of options, made (and saved) the first time it is needed.
 * When nothing can be saved it lives in memory for this page.
 */
export function learnerSeed(): string {
  const seed = progress.record.learner?.seed;
  if (seed) return seed;
  const fresh = newSeed();
  void updateProgress((r) => (r.learner ? r : setLearner(r, { name: '', seed: fresh }, now())));
  return progress.record.learner?.seed ?? fresh;
}
