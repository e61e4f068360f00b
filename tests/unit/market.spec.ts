/**
 * The marketplace engine: determinism, invariants, and the chapter's claims (and the research the
 * issue cites) as assertions on seeded runs. Each claim compares configurations on the same seeds.
 */
import { describe, expect, it } from 'vitest';
import { preset, type MarketConfig } from '../../src/engine/market/config.ts';
import { M, METRIC_COUNT, mean, total, metricAt } from '../../src/engine/market/metrics.ts';
import { createHash } from 'node:crypto';
import { checkInvariants } from '../../src/engine/market/invariants.ts';
import { MarketSim, simulate } from '../../src/engine/market/sim.ts';

const SEEDS = [1, 2, 3];
/** The mean over seeds of a summary of a run. */
function over(
  config: Partial<MarketConfig> & { model: MarketConfig['model'] },
  f: (s: Float64Array) => number,
) {
  const { model, ...rest } = config;
  return (
    SEEDS.map((seed) => f(simulate(preset(model, { ...rest, seed })))).reduce((a, b) => a + b) /
    SEEDS.length
  );
}

describe('determinism and invariants', () => {
  it('the same configuration and seed give identical metrics; another seed differs', () => {
    const a = simulate(preset('C2C', { seed: 7, days: 60 }));
    const b = simulate(preset('C2C', { seed: 7, days: 60 }));
    const c = simulate(preset('C2C', { seed: 8, days: 60 }));
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    expect(Buffer.from(a.buffer).equals(Buffer.from(c.buffer))).toBe(false);
  });

  it.each(['B2B', 'B2C', 'C2C', 'O2O'] as const)(
    '%s: money is conserved, stock never negative, nothing delivered unpaid, every day; metrics are finite',
    (model) => {
      for (const operating of ['platform', 'self', 'hybrid'] as const) {
        const sim = new MarketSim(
          preset(model, {
            operating,
            days: 90,
            events: [
              { type: 'surge', start: 30, end: 35, magnitude: 4 },
              { type: 'fraudWave', start: 40, end: 50, magnitude: 5 },
              { type: 'regulation', start: 60, end: 89, magnitude: 2 },
            ],
          }),
        );
        while (sim.day < sim.config.days) {
          sim.step();
          expect(checkInvariants(sim, sim.day - 1)).toBeNull();
        }
        expect(sim.paidOrders).toBeGreaterThan(0);
        expect(sim.series.every(Number.isFinite)).toBe(true);
      }
    },
  );

  it('the invariant check passes on an untouched run and names what a tampered state breaks', () => {
    const fresh = () => {
      const sim = new MarketSim(preset('C2C', { days: 20 }));
      sim.run();
      return sim;
    };
    const clean = fresh();
    expect(checkInvariants(clean)).toBeNull();
    expect(clean.deliveredOrders).toBeGreaterThan(0);
    expect(clean.deliveredOrders).toBeLessThanOrEqual(clean.paidOrders);

    // Money made from nothing: ¥500 more in the buyers' account.
    const money = fresh();
    money.ledger.buyers += 500;
    expect(checkInvariants(money)).toEqual({
      invariant: 'money',
      day: 20,
      value: expect.closeTo(500, 3),
      limit: expect.any(Number),
    });
    // A seller with fewer than no units.
    const stock = fresh();
    stock.stock[7] = -3;
    expect(checkInvariants(stock)).toEqual({
      invariant: 'stock',
      day: 20,
      value: -3,
      limit: 0,
      where: 7,
    });
    // An order delivered that nobody paid for.
    const unpaid = fresh();
    unpaid.deliveredOrders = unpaid.paidOrders + 1;
    expect(checkInvariants(unpaid)).toMatchObject({
      invariant: 'paidFirst',
      day: 20,
      value: unpaid.paidOrders + 1,
      limit: unpaid.paidOrders,
    });
    // A day's GMV below zero, and a metric that is not a number: the earliest day is reported,
    // and rows before `fromDay` are taken as already checked.
    const rows = fresh();
    rows.series[4 * METRIC_COUNT + M.gmv] = -1;
    rows.series[9 * METRIC_COUNT + M.avgPrice] = NaN;
    expect(checkInvariants(rows)).toEqual({ invariant: 'gmv', day: 5, value: -1, limit: 0 });
    expect(checkInvariants(rows, 5)).toMatchObject({
      invariant: 'finite',
      day: 10,
      where: 'avgPrice',
    });
    expect(checkInvariants(rows, 10)).toBeNull();
  });

  it.each([
    ['B2C', 'platform', '9959d9cd36a28e6a'],
    ['B2C', 'hybrid', 'd82f18b04f0c64fc'],
    ['C2C', 'platform', '766e01a8f2a7d369'],
    ['B2B', 'hybrid', 'ce9d7d8d23021ad7'],
    ['O2O', 'platform', '7000dc90c0ca82e1'],
  ] as const)(
    '%s %s: a seeded year is pinned (metrics, ledger, stock, prices, PRNG state)',
    (model, operating, fingerprint) => {
      const sim = new MarketSim(
        preset(model, {
          days: 365,
          seed: 42,
          operating,
          events: [{ type: 'surge', start: 30, end: 35, magnitude: 4 }],
        }),
      );
      sim.run();
      const hash = createHash('sha256');
      hash.update(Buffer.from(sim.series.buffer));
      hash.update(JSON.stringify(sim.ledger));
      hash.update(JSON.stringify(sim.random.state()));
      hash.update(Buffer.from(sim.stock.buffer));
      hash.update(Buffer.from(sim.price.buffer));
      expect(hash.digest('hex').slice(0, 16)).toBe(fingerprint);
    },
  );

  it.each([
    ['O2O', { o2oRadius: 0.15 }],
    ['O2O', { o2oRadius: 0.04, buyers: 3000, sellers: 500 }],
    ['O2O', { o2oRadius: 0.6 }],
    ['O2O', { o2oRadius: 2 }],
    ['B2C', { online: false }],
  ] as const)('%s %o: each buyer reaches exactly the sellers within the radius', (model, o) => {
    const sim = new MarketSim(preset(model, { ...o, days: 1 }));
    const radius = model === 'O2O' ? sim.config.o2oRadius : sim.config.offlineRadius;
    const start = [0];
    const list: number[] = [];
    for (let i = 0; i < sim.config.buyers; i++) {
      for (let j = 0; j < sim.config.sellers; j++) {
        const dx = sim.bx[i]! - sim.sx[j]!;
        const dy = sim.by[i]! - sim.sy[j]!;
        if (dx * dx + dy * dy <= radius * radius) list.push(j);
      }
      start.push(list.length);
    }
    expect([...sim.nearStart!]).toEqual(start);
    expect([...sim.nearList!]).toEqual(list);
  });
});

