/**
 * The saved progress record: its shape, its versions and the pure functions that read, migrate,
 * change and merge it. No storage and no runes here (see ../progress.svelte.ts), so every saved
 * shape can be tested in Node.
 *
 * To change the shape: bump PROGRESS_VERSION, add a migration from the previous version to
 * MIGRATIONS, keep a fixture of the old shape in tests/fixtures/progress/, and never edit a
 * migration that has shipped.
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

/** A migration takes a record of version N (already checked to be an object) to version N + 1. */
export type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

/** MIGRATIONS[n] upgrades version n to n + 1. Version 1 is the first shipped shape. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {
  // 1 → 2: flow results arrive; nothing of version 1 changes.
  1: (old) => ({ ...old, flows: {} }),
  // 2 → 3: question sets, cases and the learner's name arrive.
  2: (old) => ({ ...old, quizzes: {}, cases: {}, learner: null }),
};

export type ReadResult =
  | { status: 'empty' }
  | { status: 'ok'; record: Progress; migrated: boolean }
  | { status: 'corrupt'; raw: string; reason: string }
  | { status: 'newer'; raw: string; version: number };

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

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Check a value of the current version and rebuild it from known keys only, so nothing from the
 * file (a `__proto__` key, an extra field) reaches the app's objects. Returns a reason on failure.
 */
export function checkCurrent(value: Record<string, unknown>): Progress | string {
  if (value.format !== PROGRESS_FORMAT) return 'format';
  if (typeof value.updatedAt !== 'string' || !ISO_TIME.test(value.updatedAt)) return 'updatedAt';
  if (!isObject(value.lessons)) return 'lessons';
  const lessons: Record<string, LessonRecord> = Object.create(null) as Record<string, LessonRecord>;
  for (const [id, entry] of Object.entries(value.lessons)) {
    if (!ID.test(id)) return `lessons.${id}`;
    if (!isObject(entry) || typeof entry.readAt !== 'string' || !ISO_TIME.test(entry.readAt)) {
      return `lessons.${id}.readAt`;
    }
    lessons[id] = { readAt: entry.readAt };
  }
  if (!isObject(value.flows)) return 'flows';
  const flows: Record<string, FlowResult> = {};
  for (const [id, entry] of Object.entries(value.flows)) {
    const checked = checkFlowResult(entry);
    if (!ID.test(id) || checked === null) return `flows.${id}`;
    flows[id] = checked;
  }
  if (!isObject(value.quizzes)) return 'quizzes';
  const quizzes: Record<string, QuizResult> = {};
  for (const [id, entry] of Object.entries(value.quizzes)) {
    const checked = checkQuizResult(entry);
    if (!ID.test(id) || checked === null) return `quizzes.${id}`;
    quizzes[id] = checked;
  }
  if (!isObject(value.cases)) return 'cases';
  const cases: Record<string, CaseResult> = {};
  for (const [id, entry] of Object.entries(value.cases)) {
    const checked = checkCaseResult(entry);
    if (!ID.test(id) || checked === null) return `cases.${id}`;
    cases[id] = checked;
  }
  let learner: Learner | null = null;
  if (value.learner !== null) {
    const l = value.learner;
    if (!isObject(l) || typeof l.name !== 'string' || l.name.length > MAX_NAME) return 'learner';
    if (typeof l.seed !== 'string' || l.seed.length === 0 || l.seed.length > 64) return 'learner';
    learner = { name: l.name, seed: l.seed };
  }
  return {
    format: PROGRESS_FORMAT,
    version: PROGRESS_VERSION,
    updatedAt: value.updatedAt,
    lessons: { ...lessons },
    flows,
    quizzes,
    cases,
    learner,
  };
}

export const MAX_NAME = 80;

const count = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
const integer = (n: unknown): n is number =>
  typeof n === 'number' && Number.isInteger(n) && Math.abs(n) <= 10_000;

function checkQuizResult(entry: unknown): QuizResult | null {
  if (!isObject(entry) || !isObject(entry.answers)) return null;
  const answers: Record<string, AnswerRecord> = {};
  for (const [id, a] of Object.entries(entry.answers)) {
    if (!ID.test(id) || !isObject(a)) return null;
    const { correct, first, tries, at } = a;
    if (typeof correct !== 'boolean' || typeof first !== 'boolean') return null;
    if (!count(tries) || tries < 1 || typeof at !== 'string' || !ISO_TIME.test(at)) return null;
    answers[id] = { correct, first, tries, at };
  }
  return { answers };
}

function checkCaseResult(entry: unknown): CaseResult | null {
  if (!isObject(entry)) return null;
  const { best, last, max, endings, at } = entry;
  if (!integer(best) || !integer(last) || !integer(max)) return null;
  if (!Array.isArray(endings) || endings.length > 100) return null;
  if (!endings.every((e): e is string => typeof e === 'string' && ID.test(e))) return null;
  if (typeof at !== 'string' || !ISO_TIME.test(at)) return null;
  return { best, last, max, endings: [...endings], at };
}

