/**
 * Chinese renders without a CJK font on the computer: the app's own subset of Noto Sans SC is
 * declared with local() sources first and a unicode-range, loads for a Chinese page, and is in
 * the service worker's precache.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
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

  it('draws the home page’s Chinese with it when the computer has no such font', async () => {
    const { context, page, errors } = await openPage(browser(), 'zh-CN');
    await page.goto(`${base}#/`);
    await page.locator('main h1').waitFor();
    await page.evaluate(() => document.fonts.ready);
    const loaded = await page.evaluate(() =>
      [...document.fonts]
        .filter((f) => f.family.includes('ECSim Noto Sans SC'))
        .map((f) => f.status),
    );
    // Only the slices the page's characters need are fetched, and they load.
    expect(loaded).toContain('loaded');
    expect(loaded.filter((s) => s === 'loaded').length).toBeLessThan(loaded.length);
    expect(
      await page.evaluate(() => document.fonts.check("16px 'ECSim Noto Sans SC'", '电商')),
    ).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
