/**
 * Chinese renders without a CJK font on the computer: the app's own subset of Noto Sans SC is
 * declared with local() sources first and a unicode-range, loads for a Chinese page, and is in
 * the service worker's precache.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, openPage, useBrowser } from './browser.ts';

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
    const fetched = fontRequests(page);
    await page.goto(`${base}#/`);
    await page.locator('main h1').waitFor();
    await page.evaluate(() => document.fonts.ready);
    const used = await fontsOf(page, 'main h1');
    expect(used.reduce((n, f) => n + f.glyphCount, 0)).toBeGreaterThan(0);
    if (used.some((f) => f.isCustomFont)) expect(fetched.length).toBeGreaterThan(0);
    // The computer's own Chinese font drew it (by name, or through the face's local() sources):
    // the app fetched none of its font files.
    else expect(fetched).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('on a computer without any Chinese font, fetches only the files the page’s characters need, and draws with them', async () => {
    const noCjk = await launch({ FONTCONFIG_FILE: latinOnlyFonts() });
    try {
      const { context, page, errors } = await openPage(noCjk, 'zh-CN');
      const fetched = fontRequests(page);
      await page.goto(`${base}#/`);
      await page.locator('main h1').waitFor();
      await page.evaluate(() => document.fonts.ready);
      const files = readdirSync(`${dist}/fonts`).filter((f) => f.endsWith('.woff2'));
      expect(fetched.length).toBeGreaterThan(0);
      expect(fetched.length).toBeLessThan(files.length);
      // Text laid out before its slice arrived is drawn again with it (src/app/font-refresh.ts):
      // the heading and the app's name, bold and large, were left as empty boxes before. The
      // text is shaped again at the next frame after the last slice, not at once: waited for.
      for (const selector of ['main h1', 'header a', 'main h2']) {
        await expect
          .poll(
            async () => {
              const used = await fontsOf(page, selector);
              return used.length > 0 && used.every((f) => f.isCustomFont)
                ? 'the app font'
                : `${selector}: ${JSON.stringify(used)}`;
            },
            { timeout: 5000, interval: 100 },
          )
          .toBe('the app font');
      }
      expect(
        await page.evaluate(() => document.fonts.check("16px 'ECSim Noto Sans SC'", '电商')),
      ).toBe(true);
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await noCjk.close();
    }
  });
});

/** The app's font files the page fetches, as they are requested. */
function fontRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => {
    if (/\/fonts\/[^/]+\.woff2$/.test(r.url())) urls.push(r.url());
  });
  return urls;
}

/**
 * A fontconfig file that shows Chromium only the computer's Latin fonts (every folder of fonts
 * but those with Chinese, Japanese or Korean fonts): a computer without a Chinese font.
 */
function latinOnlyFonts(): string {
  const root = '/usr/share/fonts';
  const dirs: string[] = [];
  // fontconfig reads a folder's subfolders too: list the folders that hold fonts themselves.
  const walk = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true });
    for (const e of entries) if (e.isDirectory()) walk(join(dir, e.name));
    const fonts = entries.some((e) => e.isFile() && /\.(ttf|otf|ttc|otc|pfb)$/i.test(e.name));
    if (fonts && !/cjk|wqy|arphic|droid|han|noto|unifont|ipa|nanum|baekmuk/i.test(dir))
      dirs.push(dir);
  };
  if (existsSync(root)) walk(root);
  const folder = mkdtempSync(join(tmpdir(), 'fonts-'));
  const file = join(folder, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n${dirs
      .map((d) => `  <dir>${d}</dir>`)
      .join(
        '\n',
      )}\n  <cachedir>${join(folder, 'cache')}</cachedir>\n  <include ignore_missing="yes">/etc/fonts/conf.d</include>\n</fontconfig>\n`,
  );
  return file;
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
