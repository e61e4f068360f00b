/**
 * What the Marketplace page shows of a run: which metrics, summed or averaged, the comparison
 * table, the CSV export and the share link. Pure functions, tested in Node.
 */
import type { MarketConfig } from '../../engine/market/config.ts';
import { marketSettings } from '../../content/market-settings.ts';
import {
  METRIC_DEFS,
  dailyValues,
  metricOver,
  type Metric,
  type Summary,
  type Unit,
} from '../../engine/market/metrics.ts';

export type { Summary, Unit };

export interface MetricView<M extends Metric = Metric> {
  metric: M;
  summary: Summary;
  unit: Unit;
}

const view = <M extends Metric>(metric: M): MetricView<M> => ({ metric, ...METRIC_DEFS[metric] });

/** The comparison table, in reading order: trade, costs and delivery, risk, who gains. */
const TABLE_METRICS = [
  'gmv',
  'orders',
  'reach',
  'txCostPerOrder',
  'txCostPerUnit',
  'avgPrice',
  'priceSpread',
  'deliveryDays',
  'avgDistance',
  'fraudLosses',
  'failedOrders',
  'returns',
  'avgRating',
  'writeOffs',
  'platformWriteOffs',
  'platformRevenue',
  'platformProfit',
  'sellerProfit',
  'consumerSurplus',
  'activeSellers',
] as const;
/** A metric of the comparison table and the CSV (each has a CSV heading in the UI strings). */
export type TableMetric = (typeof TABLE_METRICS)[number];
export const TABLE: MetricView<TableMetric>[] = TABLE_METRICS.map(view);

/** The charts, day by day. */
const CHART_METRICS = [
  'gmv',
  'orders',
  'txCostPerOrder',
  'avgPrice',
  'deliveryDays',
  'consumerSurplus',
] as const;
/** A charted metric (each has a chart title and readings in the UI strings). */
export type ChartMetric = (typeof CHART_METRICS)[number];
export const CHARTS: MetricView<ChartMetric>[] = CHART_METRICS.map(view);

/** A metric over the first `day` days: a total, a rate of totals, or the level at the end. */
export function summarize(series: Float64Array, v: MetricView, day: number): number | null {
  return day > 0 ? metricOver(series, v.metric, 0, day) : null;
}

/** One metric's daily values (NaN on days with nothing to measure: a gap in the chart). */
export function daily(series: Float64Array, metric: Metric, day: number): Float64Array {
  return dailyValues(series, metric, day);
}

/** Column headings of the CSV: the metrics' names in the reader's language. */
export interface CsvText {
  configuration: string;
  day: string;
  metric: (metric: TableMetric) => string;
}

/**
 * CSV of every metric, every day, every configuration, with headings in the reader's language.
 * A day with nothing to measure is an empty cell, not 0.
 */
export function csvRows(
  text: CsvText,
  labels: readonly string[],
  series: readonly Float64Array[],
  day: number,
): (string | number | null)[][] {
  const metrics = TABLE.map((v) => v.metric);
  const rows: (string | number | null)[][] = [
    [text.configuration, text.day, ...metrics.map(text.metric)],
  ];
  series.forEach((s, c) => {
    const values = metrics.map((m) => dailyValues(s, m, day));
    for (let d = 0; d < day; d++) {
      rows.push([
        labels[c] ?? String(c + 1),
        d + 1,
        ...values.map((v) => {
          const x = v[d]!;
          return Number.isNaN(x) ? null : Number.isInteger(x) ? x : Number(x.toFixed(4));
        }),
      ]);
    }
  });
  return rows;
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

/**
 * The templates of a chart's reading, in the reader's language and in the metric's own grammar
 * (from `t('market.read.<metric>.…')` without values): one setting, several, all alike, none yet.
 */
export interface ReadingText {
  one: string;
  many: string;
  same: string;
  none: string;
}

/** The chart's one-sentence reading: where the metric stands now, and which setting leads. */
export function chartReading(
  text: ReadingText,
  day: number,
  totals: readonly (number | null)[],
  labels: readonly string[],
  format: (value: number) => string,
): string {
  const known = totals.flatMap((v, i) => (v === null ? [] : [i]));
  if (known.length === 0) return fill(text.none, { day });
  if (totals.length < 2) return fill(text.one, { day, value: format(totals[known[0]!]!) });
  let top = known[0]!;
  let bottom = known[0]!;
  for (const i of known) {
    if (totals[i]! > totals[top]!) top = i;
    if (totals[i]! < totals[bottom]!) bottom = i;
  }
  if (format(totals[top]!) === format(totals[bottom]!))
    return fill(text.same, { day, value: format(totals[top]!) });
  return fill(text.many, {
    day,
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

/** What a link carries: settings, nothing, or something damaged (said, never obeyed). */
export type SharedSettings =
  { kind: 'none' } | { kind: 'ok'; params: Partial<MarketConfig> } | { kind: 'damaged' };

/** Read settings from a link; anything malformed or out of range is reported, not obeyed. */
export async function readShareQuery(query: string): Promise<SharedSettings> {
  const p = new URLSearchParams(query).get('p');
  if (p === null) return { kind: 'none' };
  if (p.length > 4000) return { kind: 'damaged' };
  try {
    const b64 = p.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const parsed = await parseParams(
      JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)),
    );
    if (!parsed.success) return { kind: 'damaged' };
    return { kind: 'ok', params: marketSettings(parsed.data) };
  } catch {
    return { kind: 'damaged' };
  }
}
