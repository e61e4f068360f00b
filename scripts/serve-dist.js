/** Shared by the measuring scripts: serve dist/ on a free local port, and launch Chromium. */
import { createServer } from 'node:http';
import sirv from 'sirv';
import { chromium } from 'playwright-core';

/** @returns {Promise<{ base: string, close: () => void }>} */
export async function serveDist() {
  const serve = sirv('dist', { dev: false });
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
