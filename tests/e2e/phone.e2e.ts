/**
 * On a phone (360 px wide), in both languages: a one-row header with the rest behind a menu
 * button, quiz options with the control beside its text, flows drawn as a timeline with the full
 * diagram a tap away, nothing wider than the screen. On a desktop, no diagram text cut off.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axe, openPage, useBrowser } from './browser.ts';

const base = inject('baseURL');
const browser = useBrowser();

const ROUTES = ['#/', '#/lessons/process', '#/flows', '#/market', '#/quiz/law', '#/progress'];

async function phone(lang: 'zh-CN' | 'en') {
  const watched = await openPage(browser(), lang);
  await watched.page.setViewportSize({ width: 360, height: 780 });
  return watched;
}

/** How far the page scrolls sideways (0 when it fits the screen). */
function sideScroll(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

/**
 * Text drawn in `frame` whose box leaves the frame's box: "text (left–right, top–bottom) outside
 * (…)". A frame that scrolls down by design (the timeline) is checked across only.
 */
function clippedText(
  page: Page,
  frame: string,
  texts: string,
  across: 'across' | 'both' = 'both',
): Promise<string[]> {
  return page.evaluate(
    ([frameSel, textSel, axes]) => {
      const f = document.querySelector(frameSel)!.getBoundingClientRect();
      return [...document.querySelectorAll(textSel)]
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0)
        .filter(
          ({ r }) =>
            r.left < f.left - 0.5 ||
            r.right > f.right + 0.5 ||
            (axes === 'both' && (r.top < f.top - 0.5 || r.bottom > f.bottom + 0.5)),
        )
        .map(
          ({ el, r }) =>
            `${el.textContent?.trim()} (${Math.round(r.left)}–${Math.round(r.right)}, ${Math.round(r.top)}–${Math.round(r.bottom)}) outside (${Math.round(f.left)}–${Math.round(f.right)}, ${Math.round(f.top)}–${Math.round(f.bottom)})`,
        );
    },
    [frame, texts, across] as const,
  );
}

describe.each(['zh-CN', 'en'] as const)('on a 360 px phone in %s', (lang) => {
  it('has a one-row header and no sideways scrolling on any page', async () => {
    const { context, page, errors } = await phone(lang);
    for (const route of ROUTES) {
      await page.goto(`${base}${route}`);
      await page.locator('main h1').waitFor();
      const header = await page.locator('.site-header').boundingBox();
      expect(header!.height, route).toBeLessThanOrEqual(72);
      expect(await sideScroll(page), route).toBeLessThanOrEqual(0);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens the menu with a real button: focus moves in, Escape closes and returns it', async () => {
    const { context, page, errors } = await phone(lang);
    await page.goto(`${base}#/`);
    const menu = page.getByRole('button', { name: lang === 'en' ? 'Menu' : '菜单' });
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
    expect(await page.getByRole('navigation').isVisible()).toBe(false);
    await menu.focus();
    await page.keyboard.press('Enter');
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('true');
    expect(await page.getByRole('navigation').isVisible()).toBe(true);
    const inMenu = () =>
      page.evaluate(() => document.getElementById('site-menu')!.contains(document.activeElement));
    expect(await inMenu()).toBe(true);
    // Focus is visible on the link it landed on.
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement!).outlineStyle,
    );
    expect(outline).not.toBe('none');
    // The language and theme switches are in the menu too.
    expect(await page.getByRole('button', { name: 'English' }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
    expect(
      await page.evaluate(() => document.activeElement?.classList.contains('menu-button')),
    ).toBe(true);
    // A link in the menu opens its page and closes the menu.
    await menu.click();
    await page
      .getByRole('navigation')
      .getByRole('link', { name: lang === 'en' ? 'Flows' : '流程' })
      .click();
    await page.locator('main h1').waitFor();
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('puts each quiz option’s control on the first line of its text, beside it', async () => {
    const { context, page, errors } = await phone(lang);
    await page.goto(`${base}#/quiz/law`);
    await page.locator('.choice label').first().waitFor();
    const misplaced = await page.evaluate(() =>
      [...document.querySelectorAll('.choice label')].flatMap((label) => {
        const input = label.querySelector('input')!.getBoundingClientRect();
        const text = label.querySelector('.choice-text')!;
        const range = document.createRange();
        range.selectNodeContents(text);
        const firstLine = range.getClientRects()[0]!;
        const mid = input.top + input.height / 2;
        const beside = input.right <= firstLine.left;
        const onFirstLine = mid > firstLine.top && mid < firstLine.bottom;
        return beside && onFirstLine ? [] : [text.textContent?.trim() ?? ''];
      }),
    );
    expect(await page.locator('.choice label').count()).toBeGreaterThan(1);
    expect(misplaced).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('draws a flow as a timeline that fits, and the full diagram one tap away', async () => {
    const { context, page, errors } = await phone(lang);
    await page.goto(`${base}#/flows/payment`);
    await page.locator('.timeline li').first().waitFor();
    expect(await page.locator('.timeline li').count()).toBeGreaterThan(3);
    // The timeline scrolls down inside its frame; nothing may stick out sideways.
    const timelineText = '.timeline .chip, .timeline .message';
    expect(await clippedText(page, '.timeline', timelineText, 'across')).toEqual([]);
    expect(await sideScroll(page)).toBeLessThanOrEqual(0);
    // Steps still to come keep readable contrast (they were faded below 4.5:1 with opacity).
    expect(await axe(page)).toEqual([]);

    const full = page.getByRole('button', {
      name: lang === 'en' ? 'Show the full sequence diagram' : '显示完整序列图',
    });
    await full.click();
    await expect(full.getAttribute('aria-pressed')).resolves.toBe('true');
    await page.locator('.diagram-canvas svg').waitFor({ timeout: 20_000 });
    // The diagram scrolls inside its frame; every label stays inside the drawing.
    expect(await clippedText(page, '.diagram-canvas svg', '.diagram-canvas svg text')).toEqual([]);
    expect(await sideScroll(page)).toBeLessThanOrEqual(0);
    await full.click();
    await page.locator('.timeline').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe.each(['zh-CN', 'en'] as const)('on a desktop in %s', (lang) => {
  it('cuts off no role box, label or step number of any flow diagram', async () => {
    const { context, page, errors } = await openPage(browser(), lang);
    for (const flow of ['transaction', 'payment', 'logistics']) {
      await page.goto(`${base}#/flows/${flow}`);
      await page.locator('.diagram-canvas svg').waitFor({ timeout: 20_000 });
      // Go to the last step: its number sits at the bottom edge.
      await page.keyboard.press('End');
      await page.waitForTimeout(300);
      const inside =
        '.diagram-canvas svg text, .diagram-canvas svg rect, .diagram-canvas svg circle';
      expect(await clippedText(page, '.diagram-canvas svg', inside), flow).toEqual([]);
      expect(await clippedText(page, 'figure.diagram', inside), flow).toEqual([]);
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
