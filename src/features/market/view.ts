/**
 * What the Marketplace page shows of a run: which metrics, summed or averaged, the comparison
 * table, the CSV export and the share link. Pure functions, tested in Node.
 */
import type { MarketConfig } from '../../engine/market/config.ts';
import { METRICS, M, METRIC_COUNT, type Metric } from '../../engine/market/metrics.ts';

export type Summary = 'sum' | 'mean' | 'last';
export type Unit = 'yuan' | 'count' | 'percent' | 'days' | 'ratio';

export interface MetricView {
  metric: Metric;
  summary: Summary;
  unit: Unit;
}

/** The comparison table, in reading order. */
export const TABLE: MetricView[] = [
  { metric: 'gmv', summary: 'sum', unit: 'yuan' },
  { metric: 'orders', summary: 'sum', unit: 'count' },
  { metric: 'reach', summary: 'mean', unit: 'percent' },
  { metric: 'txCostPerOrder', summary: 'mean', unit: 'yuan' },
  { metric: 'avgPrice', summary: 'mean', unit: 'yuan' },
  { metric: 'priceSpread', summary: 'mean', unit: 'percent' },
  { metric: 'deliveryDays', summary: 'mean', unit: 'days' },
  { metric: 'avgDistance', summary: 'mean', unit: 'ratio' },
  { metric: 'fraudLosses', summary: 'sum', unit: 'yuan' },
  { metric: 'failedOrders', summary: 'sum', unit: 'count' },
  { metric: 'returns', summary: 'sum', unit: 'count' },
  { metric: 'avgRating', summary: 'mean', unit: 'percent' },
  { metric: 'writeOffs', summary: 'sum', unit: 'yuan' },
  { metric: 'platformWriteOffs', summary: 'sum', unit: 'yuan' },
  { metric: 'platformRevenue', summary: 'sum', unit: 'yuan' },
  { metric: 'platformProfit', summary: 'last', unit: 'yuan' },
  { metric: 'sellerProfit', summary: 'last', unit: 'yuan' },
  { metric: 'consumerSurplus', summary: 'sum', unit: 'yuan' },
  { metric: 'activeSellers', summary: 'last', unit: 'count' },
];

/** The charts, day by day. */
export const CHARTS: MetricView[] = [
  'gmv',
  'orders',
  'txCostPerOrder',
  'avgPrice',
  'deliveryDays',
  'activeSellers',
].map((m) => TABLE.find((v) => v.metric === m)!);

/** A metric's summary over the first `day` days. */
export function summarize(series: Float64Array, view: MetricView, day: number): number {
  if (day <= 0) return 0;
  const i = M[view.metric];
  if (view.summary === 'last') return series[(day - 1) * METRIC_COUNT + i] ?? 0;
  let sum = 0;
  let n = 0;
  for (let d = 0; d < day; d++) {
    const v = series[d * METRIC_COUNT + i]!;
    // Averages skip days with nothing to average (no orders, no deliveries).
    if (view.summary === 'mean' && v === 0) continue;
    sum += v;
    n++;
  }
  return view.summary === 'sum' ? sum : n > 0 ? sum / n : 0;
}

/** One metric's daily values. */
export function daily(series: Float64Array, metric: Metric, day: number): Float64Array {
  const out = new Float64Array(day);
  for (let d = 0; d < day; d++) out[d] = series[d * METRIC_COUNT + M[metric]]!;
  return out;
}

/** CSV of every metric, every day, every configuration. */
export function toCsv(
  labels: readonly string[],
  series: readonly Float64Array[],
  day: number,
): string {
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [['configuration', 'day', ...METRICS].join(',')];
  series.forEach((s, c) => {
    for (let d = 0; d < day; d++) {
      const row = METRICS.map((m) => {
        const v = s[d * METRIC_COUNT + M[m]]!;
        return Number.isInteger(v) ? String(v) : v.toFixed(4);
      });
      lines.push([quote(labels[c] ?? String(c)), String(d + 1), ...row].join(','));
    }
  });
  return `${lines.join('\n')}\n`;
}

/**
 * Fill a UI string's `{{name}}` placeholders, as i18next does for these plain ones, but without
 * its lookup on every call: the page fills the same few strings for every chart at every update.
 * Each value goes in as it is (never read again as a template); Svelte escapes the result.
 */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** The templates of a chart's reading, in the reader's language (from `t(key)` without values). */
export interface ReadingText {
  one: string;
  many: string;
}

/** The chart's one-sentence reading: where the metric stands now, and which line leads. */
export function chartReading(
  text: ReadingText,
  day: number,
  metric: string,
  totals: readonly number[],
  labels: readonly string[],
  format: (value: number) => string,
): string {
  if (totals.length < 2) return fill(text.one, { day, metric, value: format(totals[0] ?? 0) });
  let top = 0;
  let bottom = 0;
  totals.forEach((v, i) => {
    if (v > totals[top]!) top = i;
    if (v < totals[bottom]!) bottom = i;
  });
  return fill(text.many, {
    day,
    metric,
    top: labels[top] ?? '',
    topValue: format(totals[top]!),
    bottom: labels[bottom] ?? '',
    bottomValue: format(totals[bottom]!),
  });
}

export interface Shared {
  scenario: string | null;
  params: Partial<MarketConfig>;
}

/** A link that reopens exactly these settings and this seed. */
export function shareQuery(params: Partial<MarketConfig>): string {
  const json = JSON.stringify(params);
  const b64 = btoa(String.fromCharCode(...new TextEncoder().encode(json)));
  return `p=${b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

/**
 * Settings are checked by the content schema (zod), the same rules as a scenario file's. It loads
 * when first needed, so it is not in the way of the page's first paint.
 */
let schema: Promise<typeof import('../../content/schema.ts')> | null = null;
async function parseParams(value: unknown) {
  schema ??= import('../../content/schema.ts');
  return (await schema).MarketParams.safeParse(value);
}

/** Whether settings pass the same checks as a scenario file's `params`. */
export async function paramsValid(params: Partial<MarketConfig>): Promise<boolean> {
  return (await parseParams(params)).success;
}

/** Read settings from a link; anything malformed or out of range is ignored, not obeyed. */
export async function readShareQuery(query: string): Promise<Partial<MarketConfig> | null> {
  const p = new URLSearchParams(query).get('p');
  if (!p || p.length > 4000) return null;
  try {
    const b64 = p.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const parsed = await parseParams(JSON.parse(new TextDecoder().decode(bytes)));
    if (!parsed.success) return null;
    const events = parsed.data.events?.map(({ type, start, end, magnitude }) => ({
      type,
      start,
      end,
      magnitude,
    }));
    return { ...parsed.data, ...(events ? { events } : {}) } as Partial<MarketConfig>;
  } catch {
    return null;
  }
}
