/**
 * No Svelte warnings in the console on any route, reached directly or after other pages (a
 * production build logs them as links to svelte.dev/e/…), in both languages.
 */
import { describe, expect, inject, it } from 'vitest';
import { openPage, useBrowser } from './browser.ts';

const base = inject('baseURL');
const browser = useBrowser();

const ROUTES = [
  '#/',
  '#/lessons',
  '#/lessons/process',
  '#/lessons/models/b2c',
  '#/flows',
  '#/flows/payment',
  '#/market',
  '#/market-guide',
  '#/quiz',
  '#/quiz/law',
  '#/quiz/lost-parcel',
  '#/class',
  '#/authoring',
  '#/authoring/edit',
  '#/progress',
  '#/no-such-page',
];

describe.each(['zh-CN', 'en'] as const)('Svelte in %s', (lang) => {
  it('warns about nothing on any route, whichever page came before', async () => {
    const { context, page } = await openPage(browser(), lang);
    const warnings: string[] = [];
    // Every Svelte warning fails this test, `derived_inert` included (a derived value read after
    // its page is gone: the flows diagram once read one when mermaid finished drawing after the
    // student had moved on, which showed on whatever page came next).
    page.on('console', (m) => {
      if (/svelte/i.test(m.text())) warnings.push(`${m.type()}: ${m.text()} (${page.url()})`);
    });
    // Every route, then every route once more after the quiz list (where warnings were seen),
    // so each page is also entered from another one.
    for (const route of [...ROUTES, ...ROUTES.flatMap((r) => [r, '#/quiz'])]) {
      await page.goto(`${base}${route}`);
      await page.locator('main h1').waitFor();
      await page.waitForTimeout(150);
    }
    // After answering a question and choosing in a case, back to the list by the menu's link.
    const text =
      lang === 'en'
        ? { submit: 'Check my answer', quiz: 'Cases & Quizzes' }
        : { submit: '提交答案', quiz: '案例测验' };
    await page.goto(`${base}#/quiz/law`);
    const card = page.locator('article.question');
    await card.getByRole('radio').first().check();
    await card.getByRole('button', { name: text.submit }).click();
    await page.goto(`${base}#/quiz/lost-parcel`);
    await page.locator('.case-choices button').first().click();
    await page.getByRole('navigation').getByRole('link', { name: text.quiz }).click();
    await page.locator('main h1').waitFor();
    // And once more after switching the language on the quiz list.
    await page.getByRole('button', { name: lang === 'en' ? '中文' : 'English' }).click();
    await page.goto(`${base}#/flows`);
    await page.goto(`${base}#/quiz`);
    await page.locator('main h1').waitFor();
    await page.waitForTimeout(300);
    expect(warnings).toEqual([]);
    await context.close();
  });
});
