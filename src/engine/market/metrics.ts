/**
 * What a market run records, and what each number shown to a student means — defined here once.
 *
 * The engine writes one row of raw counters per day (`RAW`: amounts and counts that add up over
 * days, or levels at the day's end). Every metric the page shows is a formula over such a row
 * (`METRIC_DEFS`), so a day's value and a whole run's value are the same formula: a run's average
 * price is the sum of prices over the sum of orders, not an average of daily averages. A metric
 * that has nothing to measure (an average on a day without orders, platform revenue where there is
 * no platform) is `null`, never 0.
 */

/** The raw counters, one row per day. */
export const RAW = [
  // Buyers and orders.
  'demand', // buyers who wanted to buy that day
  'looks', // sellers looked at (with stock) during searches
  'orders', // orders placed and paid for
  'units', // units in those orders
  'gmv', // value of orders whose payment reached the seller or the escrow account (refunds not deducted)
  'priceSum', // the unit price of each order, summed (for the average price)
  'priceSq', // … squared (for the spread)
  'distanceSum', // buyer–seller distance of each order, summed
  'txCost', // transaction costs: search (pages or trips), payment fees, delivery, return postage
  'delivered', // orders that reached the buyer
  'deliveryDaysSum', // their days from payment to receipt, summed
  'failedOrders', // damaged, lost, or turned away for lack of capacity (refunded)
  'returns', // orders sent back under the seven-day rule (refunded)
  'ratings', // ratings given
  'goodRatings', // of which good
  'stolen', // payments taken by fraudsters (stolen credentials, fake payment pages)
  'scammed', // paid to a seller who never shipped and not refunded
  // Third-party sellers (平台型 and the third-party side of 混合型), and the platform's own goods.
  'tpRevenue',
  'tpRefunds',
  'tpCogs',
  'tpFees',
  'tpLogistics',
  'tpWriteOffs',
  'tpCompliance',
  'ownRevenue',
  'ownRefunds',
  'ownCogs',
  'ownFees',
  'ownLogistics',
  'ownWriteOffs',
  'ownCompliance',
  // The platform's own income and spending.
  'commissions',
  'listingFees',
  'securitySpend',
  // Consumers.
  'csValue', // what the goods they kept were worth to them
  'csPaid', // what they paid sellers (escrow included)
  'csRefunds', // what came back to them
  'csSearch', // what searching cost them
  'csDelay', // what waiting cost them
  'csReturnPostage', // return postage they paid
  // Levels at the end of the day.
  'inventory', // units in stock
  'activeSellers',
  'tpSellers', // active third-party sellers
  'backlog', // parcels waiting for a courier
  'platform', // 1 where an online platform runs the market, 0 for the offline baseline
  'playerProfit', // the student's shop: profit so far (cash plus stock at cost)
] as const;
export type Raw = (typeof RAW)[number];
export const RAW_COUNT = RAW.length;
export const R = Object.fromEntries(RAW.map((m, i) => [m, i])) as Record<Raw, number>;
/** Counters that are levels at the day's end: a run's value is the last day's. */
const LEVELS: ReadonlySet<Raw> = new Set([
  'inventory',
  'activeSellers',
  'tpSellers',
  'backlog',
  'platform',
  'playerProfit',
]);

/** A row of raw counters: one day's, or several days' added up (levels: the last day's). */
export type RawRow = Readonly<Record<Raw, number>>;

export type Unit = 'yuan' | 'count' | 'percent' | 'days' | 'ratio';
/** How a metric reads over a run: a total, a rate (a ratio of totals) or the level at the end. */
export type Summary = 'sum' | 'rate' | 'last';

export interface MetricDef {
  unit: Unit;
  summary: Summary;
  /** The metric from a row; null when there is nothing to measure. */
  of(r: RawRow): number | null;
}

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

/** Sellers' profit: revenue − refunds − cost of goods sold − fees − logistics − write-offs − compliance. */
function tpProfit(r: RawRow): number {
  return (
    r.tpRevenue - r.tpRefunds - r.tpCogs - r.tpFees - r.tpLogistics - r.tpWriteOffs - r.tpCompliance
  );
}
function ownProfit(r: RawRow): number {
  return (
    r.ownRevenue -
    r.ownRefunds -
    r.ownCogs -
    r.ownFees -
    r.ownLogistics -
    r.ownWriteOffs -
    r.ownCompliance
  );
}

