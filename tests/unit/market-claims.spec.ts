/**
 * Every claim the app makes about a market, as an assertion over seeded runs. A built-in scenario's
 * summary and debrief questions imply claims ("online lowers the transaction cost per order");
 * each is checked here on five seeds, each seed on its own, with a minimum effect size, comparing
 * configurations that share a seed. The same claims are listed, with their mechanism and source,
 * in the model guide's claims table (src/features/market/guide/model.*.md; a test checks that every
 * claim here has its row there).
 */
import { describe, expect, it } from 'vitest';
import { collectFiles, validateFiles } from '../../src/content/node.ts';
import type { Market } from '../../src/content/schema.ts';
import { preset, type MarketConfig } from '../../src/engine/market/config.ts';
import { marketSettings } from '../../src/content/market-settings.ts';
import { metricOver, type Metric } from '../../src/engine/market/metrics.ts';
import { MarketSim } from '../../src/engine/market/sim.ts';

const SEEDS = [1, 2, 3, 4, 5];
const scenarios = validateFiles(collectFiles(['scenarios/market']))
  .files.map((f) => (f.content?.kind === 'market' ? f.content.data : null))
  .filter((m): m is Market => m !== null);

/** A scenario's configuration: its settings (`base`) or one of its comparisons, by English label. */
function config(id: string, which: string, seed: number): MarketConfig {
  const s = scenarios.find((x) => x.id === id);
  if (!s) throw new Error(`no scenario ${id}`);
  const extra = which === 'base' ? {} : s.compare?.find((c) => c.label.en === which)?.params;
  if (!extra) throw new Error(`no comparison “${which}” in ${id}`);
  return preset(s.model, { ...marketSettings(s.params), ...marketSettings(extra), seed });
}

const cache = new Map<string, MarketSim>();
function sim(c: MarketConfig): MarketSim {
  const key = JSON.stringify(c);
  let s = cache.get(key);
  if (!s) {
    s = new MarketSim(c);
    s.run();
    cache.set(key, s);
  }
  return s;
}

/** A metric over days [from, to) of a run (to: the run's end). */
function m(c: MarketConfig, metric: Metric, from = 0, to?: number): number {
  const v = metricOver(sim(c).series, metric, from, to ?? c.days);
  if (v === null) throw new Error(`${metric} has no value`);
  return v;
}

/** On every seed, `check(seed)` holds; returns the per-seed effects, for the report. */
function everySeed(effect: (seed: number) => number, holds: (e: number) => boolean): number[] {
  const effects = SEEDS.map(effect);
  // CLAIMS_REPORT=1 prints each claim's effect on each seed (for the model guide's table).
  if (process.env.CLAIMS_REPORT)
    console.log(
      `${expect.getState().currentTestName}: ${effects.map((e) => +e.toFixed(3)).join(', ')}`,
    );
  effects.forEach((e, i) => expect(holds(e), `seed ${SEEDS[i]}: effect ${e}`).toBe(true));
  return effects;
}
const ratio = (a: number, b: number) => a / b;

describe('online vs offline (online-vs-offline)', () => {
  const on = (seed: number) => config('online-vs-offline', 'base', seed);
  const off = (seed: number) => config('online-vs-offline', 'Offline shopping (baseline)', seed);
  it('online lowers the transaction cost per order by at least a third', () => {
    everySeed(
      (s) => ratio(m(on(s), 'txCostPerOrder'), m(off(s), 'txCostPerOrder')),
      (e) => e < 0.67,
    );
  });
  it('online serves at least 3 points more of the demand', () => {
    everySeed(
      (s) => m(on(s), 'reach') - m(off(s), 'reach'),
      (e) => e > 0.03,
    );
  });
  it('online widens the market: trades reach at least three times as far', () => {
    everySeed(
      (s) => ratio(m(on(s), 'avgDistance'), m(off(s), 'avgDistance')),
      (e) => e > 3,
    );
  });
  it('online, the average price is at least 5% lower and fewer sellers remain', () => {
    everySeed(
      (s) => ratio(m(on(s), 'avgPrice'), m(off(s), 'avgPrice')),
      (e) => e < 0.95,
    );
    everySeed(
      (s) => m(off(s), 'activeSellers') - m(on(s), 'activeSellers'),
      (e) => e > 0,
    );
  });
  it('online, consumers gain at least one and a half times the surplus, and sellers’ profit is at least a third lower', () => {
    everySeed(
      (s) => ratio(m(on(s), 'consumerSurplus'), m(off(s), 'consumerSurplus')),
      (e) => e > 1.5,
    );
    everySeed(
      (s) => ratio(m(on(s), 'sellerProfit'), m(off(s), 'sellerProfit')),
      (e) => e < 0.67,
    );
  });
  it('the offline baseline has no platform: no platform account moves, no returns, no ratings', () => {
    for (const seed of SEEDS) {
      const run = sim(off(seed));
      expect(run.ledger.platform).toBe(0);
      expect(metricOver(run.series, 'platformRevenue')).toBeNull();
      expect(metricOver(run.series, 'platformProfit')).toBeNull();
      expect(metricOver(run.series, 'avgRating')).toBeNull();
      expect(metricOver(run.series, 'returns')).toBe(0);
      expect(metricOver(run.series, 'deliveryDays')).toBe(0);
    }
  });
});

