/**
 * Whole numbers on the Marketplace page are written without Intl (its first formatter is costly to
 * load) and must read exactly as Intl writes them in both languages.
 */
import { describe, expect, it } from 'vitest';
import { formatter, wholeNumber } from '../../src/features/market/format.ts';
import { createRandom } from '../../src/engine/random.ts';

const LANGS = ['zh-CN', 'en'];

describe('whole numbers', () => {
  const values = [0, 1, 7, 12, 999, 1000, 1001, 12_345, 999_999, 1_000_000, 123_456_789, 2.5, 3.5];
  values.push(-1, -999, -1000, -2.5, -123_456.7, 0.4999, 1499.5, 9_007_199_254_740);
  const random = createRandom(11);
  for (let i = 0; i < 500; i++)
    values.push((random.next() - 0.3) * 10 ** Math.floor(random.next() * 13));
  // Between −0.5 and 0 Intl writes "-0"; neither a count nor a reader wants that.
  const shown = values.filter((v) => !(v < 0 && v > -0.5));

  for (const lang of LANGS) {
    it(`read as Intl writes them (${lang})`, () => {
      const intl = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
      for (const v of shown) expect(wholeNumber(lang, v), String(v)).toBe(intl.format(v));
    });
  }

  it('write a small negative amount that rounds to nothing as 0, not -0', () => {
    expect(wholeNumber('en', -0.3)).toBe('0');
  });

  it('leave what cannot be written digit by digit to Intl', () => {
    expect(wholeNumber('en', Number.POSITIVE_INFINITY)).toBe('∞');
    expect(wholeNumber('en', 1e21)).toBe(new Intl.NumberFormat('en').format(1e21));
  });

  it('are what the count formatter writes', () => {
    expect(formatter('zh-CN', 'count')(1234567.4)).toBe('1,234,567');
  });
});
