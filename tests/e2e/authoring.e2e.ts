import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { axe, openPage, readStored, useBrowser } from './browser.ts';

const base = inject('baseURL');
const DRAFT = 'ecsim.authoring.draft';
const browser = useBrowser();

const QUIZ = readFileSync('scenarios/templates/quiz.yaml', 'utf8').replace(
  'id: my-quiz',
  'id: teacher-quiz',
);
const CASE = readFileSync('scenarios/templates/case.yaml', 'utf8');
const MARKET = readFileSync('scenarios/templates/market.yaml', 'utf8');
const BROKEN = readFileSync('tests/fixtures/content/broken-quiz.yaml', 'utf8');

const TEXT = {
  'zh-CN': {
    pick: '选择场景文件',
    start: '开始',
    invalid: /这个文件有 6 处错误，没有打开。你的学习记录没有任何改变。/,
    firstError:
      'broken.yaml:13:7  questions[0].options  单选题应恰好有 1 个选项标为 correct: true（现在有 2 个）',
    question: /第 1 题 \/ 共 2 题/,
    caseChoice: '告诉商家：收到 7 天内可以无理由退货',
    share: '分享链接与二维码',
    address: '文件的网址（https://…）',
    link: '分享链接',
    noProblems: '没有错误',
    oneProblem: '1 处错误',
    typo: 'questions[0].type  应为以下之一：single, multiple, truefalse, ordering, matching',
    remove: '删除“我的题组”',
    imported: '转换了 9 道题，跳过 9 道。',
    toEditor: '在编辑器中打开',
  },
  en: {
    pick: 'Choose a scenario file',
    start: 'Start',
    invalid: /This file has 6 errors and was not opened\. Your progress is unchanged\./,
    firstError:
      'broken.yaml:13:7  questions[0].options  a single-choice question needs exactly one option with correct: true (it has 2)',
    question: /Question 1 of 2/,
    caseChoice: 'Tell the shop the law allows a no-reason return within seven days',
    share: 'Share link and QR code',
    address: "The file's address online (https://…)",
    link: 'Share link',
    noProblems: 'No problems',
    oneProblem: '1 problem',
    typo: 'questions[0].type  must be one of: single, multiple, truefalse, ordering, matching',
    remove: 'Remove “My question set”',
    imported: 'Questions converted: 9; not converted: 9.',
    toEditor: 'Open in the editor',
  },
} as const;

const file = (name: string, text: string) => ({
  name,
  mimeType: 'text/yaml',
  buffer: Buffer.from(text),
});

