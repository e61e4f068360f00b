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

/**
 * Whole numbers as both of the app's languages write them (12,345; rounded half away from zero),
 * without Intl: a page's first Intl number formatter loads the language's number data, which took
 * the Marketplace page tens of milliseconds as it opened, and the scene's label needs counts then.
 * Anything unusual (not finite, or too large to write out digit by digit) goes to Intl.
 */
export function wholeNumber(lang: string, v: number): string {
  const a = Math.round(Math.abs(v));
  if (!Number.isFinite(v) || a >= 1e15) {
    return new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(v);
  }
  const digits = String(a).replace(/\B(?=(\d{3})+$)/g, ',');
  return v < 0 && a > 0 ? `-${digits}` : digits;
}

function build(lang: string, unit: Unit): (value: number) => string {
  if (unit === 'count') return (v) => wholeNumber(lang, v);
  const n = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
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
    default: {
      const unknown: never = unit;
      throw new Error(`no number format for the unit ${String(unknown)}`);
    }
  }
}

const UNITS: readonly Unit[] = ['yuan', 'count', 'percent', 'days', 'ratio'];

/** Build every formatter of a language now (a no-op for those already built). */
export function warmFormatters(lang: string): void {
  for (const unit of UNITS) formatter(lang, unit)(0);
}

/**
 * Build a language's formatters ahead of the first run, so that its first results do not pay for
 * them: after `delay` ms (by default once the page has settled, a few seconds, since the page's
 * loading must not pay for them either; at once when a run is started), one formatter per idle
 * moment. The first one loads the language's number data and is the costly one.
 */
export function prepareFormatters(lang: string, delay = 4000): () => void {
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
  const timer = setTimeout(() => next(0), delay);
  return () => {
    clearTimeout(timer);
    cancelIdleCallback(idle);
  };
}
