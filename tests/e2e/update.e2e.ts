/**
 * A new version deployed under an open page (SECURITY.md: "a service worker update swaps code under
 * an open page"). The page runs v1 (the build being tested) and has answered a question; the host
 * then serves v2, a real second build with changed code. The page offers the update politely.
 * Postponed, it waits: a reload still runs v1, and asks again. Accepted, the page reloads exactly
 * once into v2, with the answer still saved and shown, and no error and no failed chunk import.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sirv from 'sirv';
import { build, type Plugin } from 'vite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axe, openPage, readStored, useBrowser } from './browser.ts';
import { SUB_PATH } from './global-setup.ts';

const v1 = inject('dist');
const browser = useBrowser();

let v2 = '';
let served = v1;
let server: Server | undefined;
let base = '';

/** v2: the same app, plus a visible change in the entry's code. */
const secondVersion: Plugin = {
  name: 'ecsim-test-second-version',
  enforce: 'pre',
  transform(code, id) {
    if (id.split('?')[0]!.endsWith('/src/main.ts')) {
      return `${code}\ndocument.documentElement.dataset.build = 'v2';\n`;
    }
    return null;
  },
};

async function buildSecondVersion(outDir: string): Promise<void> {
  // Vitest sets NODE_ENV=test, which would make this a development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: 'vite.config.ts',
      logLevel: 'error',
      plugins: [secondVersion],
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

/** A static host whose folder can be switched, as a deployment would. */
async function startHost(): Promise<string> {
  const hosts = new Map<string, ReturnType<typeof sirv>>();
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    const notFound = () => {
      res.statusCode = 404;
      res.end('not found');
    };
    if (!url.startsWith(SUB_PATH)) return notFound();
    req.url = url.slice(SUB_PATH.length - 1);
    if (!hosts.has(served)) hosts.set(served, sirv(served, { dev: false, etag: true }));
    hosts.get(served)!(req, res, notFound);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}${SUB_PATH}`;
}

const entryScript = (dir: string) =>
  /<script type="module" crossorigin src="\.\/(assets\/[^"]+)"/.exec(
    readFileSync(join(dir, 'index.html'), 'utf8'),
  )![1];

beforeAll(async () => {
  v2 = mkdtempSync(join(tmpdir(), 'ecsim-v2-'));
  const started = Date.now();
  await buildSecondVersion(v2);
  console.log(`second build: ${Date.now() - started} ms`);
  base = await startHost();
});

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  if (v2) rmSync(v2, { recursive: true, force: true });
});

async function waitForControl(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (await page.evaluate(() => navigator.serviceWorker.controller === null)) await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

const readProgress = async (page: Page) => (await readStored(page, 'ecsim.progress')) ?? '';

describe('an update under an open page', () => {
  it('is offered politely; accepted, the page reloads once into v2 and the answers stay', async () => {
    expect(entryScript(v2)).not.toBe(entryScript(v1));
    const { context, page, errors } = await openPage(browser(), 'zh-CN');
    await page.goto(`${base}#/`);
    await page.locator('main h1').waitFor();
    await waitForControl(page);

    // v1: answer a question; it is saved.
    await page.goto(`${base}#/quiz/security`);
    const card = page.locator('article.question');
    await card.getByRole('radio').first().check();
    await card.getByRole('button', { name: '提交答案' }).click();
    await card
      .getByText(/回答正确|回答错误/)
      .first()
      .waitFor();
    // The answer reaches the durable store a moment after the feedback shows: wait for it.
    await expect
      .poll(async () => {
        const record = JSON.parse((await readProgress(page)) || '{}') as {
          quizzes?: { security?: unknown };
        };
        return record.quizzes?.security !== undefined;
      })
      .toBe(true);
    const saved = await readProgress(page);
    const answers = JSON.parse(saved).quizzes.security.answers as Record<
      string,
      { correct: boolean }
    >;
    expect(Object.keys(answers)).toHaveLength(1);
    const right = Object.values(answers).filter((a) => a.correct).length;
    expect(await page.evaluate(() => document.documentElement.dataset.build)).toBeUndefined();

    // Deploy v2 and look for it, as the browser does on its own from time to time.
    served = v2;
    await page.getByRole('button', { name: '下一题' }).focus();
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration!.update();
    });
    const prompt = page.getByRole('status').filter({ hasText: '有新版本可用' });
    await prompt.getByText('有新版本可用').waitFor({ timeout: 20_000 });
    // Polite: the prompt does not take the focus, and the page is still v1 until accepted.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('下一题');
    expect(await page.evaluate(() => document.documentElement.dataset.build)).toBeUndefined();
    expect(await axe(page)).toEqual([]);

    // Later: the prompt goes; a reload still runs v1 (the new version waits) and asks again.
    await prompt.getByRole('button', { name: '稍后' }).click();
    await prompt.getByText('有新版本可用').waitFor({ state: 'detached' });
    await page.reload();
    await prompt.getByText('有新版本可用').waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => document.documentElement.dataset.build)).toBeUndefined();
    await page.locator('main h1').waitFor();

    let loads = 0;
    page.on('load', () => loads++);
    const reloaded = page.waitForEvent('load');
    await prompt.getByRole('button', { name: '立即更新' }).click();
    await reloaded;
    await page.waitForFunction(() => document.documentElement.dataset.build === 'v2');
    await page.locator('main h1').waitFor();
    expect(
      await page.evaluate(
        () =>
          new URL(document.querySelector<HTMLScriptElement>('script[type=module]')!.src).pathname,
      ),
    ).toBe(`${SUB_PATH}${entryScript(v2)}`);

    // The answer is still saved, untouched, and shown in My progress.
    expect(await readProgress(page)).toBe(saved);
    await page.goto(`${base}#/progress`);
    await page
      .getByRole('region', { name: '案例测验' })
      .getByRole('listitem')
      .filter({ hasText: '电子商务安全问题' })
      .getByText(`答对 ${right} / `)
      .waitFor();
    // Back to the quiz, which loads its chunks from v2.
    await page.goto(`${base}#/quiz/security`);
    await page.locator('article.question').waitFor();
    await page.waitForTimeout(500);
    expect(loads).toBe(1);
    expect(await page.getByRole('status').filter({ hasText: '有新版本可用' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
