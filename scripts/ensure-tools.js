#!/usr/bin/env node
// The e2e tests drive Debian's Chromium, and the two-process classroom test runs Debian's
// redis-server. Find them; on Debian as root install what is missing; else say how.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const redis = process.env.REDIS_SERVER || 'redis-server';
/** Debian package → is it there, and what to do when it is not. */
const tools = {
  chromium: {
    found: () => existsSync(chromium),
    hint: `Browser tests need Chromium at ${chromium}: run "sudo apt-get install chromium" (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.`,
  },
  'redis-server': {
    found: () => spawnSync(redis, ['--version'], { stdio: 'ignore' }).status === 0,
    hint: `The two-process classroom test needs redis-server (${redis}): run "sudo apt-get install redis-server" (Debian/Ubuntu), or set REDIS_SERVER to a redis-server binary.`,
  },
};
const missing = () =>
  Object.entries(tools)
    .filter(([, tool]) => !tool.found())
    .map(([name]) => name);

let todo = missing();
if (todo.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (isRoot && hasApt) {
  console.log(`Not found: ${todo.join(', ')}. Installing Debian's packages (about a minute)…`);
  execSync(
    `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${todo.join(' ')}`,
    { stdio: 'inherit' },
  );
  todo = missing();
  if (todo.length === 0) process.exit(0);
}
for (const [name, tool] of Object.entries(tools)) if (todo.includes(name)) console.error(tool.hint);
process.exit(1);
