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
export const PROGRESS_VERSION = 1;

export interface LessonRecord {
  /** ISO time the section was marked as read. */
  readAt: string;
}

export interface Progress {
  format: typeof PROGRESS_FORMAT;
  version: typeof PROGRESS_VERSION;
  updatedAt: string;
  lessons: Record<string, LessonRecord>;
}

/** A migration takes a record of version N (already checked to be an object) to version N + 1. */
export type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

/** MIGRATIONS[n] upgrades version n to n + 1. Version 1 is the first shipped shape. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

export type ReadResult =
  | { status: 'empty' }
  | { status: 'ok'; record: Progress; migrated: boolean }
  | { status: 'corrupt'; raw: string; reason: string }
  | { status: 'newer'; raw: string; version: number };

export function emptyRecord(now: string): Progress {
  return { format: PROGRESS_FORMAT, version: PROGRESS_VERSION, updatedAt: now, lessons: {} };
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
  return {
    format: PROGRESS_FORMAT,
    version: PROGRESS_VERSION,
    updatedAt: value.updatedAt,
    lessons: { ...lessons },
  };
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

/** Union of two records: nothing in either is lost; the first time a lesson was read wins. */
export function mergeRecords(a: Progress, b: Progress, now: string): Progress {
  const lessons = { ...a.lessons };
  for (const [id, entry] of Object.entries(b.lessons)) {
    const mine = lessons[id];
    lessons[id] = mine && mine.readAt <= entry.readAt ? mine : entry;
  }
  return { ...a, lessons, updatedAt: now };
}

/** How many entries `after` has that `before` lacked. */
export function countAdded(before: Progress, after: Progress): number {
  return Object.keys(after.lessons).filter((id) => !(id in before.lessons)).length;
}
