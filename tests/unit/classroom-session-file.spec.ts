/**
 * A classroom session's export read back in the class summary: what the console writes is read
 * whole; a newer version, a damaged or hostile file is refused with a reason and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { isSessionFile, parseSession } from '../../src/content/classroom-session.ts';
import { historyJson, type RoundRecord } from '../../src/features/classroom/history.ts';

const record = (round: number): RoundRecord => ({
  round,
  scenario: 'b2c-shop',
  daysPerRound: 7,
  metrics: { gmv: 1000, reach: Number.NaN },
  standings: [
    { student: 's1', role: 'seller', name: '王芳', bot: false, score: 10 * round, rank: 1 },
    { student: 's2', role: 'platform', name: 'Ann', bot: true, score: -5, rank: 1 },
  ],
  events: ['surge:7:9:1.5'],
  students: [],
});

const exported = () =>
  JSON.parse(
    historyJson([record(1), record(2)], '482913', {
      seed: 11,
      decisions: [
        {
          round: 1,
          student: 's1',
          name: '王芳',
          role: 'seller',
          held: true,
          intent: { role: 'seller', price: 90 },
        },
      ],
      comparison: {
        roles: [{ role: 'seller', seats: 1, market: 20, botsOnly: 35 }],
        metrics: [{ metric: 'gmv', market: 2000, botsOnly: 2100 }],
      },
    }),
  ) as Record<string, unknown>;

describe('a classroom session file in the class summary', () => {
  it('reads what the console exports: roles by round, the last scores, decisions, the comparison', () => {
    const value = exported();
    expect(isSessionFile(value)).toBe(true);
    const r = parseSession(value);
    if (!r.ok) throw new Error(r.reason);
    expect(r.session).toMatchObject({
      joinCode: '482913',
      scenario: 'b2c-shop',
      rounds: 2,
      decisions: 1,
      comparison: [{ role: 'seller', seats: 1, market: 20, botsOnly: 35 }],
    });
    expect(r.session.students).toEqual([
      { id: 's1', name: '王芳', roles: ['seller', 'seller'], score: 20, rank: 1 },
      { id: 's2', name: 'Ann', roles: ['platform', 'platform'], score: -5, rank: 1 },
    ]);
  });

  it('reads a version 1 file (rounds only)', () => {
    const { seed: _s, decisions: _d, comparison: _c, ...v1 } = exported();
    const r = parseSession({ ...v1, version: 1 });
    expect(r.ok && r.session.comparison).toBe(null);
  });

  it('refuses a newer version, and damaged or hostile files, with a reason', () => {
    expect(parseSession({ ...exported(), version: 3 })).toEqual({ ok: false, reason: 'newer' });
    const bad: [string, Record<string, unknown>][] = [
      ['rounds', { rounds: 'many' }],
      ['rounds[0]', { rounds: [{ ...record(1), standings: [{ role: 'king' }] }] }],
      ['rounds', { rounds: Array.from({ length: 1001 }, (_, k) => record(k + 1)) }],
      ['joinCode', { joinCode: 'x'.repeat(1000) }],
      ['exportedAt', { exportedAt: 'yesterday' }],
      [
        'comparison',
        { comparison: { roles: [{ role: 'seller', seats: -1, market: 0, botsOnly: 0 }] } },
      ],
    ];
    for (const [detail, change] of bad)
      expect(parseSession({ ...exported(), ...change }), detail).toMatchObject({
        ok: false,
        reason: 'invalid',
        detail,
      });
  });

  it('keeps no unknown or prototype keys', () => {
    const value = JSON.parse(
      JSON.stringify(exported()).replace('"joinCode"', '"__proto__":{"polluted":1},"joinCode"'),
    ) as unknown;
    const r = parseSession(value);
    expect(r.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(r.ok ? r.session : {})).not.toContain('__proto__');
  });
});
