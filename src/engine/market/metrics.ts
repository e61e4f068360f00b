/** The daily metrics of a market run: one row per day in a Float64Array (cheap to send to the page). */
export const METRICS = [
  'gmv',
  'orders',
  'conversion',
  'avgPrice',
  'priceSpread',
  'txCostPerOrder',
  'deliveryDays',
  'platformRevenue',
  'platformProfit',
  'sellerProfit',
  'consumerSurplus',
  'avgRating',
  'fraudLosses',
  'returns',
  'reach',
  'avgDistance',
  'inventory',
  'writeOffs',
  'platformWriteOffs',
  'failedOrders',
  'activeSellers',
  'demand',
  'playerProfit',
] as const;
export type Metric = (typeof METRICS)[number];
export const METRIC_COUNT = METRICS.length;
export const M = Object.fromEntries(METRICS.map((m, i) => [m, i])) as Record<Metric, number>;

/** The value of a metric on a day. */
export function metricAt(series: Float64Array, day: number, metric: Metric): number {
  return series[day * METRIC_COUNT + M[metric]]!;
}

/** Sum (or mean, for rates) of a metric over days [from, to). */
export function total(
  series: Float64Array,
  metric: Metric,
  from = 0,
  to = series.length / METRIC_COUNT,
): number {
  let sum = 0;
  for (let d = from; d < to; d++) sum += series[d * METRIC_COUNT + M[metric]]!;
  return sum;
}

export function mean(
  series: Float64Array,
  metric: Metric,
  from = 0,
  to = series.length / METRIC_COUNT,
): number {
  return to > from ? total(series, metric, from, to) / (to - from) : 0;
}
