/**
 * "Put the steps in order" exercises: a seeded starting order that is never already solved,
 * moving items, and scoring by position.
 */
import { createRandom } from '../random.ts';

/** The items in a seeded random order that differs from the correct one (when it can). */
export function scramble<T>(items: readonly T[], seed: number | string): T[] {
  if (items.length < 2) return items.slice();
  const random = createRandom(seed);
  for (let attempt = 0; attempt < 20; attempt++) {
    const order = random.shuffle(items);
    if (order.some((item, i) => item !== items[i])) return order;
  }
  return [...items.slice(1), items[0]!];
}

/** A new list with the item at `from` moved to `to` (both clamped to the list). */
export function move<T>(items: readonly T[], from: number, to: number): T[] {
  const out = items.slice();
  if (from < 0 || from >= out.length) return out;
  const [item] = out.splice(from, 1);
  out.splice(Math.max(0, Math.min(to, out.length)), 0, item!);
  return out;
}

export interface OrderingScore {
  /** For each position of the answer: is the item where it belongs? */
  correct: boolean[];
  score: number;
  total: number;
}

export function scoreOrdering<T>(answer: readonly T[], solution: readonly T[]): OrderingScore {
  const correct = answer.map((item, i) => item === solution[i]);
  return { correct, score: correct.filter(Boolean).length, total: solution.length };
}
