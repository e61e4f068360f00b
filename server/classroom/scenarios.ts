/**
 * The built-in market scenarios the classroom can run, read from scenarios/market/ and checked
 * by the same `validateText` as the app's build: a file that fails its checks is not offered.
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
    const result = validateText(`scenarios/market/${file}`, readFileSync(join(DIR, file), 'utf8'));
    if (result.issues.length > 0 || result.content?.kind !== 'market') continue;
    const m = result.content.data;
    out.set(m.id, { id: m.id, model: m.model, settings: marketSettings(m.params) });
  }
  cache = out;
  return out;
}

export const DEFAULT_SCENARIO = 'b2c-shop';
