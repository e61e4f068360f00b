import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axe, openPage, runMarketToEnd, useBrowser } from './browser.ts';

const base = inject('baseURL');
const browser = useBrowser();

const TEXT = {
  'zh-CN': {
    run: '运行',
    step: '前进一天',
    export: '导出 CSV',
    share: '复制分享链接',
    seed: '随机种子',
    apply: '应用设置并重新开始',
    dayEnd: /第 (\d+) 天，共 \1 天/,
    startGame: '开始游戏',
    escrow: '担保交易',
    playRound: '进行这一轮',
    round2: '第 2 轮，共 4 轮（每轮 30 天）',
    columns: ['指标', '你的决策', '只有电脑玩家'],
    debug: '检查不变量（调试模式）',
    held: /^已逐日检查 (\d+) 天，不变量全部成立。$/,
  },
  en: {
    run: 'Run',
    step: 'Step one day',
    export: 'Export CSV',
    share: 'Copy share link',
    seed: 'Random seed',
    apply: 'Apply and restart',
    dayEnd: /Day (\d+) of \1/,
    startGame: 'Start the game',
    escrow: 'Escrow',
    playRound: 'Play this round',
    round2: 'Round 2 of 4 (30 days each)',
    columns: ['Metric', 'Your decisions', 'Computer players only'],
    debug: 'Check invariants (debug mode)',
    held: /^Invariants held on every day checked\. Days checked: (\d+)\.$/,
  },
} as const;

const runToEnd = (page: Page, lang: 'zh-CN' | 'en') => runMarketToEnd(page, TEXT[lang].run);

describe.each(['zh-CN', 'en'] as const)('the marketplace in %s', (lang) => {
  const text = TEXT[lang];

  it('runs a built-in scenario with its comparison in a worker, exports CSV, and has no axe violations', async () => {
    const { context, page, errors } = await openPage(browser(), lang);
    await page.goto(`${base}#/market/online-vs-offline`);
    await page.getByRole('button', { name: text.step }).click();
    await runToEnd(page, lang);
    // Two configurations side by side: the table has a column for each.
    const headers = await page.locator('table.results thead th').count();
    expect(headers).toBe(3);
    expect(await page.locator('.chart').count()).toBe(6);
    expect(await page.locator('.chart path.series').count()).toBe(12);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: text.export }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toMatch(/^configuration,day,gmv,orders/);
    expect(csv.length).toBeGreaterThan(2 * 60);
    expect(await axe(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('switches a comparison off and on again after a day with the charts in view (UI fuzz, seed 44)', async () => {
    const { context, page, errors } = await openPage(browser(), lang, {});
    await page.setViewportSize({ width: 1280, height: 2600 });
    await page.goto(`${base}#/market/online-vs-offline`);
    const baseline = page.getByRole('checkbox', {
      name: lang === 'en' ? /Offline shopping/ : /线下购物/,
    });
    await baseline.uncheck();
    await page
      .locator('.market-results .controls')
      .getByRole('button', { name: text.step })
      .click();
    await page
      .getByText(/第 1 天，共|Day 1 of/)
      .first()
      .waitFor();
    await page.locator('.chart summary').first().click();
    await baseline.check();
    await page
      .locator('.market-results .controls')
      .getByRole('button', { name: text.step })
      .click();
    await page.waitForTimeout(500);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('debug=1 checks the invariants in the worker every day and reports that they held', async () => {
    const { context, page, errors } = await openPage(browser(), lang);
    await page.goto(`${base}#/market/online-vs-offline?debug=1`);
    expect(await page.getByRole('checkbox', { name: text.debug }).isChecked()).toBe(true);
    await runToEnd(page, lang);
    const report = page.locator('.debug-panel [data-testid="invariants"]');
    const said = async () => ((await report.textContent()) ?? '').trim();
    await expect.poll(said, { timeout: 10_000 }).toMatch(text.held);
    // Every day of the run was checked.
    const days = await page.locator('.market-results progress').getAttribute('max');
    expect((await said()).match(text.held)![1]).toBe(days);
    expect(await axe(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('plays a game round as the platform and sees the bots-only market beside it', async () => {
    const { context, page, errors } = await openPage(browser(), lang);
    await page.goto(`${base}#/market/c2c-escrow-fraud`);
    await page.getByRole('button', { name: text.startGame }).click();
    await page.getByRole('checkbox', { name: text.escrow, exact: true }).last().check();
    await page.getByRole('button', { name: text.playRound }).click();
    await page.getByText(text.round2).waitFor();
    expect(await page.locator('table.results thead th').allTextContents()).toEqual(text.columns);
    expect(await axe(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a share link reopens exactly the same configuration and seed, and the same results', async () => {
    const { context, page, errors } = await openPage(browser(), lang);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(`${base}#/market/c2c-secondhand`);
    const seed = page.getByRole('spinbutton', { name: text.seed });
    await seed.fill('77');
    await page.getByRole('button', { name: text.apply }).click();
    await runToEnd(page, lang);
    const results = await page.locator('table.results tbody').textContent();
    await page.getByRole('button', { name: text.share }).click();
    const link = (await page.locator('code.share-link').textContent())!.trim();
    expect(link).toContain('#/market/c2c-secondhand?p=');
    const encoded = link.split('?p=')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    expect(JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'))).toMatchObject({ seed: 77 });
    const second = await context.newPage();
    await second.goto(link);
    await expect
      .poll(() => second.getByRole('spinbutton', { name: text.seed }).inputValue(), {
        timeout: 15_000,
      })
      .toBe('77');
    await runToEnd(second, lang);
    expect(await second.locator('table.results tbody').textContent()).toBe(results);
    expect(errors).toEqual([]);
    await context.close();
  });
});