describe('B2B procurement (b2b-procurement)', () => {
  const on = (seed: number) => config('b2b-procurement', 'base', seed);
  const off = (seed: number) => config('b2b-procurement', 'Traditional offline procurement', seed);
  const small = (seed: number) =>
    config('b2b-procurement', 'Small, frequent orders (25 units every 7 days)', seed);
  it('buying online lowers the transaction cost per order by at least 10%', () => {
    everySeed(
      (s) => ratio(m(on(s), 'txCostPerOrder'), m(off(s), 'txCostPerOrder')),
      (e) => e < 0.9,
    );
  });
  it('offline, more than 30% of firms fail to place an order; online, at least 4 points more succeed', () => {
    everySeed(
      (s) => m(off(s), 'reach'),
      (e) => e < 0.7,
    );
    everySeed(
      (s) => m(on(s), 'reach') - m(off(s), 'reach'),
      (e) => e > 0.04,
    );
  });
  it('online, firms trade with suppliers at least three times as far away', () => {
    everySeed(
      (s) => ratio(m(on(s), 'avgDistance'), m(off(s), 'avgDistance')),
      (e) => e > 3,
    );
  });
  it('small, frequent orders cost at least 20% more per unit to transact', () => {
    everySeed(
      (s) => ratio(m(small(s), 'txCostPerUnit'), m(on(s), 'txCostPerUnit')),
      (e) => e > 1.2,
    );
  });
  it('suppliers trading online make a profit', () => {
    everySeed(
      (s) => m(on(s), 'sellerProfit'),
      (e) => e > 0,
    );
  });
});

describe('B2C shops (b2c-shop)', () => {
  const base = (seed: number) => config('b2c-shop', 'base', seed);
  const slow = (seed: number) => config('b2c-shop', 'Slow delivery (7 days)', seed);
  const returns = (seed: number) =>
    config('b2c-shop', "Many returns (e.g. clothes that don't fit)", seed);
  it('a teaching baseline market is viable: sellers and the platform make a profit', () => {
    everySeed(
      (s) => m(base(s), 'sellerProfit'),
      (e) => e > 0,
    );
    everySeed(
      (s) => m(base(s), 'platformProfit'),
      (e) => e > 0,
    );
  });
  it('slow delivery lowers consumer surplus by at least 10% and serves less demand', () => {
    everySeed(
      (s) => ratio(m(slow(s), 'consumerSurplus'), m(base(s), 'consumerSurplus')),
      (e) => e < 0.9,
    );
    everySeed(
      (s) => m(base(s), 'reach') - m(slow(s), 'reach'),
      (e) => e > 0.02,
    );
  });
  it('many returns: at least 2.5 times the returns; sellers’ profit and consumer surplus both fall', () => {
    everySeed(
      (s) => ratio(m(returns(s), 'returns'), m(base(s), 'returns')),
      (e) => e > 2.5,
    );
    everySeed(
      (s) => ratio(m(returns(s), 'sellerProfit'), m(base(s), 'sellerProfit')),
      (e) => e < 0.95,
    );
    everySeed(
      (s) => ratio(m(returns(s), 'consumerSurplus'), m(base(s), 'consumerSurplus')),
      (e) => e < 0.97,
    );
  });
});

