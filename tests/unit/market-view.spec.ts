import { describe, expect, it } from 'vitest';
import { preset } from '../../src/engine/market/config.ts';
import { METRICS, total } from '../../src/engine/market/metrics.ts';
import { simulate } from '../../src/engine/market/sim.ts';
import { chartGeometry } from '../../src/ui/chart.ts';
import {
  CHARTS,
  TABLE,
  daily,
  readShareQuery,
  shareQuery,
  summarize,
  toCsv,
} from '../../src/features/market/view.ts';

const series = simulate(preset('B2C', { days: 30, seed: 4 }));

describe('what the Marketplace page shows', () => {
  it('sums, averages or takes the latest value as each metric needs', () => {
    const gmv = TABLE.find((v) => v.metric === 'gmv')!;
    expect(summarize(series, gmv, 30)).toBeCloseTo(total(series, 'gmv'), 6);
    const active = TABLE.find((v) => v.metric === 'activeSellers')!;
    expect(summarize(series, active, 30)).toBe(daily(series, 'activeSellers', 30)[29]);
    expect(summarize(series, gmv, 0)).toBe(0);
    expect(CHARTS).toHaveLength(6);
  });

  it('exports every metric, every day, every configuration as CSV', () => {
    const csv = toCsv(['平台型', 'self, "own"'], [series, series], 30).trim().split('\n');
    expect(csv).toHaveLength(1 + 2 * 30);
    expect(csv[0]).toBe(['configuration', 'day', ...METRICS].join(','));
    expect(csv[1]!.startsWith('平台型,1,')).toBe(true);
    expect(csv[31]!.startsWith('"self, ""own""",1,')).toBe(true);
  });

  it('a share link carries the settings and seed, and reads back the same', () => {
    const params = {
      model: 'C2C' as const,
      escrow: false,
      seed: 99,
      searchBreadth: 3,
      commission: 0.1,
    };
    expect(readShareQuery(shareQuery(params))).toEqual(params);
  });

  it('a tampered or hostile link is ignored, not obeyed', () => {
    const enc = (o: unknown) => `p=${btoa(JSON.stringify(o))}`;
    expect(readShareQuery(enc({ buyers: 1e9 }))).toBeNull();
    expect(readShareQuery(`p=${btoa('{"__proto__":{"polluted":true},"seed":1}')}`)).toBeNull();
    expect(readShareQuery(enc({ sneaky: 1 }))).toBeNull();
    expect(readShareQuery('p=%%%')).toBeNull();
    expect(readShareQuery('')).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('chart geometry: one path per line, ticks inside the frame', () => {
    const g = chartGeometry(
      [
        { label: 'a', values: [1, 2, 3] },
        { label: 'b', values: [3, 2, 1] },
      ],
      10,
      3,
    );
    expect(g.paths).toHaveLength(2);
    expect(g.paths[0]).toMatch(/^M/);
    expect(g.yTicks.at(-1)!.value).toBeGreaterThanOrEqual(3);
    expect(g.xTicks.every((t) => t.x >= 0 && t.x <= 320)).toBe(true);
  });
});
