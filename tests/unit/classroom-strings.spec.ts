import { describe, expect, it } from 'vitest';
import zh from '../../src/i18n/classroom/zh-CN.json' with { type: 'json' };
import en from '../../src/i18n/classroom/en.json' with { type: 'json' };
import {
  FULFILMENTS,
  INJECTABLE_EVENTS,
  JOIN_ERRORS,
  PHASES,
  REJECT_CODES,
  ROLES,
  type BuyerOrder,
} from '../../src/classroom/protocol.ts';

const STATUSES: BuyerOrder['status'][] = [
  'delivered',
  'failed',
  'stolen',
  'scammed',
  'escrowRefund',
  'returned',
  'soldOut',
];

/** Every code the classroom server sends has words in Chinese and in English. */
describe('the classroom strings', () => {
  it.each([
    ['role', ROLES],
    ['phase', PHASES],
    ['event', INJECTABLE_EVENTS],
    ['fulfilment', FULFILMENTS],
    ['orderStatus', STATUSES],
    ['rejected', REJECT_CODES],
    ['joinError', JOIN_ERRORS],
  ] as const)('%s: every code, in both languages', (group, codes) => {
    for (const strings of [zh, en]) {
      const table = strings.classroom[group] as Record<string, string>;
      expect(Object.keys(table).sort()).toEqual([...codes].sort());
      for (const code of codes) expect(table[code]!.trim().length).toBeGreaterThan(0);
    }
  });
});
