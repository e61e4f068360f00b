/**
 * Question texts leave the app as plain text (the results CSV and JSON a student exports, the
 * class summary): what a reader sees of the Markdown, without its marks or link addresses.
 */
import { describe, expect, it } from 'vitest';
import { plainText } from '../../src/content/plain-text.ts';
import { buildResults, resultsCsv } from '../../src/content/results.ts';
import { loadPrompts } from '../../src/features/quiz/my-results.ts';
import { SETS } from '../../src/content/catalog/practice.ts';

describe('Markdown as plain text', () => {
  it.each([
    [
      '下列网购商品中，哪些**不适用**七日无理由退货？（多选）',
      '下列网购商品中，哪些不适用七日无理由退货？（多选）',
    ],
    [
      'Which is **not** _covered_ by ~~the~~ *this* rule?',
      'Which is not covered by the this rule?',
    ],
    ['Type `npm run validate` first', 'Type npm run validate first'],
    ['See [the law](https://flk.npc.gov.cn/) or [课程](#/lessons/process)', 'See the law or 课程'],
    ['An ![order page](shot.png) image', 'An order page image'],
    ['Plain <b>bold</b> and <script>alert(1)</script> tags', 'Plain bold and tags'],
    [
      'A \\*starred\\* word, AT&amp;T, &#39;quoted&#39;, 5 < 6',
      "A *starred* word, AT&T, 'quoted', 5 < 6",
    ],
    ['Line one  \nline two\n\nNext paragraph', 'Line one line two Next paragraph'],
    [
      'Put in order:\n\n1. pay\n2. ship\n\n- or **this**\n- that',
      'Put in order: 1. pay 2. ship • or this • that',
    ],
    ['> 想一想：为什么？', '想一想：为什么？'],
    ['| 模式 | 例子 |\n|---|---|\n| B2C | `京东` |', '模式 | 例子 B2C | 京东'],
  ])('%j → %j', (markdown, plain) => {
    expect(plainText(markdown)).toBe(plain);
  });
});

describe('question texts in a student’s results', () => {
  it('the built-in sets’ questions come as plain text, marks and addresses gone', async () => {
    const prompts = await loadPrompts(SETS.map((s) => s.id));
    expect([...prompts.keys()].sort()).toEqual(SETS.map((s) => s.id).sort());
    const texts = [...prompts.values()].flatMap((m) => [...m.values()]);
    expect(texts.length).toBeGreaterThan(20);
    for (const text of texts)
      for (const lang of ['zh', 'en'] as const) {
        expect(text[lang], text.en).not.toMatch(/\*\*|`|\]\(|<\/?[a-z]|https?:/i);
        expect(text[lang].trim(), text.en).not.toBe('');
      }
    expect(prompts.get('law')?.get('return-exceptions')).toEqual({
      zh: '下列网购商品中，哪些不适用七日无理由退货？（多选）',
      en: 'Which of these goods bought online are not covered by the seven-day no-reason return? (Choose all that apply.)',
    });
  });

  it('the results CSV’s question column carries that plain text', async () => {
    const prompts = await loadPrompts(['law']);
    const law = SETS.find((s) => s.id === 'law')!;
    const file = buildResults({
      student: '李雷',
      now: '2026-11-25T09:00:00.000Z',
      sets: [
        {
          ...law,
          questions: law.questions.map((q) => ({ ...q, prompt: prompts.get('law')!.get(q.id) })),
        },
      ],
      answers: {
        law: { answers: { 'return-exceptions': { correct: true, first: true, tries: 1 } } },
      },
      cases: [],
      caseResults: {},
    });
    const csv = resultsCsv(file, {
      tx: (t) => t.zh,
      word: (k) => k,
      point: (p) => p,
    });
    const row = csv.split('\r\n')[1]!;
    expect(row).toContain(',下列网购商品中，哪些不适用七日无理由退货？（多选）,');
    expect(csv).not.toContain('**');
  });
});
