/**
 * The saved progress record's shape and the small changes the first page needs (marking a lesson
 * read). Reading, checking, migrating and merging saved records are in ./record.ts, which loads
 * after the first page.
 */

export const PROGRESS_FORMAT = 'ecsim-progress';
export const PROGRESS_VERSION = 3;

export interface LessonRecord {
  /** ISO time the section was marked as read. */
  readAt: string;
}

export interface FlowResult {
  /** When the student first reached the flow's successful ending. */
  completedAt?: string;
  /** "What happens next?" questions answered right, of those answered (latest answer each). */
  predictions?: Record<string, boolean>;
  /** The step-ordering check: best and latest scores. */
  ordering?: { best: number; last: number; total: number; at: string };
}

/** A question's latest answer. */
export interface AnswerRecord {
  correct: boolean;
  /** Was the first answer right? (What a teacher's summary counts.) */
  first: boolean;
  tries: number;
  at: string;
}

export interface QuizResult {
  answers: Record<string, AnswerRecord>;
}

export interface CaseResult {
  best: number;
  last: number;
  /** The best score the case allows. */
  max: number;
  /** Endings reached, in the order first reached. */
  endings: string[];
  at: string;
}

export interface Learner {
  /** Name or id as the student typed it, put on exported results. */
  name: string;
  /** Seeds the order of options: stable for this student, different between students. */
  seed: string;
}

export interface Progress {
  format: typeof PROGRESS_FORMAT;
  version: typeof PROGRESS_VERSION;
  updatedAt: string;
  lessons: Record<string, LessonRecord>;
  /** Added in version 2. */
  flows: Record<string, FlowResult>;
  /** Added in version 3. */
  quizzes: Record<string, QuizResult>;
  cases: Record<string, CaseResult>;
  learner: Learner | null;
}

export function emptyRecord(now: string): Progress {
  return {
    format: PROGRESS_FORMAT,
    version: PROGRESS_VERSION,
    updatedAt: now,
    lessons: {},
    flows: {},
    quizzes: {},
    cases: {},
    learner: null,
  };
}

export function setLessonRead(record: Progress, id: string, read: boolean, now: string): Progress {
  const lessons = { ...record.lessons };
  if (read) lessons[id] = lessons[id] ?? { readAt: now };
  else delete lessons[id];
  return { ...record, lessons, updatedAt: now };
}

/** Record the student's work on a flow. */
export function updateFlow(
  record: Progress,
  flowId: string,
  change: (old: FlowResult) => FlowResult,
  now: string,
): Progress {
  return {
    ...record,
    flows: { ...record.flows, [flowId]: change(record.flows[flowId] ?? {}) },
    updatedAt: now,
  };
}

/** The current time as saved in records. */
export function isoNow(): string {
  return new Date().toISOString();
}
