/**
 * The marketplace engine: determinism, invariants, what each metric means (on a market small enough
 * to compute by hand, and as identities between the accounts), and seller entry. The claims the
 * scenarios make are in market-claims.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { preset, type MarketConfig } from '../../src/engine/market/config.ts';
import { R, RAW_COUNT, metricOver } from '../../src/engine/market/metrics.ts';
import { createHash } from 'node:crypto';
import { checkInvariants } from '../../src/engine/market/invariants.ts';
import { EVENT_FIELDS, MarketSim, simulate, worth } from '../../src/engine/market/sim.ts';

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
    rows.series[4 * RAW_COUNT + R.gmv] = -1;
    rows.series[9 * RAW_COUNT + R.priceSum] = NaN;
    expect(checkInvariants(rows)).toEqual({ invariant: 'gmv', day: 5, value: -1, limit: 0 });
    expect(checkInvariants(rows, 5)).toMatchObject({
      invariant: 'finite',
      day: 10,
      where: 'priceSum',
    });
    expect(checkInvariants(rows, 10)).toBeNull();
  });

  it.each([
    ['B2C', 'platform', 'c6c3fe5bf25bb6df'],
    ['B2C', 'hybrid', '178fdd7f6d902811'],
    ['C2C', 'platform', 'e95e235dfe627998'],
    ['B2B', 'hybrid', '7182b197631ab28c'],
    ['O2O', 'platform', '753cd3472dd2b6ac'],
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

describe('what each metric means', () => {
  it('on a market small enough to compute by hand (20 buyers, 2 sellers, 3 days)', () => {
    const config = preset('B2C', {
      buyers: 20,
      sellers: 2,
      days: 3,
      seed: 3,
      demandRate: 1,
      searchBreadth: 2,
      paymentSecurity: 1, // no payment fraud
      damageRate: 0,
      returnRate: 0,
      listingFee: 1,
      commission: 0.1,
      shippingCost: 4,
    });
    const sim = new MarketSim(config);
    const cost = [...sim.cost];
    const price = [...sim.price];
    const stockAtStart = [...sim.stock];
    // Every order of the day is noted (a few a day: fewer than the sample's size).
    const orders: { buyer: number; seller: number; days: number }[] = [];
    for (let d = 0; d < 3; d++) {
      sim.step();
      for (let e = 0; e < sim.eventCount; e++) {
        const at = e * EVENT_FIELDS;
        expect(sim.events[at]).toBe(0); // delivered
        orders.push({
          buyer: sim.events[at + 1]!,
          seller: sim.events[at + 2]!,
          days: sim.events[at + 3]!,
        });
      }
    }
    expect(orders.length).toBeGreaterThan(0);
    // Prices are reviewed weekly: none changed in three days.
    expect([...sim.price]).toEqual(price);
    let revenue = 0;
    let cogs = 0;
    let valueKept = 0;
    let delay = 0;
    for (const o of orders) {
      revenue += price[o.seller]!;
      cogs += cost[o.seller]!;
      valueKept += sim.value[o.buyer]! * worth(sim.quality[o.seller]!);
      delay += 0.02 * o.days * price[o.seller]!;
      expect(o.days).toBe(2);
    }
    const units = orders.length;
    // Sellers' profit = revenue − cost of goods sold − fees − logistics − refunds − write-offs.
    const fees = revenue * (0.1 + 0.006) + 1 * 2 * 3;
    const profit = revenue - cogs - fees - 4 * units;
    expect(metricOver(sim.series, 'sellerProfit')).toBeCloseTo(profit, 6);
    expect(metricOver(sim.series, 'gmv')).toBeCloseTo(revenue, 6);
    expect(metricOver(sim.series, 'orders')).toBe(units);
    expect(metricOver(sim.series, 'avgPrice')).toBeCloseTo(revenue / units, 6);
    // Stock is valued at cost: profit is the change in cash plus stock at cost.
    const worthNow = [0, 1].reduce((a, j) => a + sim.cash[j]! + sim.stock[j]! * sim.cost[j]!, 0);
    expect(worthNow).toBeCloseTo(profit, 6);
    expect([0, 1].reduce((a, j) => a + stockAtStart[j]! - sim.stock[j]!, 0)).toBeLessThanOrEqual(
      units,
    );
    // Consumer surplus = value of goods received − price paid − search and delay costs.
    const search = metricOver(sim.series, 'demand')! * 2 * config.searchCostOnline;
    expect(metricOver(sim.series, 'consumerSurplus')).toBeCloseTo(
      valueKept - revenue - search - delay,
      6,
    );
    // The platform: commission and listing fees, less its security spending (none at the
    // basic level … here 1.0, the full 400 a day).
    expect(metricOver(sim.series, 'platformRevenue')).toBeCloseTo(revenue * 0.1 + 6, 6);
    expect(metricOver(sim.series, 'platformProfit')).toBeCloseTo(revenue * 0.1 + 6 - 3 * 400, 6);
    // Averages over days with nothing to average are null, not 0.
    expect(metricOver(sim.series, 'avgRating')).not.toBeNull();
    expect(metricOver(sim.series, 'platformWriteOffs')).toBe(0);
  });

  it.each([
    ['B2C', 'platform', {}],
    ['B2C', 'hybrid', { returnRate: 0.2, freeReturns: true }],
    ['C2C', 'platform', { escrow: false, dishonestShare: 0.2 }],
    ['B2B', 'self', {}],
    ['O2O', 'hybrid', { events: [{ type: 'surge', start: 10, end: 15, magnitude: 5 }] }],
    ['B2C', 'self', { online: false }],
  ] as const)(
    '%s %s %o: profit is cash plus stock at cost; consumer surplus matches the buyers’ account',
    (model, operating, extra) => {
      const sim = new MarketSim(
        preset(model, { operating, days: 90, ...extra } as Partial<MarketConfig>),
      );
      sim.run();
      const tp = metricOver(sim.series, 'sellerProfit');
      if (tp !== null) expect(tp).toBeCloseTo(sim.ledger.sellers + sim.stockValue(0), 4);
      const platform = metricOver(sim.series, 'platformProfit');
      if (sim.hasPlatform) expect(platform).toBeCloseTo(sim.ledger.platform + sim.stockValue(1), 4);
      else expect(platform).toBeNull();
      // What buyers kept in value, less their waiting, plus the change in their money.
      let value = 0;
      let delay = 0;
      for (let d = 0; d < sim.day; d++) {
        value += sim.series[d * RAW_COUNT + R.csValue]!;
        delay += sim.series[d * RAW_COUNT + R.csDelay]!;
      }
      expect(metricOver(sim.series, 'consumerSurplus')).toBeCloseTo(
        value - delay + sim.ledger.buyers,
        4,
      );
    },
  );

  it('the offline baseline: no platform account ever moves, no returns, no escrow, no ratings', () => {
    const sim = new MarketSim(preset('C2C', { online: false, escrow: true, days: 60 }));
    while (sim.day < 60) {
      sim.step();
      expect(sim.ledger.platform).toBe(0);
    }
    const row = (name: keyof typeof R) =>
      metricOver(sim.series, 'orders') !== null &&
      sim.series.filter((_, k) => k % RAW_COUNT === R[name]).reduce((a, b) => a + b, 0);
    expect(row('returns')).toBe(0);
    expect(row('commissions')).toBe(0);
    expect(row('listingFees')).toBe(0);
    expect(row('ratings')).toBe(0);
    expect(row('scammed')).toBe(0); // the goods change hands at the counter
    expect(metricOver(sim.series, 'platformRevenue')).toBeNull();
    expect(metricOver(sim.series, 'avgRating')).toBeNull();
    expect(metricOver(sim.series, 'orders')).toBeGreaterThan(0);
  });

  it('averages over days with no trades are null, not 0', () => {
    const sim = new MarketSim(preset('B2C', { days: 5, demandRate: 0 }));
    sim.run();
    expect(metricOver(sim.series, 'avgPrice')).toBeNull();
    expect(metricOver(sim.series, 'deliveryDays')).toBeNull();
    expect(metricOver(sim.series, 'reach')).toBeNull();
    expect(metricOver(sim.series, 'orders')).toBe(0);
  });
});

describe('a seller who joins', () => {
  it('starts afresh: its own cost and price (above its floor), no cash, ratings or history', () => {
    const sim = new MarketSim(
      preset('B2C', { sellers: 40, buyers: 4000, days: 200, commission: 0.02 }),
    );
    const joined = new Set<number>();
    let leftCash = 0;
    while (sim.day < sim.config.days) {
      const before = [...sim.active];
      const cashBefore = [...sim.cash];
      sim.step();
      sim.active.forEach((a, j) => {
        if (a && !before[j]) {
          joined.add(j);
          leftCash += Math.abs(cashBefore[j]!);
          // A newcomer: no ratings, no sales yet beyond today's, its price at least its floor.
          expect(sim.ratingCount[j]).toBeLessThanOrEqual(1);
          const floor = (sim.cost[j]! + 8) / (1 - 0.02 - 0.006);
          expect(sim.price[j]).toBeGreaterThanOrEqual(floor);
          // Its worth is its stock: it paid for it with its own money, nothing inherited.
          expect(sim.cash[j]! + sim.stock[j]! * sim.cost[j]!).toBeCloseTo(0, 6);
        }
      });
    }
    expect(joined.size).toBeGreaterThan(0);
    expect(leftCash).toBeGreaterThan(0); // those slots had a previous owner's money, not carried over
    expect(checkInvariants(sim)).toBeNull();
  });
});

describe('game mode', () => {
  it('the student’s seller keeps the price the student set; the bots never change it', () => {
    const sim = new MarketSim(preset('B2C', { player: 0, days: 40 }));
    sim.decide({ price: 123, restock: 30 });
    for (let d = 0; d < 40; d++) sim.step();
    expect(sim.price[0]).toBe(123);
    expect(sim.active[0]).toBe(1);
    expect(Math.abs(sim.ledgerBalance())).toBeLessThan(1e-6 * metricOver(sim.series, 'gmv')!);
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

  it('the student’s unsold stock ages like anyone’s: past its shelf life it is written off', () => {
    const sim = new MarketSim(preset('B2C', { player: 0, days: 30, shelfLife: 10, demandRate: 0 }));
    sim.decide({ restock: 50 });
    const before = sim.stock[0]!;
    for (let d = 0; d < 12; d++) sim.step();
    expect(before).toBeGreaterThan(0);
    expect(sim.stock[0]).toBe(0);
    expect(metricOver(sim.series, 'writeOffs')).toBeGreaterThanOrEqual(before * sim.cost[0]!);
    // Profit counts the loss: the shop is worth what it paid, less what it wrote off.
    expect(metricOver(sim.series, 'playerProfit', 0, sim.day)).toBeLessThan(0);
  });

  it('decisions never change the configuration the caller passed in', () => {
    const config = preset('C2C', { days: 10 });
    new MarketSim(config).decide({ commission: 0.3 });
    expect(config.commission).toBe(0.05);
  });
});
