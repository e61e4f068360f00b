import { describe, expect, it } from 'vitest';
import { preset } from '../../src/engine/market/config.ts';
import { checkInvariants } from '../../src/engine/market/invariants.ts';
import { metricOver } from '../../src/engine/market/metrics.ts';
import { MarketSim, RETURN_DAYS } from '../../src/engine/market/sim.ts';

/** Several seats held by people at once (the classroom), beside the bots. */
describe('seats people hold', () => {
  it('several held sellers keep their own prices and stock; the bots reprice theirs', () => {
    const sim = new MarketSim(preset('B2C', { days: 28, seed: 3 }));
    sim.holdSeller(5, true);
    sim.holdSeller(6, true);
    sim.decideFor(5, { price: 130, restock: 10 });
    sim.decideFor(6, { price: 95 });
    const stock5 = sim.stock[5]!;
    const botPrice = sim.price[7]!;
    for (let d = 0; d < 28; d++) sim.step();
    expect(sim.price[5]).toBe(130);
    expect(sim.price[6]).toBe(95);
    // No restock by the bot: what is left is what the holder bought, less what sold.
    expect(sim.stock[5]! + sim.unitsSold[5]!).toBe(stock5);
    expect(sim.price[7]).not.toBe(botPrice);
    expect(checkInvariants(sim)).toBeNull();
  });

  it('a seat given back to the bot is run by the bot again', () => {
    const sim = new MarketSim(preset('B2C', { days: 40, seed: 4 }));
    sim.holdSeller(2, true);
    sim.decideFor(2, { price: 300 });
    for (let d = 0; d < 10; d++) sim.step();
    expect(sim.price[2]).toBe(300);
    sim.holdSeller(2, false);
    for (let d = 0; d < 20; d++) sim.step();
    expect(sim.price[2]).toBeLessThan(300);
  });

  it('runs without held seats exactly as before (the same draws)', () => {
    const a = new MarketSim(preset('C2C', { days: 30, seed: 9 })).run();
    const sim = new MarketSim(preset('C2C', { days: 30, seed: 9 }));
    sim.holdSeller(3, false);
    expect(sim.run()).toEqual(a);
  });

  it("a held buyer's order is paid, shipped and counted like any other; rated and returned once", () => {
    const sim = new MarketSim(
      preset('B2C', { days: 30, seed: 5, dishonestShare: 0, damageRate: 0 }),
    );
    sim.holdBuyer(0, true);
    for (let d = 0; d < 3; d++) sim.step();
    const before = sim.ledger.buyers;
    const id = sim.order(0, 4, 2);
    expect(sim.humanOrders[id]!.status).toBe('queued');
    sim.step();
    const o = sim.humanOrders[id]!;
    expect(['delivered', 'stolen']).toContain(o.status);
    expect(o.price).toBeGreaterThan(0);
    expect(sim.ledger.buyers).toBeLessThan(before);
    expect(checkInvariants(sim)).toBeNull();
    if (o.status !== 'delivered') return;
    expect(sim.rateOrder(id, true)).toBe(true);
    expect(sim.rateOrder(id, false)).toBe(false);
    const ratings = sim.ratingCount[4]!;
    const returnsBefore = metricOver(sim.series, 'returns', 0, sim.day) ?? 0;
    expect(sim.returnOrder(id)).toBe(true);
    expect(sim.returnOrder(id)).toBe(false);
    sim.step();
    expect(sim.ratingCount[4]).toBeGreaterThanOrEqual(ratings + 1);
    expect(metricOver(sim.series, 'returns', 0, sim.day)).toBeGreaterThan(returnsBefore);
    expect(sim.humanOrders[id]!.status).toBe('returned');
    expect(checkInvariants(sim)).toBeNull();
  });

  it('refuses a return after the seven days', () => {
    const sim = new MarketSim(preset('B2C', { days: 30, seed: 6, damageRate: 0 }));
    sim.holdBuyer(1, true);
    sim.step();
    const id = sim.order(1, 3, 1);
    for (let d = 0; d < RETURN_DAYS + 6; d++) sim.step();
    if (sim.humanOrders[id]!.status === 'delivered') expect(sim.returnOrder(id)).toBe(false);
    else expect(sim.humanOrders[id]!.status).not.toBe('queued');
  });

  it('an order from a sold-out seller is not placed', () => {
    const sim = new MarketSim(preset('B2C', { days: 10, seed: 7 }));
    sim.holdSeller(8, true);
    sim.stock[8] = 0;
    sim.holdBuyer(0, true);
    const id = sim.order(0, 8, 1);
    sim.step();
    expect(sim.humanOrders[id]!.status).toBe('soldOut');
    expect(checkInvariants(sim)).toBeNull();
  });

  it('fulfilment through the platform only where it runs its own network', () => {
    const plain = new MarketSim(preset('B2C', { days: 5 }));
    expect(plain.setFulfilment(1, true)).toBe(false);
    const jd = new MarketSim(preset('B2C', { days: 5, ownLogistics: true, operating: 'hybrid' }));
    expect(jd.setFulfilment(90, true)).toBe(true);
    expect(jd.viaPlatform[90]).toBe(1);
  });

  it('the courier and platform decisions change the market', () => {
    const sim = new MarketSim(preset('B2C', { days: 5 }));
    sim.decide({ capacity: 50, shippingCost: 12, selfShare: 0.3 });
    expect(sim.config.capacity).toBe(50);
    expect(sim.config.shippingCost).toBe(12);
    expect(sim.config.selfShare).toBe(0.3);
  });
});
