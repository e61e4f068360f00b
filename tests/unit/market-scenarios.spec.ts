import { describe, expect, it } from 'vitest';
import { collectFiles, validateFiles } from '../../src/content/node.ts';
import type { Market } from '../../src/content/schema.ts';
import { preset, type MarketConfig } from '../../src/engine/market/config.ts';
import { mean, total } from '../../src/engine/market/metrics.ts';
import { simulate } from '../../src/engine/market/sim.ts';

const scenarios = validateFiles(collectFiles(['scenarios/market']))
  .files.map((f) => (f.content?.kind === 'market' ? f.content.data : null))
  .filter((m): m is Market => m !== null);
const byId = (id: string) => scenarios.find((s) => s.id === id)!;
const run = (m: Market, compare?: number) => {
  const params = { ...m.params, ...(compare === undefined ? {} : m.compare![compare]!.params) };
  return simulate(preset(m.model, params as Partial<MarketConfig>));
};

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

  it('online vs offline shows lower transaction cost and wider reach', () => {
    const s = byId('online-vs-offline');
    expect(mean(run(s), 'txCostPerOrder')).toBeLessThan(mean(run(s, 0), 'txCostPerOrder'));
    expect(mean(run(s), 'reach')).toBeGreaterThan(mean(run(s, 0), 'reach'));
  });

  it('escrow cuts fraud losses in the escrow scenario', () => {
    const s = byId('c2c-escrow-fraud');
    expect(total(run(s, 0), 'fraudLosses')).toBeLessThan(total(run(s), 'fraudLosses'));
  });

  it('the operating-models scenario puts write-offs on different books', () => {
    const s = byId('operating-models');
    expect(total(run(s), 'platformWriteOffs')).toBe(0);
    const self = s.compare!.findIndex((c) => c.params.operating === 'self');
    const selfRun = run(s, self);
    expect(total(selfRun, 'platformWriteOffs')).toBe(total(selfRun, 'writeOffs'));
    expect(total(selfRun, 'writeOffs')).toBeGreaterThan(0);
  });

  it('the O2O lunch peak overwhelms capacity', () => {
    const s = byId('o2o-lunch-peak');
    expect(total(run(s), 'failedOrders')).toBeGreaterThan(5 * total(run(s, 0), 'failedOrders'));
  });
});