describe('what the chapter claims, seen in the model', () => {
  it('1. online vs the offline baseline: lower transaction cost per order, wider reach, more trades', () => {
    const online = { model: 'B2C' as const };
    const offline = { model: 'B2C' as const, online: false };
    expect(over(online, (s) => mean(s, 'txCostPerOrder'))).toBeLessThan(
      0.7 * over(offline, (s) => mean(s, 'txCostPerOrder')),
    );
    expect(over(online, (s) => mean(s, 'reach'))).toBeGreaterThan(
      over(offline, (s) => mean(s, 'reach')) + 0.1,
    );
    expect(over(online, (s) => mean(s, 'avgDistance'))).toBeGreaterThan(
      3 * over(offline, (s) => mean(s, 'avgDistance')),
    );
    expect(over(online, (s) => total(s, 'orders'))).toBeGreaterThan(
      1.05 * over(offline, (s) => total(s, 'orders')),
    );
  });

  it('2. more sellers compared per search: lower average price and less spread (yet spread persists)', () => {
    const price = (k: number) =>
      over({ model: 'B2C', searchBreadth: k }, (s) => mean(s, 'avgPrice', 60));
    const spread = (k: number) =>
      over({ model: 'B2C', searchBreadth: k }, (s) => mean(s, 'priceSpread', 60));
    expect(price(2)).toBeGreaterThan(price(8) * 1.1);
    expect(price(8)).toBeGreaterThan(price(16));
    expect(spread(2)).toBeGreaterThan(spread(16));
    expect(spread(16)).toBeGreaterThan(0.02);
  });

  it('3. C2C with ratings: fraud falls, good sellers earn a premium, a first negative slows sales', () => {
    const noEscrow = { model: 'C2C' as const, escrow: false };
    expect(over({ ...noEscrow, reputation: true }, (s) => total(s, 'fraudLosses'))).toBeLessThan(
      0.3 * over({ ...noEscrow, reputation: false }, (s) => total(s, 'fraudLosses')),
    );
    let premium = 0;
    let slowdown = 0;
    for (const seed of SEEDS) {
      const sim = new MarketSim(preset('C2C', { seed, days: 150 }));
      const daily: Int32Array[] = [];
      while (sim.day < sim.config.days) {
        sim.step();
        daily.push(sim.soldToday.slice());
      }
      // Premium: price of well-rated honest sellers over poorly rated ones, at the end.
      const score = (j: number) => (sim.ratingSum[j]! + 1.5) / (sim.ratingCount[j]! + 2);
      const honest = [...sim.price.keys()].filter(
        (j) => !sim.dishonest[j] && sim.ratingCount[j]! >= 5,
      );
      honest.sort((a, b) => score(a) - score(b));
      const q = Math.floor(honest.length / 4);
      const avg = (js: number[]) => js.reduce((a, j) => a + sim.price[j]!, 0) / js.length;
      premium += avg(honest.slice(-q)) / avg(honest.slice(0, q)) - 1;
      // Sales in the 20 days before and after an honest seller's first negative rating.
      let before = 0;
      let after = 0;
      for (const j of honest) {
        const d = sim.firstNegative[j]!;
        if (d < 20 || d > sim.config.days - 21) continue;
        for (let t = d - 20; t < d; t++) before += daily[t]![j]!;
        for (let t = d + 1; t <= d + 20; t++) after += daily[t]![j]!;
      }
      slowdown += after / Math.max(1, before);
    }
    expect(premium / SEEDS.length).toBeGreaterThan(0.03);
    expect(slowdown / SEEDS.length).toBeLessThan(0.9);
  });

  it('4. escrow (担保交易) cuts C2C fraud losses', () => {
    expect(over({ model: 'C2C', escrow: true }, (s) => total(s, 'fraudLosses'))).toBeLessThan(
      0.8 * over({ model: 'C2C', escrow: false }, (s) => total(s, 'fraudLosses')),
    );
  });

  it('5. a demand shock leaves write-offs on the platform’s books when self-operated, on sellers’ under platform', () => {
    const surge = [{ type: 'surge' as const, start: 40, end: 46, magnitude: 4 }];
    const self = (events: typeof surge | []) =>
      simulate(preset('B2C', { operating: 'self', events }));
    const platform = (events: typeof surge | []) =>
      simulate(preset('B2C', { operating: 'platform', events }));
    const selfShock = self(surge);
    const platformShock = platform(surge);
    expect(total(selfShock, 'platformWriteOffs')).toBe(total(selfShock, 'writeOffs'));
    expect(total(selfShock, 'writeOffs')).toBeGreaterThan(3 * total(self([]), 'writeOffs'));
    expect(total(platformShock, 'platformWriteOffs')).toBe(0);
    expect(total(platformShock, 'writeOffs')).toBeGreaterThan(3 * total(platform([]), 'writeOffs'));
  });

  it('6. a higher commission leaves fewer active sellers; more sellers draw more buyers', () => {
    const active = (commission: number) =>
      over({ model: 'B2C', commission }, (s) => metricAt(s, 119, 'activeSellers'));
    expect(active(0.3)).toBeLessThan(0.7 * active(0.05));
    const demand = (sellers: number) =>
      over({ model: 'B2C', sellers }, (s) => total(s, 'demand', 0, 30));
    expect(demand(200)).toBeGreaterThan(1.15 * demand(50));
  });

  it('7. O2O: trade stays within the radius; reliability falls when a peak exceeds capacity', () => {
    const radius = preset('O2O').o2oRadius;
    const base = simulate(preset('O2O'));
    for (let d = 0; d < 120; d++)
      expect(metricAt(base, d, 'avgDistance')).toBeLessThanOrEqual(radius);
    const peak = simulate(
      preset('O2O', { events: [{ type: 'surge', start: 40, end: 46, magnitude: 4 }] }),
    );
    const failRate = (s: Float64Array, from: number, to: number) =>
      total(s, 'failedOrders', from, to) / total(s, 'orders', from, to);
    expect(failRate(peak, 40, 47)).toBeGreaterThan(5 * failRate(base, 40, 47) + 0.02);
  });

  it('8. 双十一: orders jump, and delivery takes longer where logistics capacity binds', () => {
    const events = [{ type: 'surge' as const, start: 40, end: 46, magnitude: 4 }];
    const tight = simulate(preset('B2C', { capacity: 150, events }));
    expect(mean(tight, 'orders', 40, 47)).toBeGreaterThan(2 * mean(tight, 'orders', 25, 39));
    expect(mean(tight, 'deliveryDays', 40, 47)).toBeGreaterThan(
      mean(tight, 'deliveryDays', 25, 39) + 0.2,
    );
    const ample = simulate(preset('B2C', { capacity: 5000, events }));
    expect(mean(ample, 'deliveryDays', 40, 47)).toBeCloseTo(mean(ample, 'deliveryDays', 25, 39), 5);
  });
});

