/**
 * Changes to the saved progress made by question sets and cases: pure functions of a record, applied
 * through the progress store's one writer (updateProgress). Loaded with the quiz pages only.
 */
import type { AnswerRecord, CaseResult, Learner, Progress, QuizResult } from './shape.ts';

/** The longest name a learner's record keeps. */
export const MAX_NAME = 80;

/** Record a question's answer: the first answer stays the "first try". */
export function recordAnswer(
  record: Progress,
  setId: string,
  questionId: string,
  correct: boolean,
  now: string,
): Progress {
  const set = record.quizzes[setId] ?? { answers: {} };
  const old = set.answers[questionId];
  const answer: AnswerRecord = {
    correct,
    first: old ? old.first : correct,
    tries: (old?.tries ?? 0) + 1,
    at: now,
  };
  return {
    ...record,
    quizzes: { ...record.quizzes, [setId]: { answers: { ...set.answers, [questionId]: answer } } },
    updatedAt: now,
  };
}

/** Forget a set's answers (start it again); the record of other sets is kept. */
export function clearQuiz(record: Progress, setId: string, now: string): Progress {
  const quizzes = { ...record.quizzes };
  delete quizzes[setId];
  return { ...record, quizzes, updatedAt: now };
}

/** Put back a set's answers as they were (undoing `clearQuiz`); answers given since stay. */
export function restoreQuiz(
  record: Progress,
  setId: string,
  answers: QuizResult,
  now: string,
): Progress {
  const since = record.quizzes[setId]?.answers ?? {};
  return {
    ...record,
    quizzes: { ...record.quizzes, [setId]: { answers: { ...answers.answers, ...since } } },
    updatedAt: now,
  };
}

/** Record the end of a case played through. */
export function recordCase(
  record: Progress,
  caseId: string,
  result: { score: number; max: number; ending: string },
  now: string,
): Progress {
  const old = record.cases[caseId];
  const endings = old?.endings.includes(result.ending)
    ? old.endings
    : [...(old?.endings ?? []), result.ending];
  // A best score from a version of the case with another best possible score does not compare.
  const previous = old?.max === result.max ? old.best : result.score;
  const entry: CaseResult = {
    best: Math.max(previous, result.score),
    last: result.score,
    max: result.max,
    endings,
    at: now,
  };
  return { ...record, cases: { ...record.cases, [caseId]: entry }, updatedAt: now };
}

export function setLearner(record: Progress, learner: Learner, now: string): Progress {
  return {
    ...record,
    learner: { name: learner.name.slice(0, MAX_NAME), seed: learner.seed },
    updatedAt: now,
  };
}
