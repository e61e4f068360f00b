import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axe, openPage, runMarketToEnd, useBrowser } from './browser.ts';
import zh from '../../src/i18n/market/zh-CN.json' with { type: 'json' };
import en from '../../src/i18n/market/en.json' with { type: 'json' };

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
    columns: ['指标', '你的决策', '电脑扮演'],
    csvHead: '设置,天,成交总额（GMV）,订单数',
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
    columns: ['Metric', 'Your decisions', 'Computer in your place'],
    csvHead: 'Setting,Day,GMV,Orders',
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
    const raw = readFileSync((await download.path())!, 'utf8');
    // A byte-order mark, so that Excel on Chinese Windows reads the Chinese; CRLF line ends.
    expect(raw.startsWith('\uFEFF')).toBe(true);
    const csv = raw.slice(1).trimEnd().split('\r\n');
    expect(csv[0]!.startsWith(text.csvHead)).toBe(true);
    expect(csv.length).toBe(1 + 2 * 120);
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

/** The results table's cells by metric name (in the page's language) and column, as numbers. */
async function readTable(page: Page, lang: 'zh-CN' | 'en') {
  const names = (lang === 'en' ? en : zh).market.metrics as Record<string, string>;
  const rows = await page
    .locator('table.results tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())),
    );
  const byName = new Map(rows.map((r) => [r[0]!, r.slice(1)]));
  return (metric: string, column: number): number | null => {
    const cell = byName.get(names[metric]!)?.[column];
    if (cell === undefined) throw new Error(`no cell ${metric}[${column}]`);
    if (cell === '—') return null;
    return Number(cell.replace('−', '-').replace(/[¥%,\s]/g, ''));
  };
}

/**
 * What each built-in scenario claims, read off the results table as a student would (seed 1):
 * the same claims tests/unit/market-claims.spec.ts checks in the engine over five seeds.
 */
const CLAIMS: Record<string, (cell: Awaited<ReturnType<typeof readTable>>) => void> = {
  'online-vs-offline': (c) => {
    expect(c('txCostPerOrder', 0)!).toBeLessThan(0.67 * c('txCostPerOrder', 1)!);
    expect(c('avgDistance', 0)!).toBeGreaterThan(3 * c('avgDistance', 1)!);
    expect(c('consumerSurplus', 0)!).toBeGreaterThan(1.5 * c('consumerSurplus', 1)!);
    expect(c('platformRevenue', 1)).toBeNull();
    expect(c('platformProfit', 1)).toBeNull();
    expect(c('avgRating', 1)).toBeNull();
  },
  'b2b-procurement': (c) => {
    expect(c('txCostPerOrder', 0)!).toBeLessThan(0.9 * c('txCostPerOrder', 1)!);
    expect(c('reach', 0)! - c('reach', 1)!).toBeGreaterThan(4);
    expect(c('txCostPerUnit', 2)!).toBeGreaterThan(1.2 * c('txCostPerUnit', 0)!);
    expect(c('sellerProfit', 0)!).toBeGreaterThan(0);
  },
  'b2c-shop': (c) => {
    expect(c('sellerProfit', 0)!).toBeGreaterThan(0);
    expect(c('consumerSurplus', 1)!).toBeLessThan(0.9 * c('consumerSurplus', 0)!);
    expect(c('returns', 2)!).toBeGreaterThan(2.5 * c('returns', 0)!);
    expect(c('sellerProfit', 2)!).toBeLessThan(c('sellerProfit', 0)!);
  },
  'c2c-secondhand': (c) => {
    const fraud = [0, 1, 2, 3].map((i) => c('fraudLosses', i)!);
    expect(fraud[3]!).toBeGreaterThan(10 * Math.max(fraud[0]!, fraud[1]!, fraud[2]!));
    expect(c('consumerSurplus', 0)!).toBeGreaterThan(c('consumerSurplus', 1)!);
    expect(c('consumerSurplus', 0)!).toBeGreaterThan(c('consumerSurplus', 2)!);
  },
  'c2c-escrow-fraud': (c) => {
    expect(c('fraudLosses', 1)!).toBeLessThan(0.75 * c('fraudLosses', 0)!);
    expect(c('consumerSurplus', 1)!).toBeGreaterThan(c('consumerSurplus', 0)!);
    expect(c('platformProfit', 2)!).toBeLessThan(0.8 * c('platformProfit', 1)!);
  },
  'double-eleven': (c) => {
    expect(c('deliveryDays', 0)! - c('deliveryDays', 1)!).toBeGreaterThan(0.5);
  },
  'o2o-lunch-peak': (c) => {
    expect(c('failedOrders', 1)!).toBeLessThan(0.2 * c('failedOrders', 0)!);
  },
  'operating-models': (c) => {
    expect(c('platformWriteOffs', 0)).toBe(0);
    expect(c('platformWriteOffs', 1)).toBe(c('writeOffs', 1));
    expect(c('sellerProfit', 1)).toBeNull();
    expect(c('platformRevenue', 1)!).toBeGreaterThan(10 * c('platformRevenue', 0)!);
  },
};

describe.each(['zh-CN', 'en'] as const)(
  'every built-in scenario’s claims, in the UI, in %s',
  (lang) => {
    it.each(Object.keys(CLAIMS))(
      '%s: run with all comparisons; the results table bears it out',
      async (id) => {
        const { context, page, errors } = await openPage(browser(), lang);
        await page.goto(`${base}#/market/${id}`);
        await page
          .getByRole('combobox', { name: lang === 'en' ? 'Speed' : '速度' })
          .selectOption('30');
        await runToEnd(page, lang);
        CLAIMS[id]!(await readTable(page, lang));
        // The debrief questions are shown once the run ends.
        expect(
          await page.getByRole('heading', { name: lang === 'en' ? 'Discuss' : '讨论' }).count(),
        ).toBe(1);
        expect(errors).toEqual([]);
        await context.close();
      },
    );
  },
);

describe.each(['zh-CN', 'en'] as const)('the market scene in %s', (lang) => {
  it('draws the day’s orders from the run and says what happened, and the page stays axe-clean', async () => {
    const { context, page, errors } = await openPage(browser(), lang);
    await page.goto(`${base}#/market/double-eleven`);
    const step = page
      .locator('.market-results .controls')
      .getByRole('button', { name: TEXT[lang].step });
    for (let d = 0; d < 3; d++) await step.click();
    // The orders' canvas (over the map) has the day's orders drawn on it, not a blank frame.
    await expect
      .poll(
        () =>
          page.locator('canvas[role="img"]').evaluate((c: HTMLCanvasElement) => {
            const ctx = c.getContext('2d');
            if (!ctx || c.width === 0) return 0;
            const { data } = ctx.getImageData(0, 0, c.width, c.height);
            let ink = 0;
            for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) ink++;
            return ink;
          }),
        { timeout: 10_000 },
      )
      .toBeGreaterThan(500);
    // The text twin names the day.
    const said = page
      .locator('[aria-live]')
      .filter({ hasText: lang === 'en' ? /Day 3/ : /第 3 天/ });
    await expect.poll(() => said.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await axe(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
