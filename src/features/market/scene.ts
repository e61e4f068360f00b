/**
 * The market scene's logic, apart from the drawing (scene-draw.ts): where the map sits on the
 * canvas, which of a day's sampled orders are drawn and how each moves, the parcel queue, and the
 * day's narration (the scene's text twin). Pure functions over what the worker sends (worker.ts).
 */
import type { Translate } from '../../content/messages.ts';
import type { SubKey } from '../../i18n/keys.ts';
import { EVENT_KINDS, type EventKind } from '../../engine/market/events.ts';
import type { SceneDay, SceneSetup } from './worker.ts';

/**
 * The order kinds the worker sends, in the engine's order (from a small module: the page does not
 * load the engine), and the fields of one order (SCENE_FIELDS in worker.ts; a unit test pins it).
 */
export const KINDS = EVENT_KINDS;
export type Kind = EventKind;
export const FIELDS = 6;

/** How an order's outcome is marked on the map: each by its own shape, not by colour alone. */
export type Flag = 'fraud' | 'refund' | 'failed' | 'returned';
export const FLAGS: Record<Kind, Flag | null> = {
  delivered: null,
  carried: null,
  stolen: 'fraud',
  scammed: 'fraud',
  escrowRefund: 'refund',
  failed: 'failed',
  returned: 'returned',
};

/** The map on a square canvas of `size` CSS pixels: the unit square inside a margin. */
export interface Layout {
  size: number;
  pad: number;
  /** The unit square's side, in pixels. */
  span: number;
  /** Markers' scale: 1 on a 360 px map, at least 0.8, at most 1.4. */
  mark: number;
}

export function layout(size: number): Layout {
  const s = Math.max(0, size);
  const pad = Math.round(Math.max(6, s * 0.03));
  return {
    size: s,
    pad,
    span: Math.max(0, s - 2 * pad),
    mark: Math.min(1.4, Math.max(0.8, s / 360)),
  };
}

/** A coordinate on the unit square, in pixels. */
export function px(l: Layout, u: number): number {
  return l.pad + u * l.span;
}

/** How long things take, in ms: the runner ticks every 120 ms while playing. */
export interface Pace {
  /** A journey takes `base` + `perDay` × delivery days, at most `most`. */
  base: number;
  perDay: number;
  most: number;
  /** How long an outcome stays on the map after the goods arrive (or money moves). */
  hold: number;
  /** The most orders drawn of one day. */
  limit: number;
}
export const PACE: { playing: Pace; step: Pace } = {
  // A new day every tick: a few orders each, each for a few ticks, about 50 on the map at once.
  playing: { base: 240, perDay: 120, most: 960, hold: 360, limit: 8 },
  // One day at a time: all of its sample, slowly enough to follow.
  step: { base: 500, perDay: 250, most: 2000, hold: 900, limit: 48 },
};
/** The most orders on the map at once. */
export const MOST_ITEMS = 56;

/** One order on the map, from the seller (s) to the buyer (b), both on the unit square. */
export interface SceneItem {
  kind: Kind;
  flag: Flag | null;
  sx: number;
  sy: number;
  bx: number;
  by: number;
  days: number;
  /** The share of the way the goods travel: 1 to the buyer, less when they fail, 0 if none go. */
  reach: number;
  /** Escrow holds the money at the vault while the goods travel; then pays `payee`. */
  held: boolean;
  payee: 'seller' | 'buyer';
  /** Times (ms): the start, the end of the journey, the end of the hold. */
  start: number;
  arrive: number;
  end: number;
}

/** Which orders of the day to draw: the notable ones first, then ordinary ones spread evenly. */
export function pickOrders(orders: Float32Array, limit: number): number[] {
  const n = Math.floor(orders.length / FIELDS);
  const notable: number[] = [];
  const ordinary: number[] = [];
  for (let e = 0; e < n; e++) (orders[e * FIELDS]! >= 2 ? notable : ordinary).push(e);
  const picked = notable.slice(0, limit);
  const room = Math.min(limit - picked.length, ordinary.length);
  for (let k = 0; k < room; k++) picked.push(ordinary[Math.floor((k * ordinary.length) / room)]!);
  return picked.sort((a, b) => a - b);
}

/** The day's orders as items starting at `now`, paced for playing or for one step. */
export function itemsOf(setup: SceneSetup, day: SceneDay, now: number, pace: Pace): SceneItem[] {
  const o = day.orders;
  return pickOrders(o, pace.limit).map((e) => {
    const at = e * FIELDS;
    const kind = KINDS[o[at]!] ?? 'delivered';
    const days = Math.max(0, o[at + 5]!);
    const goods = kind === 'delivered' || kind === 'carried' || kind === 'returned';
    // A parcel is lost or damaged on the way; an O2O order turned away never leaves the kitchen.
    const reach = goods ? 1 : kind === 'failed' ? (setup.o2o ? 0 : 0.6) : 0;
    const arrive = now + Math.min(pace.most, pace.base + pace.perDay * days);
    return {
      kind,
      flag: FLAGS[kind],
      bx: o[at + 1]!,
      by: o[at + 2]!,
      sx: o[at + 3]!,
      sy: o[at + 4]!,
      days,
      reach,
      held: day.escrow && kind !== 'stolen' && kind !== 'scammed',
      payee: kind === 'delivered' ? 'seller' : 'buyer',
      start: now,
      arrive,
      end: arrive + pace.hold,
    };
  });
}

/**
 * What the map shows once a new day arrives: while playing, the orders still moving and the new
 * day's (the oldest dropped past `most`); otherwise the new day's only.
 */
