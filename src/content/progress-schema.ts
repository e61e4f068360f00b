/**
 * The progress record as stored and as exported to a file: zod schemas for the current version's
 * record and for each of its entries. A file from a student, or text from storage, is untrusted;
 * the record store (state/progress/record.ts) reads it through these, entry by entry, so one bad
 * entry costs only itself. Objects keep known keys only: an extra key, or a `__proto__` key, never
 * reaches the app's objects. The record's types and its first-page changes are in
 * state/progress/shape.ts, which the first page loads without zod; this loads with the saver.
 */
import * as z from 'zod/mini';
import { PROGRESS_FORMAT, PROGRESS_VERSION, type Progress } from '../state/progress/shape.ts';
import { MAX_NAME } from '../state/progress/practice.ts';
import { ID_PATTERN, ISO_TIME, parseWith } from './zod.ts';

const Id = z.string().check(z.regex(ID_PATTERN));
const Time = z.string().check(z.regex(ISO_TIME));
/** A count of steps or tries. */
const Count = z.int().check(z.minimum(0));
/** A case's score. */
const Score = z.int().check(z.minimum(-10_000), z.maximum(10_000));

/**
 * At most `max` entries by id. zod passes over a `__proto__` key without a word; here it fails
 * like any other key that is not an id, so the entry holding it is kept aside, not cut down.
 */
function byId<T extends z.ZodMiniType>(entry: T, max: number) {
  const fewOwnKeys = (v: unknown) =>
    v === null ||
    typeof v !== 'object' ||
    (!Object.hasOwn(v, '__proto__') && Object.keys(v).length <= max);
  return z.pipe(z.unknown().check(z.refine(fewOwnKeys)), z.record(Id, entry));
}

export const LessonEntry = z.object({ readAt: Time });

export const FlowEntry = z.object({
  completedAt: z.optional(Time),
  predictions: z.optional(byId(z.boolean(), 1000)),
  ordering: z.optional(
    z
      .object({ best: Count, last: Count, total: Count, at: Time })
      // A score is out of the steps of the version it was scored on.
      .check(z.refine((o) => o.best <= o.total && o.last <= o.total)),
  ),
});

const Answer = z.object({
  correct: z.boolean(),
  first: z.boolean(),
  tries: z.int().check(z.minimum(1)),
  at: Time,
});

export const QuizEntry = z.object({ answers: byId(Answer, 1000) });

export const CaseEntry = z
  .object({
    best: Score,
    last: Score,
    max: Score,
    endings: z.array(Id).check(z.maxLength(100)),
    at: Time,
  })
  // Scores of one version of the case: none above its best possible, the latest not above the best.
  .check(z.refine((c) => c.best <= c.max && c.last <= c.max && c.last <= c.best));

/** Entries a section may hold: far more than the chapter and any teacher's files give. */
const MAX_ENTRIES = 10_000;

/** The record's sections of entries, each entry checked on its own. */
export const SECTIONS = {
  lessons: LessonEntry,
  flows: FlowEntry,
  quizzes: QuizEntry,
  cases: CaseEntry,
} as const;

/** A record of the current version (after migrations): its output is a `Progress`. */
export const ProgressRecord = z.object({
  format: z.literal(PROGRESS_FORMAT),
  version: z.literal(PROGRESS_VERSION),
  updatedAt: Time,
  lessons: byId(LessonEntry, MAX_ENTRIES),
  flows: byId(FlowEntry, MAX_ENTRIES),
  quizzes: byId(QuizEntry, MAX_ENTRIES),
  cases: byId(CaseEntry, MAX_ENTRIES),
  learner: z.nullable(
    z.object({
      name: z.string().check(z.maxLength(MAX_NAME)),
      seed: z.string().check(z.minLength(1), z.maxLength(64)),
    }),
  ),
}) satisfies z.ZodMiniType<Progress>;

/**
 * What says which version a stored or exported record is, read before anything else: a record of
 * an older version is migrated first, one of a newer version is not read at all.
 */
const RecordVersion = z.looseObject({ version: z.int().check(z.minimum(1)) });

/** A stored or exported record's version, with the record as it is; or why not. */
export function readVersion(
  value: unknown,
): { ok: true; version: number; record: Record<string, unknown> } | { ok: false; reason: string } {
  const read = parseWith(RecordVersion, value);
  if (read.ok) return { ok: true, version: read.data.version, record: read.data };
  return { ok: false, reason: read.path.length > 0 ? 'version' : 'not an object' };
}

const Section = z.looseObject({});

/** A section of entries: any object, whose entries are then checked one by one. */
export function isSection(value: unknown): value is Record<string, unknown> {
  return parseWith(Section, value).ok;
}

/** The key of a section's entry that passes its own check; false for one to set aside. */
export function entryValid(section: keyof typeof SECTIONS, id: string, entry: unknown): boolean {
  return ID_PATTERN.test(id) && parseWith(SECTIONS[section], entry).ok;
}

/**
 * Check a record of the current version, rebuilt from known keys only. On failure, a short reason
 * naming where: a field (`updatedAt`), an entry (`flows.transaction`), or in lessons the field of
 * the entry (`lessons.process.readAt`).
 */
export function checkRecord(value: unknown): Progress | string {
  const checked = parseWith(ProgressRecord, value);
  if (checked.ok) return checked.data;
  const path = checked.path;
  const [section] = path;
  const depth =
    section === 'learner'
      ? 1
      : section === 'flows' || section === 'quizzes' || section === 'cases'
        ? 2
        : path.length;
  return path.slice(0, depth).map(String).join('.') || 'record';
}
