/**
 * Chinese renders without a CJK font on the computer: the app's own subset of Noto Sans SC is
 * declared with local() sources first and a unicode-range, loads for a Chinese page, and is in
 * the service worker's precache.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, useBrowser } from './browser.ts';

const base = inject('baseURL');
const dist = inject('dist');
const browser = useBrowser();

describe('the Chinese webfont', () => {
  it('is declared local-first with a unicode-range, and every file is precached', () => {
    const html = readFileSync(`${dist}/index.html`, 'utf8');
    const faces = html.match(/@font-face\{[^}]+\}/g) ?? [];
    expect(faces.length).toBeGreaterThan(0);
    for (const face of faces) {
      expect(face).toMatch(/src:local\(/);
      expect(face).toMatch(/unicode-range:U\+/);
    }
    const files = readdirSync(`${dist}/fonts`).filter((f) => f.endsWith('.woff2'));
    expect(files.length).toBe(faces.length);
    const sw = readFileSync(`${dist}/sw.js`, 'utf8');
    for (const f of files) expect(sw).toContain(`fonts/${f}`);
  });

  it('draws the home page’s Chinese with a Chinese font, and fetches none of its own where the computer has one', async () => {
    const { context, page, errors } = await openPage(browser(), 'zh-CN');
    await page.goto(`${base}#/`);
    await page.locator('main h1').waitFor();
    await page.evaluate(() => document.fonts.ready);
    const used = await fontsOf(page, 'main h1');
    // Every glyph of the heading is drawn by some font (no empty boxes), and it is a CJK font.
    expect(used.length).toBeGreaterThan(0);
    const slices = await sliceStatus(page);
    if (used.some((f) => f.isCustomFont)) {
      expect(slices).toContain('loaded');
    } else {
      // The computer's own Chinese font drew it: the app fetched none of its slices.
      expect(slices.filter((s) => s !== 'unloaded')).toEqual([]);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('on a computer without a Chinese font, fetches only the slices the page’s characters need', async () => {
    const { context, page, errors } = await openPage(browser(), 'zh-CN');
    await page.goto(`${base}#/`);
    await page.locator('main h1').waitFor();
    // As on a computer with none of the Chinese fonts before it in the app's font stack.
    await page.addStyleTag({
      content: ":root { font-family: 'ECSim Noto Sans SC', sans-serif !important; }",
    });
    await page.evaluate(() => document.fonts.ready);
    const slices = await sliceStatus(page);
    expect(slices).toContain('loaded');
    expect(slices.filter((s) => s === 'loaded').length).toBeLessThan(slices.length);
    const used = await fontsOf(page, 'main h1');
    expect(used.some((f) => f.isCustomFont && f.glyphCount > 0)).toBe(true);
    expect(
      await page.evaluate(() => document.fonts.check("16px 'ECSim Noto Sans SC'", '电商')),
    ).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** The load status of each slice of the app's own Chinese font. */
function sliceStatus(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.fonts].filter((f) => f.family.includes('ECSim Noto Sans SC')).map((f) => f.status),
  );
}

interface PlatformFont {
  familyName: string;
  isCustomFont: boolean;
  glyphCount: number;
}

/** The fonts the browser really drew an element's text with (DevTools' “Rendered fonts”). */
async function fontsOf(page: Page, selector: string): Promise<PlatformFont[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts;
}
