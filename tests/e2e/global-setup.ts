/**
 * Serves the production build (dist/, built by `npm run test:e2e`) under a sub-path, to prove the
 * relative base works from any static host, and hands its address to the tests. E2E_DIST serves
 * another build folder instead (e.g. E2E_DIST=dist-pwa after `vite build --outDir dist-pwa`).
 */
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import type { TestProject } from 'vitest/node';

export const SUB_PATH = '/course/ecommerce/';
export const DIST = process.env.E2E_DIST || 'dist';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    /** The build folder being served (dist, or E2E_DIST). */
    dist: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(`${DIST}/index.html`)) {
    throw new Error(
      `No production build in ${DIST}/: run \`npm run build\` first (npm run test:e2e does).`,
    );
  }
  const serve = sirv(DIST, { dev: false, etag: true });
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (!url.startsWith(SUB_PATH)) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    req.url = url.slice(SUB_PATH.length - 1);
    serve(req, res, () => {
      res.statusCode = 404;
      res.end('not found');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  project.provide('baseURL', `http://127.0.0.1:${port}${SUB_PATH}`);
  project.provide('dist', DIST);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