describe('C2C second-hand market (c2c-secondhand)', () => {
  const both = (seed: number) => config('c2c-secondhand', 'base', seed);
  const noRatings = (seed: number) => config('c2c-secondhand', 'No ratings shown', seed);
  const noEscrow = (seed: number) => config('c2c-secondhand', 'No escrow', seed);
  const neither = (seed: number) => config('c2c-secondhand', 'Neither ratings nor escrow', seed);
  it('neither ratings nor escrow: fraud losses at least ten times those of any other setting', () => {
    everySeed(
      (s) =>
        m(neither(s), 'fraudLosses') /
        Math.max(
          m(both(s), 'fraudLosses'),
          m(noRatings(s), 'fraudLosses'),
          m(noEscrow(s), 'fraudLosses'),
        ),
      (e) => e > 10,
    );
  });
  it('without ratings: fewer good ratings (10 points) and a lower average price (5%)', () => {
    everySeed(
      (s) => m(both(s), 'avgRating') - m(noRatings(s), 'avgRating'),
      (e) => e > 0.1,
    );
    everySeed(
      (s) => ratio(m(noRatings(s), 'avgPrice'), m(both(s), 'avgPrice')),
      (e) => e < 0.95,
    );
  });
  it('ratings help consumers: surplus is higher with ratings shown', () => {
    everySeed(
      (s) => ratio(m(both(s), 'consumerSurplus'), m(noRatings(s), 'consumerSurplus')),
      (e) => e > 1.005,
    );
  });
  it('escrow cuts fraud losses by at least half and does not hurt consumers', () => {
    everySeed(
      (s) => ratio(m(both(s), 'fraudLosses'), m(noEscrow(s), 'fraudLosses')),
      (e) => e < 0.5,
    );
    everySeed(
      (s) => ratio(m(both(s), 'consumerSurplus'), m(noEscrow(s), 'consumerSurplus')),
      (e) => e > 1,
    );
  });
  it('even with both, some fraud losses remain (payment fraud)', () => {
    everySeed(
      (s) => m(both(s), 'fraudLosses'),
      (e) => e > 0,
    );
  });
});

describe('escrow and payment fraud (c2c-escrow-fraud)', () => {
  const none = (seed: number) => config('c2c-escrow-fraud', 'base', seed);
  const escrow = (seed: number) => config('c2c-escrow-fraud', 'With escrow', seed);
  const secure = (seed: number) =>
    config('c2c-escrow-fraud', 'Escrow and stronger payment security', seed);
  it('escrow cuts fraud losses by at least 25% and does not hurt consumers', () => {
    everySeed(
      (s) => ratio(m(escrow(s), 'fraudLosses'), m(none(s), 'fraudLosses')),
      (e) => e < 0.75,
    );
    everySeed(
      (s) => ratio(m(escrow(s), 'consumerSurplus'), m(none(s), 'consumerSurplus')),
      (e) => e > 1,
    );
  });
  it('in the fraud wave (days 51–65) escrow alone stops little; stronger payment security cuts it by half', () => {
    const wave = (c: MarketConfig) => m(c, 'fraudLosses', 50, 65);
    everySeed(
      (s) => ratio(wave(escrow(s)), wave(none(s))),
      (e) => e > 0.4,
    );
    everySeed(
      (s) => ratio(wave(secure(s)), wave(escrow(s))),
      (e) => e < 0.5,
    );
  });
  it('payment security costs the platform: its profit is at least 20% lower', () => {
    everySeed(
      (s) => ratio(m(secure(s), 'platformProfit'), m(escrow(s), 'platformProfit')),
      (e) => e < 0.8,
    );
  });
});

describe('Double 11 (double-eleven)', () => {
  const tight = (seed: number) => config('double-eleven', 'base', seed);
  const ample = (seed: number) => config('double-eleven', 'Ample logistics capacity', seed);
  it('orders during the sale are at least twice those of the weeks before', () => {
    everySeed(
      (s) => m(tight(s), 'orders', 40, 47) / 7 / (m(tight(s), 'orders', 26, 40) / 14),
      (e) => e > 2,
    );
  });
  it('ample logistics capacity shortens delivery in and after the sale by at least half a day', () => {
    everySeed(
      (s) => m(tight(s), 'deliveryDays', 40, 54) - m(ample(s), 'deliveryDays', 40, 54),
      (e) => e > 0.5,
    );
  });
  it('with ample capacity, delivery time hardly changes in the sale (under 0.1 day)', () => {
    everySeed(
      (s) => Math.abs(m(ample(s), 'deliveryDays', 40, 47) - m(ample(s), 'deliveryDays', 26, 40)),
      (e) => e < 0.1,
    );
  });
  it('write-offs after the sale are at least twice those before it', () => {
    everySeed(
      (s) => ratio(m(tight(s), 'writeOffs', 47, 120), m(tight(s), 'writeOffs', 0, 40) + 1),
      (e) => e > 2,
    );
  });
});

