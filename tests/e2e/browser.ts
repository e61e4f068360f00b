/** Chromium for the end-to-end tests, and the checks every page gets. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Chromium as the tests run it; `env` adds to its environment (e.g. FONTCONFIG_FILE). */
export function launch(env?: Record<string, string>): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    ...(env ? { env: { ...process.env, ...env } } : {}),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface Watched {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions, console errors (CSP violations included) and failed requests. */
  errors: string[];
}

export async function openPage(
  browser: Browser,
  locale: 'zh-CN' | 'en',
  options: { colorScheme?: 'light' | 'dark'; reducedMotion?: 'reduce' | 'no-preference' } = {},
): Promise<Watched> {
  const context = await browser.newContext({
    locale,
    viewport: { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: options.reducedMotion ?? 'no-preference',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('requestfailed', (r) => {
    // A navigation cancels requests still in flight; that is not the app failing.
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') errors.push(`requestfailed: ${r.url()}`);
  });
  return { context, page, errors };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Run axe-core on the page (WCAG 2.1 A/AA and best practices); returns the violations. */
export async function axe(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> };
    };
    const result = await w.axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
    });
    return result.violations;
  });
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** One Chromium for a test file: launched before its tests, closed after. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium is not running');
    return browser;
  };
}

/** Press the marketplace's run button (named `run` in the page's language) and wait for the end. */
export async function runMarketToEnd(page: Page, run: string): Promise<void> {
  await page.locator('.market-results .controls').getByRole('button', { name: run }).click();
  await page.waitForFunction(
    () => {
      const p = document.querySelector<HTMLProgressElement>('.market-results progress');
      return p !== null && p.max > 0 && p.value === p.max;
    },
    undefined,
    { timeout: 30_000 },
  );
}

/**
 * The app's stored records (src/state/store.ts): IndexedDB `ecsim`, object store `records`, or
 * localStorage where the app had to use it (and in builds from before the move). Read and write
 * only after the app has started once on the page's origin (it makes the database).
 */
export function readStored(page: Page, key: string): Promise<string | null> {
  return page.evaluate(async (k) => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes('ecsim')) return localStorage.getItem(k);
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('ecsim');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const value = await new Promise<unknown>((resolve, reject) => {
      const get = db.transaction('records').objectStore('records').get(k);
      get.onsuccess = () => resolve(get.result);
      get.onerror = () => reject(get.error);
    });
    db.close();
    return typeof value === 'string' ? value : null;
  }, key);
}

export function writeStored(page: Page, key: string, value: string): Promise<void> {
  return page.evaluate(
    async ([k, v]) => {
      const names = (await indexedDB.databases()).map((d) => d.name);
      if (!names.includes('ecsim')) {
        localStorage.setItem(k, v);
        return;
      }
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('ecsim');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('records', 'readwrite');
        tx.objectStore('records').put(v, k);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    [key, value] as const,
  );
}

/** Stored keys that start with `prefix`, with their values, in key order. */
export function storedWithPrefix(page: Page, prefix: string): Promise<[string, string][]> {
  return page.evaluate(async (p) => {
    const fromLocal = Object.keys(localStorage)
      .filter((k) => k.startsWith(p))
      .map((k) => [k, localStorage.getItem(k) ?? ''] as [string, string]);
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes('ecsim')) return fromLocal.sort();
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('ecsim');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const range = IDBKeyRange.bound(p, `${p}\uffff`);
    const store = db.transaction('records').objectStore('records');
    const [keys, values] = await Promise.all(
      [store.getAllKeys(range), store.getAll(range)].map(
        (req) =>
          new Promise<unknown[]>((resolve, reject) => {
            req.onsuccess = () => resolve(req.result as unknown[]);
            req.onerror = () => reject(req.error);
          }),
      ),
    );
    db.close();
    const fromDb = (keys ?? []).map((k, i) => [String(k), String(values?.[i])] as [string, string]);
    return [...fromDb, ...fromLocal].sort();
  }, prefix);
}
