import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parse } from 'yaml';
import { collectFiles } from '../../src/content/node.ts';
import type { Question, Quiz } from '../../src/content/schema.ts';
import { axe, openPage, useBrowser } from './browser.ts';

const base = inject('baseURL');
const browser = useBrowser();

const SETS: Quiz[] = collectFiles(['scenarios/quiz']).map(
  (f) => parse(readFileSync(f, 'utf8')) as Quiz,
);
type Lang = 'zh-CN' | 'en';
const pick = (lang: Lang, text: { zh: string; en: string }) => (lang === 'en' ? text.en : text.zh);

const TEXT = {
  'zh-CN': {
    submit: '提交答案',
    right: '✓ 回答正确',
    jump: (n: number) => new RegExp(`^第 ${n} 题，`),
    exportJson: '导出成绩（JSON，交给老师）',
    name: '姓名或学号（写在导出的成绩文件上）',
    students: '学生成绩（3 人）',
    skipped: '不是本应用导出的成绩文件',
    proceed: '继续',
    again: '从头再玩一次，试试别的选择',
    good: '好结局',
    bad: '坏结局',
    endings: /已发现结局 2 \/ 3 个/,
  },
  en: {
    submit: 'Check my answer',
    right: '✓ Right',
    jump: (n: number) => new RegExp(`^Question ${n}, `),
    exportJson: 'Export results (JSON, for your teacher)',
    name: 'Name or student number (put on the exported file)',
    students: 'Students (3)',
    skipped: 'not a results file from this app',
    proceed: 'Continue',
    again: 'Play again and try other choices',
    good: 'Good ending',
    bad: 'Bad ending',
    endings: /Endings found: 2 of 3/,
  },
} as const;

/** Press a key on an element, as a keyboard user would after reaching it. */
async function press(page: Page, locator: ReturnType<Page['locator']>, key = 'Enter') {
  await locator.focus();
  await page.keyboard.press(key);
}

/** Answer the open question right, by keyboard only. */
async function answerRight(page: Page, lang: Lang, q: Question): Promise<void> {
  const card = page.locator('article.question');
  if (q.type === 'single' || q.type === 'multiple') {
    for (const o of q.options!.filter((x) => x.correct)) {
      await press(page, card.getByLabel(pick(lang, o.text), { exact: true }), 'Space');
    }
  } else if (q.type === 'truefalse') {
    const label = lang === 'en' ? (q.answer ? 'True' : 'False') : q.answer ? '正确' : '错误';
    await press(page, card.getByLabel(label, { exact: true }), 'Space');
  } else if (q.type === 'matching') {
    for (const pair of q.pairs!) {
      const select = card.getByLabel(pick(lang, pair.item), { exact: true });
      const options = await select.locator('option').allTextContents();
      const target = options.indexOf(pick(lang, pair.match));
      await select.focus();
      for (let i = 0; i < target; i++) await page.keyboard.press('ArrowDown');
    }
  } else if (q.type === 'ordering') {
    const want = q.items!.map((i) => pick(lang, i));
    for (let target = 0; target < want.length; target++) {
      const labels = await card.locator('.handle').allTextContents();
      let at = labels.findIndex((l) => l.replace(/^\d+\.\s*/, '') === want[target]);
      await card.locator('.handle').nth(at).focus();
      while (at > target) {
        await page.keyboard.press('ArrowUp');
        at--;
      }
    }
  }
  await press(page, card.getByRole('button', { name: TEXT[lang].submit }));
  await card.getByText(TEXT[lang].right).waitFor();
}