describe('O2O lunch rush (o2o-lunch-peak)', () => {
  const base = (seed: number) => config('o2o-lunch-peak', 'base', seed);
  const staff = (seed: number) => config('o2o-lunch-peak', 'Merchants add staff', seed);
  it('on rush days at least 5% of orders fail; on ordinary days under 1%', () => {
    const failShare = (c: MarketConfig, from: number, to: number) =>
      m(c, 'failedOrders', from, to) / m(c, 'orders', from, to);
    everySeed(
      (s) => failShare(base(s), 20, 25),
      (e) => e > 0.05,
    );
    everySeed(
      (s) => failShare(base(s), 0, 19),
      (e) => e < 0.01,
    );
  });
  it('on rush days demand served falls by at least 5 points', () => {
    everySeed(
      (s) => m(base(s), 'reach', 0, 19) - m(base(s), 'reach', 20, 25),
      (e) => e > 0.05,
    );
  });
  it('merchants adding staff cut failed orders by at least 80%', () => {
    everySeed(
      (s) => ratio(m(staff(s), 'failedOrders'), m(base(s), 'failedOrders')),
      (e) => e < 0.2,
    );
  });
});

describe('operating models (operating-models)', () => {
  const platform = (seed: number) => config('operating-models', 'base', seed);
  const self = (seed: number) => config('operating-models', 'Self-operated', seed);
  const hybrid = (seed: number) => config('operating-models', 'Hybrid (half self-operated)', seed);
  it('write-offs land on the sellers under the platform model, on the platform when self-operated, on both in a hybrid', () => {
    for (const s of SEEDS) {
      expect(m(platform(s), 'platformWriteOffs')).toBe(0);
      expect(m(platform(s), 'writeOffs')).toBeGreaterThan(0);
      expect(m(self(s), 'platformWriteOffs')).toBe(m(self(s), 'writeOffs'));
    }
    everySeed(
      (s) => m(hybrid(s), 'platformWriteOffs') / m(hybrid(s), 'writeOffs'),
      (e) => e > 0.2 && e < 0.8,
    );
  });
  it('the platform model earns from fees; the self-operated platform from sales (revenue ten times as large)', () => {
    everySeed(
      (s) => ratio(m(self(s), 'platformRevenue'), m(platform(s), 'platformRevenue')),
      (e) => e > 10,
    );
  });
  it('a hybrid platform carries part of the stock risk for part of the sales', () => {
    everySeed(
      (s) => ratio(m(hybrid(s), 'platformRevenue'), m(self(s), 'platformRevenue')),
      (e) => e > 0.3 && e < 0.7,
    );
  });
});

