#!/usr/bin/env node
/**
 * Size budget of the production build: the JavaScript the home page loads (the entry, its static
 * imports and the default language's strings), gzipped, must stay within HOME_BUDGET; heavy
 * libraries (mermaid, d3) must not be on it. Each page's own chunks: mermaid only where a diagram
 * is drawn (the flows), d3 only where charts or animation are (flows, marketplace). Prints the
 * numbers; exits 1 over budget or when a library is where it should not be.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/** The build folder: dist, or another given as the first argument (`node scripts/budget.js dist-x`). */
const DIST = process.argv[2] ?? 'dist';
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
process.exit(failed ? 1 : 0);
