/**
 * What a screen reader hears as a round goes on: the phase and round when they change, and the
 * countdown at a few milestones (not every second).
 */
import type { StringKey } from '../../i18n/keys.ts';
import type { PublicSnapshot } from './connection.svelte.ts';

export const COUNTDOWN_MILESTONES = [60, 30, 10];

export function milestone(
  view: Pick<PublicSnapshot, 'phase' | 'round' | 'rounds' | 'countdown'>,
): { key: StringKey; params: Record<string, string | number> } | null {
  if (view.phase === 'round' && COUNTDOWN_MILESTONES.includes(view.countdown))
    return { key: 'classroom.live.secondsLeft', params: { count: view.countdown } };
  if (view.phase === 'round')
    return {
      key: 'classroom.live.roundStarted',
      params: { n: view.round + 1, total: view.rounds },
    };
  if (view.phase === 'review')
    return { key: 'classroom.live.roundOver', params: { n: view.round, total: view.rounds } };
  if (view.phase === 'paused') return { key: 'classroom.live.paused', params: {} };
  if (view.phase === 'ended') return { key: 'classroom.live.ended', params: {} };
  return null;
}
