/**
 * Debug mode: tell screen-reader users when a run ends with the invariant checks held, or when
 * one first breaks (the words come from debug.ts).
 */
import { announce } from '../../state/announce.svelte.ts';
import type { MarketRun } from './runner.svelte.ts';

/**
 * Announce (politely) when a run ends with every check held, and when a check first breaks; once
 * each, again after a restart. Call from a component's setup: it makes an effect.
 */
export function announceInvariants(run: () => MarketRun, text: () => string): void {
  let said = '';
  $effect(() => {
    const { invariants, done } = run();
    const now = invariants?.violation
      ? 'broken'
      : invariants && invariants.days > 0 && done
        ? 'held'
        : '';
    if (now && now !== said) announce(text());
    said = now;
  });
}
