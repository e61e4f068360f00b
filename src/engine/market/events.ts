/**
 * What the market scene can show of a day: a sample of its orders, each by what happened to it.
 * A module of its own, so that the page can read these names without loading the engine.
 */
export const EVENT_KINDS = [
  'delivered',
  'carried', // bought in a shop and carried home
  'stolen', // payment taken by fraudsters
  'scammed', // paid to a seller who never shipped, no escrow
  'escrowRefund', // escrow gave the money back
  'failed', // damaged, lost or turned away
  'returned', // sent back under the seven-day rule
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
/** Each kind's number in the engine's event records. */
export const EVENT = Object.fromEntries(EVENT_KINDS.map((k, i) => [k, i])) as Record<
  EventKind,
  number
>;
/** Orders the scene gets per day at the most, and the fields of each (kind, buyer, seller, days). */
export const MAX_EVENTS = 48;
export const EVENT_FIELDS = 4;
