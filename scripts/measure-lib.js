/**
 * Shared by the measuring scripts: serve the production build on a free local port, and launch
 * Chromium. The build folder is dist/ unless `--dist <folder>` or MEASURE_DIST names another.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import sirv from 'sirv';
import { chromium } from 'playwright-core';

/** The build folder to measure: `--dist <folder>`, else MEASURE_DIST, else dist. */
export function distFolder() {
  const i = process.argv.indexOf('--dist');
  return (i >= 0 && process.argv[i + 1]) || process.env.MEASURE_DIST || 'dist';
}

/**
 * @param {string} [folder] the build to serve (default: `distFolder()`)
 * @returns {Promise<{ base: string, close: () => void }>}
 */
export async function serveDist(folder = distFolder()) {
  if (!existsSync(`${folder}/index.html`)) throw new Error(`No production build in ${folder}/`);
  const serve = sirv(folder, { dev: false });
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
 * @param {{ width: number, cpu: number, height?: number }} options
 */
export async function measuredPage(browser, { width, cpu, height = 900 }) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width, height } });
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
  return { context, page, cdp };
}

/**
 * Trace the page's main thread until `stop()`, which returns each task's length in ms: by the
 * clock (`wall`, what long-task entries measure) and in the main thread's CPU time (`cpu`, CPU
 * slowdown included but not the time the system gave to other processes). On a busy machine the
 * clock counts other programs' work too; the CPU time does not.
 * @param {import('playwright-core').CDPSession} cdp
 */
export async function traceTasks(cdp) {
  /** @type {any[]} */
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['disabled-by-default-devtools.timeline'] },
  });
  return {
    /** @returns {Promise<{ wall: number, cpu: number }[]>} */
    async stop() {
      const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await done;
      const main = events.find((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain');
      return events
        .filter((e) => e.pid === main?.pid && e.tid === main?.tid)
        .filter((e) => e.name === 'RunTask' && e.ph === 'X')
        .map((e) => ({ wall: e.dur / 1000, cpu: (e.tdur ?? e.dur) / 1000 }));
    },
  };
}

/**
 * The long tasks recorded since the last call (in ms).
 * @param {import('playwright-core').Page} page
 * @returns {Promise<number[]>}
 */
export function takeLongTasks(page) {
  return page.evaluate(() => /** @type {any} */ (window).__longTasks.splice(0));
}
