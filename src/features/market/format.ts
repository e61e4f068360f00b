/** Numbers on the Marketplace page, in the reader's language. */
import type { Unit } from './view.ts';

const cache = new Map<string, (value: number) => string>();

/** A formatter per language and unit, made once (Intl formatters are costly to build). */
export function formatter(lang: string, unit: Unit): (value: number) => string {
  const key = `${lang}|${unit}`;
  let f = cache.get(key);
  if (!f) {
    f = build(lang, unit);
    cache.set(key, f);
  }
  return f;
}

function build(lang: string, unit: Unit): (value: number) => string {
  const n = new Intl.NumberFormat(lang, { maximumFractionDigits: unit === 'count' ? 0 : 1 });
  switch (unit) {
    case 'yuan':
      return (v) => {
        const a = Math.abs(v);
        return `${v < 0 ? '−' : ''}¥${n.format(a >= 1000 ? Math.round(a) : a)}`;
      };
    case 'percent':
      return (v) => `${n.format(v * 100)}%`;
    case 'days':
      return (v) => n.format(v);
    case 'ratio': {
      const r = new Intl.NumberFormat(lang, { maximumFractionDigits: 3 });
      return (v) => r.format(v);
    }
    default:
      return (v) => n.format(v);
  }
}

const UNITS: readonly Unit[] = ['yuan', 'count', 'percent', 'days', 'ratio'];

/**
 * Build a language's formatters while the browser is idle, before a run needs them: building
 * Intl formatters is a large part of the first results' cost otherwise.
 */
export function prepareFormatters(lang: string): void {
  const build = () => UNITS.forEach((u) => formatter(lang, u)(0));
  if (typeof requestIdleCallback === 'function') requestIdleCallback(build, { timeout: 2000 });
  else setTimeout(build, 0);
}