function checkFlowResult(entry: unknown): FlowResult | null {
  if (!isObject(entry)) return null;
  const out: FlowResult = {};
  if (entry.completedAt !== undefined) {
    if (typeof entry.completedAt !== 'string' || !ISO_TIME.test(entry.completedAt)) return null;
    out.completedAt = entry.completedAt;
  }
  if (entry.predictions !== undefined) {
    if (!isObject(entry.predictions)) return null;
    const predictions: Record<string, boolean> = {};
    for (const [step, right] of Object.entries(entry.predictions)) {
      if (!ID.test(step) || typeof right !== 'boolean') return null;
      predictions[step] = right;
    }
    out.predictions = predictions;
  }
  if (entry.ordering !== undefined) {
    const o = entry.ordering;
    if (!isObject(o)) return null;
    const { best, last, total, at } = o;
    if (!count(best) || !count(last) || !count(total) || best > total || last > total) return null;
    if (typeof at !== 'string' || !ISO_TIME.test(at)) return null;
    out.ordering = { best, last, total, at };
  }
  return out;
}

/** Parse and upgrade saved text. Never throws; never loses the raw text of what it cannot read. */
export function readRecord(
  raw: string | null,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
  current: number = PROGRESS_VERSION,
  check: (value: Record<string, unknown>) => Progress | string = checkCurrent,
): ReadResult {
  if (raw === null || raw === '') return { status: 'empty' };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { status: 'corrupt', raw, reason: 'json' };
  }
  if (!isObject(value)) return { status: 'corrupt', raw, reason: 'not an object' };
  const version = value.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { status: 'corrupt', raw, reason: 'version' };
  }
  if (version > current) return { status: 'newer', raw, version };
  let record: Record<string, unknown> = value;
  for (let v = version; v < current; v++) {
    const step = migrations[v];
    if (!step) return { status: 'corrupt', raw, reason: `no migration from ${v}` };
    try {
      record = { ...step(record), version: v + 1 };
    } catch {
      return { status: 'corrupt', raw, reason: `migration from ${v} failed` };
    }
  }
  const checked = check(record);
  if (typeof checked === 'string') return { status: 'corrupt', raw, reason: checked };
  return { status: 'ok', record: checked, migrated: version !== current };
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

const earlier = (x: string | undefined, y: string | undefined) =>
  x === undefined ? y : y === undefined ? x : x <= y ? x : y;

function mergeFlow(a: FlowResult, b: FlowResult): FlowResult {
  const out: FlowResult = {};
  const completedAt = earlier(a.completedAt, b.completedAt);
  if (completedAt) out.completedAt = completedAt;
  if (a.predictions || b.predictions) out.predictions = { ...b.predictions, ...a.predictions };
  const oa = a.ordering;
  const ob = b.ordering;
  if (oa || ob) {
    const newer = !oa ? ob! : !ob ? oa : oa.at >= ob.at ? oa : ob;
    out.ordering = { ...newer, best: Math.max(oa?.best ?? 0, ob?.best ?? 0) };
  }
  return out;
}

/** The later answer wins; the first try is the earlier one's. */
function mergeAnswer(x: AnswerRecord, y: AnswerRecord): AnswerRecord {
  const [older, newer] = x.at <= y.at ? [x, y] : [y, x];
  return { ...newer, first: older.first, tries: Math.max(x.tries, y.tries) };
}

/** Union of two records: nothing in either is lost; the first time a lesson was read wins. */
export function mergeRecords(a: Progress, b: Progress, now: string): Progress {
  const lessons = { ...a.lessons };
  for (const [id, entry] of Object.entries(b.lessons)) {
    const mine = lessons[id];
    lessons[id] = mine && mine.readAt <= entry.readAt ? mine : entry;
  }
  const flows = { ...a.flows };
  for (const [id, entry] of Object.entries(b.flows)) flows[id] = mergeFlow(flows[id] ?? {}, entry);
  const quizzes = { ...a.quizzes };
  for (const [id, entry] of Object.entries(b.quizzes)) {
    const answers = { ...quizzes[id]?.answers };
    for (const [q, theirs] of Object.entries(entry.answers)) {
      const mine = answers[q];
      answers[q] = mine ? mergeAnswer(mine, theirs) : theirs;
    }
    quizzes[id] = { answers };
  }
  const cases = { ...a.cases };
  for (const [id, entry] of Object.entries(b.cases)) {
    const mine = cases[id];
    if (!mine) {
      cases[id] = entry;
      continue;
    }
    const newer = mine.at >= entry.at ? mine : entry;
    cases[id] = {
      ...newer,
      best: Math.max(mine.best, entry.best),
      endings: [...new Set([...mine.endings, ...entry.endings])],
    };
  }
  return { ...a, lessons, flows, quizzes, cases, learner: a.learner ?? b.learner, updatedAt: now };
}

/** How many entries `after` has that `before` lacked. */
export function countAdded(before: Progress, after: Progress): number {
  const lessons = Object.keys(after.lessons).filter((id) => !(id in before.lessons)).length;
  const flows = Object.keys(after.flows).filter((id) => !(id in before.flows)).length;
  const answers = Object.entries(after.quizzes).reduce(
    (n, [id, q]) =>
      n + Object.keys(q.answers).filter((k) => !(k in (before.quizzes[id]?.answers ?? {}))).length,
    0,
  );
  const cases = Object.keys(after.cases).filter((id) => !(id in before.cases)).length;
  return lessons + flows + answers + cases;
}

/** The current time as saved in records. */
export function isoNow(): string {
  return new Date().toISOString();
}
