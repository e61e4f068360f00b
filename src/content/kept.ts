/**
 * The kept list: the scenario files a student or teacher opened, as this browser stores them
 * (state/scenarios.svelte.ts is its one writer). Reading it back is ./kept-schema.ts: stored text
 * is untrusted too, and the schema (with zod) loads only when there is a stored list to read.
 */

export const KEPT_FORMAT = 'ecsim-scenarios';
export const KEPT_VERSION = 1;

export const SCENARIO_KINDS = ['flow', 'market', 'quiz', 'case'] as const;
export const SCENARIO_SOURCES = ['file', 'url', 'link', 'editor'] as const;
export type ScenarioKind = (typeof SCENARIO_KINDS)[number];
export type ScenarioSource = (typeof SCENARIO_SOURCES)[number];

/** One kept file. */
export interface StoredScenario {
  id: string;
  kind: ScenarioKind;
  title: { zh: string; en: string };
  /** The file name or URL it came from. */
  name: string;
  source: ScenarioSource;
  text: string;
  addedAt: string;
  /** A question set's questions (ids and chapter points), so results can list them unopened. */
  questions?: { id: string; points: string[] }[];
}

export type ReadList =
  | { status: 'ok'; items: StoredScenario[] }
  | { status: 'corrupt'; raw: string }
  | { status: 'newer'; raw: string };

/** The list as stored. */
export function writeList(items: readonly StoredScenario[]): string {
  return JSON.stringify({ format: KEPT_FORMAT, version: KEPT_VERSION, items });
}
