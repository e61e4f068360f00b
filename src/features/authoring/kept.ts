/**
 * Scenarios kept in this browser, for the pages that run them. Each is checked again when it is
 * opened (the checker loads only then), so one kept by an older version meets today's rules.
 */
import type { ContentIssue } from '../../content/validate.ts';
import { scenarios, scenariosReady } from '../../state/scenarios.svelte.ts';
import { addStrings } from '../../i18n/index.svelte.ts';
import { CONTENT_STRINGS } from '../../i18n/parts.ts';
import type { Scenario } from './check.ts';

export type KeptResult = { ok: true; scenario: Scenario } | { ok: false; issues: ContentIssue[] };

/** A kept scenario of this family and id, checked; null if there is none. */
export async function loadKept(
  family: 'practice' | 'flow' | 'market',
  id: string,
): Promise<KeptResult | null> {
  await scenariosReady();
  const entry = scenarios.byId(family, id);
  if (!entry) return null;
  const { checkScenario } = await import('./check.ts');
  const { scenario, issues } = checkScenario(entry.name, entry.text);
  if (scenario) return { ok: true, scenario };
  // The messages' strings load only when there is something to say.
  await addStrings(CONTENT_STRINGS);
  return { ok: false, issues };
}