describe('game mode', () => {
  it('the student’s seller keeps the price the student set; the bots never change it', () => {
    const sim = new MarketSim(preset('B2C', { player: 0, days: 40 }));
    sim.decide({ price: 123, restock: 30 });
    for (let d = 0; d < 40; d++) sim.step();
    expect(sim.price[0]).toBe(123);
    expect(sim.active[0]).toBe(1);
    expect(Math.abs(sim.ledgerBalance())).toBeLessThan(1e-6 * total(sim.series, 'gmv'));
  });

  it('decisions are deterministic and change the outcome; out-of-range decisions are clamped', () => {
    const play = (commission: number) => {
      const sim = new MarketSim(preset('B2C', { days: 60 }));
      sim.decide({ commission, paymentSecurity: 5, escrow: false });
      sim.run();
      return { sim, profit: sim.ledger.platform };
    };
    expect(play(0.1).profit).toBe(play(0.1).profit);
    expect(play(0.2).profit).not.toBe(play(0.1).profit);
    const wild = play(9);
    expect(wild.sim.config.commission).toBe(0.5);
    expect(wild.sim.config.paymentSecurity).toBe(0.99);
  });

  it('decisions never change the configuration the caller passed in', () => {
    const config = preset('C2C', { days: 10 });
    new MarketSim(config).decide({ commission: 0.3 });
    expect(config.commission).toBe(0.05);
  });
});
