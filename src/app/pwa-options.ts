/**
 * The offline app's settings for vite-plugin-pwa (used by vite.config.ts, checked by
 * tests/unit/pwa-options.spec.ts): a generated service worker that precaches every built file the
 * app can load, mermaid's sequence diagram included (vite.config.ts leaves out, with
 * scripts/precache-trim.ts, mermaid's loaders of diagram types the app never draws), and waits for the student to accept an update (`prompt`), so new
 * code never replaces the code of an open page behind its back. Every URL is relative, so the
 * installed app works from any static host and any sub-path.
 */
import type { VitePWAOptions } from 'vite-plugin-pwa';

/** The colours of src/app/app.css (light scheme): --accent and --bg. */
export const THEME_COLOR = '#b4232c';
export const BACKGROUND_COLOR = '#fbfaf8';

/**
 * Every kind of file the build writes, so every file is precached (the plugin adds the manifest
 * itself). A file of another kind would be left out: tests/e2e/offline.e2e.ts checks.
 */
export const PRECACHED_EXTENSIONS = ['html', 'js', 'css', 'json', 'svg', 'png', 'txt', 'woff2'];

/** The largest file the service worker may cache; the biggest chunk (mermaid's) is ~0.7 MB. */
export const MAX_PRECACHED_FILE = 4 * 1024 * 1024;

/** A path whose last segment names a file other than an HTML page (tested on path and query). */
export const NOT_THE_APP = /^(?:.*\/)?[^/?]*\.(?!html?(?:\?|$))[^/?]+(?:\?.*)?$/;

export const pwaOptions: Partial<VitePWAOptions> = {
  registerType: 'prompt',
  strategies: 'generateSW',
  // src/app/pwa.ts registers the worker itself (lazily, after the first page is drawn).
  injectRegister: false,
  // The icons are in public/ and found by the glob below: do not list them twice.
  includeManifestIcons: false,
  manifest: {
    id: './',
    name: '电商教学模拟器',
    short_name: '电商模拟器',
    description:
      '电子商务流程与运作模式的互动学习，可离线使用 · E-commerce Teaching Simulator: an offline, bilingual teaching app',
    lang: 'zh-CN',
    dir: 'ltr',
    start_url: './',
    scope: './',
    display: 'standalone',
    theme_color: THEME_COLOR,
    background_color: BACKGROUND_COLOR,
    categories: ['education'],
    icons: [
      { src: 'icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    globPatterns: [`**/*.{${PRECACHED_EXTENSIONS.join(',')}}`],
    maximumFileSizeToCacheInBytes: MAX_PRECACHED_FILE,
    // Any address of the app (say, with a query) opens the app offline; a file that is not part
    // of the app (a teacher's scenario.yaml next to it) is left to the network.
    navigateFallback: 'index.html',
    navigateFallbackDenylist: [NOT_THE_APP],
    cleanupOutdatedCaches: true,
    // Hashed file names already change with their content.
    dontCacheBustURLsMatching: /^assets\//,
  },
};
