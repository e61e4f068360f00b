#!/usr/bin/env node
/**
 * Measures how long a save of the student's progress takes in the durable store (src/state/store.ts:
 * IndexedDB, one read-decide-write transaction with durability 'strict', reported done once on
 * disk), on a real profile directory, on the production build (run `npm run build` first). For
 * comparison: the same transaction with 'relaxed' durability, and localStorage.setItem (which
 * returns before the data reaches disk). Prints median and range per run; asserts nothing.
 * Usage: node scripts/measure-store.js [--dist dist] [--runs 5] [--writes 30]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveDist } from './measure-lib.js';

/** @param {string} name @param {number} fallback */
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) || fallback : fallback;
};
const runs = arg('--runs', 5);
const writes = arg('--writes', 30);

const { base, close } = await serveDist();
const dir = mkdtempSync(join(tmpdir(), 'ecsim-measure-'));
const context = await chromium.launchPersistentContext(dir, {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});

/** @typedef {{ median: number, min: number, max: number }} Stats */
/** @param {number[]} xs @returns {Stats} */
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (/** @type {number} */ i) => s[i] ?? 0;
  const n = s.length;
  const mid = n % 2 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
  return { median: mid, min: at(0), max: at(n - 1) };
};
/** @param {Stats} s */
const fmt = ({ median, min, max }) =>
  `median ${median.toFixed(1)} ms (range ${min.toFixed(1)}–${max.toFixed(1)})`;

try {
  const page = await context.newPage();
  // The app opens (and makes) its database on start.
  await page.goto(`${base}#/progress`);
  await page.locator('main h1').waitFor();
  await page.waitForFunction(async () =>
    (await indexedDB.databases()).some((d) => d.name === 'ecsim'),
  );
  /** @type {{ strict: number[], relaxed: number[], local: number[] }} */
  const all = { strict: [], relaxed: [], local: [] };
  for (let run = 1; run <= runs; run++) {
    const times = await page.evaluate(async (n) => {
      // A record of a busy student: four lessons, three flows, 40 answers, eight cases (~6 KB).
      const at = new Date().toISOString();
      const answers = Object.fromEntries(
        Array.from({ length: 40 }, (_, i) => [
          `question-${i}`,
          { correct: i % 3 > 0, first: i % 2 > 0, tries: 1 + (i % 3), at },
        ]),
      );
      const record = (/** @type {number} */ i) =>
        JSON.stringify({
          format: 'ecsim-progress',
          version: 3,
          updatedAt: at,
          lessons: Object.fromEntries(
            ['process', 'models', 'platforms', 'security-law'].map((id) => [id, { readAt: at }]),
          ),
          flows: { transaction: { ordering: { best: 6, last: i % 7, total: 6, at } } },
          quizzes: { security: { answers }, review: { answers } },
          cases: { 'phishing-link': { best: 4, last: 4, max: 5, endings: ['safe'], at } },
          learner: { name: '王小明', seed: 'k3j9x2' },
        });
      /** @type {IDBDatabase} */
      const db = await new Promise((resolve, reject) => {
        const open = indexedDB.open('ecsim');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      /** @param {IDBTransactionDurability} durability @param {number} i @returns {Promise<number>} */
      const save = (durability, i) =>
        new Promise((resolve, reject) => {
          const start = performance.now();
          const tx = db.transaction('records', 'readwrite', { durability });
          const store = tx.objectStore('records');
          const get = store.get('ecsim.measure');
          get.onsuccess = () => store.put(record(i), 'ecsim.measure');
          tx.oncomplete = () => resolve(performance.now() - start);
          tx.onerror = () => reject(tx.error);
        });
      /** @type {{ strict: number[], relaxed: number[], local: number[] }} */
      const out = { strict: [], relaxed: [], local: [] };
      for (let i = 0; i < n; i++) {
        out.strict.push(await save('strict', i));
        out.relaxed.push(await save('relaxed', i));
        const start = performance.now();
        localStorage.getItem('ecsim.measure');
        localStorage.setItem('ecsim.measure', record(i));
        out.local.push(performance.now() - start);
      }
      await new Promise((resolve) => {
        const tx = db.transaction('records', 'readwrite');
        tx.objectStore('records').delete('ecsim.measure');
        tx.oncomplete = () => resolve(undefined);
      });
      localStorage.removeItem('ecsim.measure');
      db.close();
      return out;
    }, writes);
    all.strict.push(...times.strict);
    all.relaxed.push(...times.relaxed);
    all.local.push(...times.local);
    console.log(
      `run ${run}: ${writes} saves — strict ${fmt(stats(times.strict))}; ` +
        `relaxed ${fmt(stats(times.relaxed))}; localStorage ${fmt(stats(times.local))}`,
    );
  }
  console.log(`all ${runs * writes} saves:`);
  console.log(`  IndexedDB, durability 'strict' (what the app does): ${fmt(stats(all.strict))}`);
  console.log(`  IndexedDB, durability 'relaxed':                    ${fmt(stats(all.relaxed))}`);
  console.log(`  localStorage.setItem (not yet on disk when it returns): ${fmt(stats(all.local))}`);
} finally {
  await context.close();
  close();
  rmSync(dir, { recursive: true, force: true });
}
