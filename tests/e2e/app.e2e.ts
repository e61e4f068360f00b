import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axe, openPage, readStored, storedWithPrefix, useBrowser, writeStored } from './browser.ts';

const base = inject('baseURL');
const browser = useBrowser();

const ROUTES = [
  '#/',
  '#/lessons',
  '#/lessons/process',
  '#/lessons/models',
  '#/lessons/platforms',
  '#/lessons/security-law',
  '#/flows',
  '#/market',
  '#/quiz',
  '#/quiz/law',
  '#/quiz/lost-parcel',
  '#/class',
  '#/authoring',
  '#/progress',
  '#/no-such-page',
];

const NAV = {
  'zh-CN': ['首页', '课程', '流程', '模拟市场', '案例测验', '场景编写', '学习记录'],
  en: ['Home', 'Lessons', 'Flows', 'Marketplace', 'Cases & Quizzes', 'Authoring', 'My progress'],
};

async function h1(page: Page): Promise<string> {
  const heading = page.locator('main h1');
  await heading.waitFor();
  return (await heading.textContent())?.trim() ?? '';
}

describe.each(['zh-CN', 'en'] as const)('every route in %s', (lang) => {
  it('opens with a heading, the right language, no errors and no axe violations', async () => {
    const { context, page, errors } = await openPage(browser(), lang);
    const report: string[] = [];
    for (const route of ROUTES) {
      await page.goto(`${base}${route}`);
      const title = await h1(page);
      expect(title, route).not.toBe('');
      if (route.startsWith('#/lessons/')) await page.locator('main .part h2').first().waitFor();
      expect(await page.getAttribute('html', 'lang'), route).toBe(lang);
      const nav = await page.getByRole('navigation').first().getByRole('link').allTextContents();
      expect(
        nav.map((s) => s.trim()),
        route,
      ).toEqual(NAV[lang]);
      report.push(...(await axe(page)).map((v) => `${route}: ${v}`));
    }
    expect(report).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('passes axe in the dark colour scheme too', async () => {
    const { context, page } = await openPage(browser(), lang, { colorScheme: 'dark' });
    const report: string[] = [];
    for (const route of [
      '#/',
      '#/lessons/models',
      '#/progress',
      '#/flows',
      '#/market',
      '#/quiz',
      '#/quiz/security',
      '#/quiz/counterfeit',
      '#/authoring',
      '#/authoring/edit?template=case',
      '#/class',
    ]) {
      await page.goto(`${base}${route}`);
      await h1(page);
      if (route.startsWith('#/lessons/')) await page.locator('main .part h2').first().waitFor();
      report.push(...(await axe(page)).map((v) => `${route}: ${v}`));
    }
    expect(report).toEqual([]);
    await context.close();
  });
});

describe('language', () => {
  // English pages name the textbook's Chinese terms on purpose, as in “Paid (已支付)”. In lesson
  // and question text they are marked as Chinese for screen readers; and text put together in
  // code must not carry Chinese punctuation into English.
  it('in English, Chinese terms in lessons are marked as Chinese and no Chinese punctuation leaks', async () => {
    const { context, page, errors } = await openPage(browser(), 'en');
    const found: string[] = [];
    for (const route of [...ROUTES, '#/flows/transaction', '#/quiz/security']) {
      await page.goto(`${base}${route}`);
      await h1(page);
      if (route.startsWith('#/lessons/')) await page.locator('main .part h2').first().waitFor();
      // The pages whose words are put together in code: a chart's title, the narration.
      if (route === '#/market') {
        // The charts appear once a run has data: step one day.
        await page
          .locator('.market-results .controls')
          .getByRole('button', { name: 'Step one day' })
          .click();
        await page.locator('.chart-grid figure').first().waitFor();
      }
      if (route.startsWith('#/flows')) await page.locator('.diagram svg').waitFor();
      const chinese = await page.evaluate(() => {
        const han = /\p{Script=Han}/u;
        const punctuation = /[\u3000-\u303f\uff01-\uff5e]/u;
        const out: string[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const parent = n.parentElement;
          if (!parent || parent.closest('[lang^="zh"], script, style, noscript')) continue;
          const text = n.textContent ?? '';
          if (punctuation.test(text) || (parent.closest('.prose') && han.test(text)))
            out.push(text.trim().slice(0, 40));
        }
        return out;
      });
      found.push(...chinese.map((text) => `${route}: ${text}`));
    }
    expect(found).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('reflow', () => {
  it.each(['zh-CN', 'en'] as const)(
    // 320 CSS pixels is a 1280-pixel screen at 400% zoom (WCAG 1.4.10): 200% text fits too.
    'every page fits 320 CSS pixels without scrolling sideways, in %s',
    async (lang) => {
      const { context, page } = await openPage(browser(), lang);
      await page.setViewportSize({ width: 320, height: 640 });
      const wide: string[] = [];
      for (const route of ROUTES.filter((r) => r !== '#/no-such-page')) {
        await page.goto(`${base}${route}`);
        await h1(page);
        await page.waitForTimeout(300);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 320) wide.push(`${route}: ${width}px`);
      }
      expect(wide).toEqual([]);
      await context.close();
    },
  );
});

describe('theme', () => {
  it('follows the system until the switch picks light or dark, which is remembered', async () => {
    const { context, page, errors } = await openPage(browser(), 'en', { colorScheme: 'dark' });
    const background = () =>
      page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    await page.goto(`${base}#/`);
    await h1(page);
    expect(await background()).toBe('rgb(20, 22, 26)');
    const appearance = page.getByRole('combobox', { name: 'Appearance' });
    await appearance.selectOption('light');
    expect(await background()).toBe('rgb(251, 250, 248)');
    await page.reload();
    await h1(page);
    expect(await background()).toBe('rgb(251, 250, 248)');
    await page.getByRole('combobox', { name: 'Appearance' }).selectOption('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await background()).toBe('rgb(20, 22, 26)');
    expect(await axe(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('language', () => {
  it('switches at once, everywhere, and is remembered after a reload', async () => {
    const { context, page, errors } = await openPage(browser(), 'zh-CN');
    await page.goto(`${base}#/lessons/process`);
    expect(await h1(page)).toBe('电子商务流程');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'E-commerce processes' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.title()).toBe('E-commerce processes · E-commerce Teaching Simulator');
    await page.reload();
    expect(await h1(page)).toBe('E-commerce processes');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { level: 1, name: '电子商务流程' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('reading a lesson', () => {
  it('is counted in My progress after a reload', async () => {
    const { context, page, errors } = await openPage(browser(), 'zh-CN');
    await page.goto(`${base}#/lessons/platforms`);
    await page.getByRole('button', { name: '标记为已读' }).click();
    await page.getByRole('button', { name: '取消已读' }).waitFor();
    // Reloaded once the app has saved it (on a busy machine the saver's first load can take a
    // moment; a reload before that is a different test's matter).
    await expect.poll(() => readStored(page, 'ecsim.progress')).toContain('"platforms"');
    await page.reload();
    await page.getByRole('button', { name: '取消已读' }).waitFor();
    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: '学习记录' })
      .click();
    expect(await h1(page)).toBe('学习记录');
    await page.getByText('已读 1 / 4 节').waitFor();
    const row = page
      .getByRole('region', { name: '已读课程' })
      .getByRole('listitem')
      .filter({ hasText: '电子商务平台' });
    expect(await row.textContent()).toContain('✓');
    await page.goto(`${base}#/`);
    await page.getByRole('link', { name: '继续学习：电子商务流程' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens a part from its own link, and pages through sections', async () => {
    const { context, page, errors } = await openPage(browser(), 'en');
    await page.goto(`${base}#/lessons/process/logistics-flow`);
    const part = page.getByRole('heading', { name: '1.3 The logistics flow' });
    await part.waitFor();
    await page.waitForFunction(() => {
      const top = document.getElementById('part-logistics-flow')?.getBoundingClientRect().top;
      return top !== undefined && Math.abs(top) < 50;
    });
    await page.getByRole('link', { name: /Next: Business models/ }).click();
    expect(await h1(page)).toBe('Business models');
    expect(page.url()).toContain('#/lessons/models');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works by keyboard alone: skip link, navigation, mark as read', async () => {
    const { context, page, errors } = await openPage(browser(), 'zh-CN');
    await page.goto(`${base}#/`);
    await h1(page);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到正文');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // Forward through the page to the first lesson link, then open it.
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const text = await page.evaluate(() => document.activeElement?.textContent ?? '');
      if (text.includes('从第 1 节开始')) break;
    }
    await page.keyboard.press('Enter');
    await expect.poll(() => h1(page)).toBe('电子商务流程');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    const button = page.getByRole('button', { name: '标记为已读' });
    await button.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '取消已读' }).waitFor();
    expect(await page.locator('[aria-live="polite"]').textContent()).toContain(
      '已将“电子商务流程”记为已读',
    );
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('saved progress that cannot be read', () => {
  it('is kept aside, the student is told, and the app keeps working', async () => {
    const { context, page, errors } = await openPage(browser(), 'en');
    await page.goto(`${base}#/`);
    await h1(page);
    await writeStored(page, 'ecsim.progress', '{"format":"ecsim-progr');
    await page.reload();
    await page
      .getByRole('alert')
      .getByText(/kept aside, not deleted/)
      .waitFor();
    const kept = await storedWithPrefix(page, 'ecsim.progress.unreadable.');
    expect(kept.map(([, v]) => v)).toEqual(['{"format":"ecsim-progr']);
    await page.goto(`${base}#/lessons/models`);
    await page.getByRole('button', { name: 'Mark as read' }).click();
    await page.getByRole('button', { name: 'Mark as unread' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('from a newer version is never overwritten', async () => {
    const { context, page } = await openPage(browser(), 'en');
    const newer = '{"format":"ecsim-progress","version":7,"lessons":{}}';
    await page.goto(`${base}#/`);
    await h1(page);
    await writeStored(page, 'ecsim.progress', newer);
    await page.goto(`${base}#/lessons/models`);
    await page.reload();
    await page
      .getByRole('alert')
      .getByText(/format version 7/)
      .waitFor();
    await page.getByRole('button', { name: 'Mark as read' }).click();
    await page.getByRole('button', { name: 'Mark as unread' }).waitFor();
    expect(await readStored(page, 'ecsim.progress')).toBe(newer);
    await context.close();
  });
});
