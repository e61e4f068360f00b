#!/usr/bin/env node
/**
 * Size budget of the production build: the JavaScript the home page loads (the entry, its static
 * imports and the default language's strings), gzipped, must stay within HOME_BUDGET; heavy
 * libraries (mermaid, d3) must not be on it. Prints the numbers; exits 1 over budget.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

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
const report = JSON.parse(readFileSync('dist/.vite/chunks.json', 'utf8'));
const entry = Object.keys(report).find((f) => report[f]?.isEntry);
if (!entry) throw new Error('no entry chunk in dist/.vite/chunks.json');

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
const gz = (file) => gzipSync(readFileSync(`dist/${file}`)).length;
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
process.exit(failed ? 1 : 0);
