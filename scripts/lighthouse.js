/**
 * Lighthouse scores of the production build (run `npm run build` first): performance,
 * accessibility and best practices, with TBT and LCP, for the main pages on mobile and desktop.
 * Uses Lighthouse 12.2.3 (the last on Node 20) through npx and Debian's Chromium; a page takes
 * about 15 s. `node scripts/lighthouse.js [--runs N] [--only flows] [--forms mobile]` prints a table:
 * the median of N runs (5 unless given) with the performance score's range, TBT, LCP and CLS,
 * then each page's main-thread task time and JavaScript (scripts/page-cost.js).
 *
 * The build is served by `vite preview` (what `npm run preview` runs), which compresses text as
 * every static host does (GitHub Pages, Netlify, nginx…). An uncompressed server would make the
 * simulated slow 4G carry three times the bytes and measure the server, not the app.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preview } from 'vite';
import { distFolder } from './measure-lib.js';
import { PAGES, measurePages } from './page-cost.js';
/** @param {string} name @param {string} fallback */
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const runs = Number(arg('runs', '5'));
const only = arg('only', '');
const forms = (arg('forms', 'mobile,desktop') ?? 'mobile,desktop').split(',');
const chrome = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * @param {string} cmd @param {string[]} args @param {NodeJS.ProcessEnv} env
 * @returns {Promise<{ status: number | null, stderr: string }>}
 */
function exec(cmd, args, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

const server = await preview({
  logLevel: 'silent',
  build: { outDir: distFolder() },
  preview: { port: 0, host: '127.0.0.1', open: false },
});
const base = server.resolvedUrls?.local[0] ?? '';
if (!base) throw new Error('vite preview did not start');
const dir = mkdtempSync(join(tmpdir(), 'lighthouse-'));
/** @param {number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
console.log(
  `Lighthouse 12.2.3, median of ${runs} run(s) (min–max of the performance score)\n` +
    'page      form     perf  (min–max)  a11y  best  TBT ms  LCP ms  CLS',
);
try {
  for (const [name, hash] of Object.entries(PAGES)) {
    if (only && name !== only) continue;
    for (const form of forms) {
      /** @type {{ categories: Record<string, { score: number }>, audits: Record<string, { numericValue: number }> }[]} */
      const results = [];
      for (let r = 0; r < runs; r++) {
        const out = join(dir, `${name}-${form}-${r}.json`);
        // Not spawnSync: the build is served from this process, which must stay free to answer.
        const run = await exec(
          'npx',
          [
            '-y',
            'lighthouse@12.2.3',
            `${base}${hash}`,
            '--output=json',
            `--output-path=${out}`,
            '--quiet',
            '--only-categories=performance,accessibility,best-practices',
            '--chrome-flags=--headless --no-sandbox --disable-gpu',
            ...(form === 'desktop' ? ['--preset=desktop'] : []),
          ],
          { ...process.env, CHROME_PATH: chrome },
        );
        if (run.status !== 0) throw new Error(`lighthouse failed on ${name}: ${run.stderr}`);
        results.push(JSON.parse(readFileSync(out, 'utf8')));
      }
      /** @param {string} c */
      const score = (c) => median(results.map((j) => j.categories[c]?.score ?? NaN)).toFixed(2);
      /** @param {string} a */
      const raw = (a) => median(results.map((j) => j.audits[a]?.numericValue ?? NaN));
      /** @param {string} a */
      const audit = (a) => Math.round(raw(a));
      const perf = results.map((j) => j.categories.performance?.score ?? NaN);
      const range = `(${Math.min(...perf).toFixed(2)}–${Math.max(...perf).toFixed(2)})`;
      console.log(
        `${name.padEnd(9)} ${form.padEnd(8)} ${score('performance')}  ${range}  ` +
          `${score('accessibility')}  ` +
          `${score('best-practices')}  ${String(audit('total-blocking-time')).padStart(6)}  ` +
          `${String(audit('largest-contentful-paint')).padStart(6)}  ` +
          `${raw('cumulative-layout-shift').toFixed(3)}`,
      );
    }
  }
  // Beside the scores, figures without Lighthouse's simulation (scripts/page-cost.js).
  console.log(
    '\nMain-thread task time during load at 1× CPU (CPU time, median of 3) and JavaScript:',
  );
  await measurePages(
    base,
    only ? { [only]: /** @type {Record<string, string>} */ (PAGES)[only] ?? '#/' } : PAGES,
    { runs: 3, log: console.log },
  );
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
