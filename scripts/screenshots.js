/**
 * Screenshots of every page of the production build as a student sees it: each page in Chinese
 * and English, on a phone (390 × 844) and a laptop (1280 × 800), whole pages, into `screenshots/`
 * (or `--out <folder>`). Look at them before calling a layout change done.
 *
 *   npm run build && node scripts/screenshots.js [--only market] [--dist dist] [--out screenshots]
 *
 * The marketplace is shown after a run of its first scenario, the flows page a few steps in, so
 * that the pictures show the parts that change.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PAGES } from './page-cost.js';
import { launchChromium, serveDist } from './measure-lib.js';

/** @param {string} name @param {string} fallback */
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return (i >= 0 && process.argv[i + 1]) || fallback;
};
const out = arg('out', 'screenshots');
const only = arg('only', '');
const FORMS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1280, height: 800 },
];
const LANGS = /** @type {const} */ (['zh-CN', 'en']);

/**
 * What to do on a page before its picture is taken.
 * @type {Record<string, (page: import('playwright-core').Page) => Promise<void>>}
 */
const BEFORE = {
  async market(page) {
    const play = page.locator('.market-results .controls button.primary');
    await play.waitFor();
    await page.waitForFunction(() => {
      const b = document.querySelector('.market-results .controls button.primary');
      return b instanceof HTMLButtonElement && !b.disabled;
    });
    await page.locator('.market-results .controls select').selectOption({ index: 3 });
    await play.click();
    await page.waitForFunction(
      () => {
        const p = document.querySelector('.market-results progress');
        return p instanceof HTMLProgressElement && p.max > 0 && p.value === p.max;
      },
      undefined,
      { timeout: 60_000 },
    );
  },
  async flows(page) {
    const next = page.locator('main button.primary').first();
    await next.waitFor();
    for (let i = 0; i < 3; i++) await next.click();
  },
};

mkdirSync(out, { recursive: true });
const { base, close } = await serveDist();
const browser = await launchChromium();
try {
  for (const [name, hash] of Object.entries(PAGES)) {
    if (only && name !== only) continue;
    for (const lang of LANGS)
      for (const form of FORMS) {
        const context = await browser.newContext({
          locale: lang,
          viewport: { width: form.width, height: form.height },
          reducedMotion: 'reduce',
        });
        const page = await context.newPage();
        await page.goto(`${base}${hash}`);
        await page.locator('main h1').waitFor();
        await BEFORE[name]?.(page);
        await page.evaluate(() => document.fonts.ready);
        const file = join(out, `${name}-${lang}-${form.name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(file);
        await context.close();
      }
  }
} finally {
  await browser.close();
  close();
}
