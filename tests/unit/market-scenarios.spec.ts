import { describe, expect, it } from 'vitest';
import { collectFiles, validateFiles } from '../../src/content/node.ts';
import type { Market } from '../../src/content/schema.ts';

const scenarios = validateFiles(collectFiles(['scenarios/market']))
  .files.map((f) => (f.content?.kind === 'market' ? f.content.data : null))
  .filter((m): m is Market => m !== null);

describe('the built-in marketplace scenarios', () => {
  it('are the eight the course needs, valid, one per business model and the themed ones', () => {
    expect(scenarios.map((s) => s.id).sort()).toEqual([
      'b2b-procurement',
      'b2c-shop',
      'c2c-escrow-fraud',
      'c2c-secondhand',
      'double-eleven',
      'o2o-lunch-peak',
      'online-vs-offline',
      'operating-models',
    ]);
    expect(new Set(scenarios.map((s) => s.model))).toEqual(new Set(['B2B', 'B2C', 'C2C', 'O2O']));
    for (const s of scenarios) expect(s.questions?.length ?? 0, s.id).toBeGreaterThanOrEqual(2);
  });
});