export function mergeItems(
  live: SceneItem[],
  fresh: SceneItem[],
  now: number,
  playing: boolean,
  most = MOST_ITEMS,
): SceneItem[] {
  const kept = playing ? live.filter((it) => it.end > now) : [];
  const all = kept.concat(fresh);
  return all.length > most ? all.slice(all.length - most) : all;
}

/** How far the journey has gone at `now` (0..1). */
export function journey(it: SceneItem, now: number): number {
  return it.arrive > it.start ? clamp((now - it.start) / (it.arrive - it.start)) : 1;
}

/** How far the hold after the journey has gone at `now` (0..1). */
export function afterwards(it: SceneItem, now: number): number {
  return it.end > it.arrive ? clamp((now - it.arrive) / (it.end - it.arrive)) : 1;
}

function clamp(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

/** Whether anything is still moving at `now` (the animation stops when nothing is). */
export function moving(items: readonly SceneItem[], now: number): boolean {
  for (const it of items) if (it.end > now) return true;
  return false;
}

/** Payments escrow holds at `now`: the goods not yet received. */
export function heldAt(items: readonly SceneItem[], now: number): number {
  let n = 0;
  for (const it of items) if (it.held && now < it.arrive) n++;
  return n;
}

/** Only parcel markets have a courier queue (O2O riders and shops have none). */
export function hasQueue(setup: SceneSetup): boolean {
  return setup.online && !setup.o2o;
}

/**
 * The parcel queue in days of deliveries: how long the couriers take to clear it at their daily
 * capacity (what makes a parcel late), and a bar of `top` days (at least 4) marked every `step`.
 */
export function queueBar(
  backlog: number,
  capacity: number,
): { days: number; top: number; step: number; fill: number } {
  const days = capacity > 0 ? Math.max(0, backlog) / capacity : 0;
  const step = days > 20 ? 5 : 1;
  const top = Math.max(4, Math.ceil(days / step) * step);
  return { days, top, step, fill: days / top };
}

/** What the legend lists: what this run's map can show. */
export type LegendKey =
  | 'buyer'
  | 'seller'
  | 'own'
  | 'inactive'
  | 'reach'
  | 'goods'
  | 'vault'
  | 'coin'
  | 'fraud'
  | 'refund'
  | 'failed'
  | 'returned';

export function legendOf(setup: SceneSetup, day: SceneDay | null): LegendKey[] {
  const keys: LegendKey[] = ['buyer', 'seller'];
  if (setup.own.some((o) => o)) keys.push('own');
  if (day?.active.some((a) => !a)) keys.push('inactive');
  if (setup.radius > 0) keys.push('reach');
  keys.push('goods');
  if (day?.escrow) keys.push('vault', 'coin', 'refund');
  keys.push('fraud');
  if (setup.online) keys.push('failed');
  if (hasQueue(setup)) keys.push('returned');
  return keys;
}

/** Orders of each kind in the day's sample, in KINDS order. */
export function countKinds(orders: Float32Array): number[] {
  const counts = KINDS.map(() => 0);
  for (let at = 0; at < orders.length; at += FIELDS) {
    const k = orders[at]!;
    if (k >= 0 && k < counts.length) counts[k]!++;
  }
  return counts;
}

/** The notable kinds the narration names, in the order it names them. */
const NOTABLE = [
  'stolen',
  'scammed',
  'escrowRefund',
  'failed',
  'returned',
] as const satisfies readonly Kind[];

/**
 * The day in one sentence (the scene's text twin), e.g. "Day 42: 31 orders shown; 2 stolen
 * payments, 1 parcel lost or damaged, 412 parcels waiting (couriers carry 150 a day)."
 */
export function narrate(
  setup: SceneSetup,
  day: SceneDay,
  t: Translate,
  format: (n: number) => string,
): string {
  const counts = countKinds(day.orders);
  const total = counts.reduce((a, b) => a + b, 0);
  const some = (
    key: SubKey<'market.scene.say.', '.one'>,
    n: number,
    extra: Record<string, string> = {},
  ) => t(`market.scene.say.${key}.${n === 1 ? 'one' : 'many'}`, { count: format(n), ...extra });
  const parts: string[] = [];
  NOTABLE.forEach((kind) => {
    const n = counts[KINDS.indexOf(kind)]!;
    const key = kind === 'failed' && setup.o2o ? 'turnedAway' : kind;
    if (n > 0) parts.push(some(key, n));
  });
  if (parts.length === 0) parts.push(t('market.scene.say.calm'));
  if (hasQueue(setup) && day.backlog > 0) {
    parts.push(some('queue', day.backlog, { capacity: format(day.capacity) }));
  }
  return t('market.scene.say.sentence', {
    head: some('orders', total, { day: format(day.day) }),
    rest: parts.join(t('market.scene.say.and')),
  });
}

/** The canvas's name: what the map shows for this run. */
export function sceneLabel(setup: SceneSetup, t: Translate, format: (n: number) => string): string {
  let own = 0;
  for (const o of setup.own) own += o ? 1 : 0;
  return [
    t('market.scene.label.map', {
      buyers: format(setup.buyers.length / 2),
      sellers: format(setup.sellers.length / 2),
    }),
    own > 0 ? t('market.scene.label.own', { count: format(own) }) : '',
    setup.radius > 0 ? t('market.scene.label.reach') : '',
    t('market.scene.label.orders'),
  ].join('');
}

/** When the live region may next speak: at once when paused or stepping, else every `gap` ms. */
export function sayAt(now: number, last: number, playing: boolean, gap = 2000): number {
  return playing ? Math.max(now, last + gap) : now;
}
