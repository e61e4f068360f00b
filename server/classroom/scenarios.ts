/**
 * The built-in market scenarios the classroom can run, read from scenarios/market/, and a teacher's
 * own market file sent from the console; both checked by the same `validateText` as the app's
 * build: a file that fails its checks is not offered, or is refused.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BusinessModel, MarketConfig } from '../../src/engine/market/config.ts';
import { marketSettings } from '../../src/content/market-settings.ts';
import { validateText } from '../../src/content/validate.ts';

export interface ClassroomScenario {
  id: string;
  model: BusinessModel;
  settings: Partial<MarketConfig>;
}

const DIR = resolve(import.meta.dirname, '../../scenarios/market');

let cache: Map<string, ClassroomScenario> | null = null;

export function scenarios(): Map<string, ClassroomScenario> {
  if (cache) return cache;
  const out = new Map<string, ClassroomScenario>();
  for (const file of readdirSync(DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const s = scenarioFromText(`scenarios/market/${file}`, readFileSync(join(DIR, file), 'utf8'));
    if (s) out.set(s.id, s);
  }
  cache = out;
  return out;
}

/** Files already checked, by text: a snapshot's replay and a repeated configure check once. */
const checked = new Map<string, ClassroomScenario | null>();

/**
 * A market file (built in, or a teacher's sent from the console) as the classroom runs it, or
 * null when it fails the same checks as the app's build or is not a market.
 */
export function scenarioFromText(name: string, text: string): ClassroomScenario | null {
  const known = checked.get(text);
  if (known !== undefined) return known;
  const result = validateText(name, text);
  const m =
    result.issues.length === 0 && result.content?.kind === 'market' ? result.content.data : null;
  const s = m ? { id: m.id, model: m.model, settings: marketSettings(m.params) } : null;
  if (checked.size >= 32) checked.delete(checked.keys().next().value!);
  checked.set(text, s);
  return s;
}

export const DEFAULT_SCENARIO = 'b2c-shop';
