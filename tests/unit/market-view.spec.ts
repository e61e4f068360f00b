import { describe, expect, it } from 'vitest';
import { preset } from '../../src/engine/market/config.ts';
import { METRICS, total } from '../../src/engine/market/metrics.ts';
import { simulate } from '../../src/engine/market/sim.ts';
import { chartGeometry } from '../../src/ui/chart.ts';
import { nodeTranslator } from '../../src/content/node.ts';
import { debugRequested, describeInvariants } from '../../src/features/market/debug.ts';
import { GrowingChart } from '../../src/features/market/chart.ts';
import {
  CHARTS,
  TABLE,
  chartReading,
  daily,
  fill,
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

  it('a share link carries the settings and seed, and reads back the same', async () => {
    const params = {
      model: 'C2C' as const,
      escrow: false,
      seed: 99,
      searchBreadth: 3,
      commission: 0.1,
    };
    expect(await readShareQuery(shareQuery(params))).toEqual(params);
  });

  it('a tampered or hostile link is ignored, not obeyed', async () => {
    const enc = (o: unknown) => `p=${btoa(JSON.stringify(o))}`;
    expect(await readShareQuery(enc({ buyers: 1e9 }))).toBeNull();
    expect(
      await readShareQuery(`p=${btoa('{"__proto__":{"polluted":true},"seed":1}')}`),
    ).toBeNull();
    expect(await readShareQuery(enc({ sneaky: 1 }))).toBeNull();
    expect(await readShareQuery('p=%%%')).toBeNull();
    expect(await readShareQuery('')).toBeNull();
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

describe('debug mode, in words', () => {
  it('is asked for by debug=1 in the hash query, next to other settings', () => {
    expect(debugRequested('debug=1')).toBe(true);
    expect(debugRequested(`${shareQuery({ seed: 3 })}&debug=1`)).toBe(true);
    expect(debugRequested('debug=0')).toBe(false);
    expect(debugRequested('')).toBe(false);
  });

  it('says how many days held, or the first violation with its numbers, in both languages', () => {
    const zh = nodeTranslator('zh-CN');
    const en = nodeTranslator('en');
    const labels = ['Base', 'Escrow'];
    expect(describeInvariants({ days: 30, violation: null }, labels, en, 'en')).toBe(
      'Invariants held on every day checked. Days checked: 30.',
    );
    const stock = { invariant: 'stock', day: 12, value: -3, limit: 0, where: 7, run: 1 } as const;
    expect(describeInvariants({ days: 11, violation: stock }, labels, en, 'en')).toBe(
      'Day 12 (Escrow): seller 8 has -3 units in stock, below 0.',
    );
    const money = { invariant: 'money', day: 4, value: 1234.5, limit: 0.25, run: 0 } as const;
    expect(describeInvariants({ days: 3, violation: money }, labels, zh, 'zh-CN')).toBe(
      '第 4 天（Base）：资金不守恒，各账户合计为 1,234.5 元，超出了允许的舍入误差（0.25）。',
    );
    expect(describeInvariants(null, labels, en, 'en')).toBe('');
  });
});

describe('the growing chart', () => {
  it('draws exactly what the shared chart draws, adding only the new days while a run plays', () => {
    const days = 120;
    const series = [1, 2, 3].map((seed) => simulate(preset('B2C', { seed, days, buyers: 300 })));
    for (const view of CHARTS) {
      const lines = series.map((s) => daily(s, view.metric, days));
      const chart = new GrowingChart();
      let rebuilt = 0;
      let previous: string[] = [];
      // Day by day, then in steps of 5, then a restart from day 0, then a jump to the end.
      const counts = [
        ...Array.from({ length: 40 }, (_, d) => d),
        ...Array.from({ length: 10 }, (_, i) => 40 + 5 * i),
        0,
        1,
        2,
        days,
      ];
      for (const count of counts) {
        const got = chart.geometry(lines, days, count);
        const want = chartGeometry(
          lines.map((values, i) => ({ label: String(i), values })),
          days,
          count,
        );
        expect(got, `${view.metric}, ${count} days`).toEqual(want);
        if (count > 1 && !got.paths.every((p, i) => p.startsWith(previous[i] ?? ''))) rebuilt++;
        previous = got.paths;
      }
      // Most updates only add to the paths; the axis rescales now and then.
      expect(rebuilt, view.metric).toBeLessThan(counts.length / 3);
    }
  });

  it('starts again when the number of lines or the length of the run changes', () => {
    const a = Float64Array.from({ length: 30 }, (_, d) => d * 10);
    const b = Float64Array.from({ length: 30 }, (_, d) => 300 - d);
    const chart = new GrowingChart();
    chart.geometry([a], 30, 20);
    const one = (lines: Float64Array[], days: number, count: number) =>
      chartGeometry(
        lines.map((values) => ({ label: '', values })),
        days,
        count,
      );
    expect(chart.geometry([a, b], 30, 25)).toEqual(one([a, b], 30, 25));
    expect(chart.geometry([a, b], 60, 25)).toEqual(one([a, b], 60, 25));
    expect(chart.geometry([b], 60, 1)).toEqual(one([b], 60, 1));
    expect(chart.geometry([b], 60, 0)).toEqual(one([b], 60, 0));
  });
});

describe('the charts’ readings', () => {
  it('read exactly as i18next would fill them, in both languages', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const t = nodeTranslator(lang);
      const text = { one: t('market.readingOne'), many: t('market.readingMany') };
      const format = (v: number) => `¥${v}`;
      const metric = t('market.metrics.gmv');
      expect(chartReading(text, 12, metric, [30], ['A'], format)).toBe(
        t('market.readingOne', { day: 12, metric, value: '¥30' }),
      );
      expect(chartReading(text, 40, metric, [5, 9, 1], ['A', 'B {{day}}', 'C'], format)).toBe(
        t('market.readingMany', {
          day: 40,
          metric,
          top: 'B {{day}}',
          topValue: '¥9',
          bottom: 'C',
          bottomValue: '¥1',
        }),
      );
      expect(fill(t('market.dayOf'), { day: 3, days: 120 })).toBe(
        t('market.dayOf', { day: 3, days: 120 }),
      );
    }
  });
});
