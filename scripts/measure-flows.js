#!/usr/bin/env node
/**
 * Measures the Flows page on the production build (run `npm run build` first): JavaScript loaded
 * (gzip), time from navigation to an interactive diagram, and main-thread long tasks (> 50 ms)
 * while stepping through the animation. Prints numbers; asserts nothing.
 * Usage: node scripts/measure-flows.js [--cpu 4]   (CPU slowdown factor, as on a phone)
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
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
const results = [];
for (const run of [1, 2, 3]) {
  const { context, page } = await measuredPage(browser, { width: 412, cpu });
  const start = Date.now();
  await page.goto(`${base}#/flows/transaction`);
  await page.waitForFunction(
    () => document.querySelectorAll('.diagram svg [data-et="message"]').length > 0,
  );
  const ready = Date.now() - start;
  const loadTasks = await takeLongTasks(page);
  for (let i = 0; i < 5; i++) {
    await page.getByRole('button', { name: '下一步' }).click();
    await page.waitForTimeout(1000);
  }
  const stepTasks = await takeLongTasks(page);
  const scripts = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((n) => n.endsWith('.js')),
  );
  const js = scripts.reduce((sum, url) => {
    const file = new URL(url).pathname.replace(/^\//, '');
    return sum + gzipSync(readFileSync(`dist/${file}`)).length;
  }, 0);
  results.push({ run, ready, js, loadTasks, stepTasks });
  await context.close();
}
await browser.close();
close();

console.log(`Flows page, production build, CPU slowdown ×${cpu}, viewport 412×900`);
for (const r of results) {
  console.log(
    `  run ${r.run}: diagram interactive after ${r.ready} ms; JS ${(r.js / 1024).toFixed(1)} KB gzip; ` +
      `long tasks while loading [${r.loadTasks.join(', ')}] ms; while stepping [${r.stepTasks.join(', ') || 'none'}]`,
  );
}