/** The model's mechanisms, beyond the scenarios, each against the research it follows. */
describe('mechanisms', () => {
  const b2c = (o: Partial<MarketConfig>, seed: number) => preset('B2C', { ...o, seed });

  it('buyers who compare more sellers pay less (Bakos 1997), yet prices still differ (Brynjolfsson & Smith 2000)', () => {
    everySeed(
      (s) =>
        ratio(
          m(b2c({ searchBreadth: 2 }, s), 'avgPrice', 60),
          m(b2c({ searchBreadth: 12 }, s), 'avgPrice', 60),
        ),
      (e) => e > 1.05,
    );
    everySeed(
      (s) => m(b2c({ searchBreadth: 12 }, s), 'priceSpread', 60),
      (e) => e > 0.02,
    );
  });

  /** The price premium of the best-rated quarter of sellers (honest, ≥ 10 ratings) over the worst-rated quarter. */
  function premium(c: MarketConfig): number {
    const run = sim(c);
    const rated = [...run.price.keys()].filter(
      (j) => run.active[j] && !run.dishonest[j] && run.ratingCount[j]! >= 10,
    );
    rated.sort((a, b) => run.goodShare[a]! - run.goodShare[b]!);
    const q = Math.floor(rated.length / 4);
    const avg = (js: number[]) => js.reduce((a, j) => a + run.price[j]!, 0) / js.length;
    return avg(rated.slice(-q)) / avg(rated.slice(0, q)) - 1;
  }
  it('well-rated sellers earn a price premium of 4–15% (Resnick et al. 2006: about 8%)', () => {
    everySeed(
      (s) => premium(preset('B2C', { seed: s })),
      (e) => e > 0.04 && e < 0.15,
    );
    everySeed(
      (s) => premium(preset('C2C', { seed: s })),
      (e) => e > 0.04 && e < 0.15,
    );
  });
  it('with no ratings yet, a seller is read at the average: no premium for everyone', () => {
    const run = new MarketSim(preset('B2C', { days: 1 }));
    expect([...run.expected].every((e) => e === 1)).toBe(true);
  });

  /** Sales in the 14 days after a seller's first negative rating over the 14 before. */
  function afterFirstNegative(c: MarketConfig): number {
    const run = new MarketSim(c);
    const S = c.sellers;
    const sales = new Int32Array(c.days * S);
    for (let d = 0; d < c.days; d++) {
      run.step();
      sales.set(run.soldToday, d * S);
    }
    let before = 0;
    let after = 0;
    for (let j = 0; j < S; j++) {
      const f = run.firstNegative[j]!;
      if (f < 14 || f + 14 >= c.days) continue;
      for (let d = f - 14; d < f; d++) before += sales[d * S + j]!;
      for (let d = f + 1; d <= f + 14; d++) after += sales[d * S + j]!;
    }
    return after / before;
  }
  it('the first negative rating slows a seller’s sales (Cabral & Hortaçsu 2010), only where ratings are shown', () => {
    everySeed(
      (s) =>
        afterFirstNegative(preset('C2C', { seed: s, reputation: false })) -
        afterFirstNegative(preset('C2C', { seed: s })),
      (e) => e > 0.15,
    );
  });

  it('cross-side effects run both ways: more sellers draw more buyers; more buyers draw more sellers', () => {
    everySeed(
      (s) =>
        ratio(
          m(b2c({ sellers: 200 }, s), 'demand', 0, 30),
          m(b2c({ sellers: 50 }, s), 'demand', 0, 30),
        ),
      (e) => e > 1.15,
    );
    everySeed(
      (s) =>
        m(b2c({ buyers: 4000 }, s), 'activeSellers') - m(b2c({ buyers: 1000 }, s), 'activeSellers'),
      (e) => e >= 5,
    );
  });
  it('a higher commission leaves at least a third fewer active sellers', () => {
    everySeed(
      (s) =>
        ratio(
          m(b2c({ commission: 0.3 }, s), 'activeSellers'),
          m(b2c({ commission: 0.05 }, s), 'activeSellers'),
        ),
      (e) => e < 0.67,
    );
  });

  it('O2O: a rider shortage turns orders away; a parcel-network disruption does not touch O2O, nor riders parcels', () => {
    const o2o = (events: MarketConfig['events'], seed: number) =>
      preset('O2O', { seed, days: 40, events });
    const riders = [{ type: 'riderShortage' as const, start: 20, end: 26, magnitude: 0.85 }];
    const parcels = [{ type: 'logisticsDisruption' as const, start: 20, end: 26, magnitude: 0.7 }];
    everySeed(
      (s) => m(o2o(riders, s), 'failedOrders', 20, 27) - 5 * m(o2o([], s), 'failedOrders', 20, 27),
      (e) => e > 20,
    );
    for (const s of SEEDS) {
      expect(sim(o2o(parcels, s)).series).toEqual(sim(o2o([], s)).series);
      const tight = { capacity: 150 };
      expect(
        sim(
          b2c(
            { ...tight, events: [{ type: 'riderShortage', start: 10, end: 20, magnitude: 0.9 }] },
            s,
          ),
        ).series,
      ).toEqual(sim(b2c(tight, s)).series);
    }
  });

  it('self-operated with its own delivery network: own goods arrive faster in a surge (a mechanism, switched by a setting)', () => {
    const surge = [{ type: 'surge' as const, start: 40, end: 46, magnitude: 4 }];
    const self = (ownLogistics: boolean, seed: number) =>
      preset('B2C', {
        seed,
        operating: 'self',
        capacity: 150,
        ownCapacity: 600,
        ownLogistics,
        events: surge,
      });
    everySeed(
      (s) => m(self(false, s), 'deliveryDays', 40, 54) - m(self(true, s), 'deliveryDays', 40, 54),
      (e) => e > 0.5,
    );
  });

  it('the platform drops its own product lines that lose money', () => {
    // Slow-selling perishables: stock ages past its shelf life and is written off.
    const losing = (seed: number) =>
      preset('B2C', { seed, operating: 'self', demandRate: 0.01, shelfLife: 14 });
    everySeed(
      (s) => m(losing(s), 'activeSellers'),
      (e) => e < 80,
    );
  });

  it('who pays return postage follows the promise: by default the buyer, with free returns the seller', () => {
    const ret = (freeReturns: boolean, seed: number) => b2c({ returnRate: 0.2, freeReturns }, seed);
    everySeed(
      (s) => m(ret(true, s), 'consumerSurplus') - m(ret(false, s), 'consumerSurplus'),
      (e) => e > 0,
    );
    everySeed(
      (s) => m(ret(false, s), 'sellerProfit') - m(ret(true, s), 'sellerProfit'),
      (e) => e > 0,
    );
  });
});
