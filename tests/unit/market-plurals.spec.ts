import { describe, expect, it } from 'vitest';
import { nodeTranslator } from '../../src/content/node.ts';

describe('the Marketplace’s counted words', () => {
  it('say “1 day per step” and “5 days per step”, never “1 days”', () => {
    const en = nodeTranslator('en');
    expect(en('market.speedValue', { count: 1 })).toBe('1 day per step');
    expect(en('market.speedValue', { count: 5 })).toBe('5 days per step');
    expect(nodeTranslator('zh-CN')('market.speedValue', { count: 1 })).toBe('每步 1 天');
  });
});
