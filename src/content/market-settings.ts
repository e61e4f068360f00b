/**
 * A market scenario's checked `params` (or a share link's) as engine settings. The schema and the
 * engine's `MarketConfig` differ only in the events' labels, which are for people, not the engine:
 * one typed mapping here instead of casts where settings are used.
 */
import type { z } from 'zod';
import type { MarketConfig } from '../engine/market/config.ts';
import type { MarketParams } from './schema.ts';

export type MarketParamsInput = z.infer<typeof MarketParams>;

export function marketSettings(params: MarketParamsInput | undefined): Partial<MarketConfig> {
  if (!params) return {};
  const { events, ...rest } = params;
  if (!events) return rest;
  return {
    ...rest,
    events: events.map(({ type, start, end, magnitude }) => ({ type, start, end, magnitude })),
  };
}
