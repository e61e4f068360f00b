#!/usr/bin/env node
/**
 * Measures the Marketplace page on the production build (run `npm run build` first): main-thread
 * long tasks (> 50 ms) while a scenario runs in the Web Worker with the market scene on screen, and
 * how long the run takes. Tasks are counted by the clock (what a long-task observer sees; on a busy
 * or 2-core machine it includes time the worker and the compositor took the core) and in the main
 * thread's CPU time. Prints numbers, with the median and range of the longest task; asserts nothing.
 * Usage: node scripts/measure-market.js [--cpu 4] [--runs 3] [--height 900] [--dist dist]
 * (a window 2,600 px tall has the charts on screen too; at 900 they are below the fold).
 */
import {
  cpuSlowdown,
  distFolder,
  launchChromium,
  measuredPage,
  serveDist,
  takeLongTasks,
  traceTasks,
} from './measure-lib.js';

const cpu = cpuSlowdown();
/** `--no-trace`: count long tasks by the clock only, without the trace (which costs CPU itself). */
const noTrace = process.argv.includes('--no-trace');
/** `--first-visit`: start the run while the service worker may still be installing. */
const firstVisit = process.argv.includes('--first-visit');
const runsAt = process.argv.indexOf('--runs');
const runs = runsAt >= 0 ? Math.max(1, Number(process.argv[runsAt + 1]) || 1) : 1;
const heightAt = process.argv.indexOf('--height');
const height = heightAt >= 0 ? Number(process.argv[heightAt + 1]) || 900 : 900;
const { base, close } = await serveDist();
const browser = await launchChromium();
console.log(
  `Marketplace page, production build (${distFolder()}/), CPU slowdown ×${cpu}, window 1280 × ${height}`,
);
const SCENARIOS = ['online-vs-offline', 'double-eleven', 'o2o-lunch-peak', 'c2c-secondhand'];
let all = 0;
let allCpu = 0;
/** @type {number[]} */
const busy = [];
/** The longest task of each run, by the clock and in CPU time. @type {number[]} */
const longestWall = [];
/** @type {number[]} */
const longestCpu = [];
for (let r = 1; r <= runs; r++) {
  if (runs > 1) console.log(` run ${r} of ${runs}`);
  for (const scenario of SCENARIOS) {
    const { context, page, cdp } = await measuredPage(browser, { width: 1280, cpu, height });
    await page.goto(`${base}#/market/${scenario}`);
    await page.waitForSelector('.market-results .controls button.primary:not([disabled])');
    // The scene on screen while the run plays: the start button is pressed without scrolling.
    await page.locator('.market-scene').scrollIntoViewIfNeeded();
    // A first visit installs the offline copy (the service worker fetches every file once): that
    // is waited for, so the run is measured as every later visit plays it.
    if (!firstVisit)
      await page.evaluate(() => navigator.serviceWorker?.ready.then(() => undefined));
    await page.waitForTimeout(500);
    await takeLongTasks(page);
    const trace = noTrace ? { stop: async () => [] } : await traceTasks(cdp);
    const start = Date.now();
    await page.evaluate(() =>
      /** @type {HTMLButtonElement} */ (
        document.querySelector('.market-results .controls button.primary')
      ).click(),
    );
    await page.waitForFunction(
      () => {
        const p = document.querySelector('.market-results progress');
        return p instanceof HTMLProgressElement && p.max > 0 && p.value === p.max;
      },
      undefined,
      // Polled every 100 ms, not every frame, so that the polling itself costs little.
      { timeout: 120_000, polling: 100 },
    );
    const ms = Date.now() - start;
    // Let the last update paint before counting.
    await page.waitForTimeout(300);
    const tasks = await takeLongTasks(page);
    const traced = /** @type {{ wall: number, cpu: number }[]} */ (await trace.stop());
    const over = tasks.filter((/** @type {number} */ t) => t > 50);
    const overCpu = traced.filter((t) => t.cpu > 50).map((t) => Math.round(t.cpu));
    // Tasks the trace saw over 50 ms by the clock: how much of that was the main thread's own work.
    const overWall = traced.filter((t) => t.wall > 50);
    if (overWall.length) {
      const list = overWall.map((t) => `${Math.round(t.wall)} (${Math.round(t.cpu)} CPU)`);
      console.log(`    traced over 50 ms by the clock: ${list.join(', ')}`);
    }
    const longest = Math.max(0, ...traced.map((t) => t.cpu));
    longestCpu.push(longest);
    longestWall.push(Math.max(0, ...traced.map((t) => t.wall)));
    const cpuMs = traced.reduce((sum, t) => sum + t.cpu, 0);
    all += over.length;
    allCpu += overCpu.length;
    busy.push(cpuMs / ms);
    console.log(
      `  ${scenario}: ran to the end in ${ms} ms; main-thread tasks over 50 ms while running: ` +
        `${over.length}${over.length ? ` (${over.join(', ')} ms)` : ''}; in CPU time: ` +
        `${overCpu.length}${overCpu.length ? ` (${overCpu.join(', ')} ms)` : ''}, ` +
        `longest ${longest.toFixed(0)} ms, main thread busy ${((100 * cpuMs) / ms).toFixed(0)}%`,
    );
    await context.close();
  }
}
busy.sort((a, b) => a - b);
/** @param {number[]} xs */
const spread = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const f = (/** @type {number | undefined} */ x) => (x ?? 0).toFixed(1);
  return `median ${f(s[Math.floor(s.length / 2)])} ms (${f(s[0])}–${f(s.at(-1))})`;
};
console.log(
  `  In all, ${runs * SCENARIOS.length} runs: ${all} tasks over 50 ms by the clock, ${allCpu} in CPU time; ` +
    `main thread busy ${(100 * (busy[Math.floor(busy.length / 2)] ?? 0)).toFixed(0)}% (median)`,
);
console.log(
  `  Longest task of a run: in CPU time ${spread(longestCpu)}; by the clock ${spread(longestWall)}`,
);
await browser.close();
close();
