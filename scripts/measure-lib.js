/** Shared by the measuring scripts: serve dist/ on a free local port, and launch Chromium. */
import { createServer } from 'node:http';
import sirv from 'sirv';
import { chromium } from 'playwright-core';

/** @returns {Promise<{ base: string, close: () => void }>} */
export async function serveDist() {
  const serve = sirv('dist', { dev: false });
  const server = createServer((req, res) =>
    serve(req, res, () => {
      res.writeHead(404).end();
    }),
  );
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return { base: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** The `--cpu N` slowdown factor from the command line (1 when absent). */
export function cpuSlowdown() {
  const i = process.argv.indexOf('--cpu');
  return i >= 0 ? Number(process.argv[i + 1]) || 1 : 1;
}

/**
 * A fresh page that records main-thread long tasks (> 50 ms), with an optional CPU slowdown.
 * @param {import('playwright-core').Browser} browser
 * @param {{ width: number, cpu: number }} options
 */
export async function measuredPage(browser, { width, cpu }) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  await page.addInitScript(() => {
    const w = /** @type {any} */ (window);
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask', buffered: true });
  });
  return { context, page };
}

/**
 * The long tasks recorded since the last call (in ms).
 * @param {import('playwright-core').Page} page
 * @returns {Promise<number[]>}
 */
export function takeLongTasks(page) {
  return page.evaluate(() => /** @type {any} */ (window).__longTasks.splice(0));
}
