import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { contentPlugin } from './src/content/vite-plugin.ts';
import { chunkReport } from './scripts/chunk-report.ts';
import { cjkFont } from './scripts/cjk-font.ts';
import { precacheTrim, withoutSkipped } from './scripts/precache-trim.ts';
import { VitePWA } from 'vite-plugin-pwa';
import { pwaOptions } from './src/app/pwa-options.ts';

export default defineConfig({
  // Relative base: the built app works from any static host and any sub-path.
  base: './',
  plugins: [
    contentPlugin(),
    svelte(),
    chunkReport(),
    cjkFont(),
    precacheTrim(),
    VitePWA({
      ...pwaOptions,
      // Mermaid's diagram types the app never draws stay out of the precache.
      workbox: { ...pwaOptions.workbox, manifestTransforms: [withoutSkipped] },
    }),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
    modulePreload: {
      // Every browser the app supports (es2022) knows `modulepreload`; one without it still
      // loads each chunk when it is imported, only later.
      polyfill: false,
      // Mermaid loads dozens of small chunks lazily; preloading each one's dependencies costs
      // more main-thread time than it saves. The app's own pages keep their preloads.
      resolveDependencies: (_file, deps, { hostId }) => (/mermaid/.test(hostId) ? [] : deps),
    },
  },
  server: { port: 5173 },
  preview: { port: 4173 },
  test: {
    expect: { requireAssertions: true },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.spec.ts'],
          environment: 'node',
          // Generous: a busy 2-core machine must not fail a test for being slow, only for being wrong.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        plugins: [svelteTesting()],
        test: {
          name: 'component',
          include: ['tests/component/**/*.svelte.spec.ts'],
          environment: 'jsdom',
          setupFiles: ['tests/component/setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
