import { describe, expect, it } from 'vitest';
import { pickLang, resources } from '../../src/i18n/resources.ts';
import { nodeTranslator } from '../../src/content/node.ts';

function leaves(obj: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') {
      for (const [k, v] of leaves(value, path)) out.set(k, v);
    } else out.set(path, value);
  }
  return out;
}

describe('UI strings', () => {
  it('no two parts share a top-level key (one would hide the other when merged)', () => {
    const files = Object.entries(
      import.meta.glob<{ default: object }>('../../src/i18n/**/*.json', { eager: true }),
    );
    for (const lang of ['zh-CN', 'en']) {
      const owner = new Map<string, string>();
      for (const [path, module] of files.filter(([p]) => p.endsWith(`/${lang}.json`))) {
        for (const key of Object.keys(module.default)) {
          expect(owner.get(key), `${key} in ${path}`).toBeUndefined();
          owner.set(key, path);
        }
      }
      expect(owner.size).toBeGreaterThan(10);
    }
  });

  const zhLeaves = leaves(resources['zh-CN'].translation);
  const enLeaves = leaves(resources.en.translation);

  it('Chinese and English have exactly the same keys', () => {
    expect([...zhLeaves.keys()].sort()).toEqual([...enLeaves.keys()].sort());
  });

  it('no value is empty, and every value is text', () => {
    for (const [key, value] of [...zhLeaves, ...enLeaves]) {
      expect(typeof value, key).toBe('string');
      expect((value as string).trim(), key).not.toBe('');
    }
  });

  it('both languages use the same interpolation variables', () => {
    const vars = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of zhLeaves) expect(vars(value), key).toEqual(vars(enLeaves.get(key)));
  });

  it('the Chinese strings are Chinese and the English strings are not', () => {
    const han = /\p{Script=Han}/u;
    const exempt = new Set(['lang.zh-CN', 'lang.en']);
    for (const [key, value] of enLeaves) {
      if (!exempt.has(key)) expect(han.test(String(value)), key).toBe(false);
    }
    const zhWithHan = [...zhLeaves].filter(([, v]) => han.test(String(v))).length;
    expect(zhWithHan / zhLeaves.size).toBeGreaterThan(0.9);
  });

  it('interpolated values are not treated as markup (output goes through Svelte escaping)', () => {
    const t = nodeTranslator('en');
    const payload = '<img src=x onerror=alert(1)>';
    expect(t('lesson.markedRead', { title: payload })).toBe(`“${payload}” marked as read`);
    // A value is never re-read as a template.
    expect(t('lesson.markedRead', { title: '{{title}}' })).toBe('“{{title}}” marked as read');
  });
});

describe('choosing a language', () => {
  it('follows the browser: Chinese of any region → zh-CN, English → en, else Chinese', () => {
    expect(pickLang(['en-US', 'zh-CN'])).toBe('en');
    expect(pickLang(['zh-TW'])).toBe('zh-CN');
    expect(pickLang(['fr-FR', 'en-GB'])).toBe('en');
    expect(pickLang(['fr-FR'])).toBe('zh-CN');
    expect(pickLang([])).toBe('zh-CN');
  });
});
