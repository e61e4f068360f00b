/**
 * Debug mode on the Marketplace page: whether the link asks for it, and what the invariant checks
 * found, in words. Pure functions, tested in Node.
 */
import type { StringKey } from '../../i18n/keys.ts';
import type { InvariantReport } from './worker.ts';

/** `debug=1` (or `debug=true`) in the page's hash query turns debug mode on. */
export function debugRequested(query: string): boolean {
  const value = new URLSearchParams(query).get('debug');
  return value === '1' || value === 'true';
}

type Translate = (key: StringKey, vars?: Record<string, string | number>) => string;

/** Numbers in a report: exact enough to show a rounding error, in the reader's language. */
const numberFormats = new Map<string, Intl.NumberFormat>();
function exact(lang: string, value: number): string {
  if (!Number.isFinite(value)) return String(value);
  let f = numberFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(lang, { maximumSignificantDigits: 8 });
    numberFormats.set(lang, f);
  }
  return f.format(value);
}

/** The report in one sentence: the days checked, or the first violation with its numbers. */
export function describeInvariants(
  report: InvariantReport | null,
  labels: readonly string[],
  t: Translate,
  lang: string,
): string {
  if (!report) return '';
  const v = report.violation;
  if (!v) {
    return report.days > 0 ? t('market.debug.held', { days: report.days }) : t('market.debug.none');
  }
  return t(`market.debug.broken.${v.invariant}`, {
    day: v.day,
    run: labels[v.run] ?? String(v.run + 1),
    value: exact(lang, v.value),
    limit: exact(lang, v.limit),
    where:
      v.invariant === 'stock'
        ? Number(v.where) + 1
        : v.invariant === 'finite'
          ? String(v.where)
          : '',
  });
}

/** What the live region says: as the panel, with a broken invariant marked as such. */
export function invariantsSaid(report: InvariantReport | null, text: string, t: Translate): string {
  return report?.violation ? t('market.debug.brokenSaid', { text }) : text;
}
