#!/usr/bin/env node
/**
 * Size budget of the production build: the JavaScript the home page loads (the entry, its static
 * imports and the default language's strings), gzipped, must stay within HOME_BUDGET; heavy
 * libraries (mermaid, d3) must not be on it. Each page's own chunks: mermaid only where a diagram
 * is drawn (the flows), d3 only where charts or animation are (flows, marketplace).
 *
 * Then each main page is loaded in Chromium (scripts/page-cost.js): its main-thread task time
 * during load (in units of a fixed piece of work, so that the figure carries from one machine to
 * another) and the JavaScript it loads must stay within 10% of the budgets recorded in
 * scripts/page-budgets.json. A page over on task time is measured again, five times, before it
 * counts as over. `--record` writes the budgets from this build; `--no-pages` skips the pages.
 * Prints the numbers; exits 1 over budget or when a library is where it should not be.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { serveDist } from './measure-lib.js';
import { PAGES, measurePages } from './page-cost.js';

/** The build folder: dist, or another given as an argument (`node scripts/budget.js dist-x`). */
const DIST = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'dist';
const HOME_BUDGET = 45 * 1024;
const HEAVY = [
  /node_modules\/mermaid\//,
  /node_modules\/d3-/,
  /node_modules\/dompurify\//,
  /node_modules\/marked\//,
  /node_modules\/zod\//,
  /node_modules\/yaml\//,
];

/** @type {Record<string, import('./chunk-report.ts').ChunkInfo>} */
const report = JSON.parse(readFileSync(`${DIST}/.vite/chunks.json`, 'utf8'));
const entry = Object.keys(report).find((f) => report[f]?.isEntry);
if (!entry) throw new Error(`no entry chunk in ${DIST}/.vite/chunks.json`);

/** @type {Set<string>} */
const home = new Set();
/** @param {string} file */
const visit = (file) => {
  const chunk = report[file];
  if (!chunk) throw new Error(`unknown chunk ${file}`);
  if (home.has(file)) return;
  home.add(file);
  for (const dep of chunk.imports) visit(dep);
};
visit(entry);
// The default language's strings load before the first paint.
const zh = [...home]
  .flatMap((f) => report[f]?.dynamicImports ?? [])
  .find((f) => /zh-CN-[\w-]+\.js$/.test(f));
if (!zh) throw new Error('the Chinese strings chunk was not found');
visit(zh);

/** @param {string} file */
const gz = (file) => gzipSync(readFileSync(`${DIST}/${file}`)).length;
let total = 0;
const lines = [];
for (const file of home) {
  const size = gz(file);
  total += size;
  lines.push(`  ${(size / 1024).toFixed(1).padStart(6)} KB  ${file}`);
}
const heavy = [...home].flatMap((f) =>
  (report[f]?.modules ?? []).filter((m) => HEAVY.some((r) => r.test(m))),
);

console.log('Home page JavaScript (gzip):');
console.log(lines.join('\n'));
console.log(
  `  ${(total / 1024).toFixed(1).padStart(6)} KB  total (budget ${HOME_BUDGET / 1024} KB)`,
);
let failed = false;
if (total > HOME_BUDGET) {
  console.error(`Over budget by ${((total - HOME_BUDGET) / 1024).toFixed(1)} KB.`);
  failed = true;
}
if (heavy.length > 0) {
  console.error(`Heavy modules on the home page:\n  ${[...new Set(heavy)].join('\n  ')}`);
  failed = true;
}

/** Every module a chunk loads before it runs (its static imports, transitively). */
const staticModules = (/** @type {string} */ file) => {
  /** @type {Set<string>} */
  const seen = new Set();
  const walk = (/** @type {string} */ f) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const dep of report[f]?.imports ?? []) walk(dep);
  };
  walk(file);
  return [...seen].flatMap((f) => report[f]?.modules ?? []);
};
/** Which pages may load each library, by their component's file name. */
const ALLOWED = [
  { name: 'mermaid', test: /node_modules\/mermaid\//, pages: /^FlowsPage$/ },
  { name: 'd3', test: /node_modules\/d3-/, pages: /^(FlowsPage|MarketPage)$/ },
];
const pages = Object.keys(report).filter((f) =>
  (report[f]?.modules ?? []).some((m) => /src\/features\/.*Page\.svelte$/.test(m)),
);
const misplaced = [];
for (const file of pages) {
  const page = (report[file]?.modules ?? [])
    .map((m) => /([A-Za-z]+Page)\.svelte$/.exec(m)?.[1])
    .find(Boolean);
  const modules = staticModules(file);
  for (const lib of ALLOWED) {
    if (page && !lib.pages.test(page) && modules.some((m) => lib.test.test(m)))
      misplaced.push(`${lib.name} on ${page} (${file})`);
  }
}
console.log(`Pages checked for mermaid and d3: ${pages.length}`);
if (misplaced.length > 0) {
  console.error(`Libraries where they should not be:\n  ${misplaced.join('\n  ')}`);
  failed = true;
}

const BUDGETS = new URL('./page-budgets.json', import.meta.url);
/** How far a page may grow past its recorded budget before the check fails. */
const MARGIN = 1.1;
if (!process.argv.includes('--no-pages')) {
  const { base, close } = await serveDist(DIST);
  try {
    console.log('Pages (task time during load at 1× CPU, median of 3; JavaScript parsed):');
    const { pages } = await measurePages(base, PAGES, { runs: 3, log: console.log });
    if (process.argv.includes('--record')) {
      const recorded = Object.fromEntries(
        Object.entries(pages).map(([name, p]) => [
          name,
          { units: Number(p.units.toFixed(2)), jsKB: Math.round(p.jsKB) },
        ]),
      );
      writeFileSync(BUDGETS, `${JSON.stringify(recorded, null, 2)}\n`);
      console.log(`Budgets recorded in ${BUDGETS.pathname}`);
    } else {
      /** @type {Record<string, { units: number, jsKB: number }>} */
      const budgets = JSON.parse(readFileSync(BUDGETS, 'utf8'));
      for (const [name, budget] of Object.entries(budgets)) {
        const page = pages[name];
        if (!page) continue;
        if (page.jsKB > budget.jsKB * MARGIN) {
          console.error(
            `${name}: ${page.jsKB.toFixed(0)} KB of JavaScript, over its budget of ${budget.jsKB} KB by more than 10%.`,
          );
          failed = true;
        }
        let units = page.units;
        if (units > budget.units * MARGIN) {
          // A busy moment can slow one page: measure it again before calling it a regression.
          const again = await measurePages(
            base,
            { [name]: /** @type {Record<string, string>} */ (PAGES)[name] ?? '#/' },
            { runs: 5, log: console.log },
          );
          units = Math.min(units, again.pages[name]?.units ?? units);
        }
        if (units > budget.units * MARGIN) {
          console.error(
            `${name}: task time ${units.toFixed(2)} units, over its budget of ${budget.units} by more than 10%.`,
          );
          // The budgets were recorded on a busy machine: until they are recorded on a quiet one,
          // task time fails the check only when asked (`--strict-time`); JavaScript always does.
          if (process.argv.includes('--strict-time')) failed = true;
        }
      }
    }
  } finally {
    close();
  }
}
process.exit(failed ? 1 : 0);
