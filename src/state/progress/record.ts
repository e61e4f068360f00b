/**
 * The saved progress record: its shape, its versions and the pure functions that read, migrate,
 * change and merge it. No storage and no runes here (see ../progress.svelte.ts), so every saved
 * shape can be tested in Node.
 *
 * To change the shape: bump PROGRESS_VERSION, add a migration from the previous version to
 * MIGRATIONS, keep a fixture of the old shape in tests/fixtures/progress/, and never edit a
 * migration that has shipped.
 */

import {
  PROGRESS_FORMAT,
  PROGRESS_VERSION,
  type AnswerRecord,
  type CaseResult,
  type FlowResult,
  type LessonRecord,
  type Learner,
  type Progress,
  type QuizResult,
} from './shape.ts';

export * from './shape.ts';

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
  | {
      status: 'ok';
      record: Progress;
      migrated: boolean;
      /**
       * Entries that failed their check, as JSON text (`{ "flows": { "id": … } }`), or null. They
       * were left out of `record`; the store keeps this text aside before it saves the record.
       */
      setAside: string | null;
      /** Some time in the record lay in the future and was brought back to `now`. */
      clamped: boolean;
    }
  | { status: 'corrupt'; raw: string; reason: string }
  | { status: 'newer'; raw: string; version: number };

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
  if (best > max || last > max || last > best) return null;
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

const ENTRY_CHECKS: Readonly<Record<string, (entry: unknown) => unknown>> = {
  lessons: (e) =>
    isObject(e) && typeof e.readAt === 'string' && ISO_TIME.test(e.readAt) ? e : null,
  flows: checkFlowResult,
  quizzes: checkQuizResult,
  cases: checkCaseResult,
};

/**
 * One bad entry must never cost the whole record: take out of each section the entries that fail
 * their own check (a flow result scored on a longer version of the flow, a damaged answer) and
 * return them apart, so the rest is read and the bad ones are kept aside, not lost.
 */
export function splitBadEntries(value: Record<string, unknown>): {
  value: Record<string, unknown>;
  bad: Record<string, Record<string, unknown>> | null;
} {
  let bad: Record<string, Record<string, unknown>> | null = null;
  const out: Record<string, unknown> = { ...value };
  for (const [section, check] of Object.entries(ENTRY_CHECKS)) {
    const entries = value[section];
    if (!isObject(entries)) continue;
    const good: Record<string, unknown> = {};
    for (const [id, entry] of Object.entries(entries)) {
      if (ID.test(id) && check(entry) !== null) {
        good[id] = entry;
      } else {
        bad ??= {};
        const aside = (bad[section] ??= Object.create(null) as Record<string, unknown>);
        aside[id] = entry;
      }
    }
    out[section] = good;
  }
  return { value: out, bad };
}

const later = (at: string, now: string) => (at > now ? now : at);

/**
 * Times after `now` cannot be true (a wrong clock, or a file written to win every merge): bring
 * them back to `now`, so a later answer still wins.
 */
export function clampDates(record: Progress, now: string): { record: Progress; clamped: boolean } {
  let clamped = false;
  const c = (at: string) => {
    const fixed = later(at, now);
    if (fixed !== at) clamped = true;
    return fixed;
  };
  const mapValues = <T, U>(o: Record<string, T>, f: (v: T) => U): Record<string, U> =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
  const out: Progress = {
    ...record,
    updatedAt: c(record.updatedAt),
    lessons: mapValues(record.lessons, (l) => ({ readAt: c(l.readAt) })),
    flows: mapValues(record.flows, (f) => ({
      ...f,
      ...(f.completedAt ? { completedAt: c(f.completedAt) } : {}),
      ...(f.ordering ? { ordering: { ...f.ordering, at: c(f.ordering.at) } } : {}),
    })),
    quizzes: mapValues(record.quizzes, (q) => ({
      answers: mapValues(q.answers, (a) => ({ ...a, at: c(a.at) })),
    })),
    cases: mapValues(record.cases, (k) => ({ ...k, at: c(k.at) })),
  };
  return { record: clamped ? out : record, clamped };
}

/**
 * Parse and upgrade saved text. Never throws; never loses the raw text of what it cannot read.
 * Entries that fail their check are returned apart (`setAside`); times after `now` are clamped.
 */
export function readRecord(
  raw: string | null,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
  current: number = PROGRESS_VERSION,
  check: (value: Record<string, unknown>) => Progress | string = checkCurrent,
  now: string = new Date().toISOString(),
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
  const { value: clean, bad } = splitBadEntries(record);
  const checked = check(clean);
  if (typeof checked === 'string') return { status: 'corrupt', raw, reason: checked };
  const { record: dated, clamped } = clampDates(checked, now);
  return {
    status: 'ok',
    record: dated,
    migrated: version !== current,
    setAside: bad ? JSON.stringify({ format: 'ecsim-progress-entries', ...bad }) : null,
    clamped,
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
    const older = newer === oa ? ob : oa;
    // A best score counts only against the same number of steps (the same version of the flow).
    const best =
      older && older.total === newer.total ? Math.max(older.best, newer.best) : newer.best;
    out.ordering = { ...newer, best };
  }
  return out;
}

/**
 * The result of the step-ordering check. A best score from a version of the flow with another
 * number of steps is not comparable: the new version starts its own best.
 */
export function recordOrdering(
  old: FlowResult,
  result: { score: number; total: number },
  at: string,
): FlowResult {
  const { score, total } = result;
  const previous = old.ordering?.total === total ? old.ordering.best : 0;
  return { ...old, ordering: { best: Math.max(previous, score), last: score, total, at } };
}

/** The later answer wins; the first try is the earlier one's. */
function mergeAnswer(x: AnswerRecord, y: AnswerRecord): AnswerRecord {
  const [older, newer] = x.at <= y.at ? [x, y] : [y, x];
  return { ...newer, first: older.first, tries: Math.max(x.tries, y.tries) };
}

/**
 * Union of two records: nothing in either is lost; the first time a lesson was read wins. Times
 * after `now` are clamped first, so a file dated in the future cannot win every later merge; each
 * merged entry passes the same checks as a saved one.
 */
export function mergeRecords(mine: Progress, theirs: Progress, now: string): Progress {
  const a = clampDates(mine, now).record;
  const b = clampDates(theirs, now).record;
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
      // Best scores compare only when the case allows the same best score (the same version).
      best: mine.max === entry.max ? Math.max(mine.best, entry.best) : newer.best,
      endings: [...new Set([...mine.endings, ...entry.endings])],
    };
  }
  return { ...a, lessons, flows, quizzes, cases, learner: a.learner ?? b.learner, updatedAt: now };
}

/**
 * Fold an older copy of the record (`old`, e.g. written by a tab of the previous version) into
 * the stored one: their union, as text. Null when either cannot be read whole.
 */
export function foldProgress(
  stored: string,
  old: string,
  now = new Date().toISOString(),
): string | null {
  const a = readRecord(stored, MIGRATIONS, PROGRESS_VERSION, checkCurrent, now);
  const b = readRecord(old, MIGRATIONS, PROGRESS_VERSION, checkCurrent, now);
  if (a.status !== 'ok' || b.status !== 'ok') return null;
  // Entries that fail their check are kept aside by the store when it loads: do not drop them here.
  if (a.setAside || b.setAside) return null;
  return JSON.stringify(mergeRecords(a.record, b.record, now));
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
