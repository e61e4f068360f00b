/**
 * The language of the built-in content, where a rule can catch a slip: people keep the name the
 * Chinese gives them (小李 is "Xiao Li" in English, never a bare "Li"), and material beyond the
 * textbook is marked the same way in both languages. Market scenarios are left to their own tests.
 */
import { describe, expect, it } from 'vitest';
import { collectFiles, validateFiles } from '../../src/content/node.ts';

const files = validateFiles(
  collectFiles(['lessons', 'scenarios/quiz', 'scenarios/case', 'scenarios/templates']),
).files;

/** Every `{ zh, en }` text in a value, with its path. */
function texts(value: unknown, path = ''): { path: string; zh: string; en: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => texts(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const obj = value as Record<string, unknown>;
  if (typeof obj.zh === 'string' && typeof obj.en === 'string')
    return [{ path, zh: obj.zh, en: obj.en }];
  return Object.entries(obj).flatMap(([k, v]) => texts(v, path ? `${path}.${k}` : k));
}

/**
 * Surnames a story writes as 小X or 老X, with their pinyin. Left out on purpose: characters that
 * also make ordinary words after 小 (小于, 小程序, 小时, 小区, 小白, 小米, 小方块), and pinyin
 * that is an English word (何 He, 马 Ma).
 */
const SURNAMES: Record<string, string> = {
  李: 'Li',
  王: 'Wang',
  张: 'Zhang',
  刘: 'Liu',
  陈: 'Chen',
  杨: 'Yang',
  赵: 'Zhao',
  黄: 'Huang',
  周: 'Zhou',
  吴: 'Wu',
  徐: 'Xu',
  孙: 'Sun',
  胡: 'Hu',
  朱: 'Zhu',
  林: 'Lin',
  郭: 'Guo',
  罗: 'Luo',
  梁: 'Liang',
  宋: 'Song',
  郑: 'Zheng',
  谢: 'Xie',
  韩: 'Han',
  唐: 'Tang',
  冯: 'Feng',
  叶: 'Ye',
  邓: 'Deng',
  曹: 'Cao',
  彭: 'Peng',
  曾: 'Zeng',
  范: 'Fan',
  蒋: 'Jiang',
  沈: 'Shen',
  苏: 'Su',
  魏: 'Wei',
};
/** English forms that keep the Chinese form of address (小, 老) or translate another one. */
const ADDRESSED = /(?:Xiao|Lao|Ms|Mr|Mrs|Auntie|Uncle|Grandpa|Granny) $/;

describe('names in the built-in content', () => {
  it('the English never drops the 小 or 老 the Chinese gives a person', () => {
    const bare: string[] = [];
    for (const file of files) {
      const all = texts(file.content?.data);
      const named = new Set<string>();
      for (const { zh } of all) {
        for (const [, , surname] of zh.matchAll(/(小|老)(.)/g)) {
          const pinyin = SURNAMES[surname!];
          if (pinyin) named.add(pinyin);
        }
      }
      for (const { path, en } of all) {
        for (const pinyin of named) {
          for (const m of en.matchAll(new RegExp(`\\b${pinyin}\\b`, 'g'))) {
            if (!ADDRESSED.test(en.slice(0, m.index))) {
              bare.push(
                `${file.file} ${path}: …${en.slice(Math.max(0, m.index - 30), m.index + 20)}…`,
              );
            }
          }
        }
      }
    }
    expect(bare).toEqual([]);
  });

  it('the test knows a bare surname when it sees one', () => {
    const en = 'Wu grabbed a discounted air fryer, and Xiao Wu paid.';
    const found = [...en.matchAll(/\bWu\b/g)].filter((m) => !ADDRESSED.test(en.slice(0, m.index)));
    expect(found).toHaveLength(1);
  });
});

describe('material beyond the textbook', () => {
  it('is marked in both languages alike: 拓展 in Chinese, "Beyond the textbook" in English', () => {
    const uneven: string[] = [];
    for (const file of files) {
      for (const { path, zh, en } of texts(file.content?.data)) {
        const marksZh = zh.match(/\*\*拓展\*\*/g)?.length ?? 0;
        const marksEn = en.match(/\*\*Beyond the textbook\*\*/g)?.length ?? 0;
        if (marksZh !== marksEn) uneven.push(`${file.file} ${path}: ${marksZh} vs ${marksEn}`);
      }
    }
    expect(uneven).toEqual([]);
  });

  it('marks the law facts and the comparison table the lessons add', () => {
    const lesson = (id: string) =>
      files.find((f) => f.content?.kind === 'lesson' && f.content.data.id === id)!;
    const body = (id: string, part: string) => {
      const l = lesson(id).content;
      if (l?.kind !== 'lesson') throw new Error(id);
      return l.data.parts.find((p) => p.id === part)!.body.zh;
    };
    expect(body('platforms', 'operating-models')).toMatch(/\*\*拓展\*\*[^|]*\n\n\| 比较项目/);
    for (const law of ['《个人信息保护法》自2021年', '《网络安全法》自2017年']) {
      expect(body('security-law', 'security-issues')).toContain(`（**拓展**：${law}`);
    }
    for (const law of ['《电子签名法》', '《消费者权益保护法》第二十五条']) {
      expect(body('security-law', 'legal-issues')).toContain(`（**拓展**：${law}`);
    }
  });
});
