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
    case 'count':
    case 'days':
      return (v) => n.format(v);
    case 'ratio': {
      const r = new Intl.NumberFormat(lang, { maximumFractionDigits: 3 });
      return (v) => r.format(v);
    }
    default: {
      const unknown: never = unit;
      throw new Error(`no number format for the unit ${String(unknown)}`);
    }
  }
}

const UNITS: readonly Unit[] = ['yuan', 'count', 'percent', 'days', 'ratio'];

/**
 * Build a language's formatters ahead of the first run, so that its first results do not pay for
 * them. After the page has settled (a few seconds), one formatter per idle moment: the first one
 * loads the language's number data and is the costly one, and the page's loading must not pay
 * for it either.
 */
export function prepareFormatters(lang: string): () => void {
  if (typeof requestIdleCallback !== 'function') return () => {};
  let idle = 0;
  const next = (i: number) => {
    const unit = UNITS[i];
    if (!unit) return;
    idle = requestIdleCallback(() => {
      formatter(lang, unit)(0);
      next(i + 1);
    });
  };
  const timer = setTimeout(() => next(0), 4000);
  return () => {
    clearTimeout(timer);
    cancelIdleCallback(idle);
  };
}
