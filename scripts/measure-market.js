#!/usr/bin/env node
/**
 * Measures the Marketplace page on the production build (run `npm run build` first): main-thread
 * long tasks (> 50 ms) while a scenario runs in the Web Worker, and how long the run takes.
 * Prints numbers; asserts nothing. Usage: node scripts/measure-market.js [--cpu 4]
 */
import {
  cpuSlowdown,
  launchChromium,
  measuredPage,
  serveDist,
  takeLongTasks,
} from './measure-lib.js';

const cpu = cpuSlowdown();
const { base, close } = await serveDist();
const browser = await launchChromium();
console.log(`Marketplace page, production build, CPU slowdown ×${cpu}`);
for (const scenario of ['online-vs-offline', 'operating-models', 'c2c-secondhand']) {
  const { context, page } = await measuredPage(browser, { width: 1280, cpu });
  await page.goto(`${base}#/market/${scenario}`);
  await page.waitForSelector('.market-results .controls');
  await page.waitForTimeout(500);
  await takeLongTasks(page);
  const start = Date.now();
  await page.locator('.market-results .controls button.primary').click();
  await page.waitForFunction(
    () => {
      const p = document.querySelector('.market-results progress');
      return p instanceof HTMLProgressElement && p.max > 0 && p.value === p.max;
    },
    undefined,
    { timeout: 120_000 },
  );
  const ms = Date.now() - start;
  const tasks = await takeLongTasks(page);
  const over = tasks.filter((/** @type {number} */ t) => t > 50);
  console.log(
    `  ${scenario}: ran to the end in ${ms} ms; main-thread tasks over 50 ms while running: ` +
      `${over.length}${over.length ? ` (longest ${Math.max(...over)} ms)` : ''}`,
  );
  await context.close();
}
await browser.close();
close();
