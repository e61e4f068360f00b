/**
 * What must hold in every run, every day (the issue: "money is conserved, stock ≥ 0, no order is
 * delivered before it is paid"): checked by the tests, and by the Marketplace page's debug mode
 * after every simulated day.
 */
import { RAW, RAW_COUNT, R } from './metrics.ts';
import type { MarketSim } from './sim.ts';

export const INVARIANTS = ['money', 'stock', 'paidFirst', 'gmv', 'finite'] as const;
export type Invariant = (typeof INVARIANTS)[number];

/** The first thing found wrong, with the numbers that show it. */
export interface Violation {
  invariant: Invariant;
  /** The day it was seen, counting from 1 (after that day's trading). */
  day: number;
  /**
   * What was found, and the bound it broke: money — the accounts' sum and the rounding allowed;
   * stock — the stock and 0; paidFirst — orders delivered and orders paid; gmv — the day's GMV
   * and 0; finite — the value (NaN or ±Infinity) and 0.
   */
  value: number;
  limit: number;
  /** The seller (stock) or the metric (finite), when it is about one. */
  where?: number | string;
}

/** Rounding allowed in the sum of the accounts, relative to the GMV so far. */
export const MONEY_TOLERANCE = 1e-6;

/**
 * Check a simulation's state after its latest day, and its daily metrics from `fromDay` (counting
 * from 0) on. Returns the first violation, or null when everything holds. Money: the accounts
 * (buyers, sellers, platform, logistics, suppliers, tax, fraudsters) sum to zero, up to rounding.
 * Stock: no seller holds fewer than 0 units. Paid first: never more orders delivered than paid.
 * And every day's GMV is ≥ 0, every metric a finite number.
 */
export function checkInvariants(sim: MarketSim, fromDay = 0): Violation | null {
  const s = sim.series;
  const days = sim.day;
  let gmvSoFar = 0;
  for (let d = 0; d < days; d++) {
    const row = d * RAW_COUNT;
    const gmv = s[row + R.gmv]!;
    gmvSoFar += gmv;
    if (d < fromDay) continue;
    for (let m = 0; m < RAW_COUNT; m++) {
      const v = s[row + m]!;
      if (!Number.isFinite(v))
        return { invariant: 'finite', day: d + 1, value: v, limit: 0, where: RAW[m] };
    }
    if (gmv < 0) return { invariant: 'gmv', day: d + 1, value: gmv, limit: 0 };
  }

  const balance = sim.ledgerBalance();
  const tolerance = MONEY_TOLERANCE * Math.max(1, gmvSoFar);
  if (!(Math.abs(balance) < tolerance))
    return { invariant: 'money', day: days, value: balance, limit: tolerance };

  const stock = sim.stock;
  for (let j = 0; j < stock.length; j++) {
    if (stock[j]! < 0)
      return { invariant: 'stock', day: days, value: stock[j]!, limit: 0, where: j };
  }

  if (!(sim.deliveredOrders <= sim.paidOrders)) {
    return { invariant: 'paidFirst', day: days, value: sim.deliveredOrders, limit: sim.paidOrders };
  }
  return null;
}
