/**
 * Reading the kept list back (./kept.ts is its format). Stored text is untrusted too (another
 * version of the app, a damaged disk, a hand edit): it is read through the schema below, and what
 * does not pass is never half-read. Objects keep known keys only: an extra or `__proto__` key is
 * dropped, never copied.
 */
import {
  KEPT_FORMAT,
  KEPT_VERSION,
  SCENARIO_KINDS,
  SCENARIO_SOURCES,
  type ReadList,
  type StoredScenario,
} from './kept.ts';
import * as z from 'zod/mini';
import { ID_PATTERN, parseWith } from './zod.ts';

const Id = z.string().check(z.regex(ID_PATTERN));

const StoredScenarioSchema = z.object({
  id: Id,
  kind: z.enum(SCENARIO_KINDS),
  title: z.object({ zh: z.string(), en: z.string() }),
  name: z.string(),
  source: z.enum(SCENARIO_SOURCES),
  text: z.string(),
  addedAt: z.string(),
  questions: z.optional(z.array(z.object({ id: Id, points: z.array(Id) }))),
}) satisfies z.ZodMiniType<StoredScenario>;

/** What says what the stored text is, read first: a newer version's list may look different. */
const Envelope = z.looseObject({ format: z.literal(KEPT_FORMAT), version: z.number() });
/** Far more than fit in the list's stored size (MAX_KEPT_BYTES). */
const MAX_ITEMS = 10_000;
const KeptList = z.object({ items: z.array(StoredScenarioSchema).check(z.maxLength(MAX_ITEMS)) });

/** Read the saved list; never throws, never half-reads. */
export function readList(raw: string | null): ReadList {
  if (raw === null || raw === '') return { status: 'ok', items: [] };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { status: 'corrupt', raw };
  }
  const envelope = parseWith(Envelope, value);
  if (!envelope.ok) return { status: 'corrupt', raw };
  if (envelope.data.version > KEPT_VERSION) return { status: 'newer', raw };
  const list = parseWith(KeptList, value);
  return list.ok ? { status: 'ok', items: list.data.items } : { status: 'corrupt', raw };
}
