/**
 * Reading a results file (./results.ts is its format). Files from students are untrusted: checked
 * by the schema below, rebuilt from known keys only (an extra or `__proto__` key is dropped, never
 * copied), every list and text bounded, and never half-read.
 */
import {
  MAX_PROMPT,
  MAX_TEXT,
  RESULTS_FORMAT,
  RESULTS_VERSION,
  type ResultsFile,
} from './results.ts';
import * as z from 'zod/mini';
import { ID_PATTERN, ISO_TIME, parseWith } from './zod.ts';

const Id = z.string().check(z.maxLength(64), z.regex(ID_PATTERN));
const text = (max: number) => z.string().check(z.maxLength(max));
const Title = z.object({ zh: text(MAX_TEXT), en: text(MAX_TEXT) });
const Score = z.int().check(z.minimum(-10_000), z.maximum(10_000));

const Question = z.object({
  id: Id,
  points: z.array(Id).check(z.maxLength(10)),
  correct: z.boolean(),
  first: z.boolean(),
  tries: z.int().check(z.minimum(1), z.maximum(100_000)),
  text: z.optional(z.object({ zh: text(MAX_PROMPT), en: text(MAX_PROMPT) })),
});

const ResultSet = z
  .object({
    id: Id,
    title: Title,
    total: z.int().check(z.minimum(0), z.maximum(1000)),
    questions: z.array(Question).check(z.maxLength(1000)),
  })
  // A set holds no more answers than it has questions.
  .check(z.refine((s) => s.questions.length <= s.total));

const ResultCase = z.object({
  id: Id,
  title: Title,
  best: Score,
  last: Score,
  max: Score,
  endings: z.array(Id).check(z.maxLength(100)),
});

/** A results file as a student's browser writes it. */
const ResultsSchema = z.object({
  format: z.literal(RESULTS_FORMAT),
  version: z.literal(RESULTS_VERSION),
  exportedAt: z.string().check(z.regex(ISO_TIME)),
  student: text(MAX_TEXT),
  sets: z.array(ResultSet).check(z.maxLength(500)),
  cases: z.array(ResultCase).check(z.maxLength(500)),
}) satisfies z.ZodMiniType<ResultsFile>;

/** What says which file it is, read before the rest: a newer version may look different. */
const Envelope = z.looseObject({ format: z.literal(RESULTS_FORMAT), version: z.unknown() });
const Version = z.int().check(z.minimum(1), z.maximum(1_000_000));

export type ParseResult =
  | { ok: true; file: ResultsFile }
  | { ok: false; reason: 'json' | 'notResults' | 'newer' | 'invalid'; detail?: string };

/** Which part of the file is wrong: a top-level field, or the set or case holding the problem. */
function detailOf(path: readonly PropertyKey[]): string {
  const [field, index] = path;
  if (field === undefined) return 'file';
  return typeof index === 'number' ? `${String(field)}[${index}]` : String(field);
}

/** Read a results file; anything that is not one is refused with a reason, never half-read. */
export function parseResults(raw: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'json' };
  }
  const envelope = parseWith(Envelope, value);
  if (!envelope.ok) return { ok: false, reason: 'notResults' };
  const version = parseWith(Version, envelope.data.version);
  if (!version.ok) return { ok: false, reason: 'invalid', detail: 'version' };
  if (version.data > RESULTS_VERSION) return { ok: false, reason: 'newer' };
  const checked = parseWith(ResultsSchema, value);
  if (!checked.ok) return { ok: false, reason: 'invalid', detail: detailOf(checked.path) };
  return { ok: true, file: checked.data };
}
