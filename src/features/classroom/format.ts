/** Number and time formats of the classroom views, in the page's language. */
import {
  INJECTABLE_EVENTS,
  type InjectableEvent,
  type PublicMetric,
} from '../../classroom/protocol.ts';

export function money(lang: string, value: number): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(
    value,
  );
}

/** Money with the yuan sign: ¥1,200.00, and −¥40.00 below zero. */
export function yuan(lang: string, value: number): string {
  return `${value < 0 ? '−' : ''}¥${money(lang, Math.abs(value))}`;
}

export function count(lang: string, value: number): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(value);
}

export function percent(lang: string, share: number): string {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** Seconds as m:ss. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** How each market figure reads: money, a count, a share or days. */
const KIND: Record<PublicMetric, 'money' | 'count' | 'share' | 'days'> = {
  gmv: 'money',
  orders: 'count',
  avgPrice: 'money',
  reach: 'share',
  deliveryDays: 'days',
  fraudLosses: 'money',
  returns: 'count',
  avgRating: 'share',
  platformProfit: 'money',
  sellerProfit: 'money',
  consumerSurplus: 'money',
  activeSellers: 'count',
  backlog: 'count',
};

/** A market figure as text; null where there was nothing to measure. */
export function metric(lang: string, key: PublicMetric, value: number | undefined): string | null {
  if (value === undefined || !Number.isFinite(value)) return null;
  const kind = KIND[key];
  if (kind === 'money') return money(lang, value);
  if (kind === 'share') return percent(lang, value);
  if (kind === 'days')
    return new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(value);
  return count(lang, value);
}

/**
 * An event as the state carries it: `type:firstDay:lastDay:magnitude` (or
 * `type:next:days:magnitude`); null for a type the teacher's console cannot inject (none is sent).
 */
export function parseEvent(text: string): {
  type: InjectableEvent;
  next: boolean;
  first: number;
  last: number;
  magnitude: number;
} | null {
  const [type = '', a = '', b = '', m = ''] = text.split(':');
  const known = INJECTABLE_EVENTS.find((e) => e === type);
  if (!known) return null;
  const next = a === 'next';
  return { type: known, next, first: next ? 0 : Number(a), last: Number(b), magnitude: Number(m) };
}