describe.each(['zh-CN', 'en'] as const)('cases and quizzes in %s', (lang) => {
  const text = TEXT[lang];

  it('answers a question of every type by keyboard, plays a case to two endings, exports results and sums up a class', async () => {
    const { context, page, errors } = await openPage(browser(), lang);
    await page.goto(`${base}#/quiz`);
    await page.locator('h1').waitFor();
    expect(await axe(page)).toEqual([]);

    for (const type of ['single', 'multiple', 'truefalse', 'ordering', 'matching'] as const) {
      const set = SETS.find((s) => s.questions.some((q) => q.type === type))!;
      const n = set.questions.findIndex((q) => q.type === type);
      await page.goto(`${base}#/quiz/${set.id}`);
      await press(page, page.getByRole('button', { name: text.jump(n + 1) }));
      await answerRight(page, lang, set.questions[n]!);
      if (type === 'ordering') expect(await axe(page)).toEqual([]);
    }

    // A case, to two different endings.
    await page.goto(`${base}#/quiz/phishing-link`);
    const choice = (name: RegExp) =>
      press(page, page.locator('.case-choices').getByRole('button', { name }));
    await choice(lang === 'en' ? /Tap the link/ : /点开链接/);
    await press(page, page.getByRole('button', { name: text.proceed }));
    await choice(lang === 'en' ? /Enter the code/ : /输入验证码/);
    await press(page, page.getByRole('button', { name: text.proceed }));
    await page.getByRole('heading', { name: new RegExp(text.bad) }).waitFor();
    expect(await axe(page)).toEqual([]);
    await press(page, page.getByRole('button', { name: text.again }));
    await choice(lang === 'en' ? /check the order in the platform/i : /打开平台 App/);
    await press(page, page.getByRole('button', { name: text.proceed }));
    await choice(lang === 'en' ? /Report the text/ : /举报/);
    await press(page, page.getByRole('button', { name: text.proceed }));
    await page.getByRole('heading', { name: new RegExp(text.good) }).waitFor();
    expect(await page.getByText(text.endings).count()).toBe(1);

    // Export with a name, after a reload: the results survived.
    await page.goto(`${base}#/quiz`);
    await page.reload();
    await page.getByLabel(text.name).fill('王小明 2023001');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: text.exportJson }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^results-王小明_2023001-.*\.json$/);
    const mine = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(mine.student).toBe('王小明 2023001');
    expect(mine.sets.flatMap((s: { questions: unknown[] }) => s.questions)).toHaveLength(5);
    expect(mine.cases[0]).toMatchObject({
      id: 'phishing-link',
      endings: ['money-lost', 'end-safe'],
    });

    // The class summary: this file, two classmates', and a file that is not results.
    const classmate = (student: string, right: boolean) => ({
      name: `${student}.json`,
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({
          ...mine,
          student,
          exportedAt: `2026-11-2${right ? 1 : 2}T10:00:00.000Z`,
          sets: mine.sets.map((s: { questions: { first: boolean }[] }) => ({
            ...s,
            questions: s.questions.map((q) => ({ ...q, correct: right, first: right })),
          })),
        }),
      ),
    });
    await page.goto(`${base}#/class`);
    await page.locator('input[type=file]').setInputFiles([
      {
        name: 'mine.json',
        mimeType: 'application/json',
        buffer: readFileSync((await download.path())!),
      },
      classmate('李雷', true),
      classmate('韩梅梅', false),
      {
        name: 'progress.json',
        mimeType: 'application/json',
        buffer: Buffer.from('{"format":"ecsim-progress","version":3}'),
      },
    ]);
    await page.getByRole('heading', { name: text.students }).waitFor();
    expect(await page.getByText(`progress.json: ${text.skipped}`).count()).toBe(1);
    expect(await page.getByRole('rowheader', { name: /韩梅梅/ }).count()).toBe(1);
    expect(await axe(page)).toEqual([]);
    // On a phone the most-missed table keeps the question's text readable and fits the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    const layout = await page.evaluate(() => {
      const table = document.querySelector('#missed-h')!.parentElement!.querySelector('table')!;
      const question = table.querySelector('tbody th')!.getBoundingClientRect();
      return {
        side: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        table: table.getBoundingClientRect().right,
        share: question.width / table.getBoundingClientRect().width,
      };
    });
    expect(layout.side).toBeLessThanOrEqual(0);
    expect(layout.table).toBeLessThanOrEqual(390);
    // The question's column takes the largest share (its text wraps beside the two figures).
    expect(layout.share).toBeGreaterThan(0.42);
    expect(errors).toEqual([]);
    await context.close();
  });
});
