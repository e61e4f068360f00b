/**
 * The kept list: the scenario files a student or teacher opened, as this browser stores them
 * (state/scenarios.svelte.ts is its one writer). Stored text is untrusted too (another version of
 * the app, a damaged disk, a hand edit): it is read through the schema below, and what does not
 * pass is never half-read.
 */
import { ID_PATTERN, parseWith, z } from './zod.ts';

export const KEPT_FORMAT = 'ecsim-scenarios';
export const KEPT_VERSION = 1;

export const SCENARIO_KINDS = ['flow', 'market', 'quiz', 'case'] as const;
export const SCENARIO_SOURCES = ['file', 'url', 'link', 'editor'] as const;
export type ScenarioKind = (typeof SCENARIO_KINDS)[number];
export type ScenarioSource = (typeof SCENARIO_SOURCES)[number];

const Id = z.string().regex(ID_PATTERN);

/** One kept file. Objects keep known keys only: an extra or `__proto__` key is dropped. */
const StoredScenarioSchema = z.object({
  id: Id,
  kind: z.enum(SCENARIO_KINDS),
  title: z.object({ zh: z.string(), en: z.string() }),
  /** The file name or URL it came from. */
  name: z.string(),
  source: z.enum(SCENARIO_SOURCES),
  text: z.string(),
  addedAt: z.string(),
  /** A question set's questions (ids and chapter points), so results can list them unopened. */
  questions: z.array(z.object({ id: Id, points: z.array(Id) })).optional(),
});

export type StoredScenario = z.infer<typeof StoredScenarioSchema>;

/** What says what the stored text is, read first: a newer version's list may look different. */
const Envelope = z.looseObject({ format: z.literal(KEPT_FORMAT), version: z.number() });
/** Far more than fit in the list's stored size (MAX_KEPT_BYTES). */
const MAX_ITEMS = 10_000;
const KeptList = z.object({ items: z.array(StoredScenarioSchema).max(MAX_ITEMS) });

export type ReadList =
  | { status: 'ok'; items: StoredScenario[] }
  | { status: 'corrupt'; raw: string }
  | { status: 'newer'; raw: string };

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

/** The list as stored. */
export function writeList(items: readonly StoredScenario[]): string {
  return JSON.stringify({ format: KEPT_FORMAT, version: KEPT_VERSION, items });
}
