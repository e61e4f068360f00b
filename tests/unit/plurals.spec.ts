/**
 * English grammar of the UI strings: a number before a noun goes through i18next's plurals
 * (`key_one` / `key_other` with `count`), never "file(s)"; no doubled parentheses such as
 * "average price (average)" after "(days)"; no word said twice in a row.
 */
import { describe, expect, it } from 'vitest';
import { resources } from '../../src/i18n/resources.ts';
import { nodeTranslator } from '../../src/content/node.ts';

function leaves(obj: object, prefix = ''): [string, string][] {
  return Object.entries(obj).flatMap(([key, value]): [string, string][] => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') return leaves(value as object, path);
    return typeof value === 'string' ? [[path, value]] : [];
  });
}

const en = leaves(resources.en.translation);

describe('English strings', () => {
  it('are many (the scan sees every part)', () => {
    expect(en.length).toBeGreaterThan(500);
  });

  it('never write a plural as "(s)" or "(es)"', () => {
    expect(en.filter(([, s]) => /\w\((e)?s\)/.test(s))).toEqual([]);
  });

  it('have no doubled parentheses: "((", "))" or two parentheticals in a row', () => {
    expect(en.filter(([, s]) => /\(\s*\(|\)\s*\)|\([^()]*\)\s*\([^()]*\)/.test(s))).toEqual([]);
  });

  it('say no word twice in a row', () => {
    expect(en.filter(([, s]) => /\b(\w+)\s+\1\b/i.test(s.replace(/\{\{[^}]*\}\}/g, '')))).toEqual(
      [],
    );
  });

  it('have both plural forms wherever one is given, in both languages', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const keys = new Set(leaves(resources[lang].translation).map(([k]) => k));
      for (const key of keys) {
        if (key.endsWith('_one')) expect(keys, key).toContain(key.replace(/_one$/, '_other'));
        if (key.endsWith('_other')) expect(keys, key).toContain(key.replace(/_other$/, '_one'));
      }
    }
  });

  it('read naturally for one and for many', () => {
    const t = nodeTranslator('en');
    expect(t('quiz.retryWrong', { count: 1 })).toBe('Try the 1 wrong answer again');
    expect(t('quiz.retryWrong', { count: 8 })).toBe('Try the 8 wrong answers again');
    expect(t('cases.history', { count: 1 })).toBe('The story so far (1 step)');
    expect(t('cases.history', { count: 3 })).toBe('The story so far (3 steps)');
    expect(t('content.kinds.lesson', { count: 1 })).toBe('1 lesson');
    expect(t('editor.problems', { count: 2 })).toBe('2 problems');
    expect(t('cases.final', { score: '−5', max: '3' })).toBe('Final score: −5 (best possible: 3)');
    const zh = nodeTranslator('zh-CN');
    expect(zh('quiz.retryWrong', { count: 8 })).toBe('重做答错的 8 题');
    expect(zh('flows.usualChoice', { label: '去结算' })).toBe('去结算（通常情况）');
  });
});
