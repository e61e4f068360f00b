/**
 * The saved progress record: its shape, its versions and the pure functions that read, migrate,
 * change and merge it. No storage and no runes here (see ../progress.svelte.ts), so every saved
 * shape can be tested in Node.
 *
 * The checks are zod schemas (../../content/progress-schema.ts), loaded with this module after the first
 * page.
 *
 * To change the shape: bump PROGRESS_VERSION, change the types (./shape.ts) and the schema with
 * it, add a migration from the previous version to MIGRATIONS, keep a fixture of the old shape in
 * tests/fixtures/progress/, and never edit a migration that has shipped.
 */

import {
  SECTIONS,
  checkRecord,
  entryValid,
  isSection,
  readVersion,
} from '../../content/progress-schema.ts';
import { PROGRESS_VERSION, type AnswerRecord, type FlowResult, type Progress } from './shape.ts';

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

/**
 * Check a value of the current version and rebuild it from known keys only (the schema in
 * ../../content/progress.ts), so nothing from the file (a `__proto__` key, an extra field) reaches
 * the app's objects. Returns a reason on failure.
 */
export function checkCurrent(value: Record<string, unknown>): Progress | string {
  return checkRecord(value);
}

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
  for (const section of Object.keys(SECTIONS) as (keyof typeof SECTIONS)[]) {
    const entries = value[section];
    if (!isSection(entries)) continue;
    const good: Record<string, unknown> = {};
    // The raw entries, `__proto__` included: a key that fails is kept aside like any other.
    for (const [id, entry] of Object.entries(entries)) {
      if (entryValid(section, id, entry)) {
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
  const read = readVersion(value);
  if (!read.ok) return { status: 'corrupt', raw, reason: read.reason };
  const { version } = read;
  if (version > current) return { status: 'newer', raw, version };
  let record = read.record;
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
