/**
 * Offline: the service worker precaches every file of the build the app can load (mermaid's loaders
 * of diagram types the app never draws are left out); it says, quietly, when the app is ready to
 * use offline; once it controls the page, every
 * route works with the network off, in both languages (diagrams, the marketplace's worker and the
 * quizzes included), and every response comes from the service worker. The app is installable.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_PATH, openPage, runMarketToEnd, useBrowser } from './browser.ts';

const base = inject('baseURL');
const dist = inject('dist');
const browser = useBrowser();

const ROUTES = [
  '#/',
  '#/lessons',
  '#/lessons/process',
  '#/lessons/models',
  '#/lessons/platforms',
  '#/lessons/security-law',
  '#/flows',
  '#/flows/transaction',
  '#/market',
  '#/quiz',
  '#/quiz/security',
  '#/authoring',
  '#/progress',
  '#/class',
];

const TEXT = {
  'zh-CN': { run: '运行', submit: '提交答案', graded: /回答正确|回答错误/ },
  en: { run: 'Run', submit: 'Check my answer', graded: /Right|Not right/ },
} as const;

/** With `registerType: 'prompt'` the first load is not controlled: wait for the worker, reload. */
async function waitForControl(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (await page.evaluate(() => navigator.serviceWorker.controller === null)) await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

async function h1(page: Page): Promise<string> {
  const heading = page.locator('main h1');
  await heading.waitFor();
  return (await heading.textContent())?.trim() ?? '';
}

/** Reload, and measure from navigation start to the page's heading on screen (ms). */
async function reloadToContent(page: Page): Promise<number> {
  await page.reload({ waitUntil: 'commit' });
  const at = await page.waitForFunction(
    () => {
      const h = document.querySelector('main h1');
      return h?.textContent?.trim() && h.checkVisibility() ? performance.now() : 0;
    },
    undefined,
    { polling: 'raf' },
  );
  return Math.round((await at.jsonValue()) as number);
}

function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'));
}

describe('offline', () => {
  it('the service worker precaches every file the app can load, and nothing it never draws', () => {
    const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
    const cached = new Set([...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]));
    const skipped = new Set<string>(
      JSON.parse(readFileSync(join(dist, '.vite/precache-skipped.json'), 'utf8')),
    );
    const files = filesIn(dist).filter(
      // The build report, and the service worker itself, are not part of the app.
      (f) => !f.startsWith('.vite/') && f !== 'sw.js' && !/^workbox-[\w-]+\.js$/.test(f),
    );
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((f) => !cached.has(f) && !skipped.has(f))).toEqual([]);
    expect([...cached].filter((u) => !files.includes(u!) || skipped.has(u!))).toEqual([]);
    // Lazily loaded mermaid chunks of the sequence diagram, and the Chinese font, are cached…
    expect([...cached].filter((u) => /sequenceDiagram/.test(u!))).toHaveLength(1);
    expect([...cached].filter((u) => /^fonts\/.*\.woff2$/.test(u!)).length).toBeGreaterThan(0);
    // …diagram types never drawn are not (only mermaid's own chunks are ever skipped).
    for (const kind of [/cytoscape/, /katex/, /flowDiagram/, /ganttDiagram/])
      expect(
        [...skipped].some((f) => kind.test(f)),
        String(kind),
      ).toBe(true);
    expect([...skipped].every((f) => /^assets\/[\w.-]+\.js$/.test(f))).toBe(true);
    const bytes = [...cached].reduce((n, u) => n + statSync(join(dist, u!)).size, 0);
    console.log(`precache: ${cached.size} files, ${(bytes / 1024).toFixed(0)} KiB`);
  });

  it('says quietly, once, that the app is ready to use offline', async () => {
    const { context, page, errors } = await openPage(browser(), 'zh-CN');
    await page.goto(`${base}#/`);
    await h1(page);
    await page.getByRole('status').getByText('已可离线使用').waitFor({ timeout: 30_000 });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is installable: the browser reports no installability errors', async () => {
    // Not in an incognito-like context (that alone is an installability error): a fresh profile.
    const profile = mkdtempSync(join(tmpdir(), 'ecsim-install-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      locale: 'zh-CN',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console: ${m.text()}`);
      });
      await page.goto(base);
      await h1(page);
      await waitForControl(page);
      const manifest = await page.evaluate(async () => {
        const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
        return link ? ((await (await fetch(link.href)).json()) as Record<string, unknown>) : null;
      });
      expect(manifest).toMatchObject({ start_url: './', scope: './', id: './', lang: 'zh-CN' });
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      console.log(`installability errors: ${JSON.stringify(installabilityErrors)}`);
      expect(installabilityErrors).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  it.each(['zh-CN', 'en'] as const)(
    'every route works with the network off, in %s',
    async (lang) => {
      const text = TEXT[lang];
      const { context, page, errors } = await openPage(browser(), lang);
      await page.goto(`${base}#/`);
      await h1(page);
      await waitForControl(page);

      await context.setOffline(true);
      const fromNetwork: string[] = [];
      page.on('response', (r) => {
        if (/^https?:/.test(r.url()) && !r.fromServiceWorker()) fromNetwork.push(r.url());
      });
      const home = await reloadToContent(page);
      await page.goto(`${base}#/lessons/process`);
      await page.locator('main .part h2').first().waitFor();
      const lesson = await reloadToContent(page);
      console.log(`offline reload to content (${lang}): home ${home} ms, lesson ${lesson} ms`);

      for (const route of ROUTES) {
        await page.goto(`${base}${route}`);
        expect(await h1(page), route).not.toBe('');
        if (route.startsWith('#/lessons/')) await page.locator('main .part h2').first().waitFor();
        if (route === '#/flows/transaction') {
          await page.waitForFunction(
            () => document.querySelectorAll('.diagram svg [data-et="message"]').length === 6,
          );
        }
        if (route === '#/market') {
          // A scenario, run to the end in the marketplace's worker.
          await page.goto(`${base}#/market/online-vs-offline`);
          await runMarketToEnd(page, text.run);
        }
        if (route === '#/quiz/security') {
          const card = page.locator('article.question');
          await card.getByRole('radio').first().check();
          await card.getByRole('button', { name: text.submit }).click();
          await card.getByText(text.graded).first().waitFor();
        }
      }
      expect(await page.evaluate(() => navigator.onLine)).toBe(false);
      expect(fromNetwork).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    },
    90_000,
  );
});