/** Every metric the app shows, defined once. */
export const METRIC_DEFS = {
  gmv: { unit: 'yuan', summary: 'sum', of: (r) => r.gmv },
  orders: { unit: 'count', summary: 'sum', of: (r) => r.orders },
  // Buyers who wanted to buy and received what they ordered (paid for and not lost, stolen or turned away).
  reach: { unit: 'percent', summary: 'rate', of: (r) => ratio(r.delivered, r.demand) },
  conversion: { unit: 'percent', summary: 'rate', of: (r) => ratio(r.orders, r.looks) },
  txCostPerOrder: { unit: 'yuan', summary: 'rate', of: (r) => ratio(r.txCost, r.orders) },
  txCostPerUnit: { unit: 'yuan', summary: 'rate', of: (r) => ratio(r.txCost, r.units) },
  avgPrice: { unit: 'yuan', summary: 'rate', of: (r) => ratio(r.priceSum, r.orders) },
  priceSpread: {
    unit: 'percent',
    summary: 'rate',
    of: (r) => {
      if (r.orders < 2) return null;
      const avg = r.priceSum / r.orders;
      return Math.sqrt(Math.max(0, r.priceSq / r.orders - avg * avg)) / avg;
    },
  },
  deliveryDays: {
    unit: 'days',
    summary: 'rate',
    of: (r) => ratio(r.deliveryDaysSum, r.delivered),
  },
  avgDistance: { unit: 'ratio', summary: 'rate', of: (r) => ratio(r.distanceSum, r.orders) },
  fraudLosses: { unit: 'yuan', summary: 'sum', of: (r) => r.stolen + r.scammed },
  failedOrders: { unit: 'count', summary: 'sum', of: (r) => r.failedOrders },
  returns: { unit: 'count', summary: 'sum', of: (r) => r.returns },
  avgRating: { unit: 'percent', summary: 'rate', of: (r) => ratio(r.goodRatings, r.ratings) },
  writeOffs: { unit: 'yuan', summary: 'sum', of: (r) => r.tpWriteOffs + r.ownWriteOffs },
  platformWriteOffs: {
    unit: 'yuan',
    summary: 'sum',
    of: (r) => (r.platform > 0 ? r.ownWriteOffs : null),
  },
  platformRevenue: {
    unit: 'yuan',
    summary: 'sum',
    // Commissions and listing fees from third-party sellers, and its own goods' sales less refunds.
    of: (r) =>
      r.platform > 0 ? r.commissions + r.listingFees + r.ownRevenue - r.ownRefunds : null,
  },
  platformProfit: {
    unit: 'yuan',
    summary: 'sum',
    // Fees earned, plus its own goods' profit, less what it spends on payment security.
    of: (r) =>
      r.platform > 0 ? r.commissions + r.listingFees + ownProfit(r) - r.securitySpend : null,
  },
  sellerProfit: {
    unit: 'yuan',
    summary: 'sum',
    of: (r) => (r.tpSellers > 0 ? tpProfit(r) : null),
  },
  consumerSurplus: {
    unit: 'yuan',
    summary: 'sum',
    // Value of goods kept − price paid + refunds − search and delay costs − return postage − stolen payments.
    of: (r) =>
      r.csValue - r.csPaid + r.csRefunds - r.csSearch - r.csDelay - r.csReturnPostage - r.stolen,
  },
  inventory: { unit: 'count', summary: 'last', of: (r) => r.inventory },
  activeSellers: { unit: 'count', summary: 'last', of: (r) => r.activeSellers },
  backlog: { unit: 'count', summary: 'last', of: (r) => r.backlog },
  demand: { unit: 'count', summary: 'sum', of: (r) => r.demand },
  playerProfit: { unit: 'yuan', summary: 'last', of: (r) => r.playerProfit },
} satisfies Record<string, MetricDef>;

export type Metric = keyof typeof METRIC_DEFS;
export const METRICS = Object.keys(METRIC_DEFS) as Metric[];

/** A day's raw row, as an object (into `out` when given, to spare allocations in loops). */
export function rawDay(series: Float64Array, day: number, out = {} as Record<Raw, number>): RawRow {
  const row = day * RAW_COUNT;
  for (let k = 0; k < RAW_COUNT; k++) out[RAW[k]!] = series[row + k]!;
  return out;
}

/** Days [from, to) added up: amounts and counts summed, levels from the last day. */
export function rawSum(series: Float64Array, from = 0, to = days(series)): RawRow {
  const out = {} as Record<Raw, number>;
  for (let k = 0; k < RAW_COUNT; k++) {
    const name = RAW[k]!;
    if (LEVELS.has(name)) {
      out[name] = to > from ? series[(to - 1) * RAW_COUNT + k]! : 0;
      continue;
    }
    let sum = 0;
    for (let d = from; d < to; d++) sum += series[d * RAW_COUNT + k]!;
    out[name] = sum;
  }
  return out;
}

/** Days recorded in a series. */
export function days(series: Float64Array): number {
  return Math.floor(series.length / RAW_COUNT);
}

/** A metric on one day (null when there is nothing to measure). */
export function metricAt(series: Float64Array, day: number, metric: Metric): number | null {
  return METRIC_DEFS[metric].of(rawDay(series, day));
}

/** A metric over days [from, to): a total, a rate of totals, or the level at the end. */
export function metricOver(
  series: Float64Array,
  metric: Metric,
  from = 0,
  to = days(series),
): number | null {
  if (to <= from) return null;
  return METRIC_DEFS[metric].of(rawSum(series, from, to));
}

/** A metric's daily values (NaN where there is nothing to measure: a gap in a chart). */
export function dailyValues(
  series: Float64Array,
  metric: Metric,
  count = days(series),
): Float64Array {
  const out = new Float64Array(count);
  const def = METRIC_DEFS[metric];
  const row = {} as Record<Raw, number>;
  for (let d = 0; d < count; d++) out[d] = def.of(rawDay(series, d, row)) ?? Number.NaN;
  return out;
}