describe.each(['zh-CN', 'en'] as const)('authoring in %s', (lang) => {
  const text = TEXT[lang];

  it('opens a file, an address and a share link; an invalid file changes nothing', async () => {
    const { context, page, errors } = await openPage(browser(), lang);
    await page.goto(`${base}#/quiz/security`);
    await page.locator('article.question input').first().check();
    await page.locator('article.question button.primary').click();
    // The answer is saved just after it is shown.
    await expect.poll(() => readStored(page, 'ecsim.progress')).toContain('"security"');
    const progress = await readStored(page, 'ecsim.progress');
    expect(progress).toContain('"security"');

    await page.goto(`${base}#/authoring`);
    await page.locator('h1').waitFor();
    expect(await axe(page)).toEqual([]);
    const input = page.locator('input[type=file][accept^=".yaml"]');
    await input.setInputFiles(file('broken.yaml', BROKEN));
    await page.locator('main').getByText(text.invalid).waitFor();
    expect(await page.getByText(text.firstError, { exact: true }).count()).toBe(1);
    expect(await readStored(page, 'ecsim.progress')).toBe(progress);
    expect(await readStored(page, 'ecsim.scenarios')).toBeNull();
    expect(await axe(page)).toEqual([]);

    // A file.
    await input.setInputFiles(file('teacher.yaml', QUIZ));
    await page.getByRole('link', { name: text.start }).click();
    await page.getByRole('heading', { name: text.question }).waitFor();

    // An address, as ?scenario= (the request is answered here, not on the network).
    await page.route('https://teacher.example/return.yaml', (route) =>
      route.fulfill({ body: CASE, contentType: 'text/yaml' }),
    );
    await page.goto(
      `${base}?scenario=${encodeURIComponent('https://teacher.example/return.yaml')}`,
    );
    await page.getByRole('link', { name: text.start }).click();
    await page.getByRole('button', { name: text.caseChoice }).click();

    // A marketplace scenario from a file runs on the Marketplace page.
    await page.goto(`${base}#/authoring`);
    await input.setInputFiles(file('market.yaml', MARKET));
    await page.getByRole('link', { name: text.start }).click();
    await page.waitForFunction(() => location.hash.startsWith('#/market/my-market'));
    await page
      .locator('.market-top')
      .getByText(lang === 'en' ? /what this market shows/ : /这个市场展示什么/)
      .waitFor();
    expect(await page.locator('.market-top select').inputValue()).toBe('my-market');

    // A share link made in the editor, opened in a fresh browser with nothing kept.
    await page.goto(`${base}#/authoring/edit?template=quiz`);
    await page.getByText(text.noProblems, { exact: true }).waitFor();
    await page.getByRole('button', { name: text.share }).click();
    const link = await page.getByRole('textbox', { name: text.link }).inputValue();
    expect(link).toMatch(/#\/open\?s=[A-Za-z0-9_-]+$/);
    // Too long for a QR code that scans from a projector: the file's address makes a short one.
    expect(await page.locator('.qr svg').count()).toBe(0);
    await page.getByLabel(text.address).fill('https://school.example/sets/my-quiz.yaml');
    await page.locator('.qr svg path').waitFor();
    expect(await axe(page)).toEqual([]);
    const other = await openPage(browser(), lang);
    await other.page.goto(link);
    await other.page.getByRole('link', { name: text.start }).click();
    await other.page.getByRole('heading', { name: text.question }).waitFor();
    expect(other.errors).toEqual([]);
    await other.context.close();

    // Kept scenarios survive a reload and can be removed.
    await page.goto(`${base}#/authoring`);
    await page.reload();
    await page.getByRole('button', { name: text.remove }).click();
    expect(await page.getByRole('button', { name: text.remove }).count()).toBe(0);
    expect(await readStored(page, 'ecsim.progress')).toContain('"security"');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows an error as it is typed, at its line, and clears it when fixed', async () => {
    const { context, page, errors } = await openPage(browser(), lang);
    await page.goto(`${base}#/authoring/edit?template=quiz`);
    await page.getByText(text.noProblems, { exact: true }).waitFor();
    const area = page.locator('textarea#yaml');
    const yaml = await area.inputValue();
    await area.fill(yaml.replace('type: single', 'type: singel'));
    await page.getByText(text.oneProblem, { exact: true }).waitFor();
    const problem = page.getByRole('button', { name: text.typo });
    expect(await problem.textContent()).toMatch(/^scenario\.yaml:\d+:\d+ {2}/);
    const line = Number(/:(\d+):/.exec((await problem.textContent()) ?? '')?.[1]);
    expect(await page.locator('.gutter span.bad').textContent()).toBe(String(line));
    await problem.click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('yaml');
    await area.fill(yaml);
    await page.getByText(text.noProblems, { exact: true }).waitFor();
    expect(await page.locator('.gutter span.bad').count()).toBe(0);
    expect(await axe(page)).toEqual([]);
    // The draft survives a reload.
    await area.fill(yaml.replace('我的题组', '草稿题组'));
    // Saved as typed: wait for the store to hold it, not for a fixed time.
    await expect.poll(() => readStored(page, DRAFT)).toContain('草稿题组');
    await page.goto(`${base}#/authoring/edit`);
    await page.reload();
    await expect.poll(() => page.locator('textarea#yaml').inputValue()).toContain('草稿题组');

    // A Moodle GIFT bank, converted and finished in the editor.
    await page.goto(`${base}#/authoring`);
    await page
      .locator('input[type=file][accept^=".gift"]')
      .setInputFiles('tests/fixtures/import/sample.gift');
    await page.locator('main').getByText(text.imported).waitFor();
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: text.toEditor }).click();
    await page.getByText(text.noProblems, { exact: true }).waitFor();
    expect(await page.locator('textarea#yaml').inputValue()).toContain('kind: quiz');
    expect(errors).toEqual([]);
    await context.close();
  });
});
