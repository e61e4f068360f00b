import { describe, expect, it } from 'vitest';
import { move, scoreOrdering, scramble } from '../../src/engine/quiz/ordering.ts';

describe('ordering exercises', () => {
  const steps = ['a', 'b', 'c', 'd', 'e', 'f'];

  it('scrambles reproducibly, never into the solved order, losing nothing', () => {
    for (let seed = 0; seed < 200; seed++) {
      const s = scramble(steps, seed);
      expect(s).not.toEqual(steps);
      expect([...s].sort()).toEqual(steps);
      expect(scramble(steps, seed)).toEqual(s);
    }
    expect(scramble(['a', 'b'], 1)).toEqual(['b', 'a']);
  });

  it('moves an item and clamps to the list', () => {
    expect(move(steps, 0, 2)).toEqual(['b', 'c', 'a', 'd', 'e', 'f']);
    expect(move(steps, 5, 0)).toEqual(['f', 'a', 'b', 'c', 'd', 'e']);
    expect(move(steps, 1, 99)).toEqual(['a', 'c', 'd', 'e', 'f', 'b']);
    expect(move(steps, 9, 0)).toEqual(steps);
  });

  it('scores by position', () => {
    expect(scoreOrdering(['a', 'c', 'b'], ['a', 'b', 'c'])).toEqual({
      correct: [true, false, false],
      score: 1,
      total: 3,
    });
    expect(scoreOrdering(steps, steps).score).toBe(6);
  });
});
