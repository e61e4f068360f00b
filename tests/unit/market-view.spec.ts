import { describe, expect, it } from 'vitest';
import { preset } from '../../src/engine/market/config.ts';
import { metricOver } from '../../src/engine/market/metrics.ts';
import { simulate } from '../../src/engine/market/sim.ts';
import { chartGeometry } from './chart-oracle.ts';
import { nodeTranslator } from '../../src/content/node.ts';
import { toCsv } from '../../src/content/csv.ts';
import { debugRequested, describeInvariants } from '../../src/features/market/debug.ts';
import { GrowingChart } from '../../src/features/market/chart.ts';
import {
  CHARTS,
  TABLE,
  chartReading,
  csvRows,
  daily,
  fill,
  readShareQuery,
  shareQuery,
  summarize,
} from '../../src/features/market/view.ts';

const series = simulate(preset('B2C', { days: 30, seed: 4 }));

describe('what the Marketplace page shows', () => {
  it('sums, takes rates of totals or the latest value as each metric needs; nothing before day 1', () => {
    const gmv = TABLE.find((v) => v.metric === 'gmv')!;
    const gmvDaily = daily(series, 'gmv', 30);
    expect(summarize(series, gmv, 30)).toBeCloseTo(
      gmvDaily.reduce((a, b) => a + b),
      6,
    );
    const active = TABLE.find((v) => v.metric === 'activeSellers')!;
    expect(summarize(series, active, 30)).toBe(daily(series, 'activeSellers', 30)[29]);
    // A rate over the run is the ratio of totals, not the mean of daily rates.
    const price = TABLE.find((v) => v.metric === 'avgPrice')!;
    const prices = daily(series, 'avgPrice', 30);
    const orders = daily(series, 'orders', 30);
    let paid = 0;
    orders.forEach((n, d) => (paid += n > 0 ? n * prices[d]! : 0));
    expect(summarize(series, price, 30)).toBeCloseTo(paid / metricOver(series, 'orders')!, 6);
    expect(summarize(series, gmv, 0)).toBeNull();
    expect(CHARTS).toHaveLength(6);
  });

  it('exports every metric, every day, every configuration as CSV that Excel reads', () => {
    const text = {
      configuration: '设置',
      day: '天',
      metric: (m: string) => (m === 'gmv' ? '成交总额（GMV，累计）' : m),
    };
    const csv = toCsv(csvRows(text, ['平台型', '=self, "own"'], [series, series], 30));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 2 * 30);
    expect(lines[0]!.startsWith('设置,天,成交总额（GMV，累计）,')).toBe(true);
    expect(lines[1]!.startsWith('平台型,1,')).toBe(true);
    // A label a spreadsheet would run as a formula is written as text.
    expect(lines[31]!.startsWith(`"'=self, ""own""",1,`)).toBe(true);
    // A day with nothing to measure is an empty cell, not 0.
    const quiet = simulate(preset('B2C', { days: 3, demandRate: 0 }));
    const row = csvRows(text, ['x'], [quiet], 3)[1]!;
    expect(row[TABLE.findIndex((v) => v.metric === 'avgPrice') + 2]).toBeNull();
  });

  it('a share link carries the settings and seed, and reads back the same', async () => {
    const params = {
      model: 'C2C' as const,
      escrow: false,
      seed: 99,
      searchBreadth: 3,
      commission: 0.1,
    };
    expect(await readShareQuery(shareQuery(params))).toEqual({ kind: 'ok', params });
  });

  it('a tampered or hostile link is reported as damaged, not obeyed', async () => {
    const enc = (o: unknown) => `p=${btoa(JSON.stringify(o))}`;
    const damaged = { kind: 'damaged' };
    expect(await readShareQuery(enc({ buyers: 1e9 }))).toEqual(damaged);
    expect(await readShareQuery(`p=${btoa('{"__proto__":{"polluted":true},"seed":1}')}`)).toEqual(
      damaged,
    );
    expect(await readShareQuery(enc({ sneaky: 1 }))).toEqual(damaged);
    expect(await readShareQuery('p=%%%')).toEqual(damaged);
    expect(await readShareQuery(`p=${'A'.repeat(5000)}`)).toEqual(damaged);
    expect(await readShareQuery('')).toEqual({ kind: 'none' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('chart geometry: one path per line, ticks inside the frame; gaps and negative values', () => {
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
    const gaps = chartGeometry([{ label: 'a', values: [1, NaN, 2, 3, NaN] }], 10, 5);
    expect(gaps.paths[0]!.match(/M/g)).toHaveLength(2);
    const below = chartGeometry([{ label: 'a', values: [-5, 2] }], 10, 2);
    expect(below.yTicks[0]!.value).toBeLessThanOrEqual(-5);
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
  it('read in each metric’s own grammar, exactly as i18next would fill them, in both languages', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const t = nodeTranslator(lang);
      const format = (v: number) => `¥${v}`;
      for (const view of CHARTS) {
        const key = `market.read.${view.metric}` as const;
        const text = {
          one: t(`${key}.one`),
          many: t(`${key}.many`),
          same: t(`${key}.same`),
          none: t(`${key}.none`),
        };
        expect(chartReading(text, 12, [30], ['A'], format)).toBe(
          t(`${key}.one`, { day: 12, value: '¥30' }),
        );
        expect(chartReading(text, 40, [5, 9, null, 1], ['A', 'B {{day}}', 'X', 'C'], format)).toBe(
          t(`${key}.many`, {
            day: 40,
            top: 'B {{day}}',
            topValue: '¥9',
            bottom: 'C',
            bottomValue: '¥1',
          }),
        );
        expect(chartReading(text, 5, [4, 4], ['A', 'B'], format)).toBe(
          t(`${key}.same`, { day: 5, value: '¥4' }),
        );
        expect(chartReading(text, 5, [null, null], ['A', 'B'], format)).toBe(
          t(`${key}.none`, { day: 5 }),
        );
      }
      expect(fill(t('market.dayOf'), { day: 3, days: 120 })).toBe(
        t('market.dayOf', { day: 3, days: 120 }),
      );
    }
  });
});
