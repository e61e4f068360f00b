import { readdirSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BACKGROUND_COLOR,
  MAX_PRECACHED_FILE,
  NOT_THE_APP,
  PRECACHED_EXTENSIONS,
  THEME_COLOR,
  pwaOptions,
} from '../../src/app/pwa-options.ts';

const manifest = pwaOptions.manifest || {};
const workbox = pwaOptions.workbox || {};

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(file: string): [number, number] {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1'), file).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('the offline app settings', () => {
  it('waits for the student before a new version takes over', () => {
    expect(pwaOptions.registerType).toBe('prompt');
    expect(pwaOptions.strategies).toBe('generateSW');
    expect(workbox.skipWaiting).toBeUndefined();
    expect(workbox.clientsClaim).toBeUndefined();
  });

  it('works from any sub-path: every URL in the manifest is relative', () => {
    expect(manifest.start_url).toBe('./');
    expect(manifest.scope).toBe('./');
    expect(manifest.id).toBe('./');
    expect(workbox.navigateFallback).toBe('index.html');
    for (const icon of manifest.icons ?? []) expect(icon.src).not.toMatch(/^\/|:\/\//);
  });

  it('opens the app for any address of it, but not for other files next to it', () => {
    expect(workbox.navigateFallbackDenylist).toEqual([NOT_THE_APP]);
    for (const app of [
      '/',
      '/course/ecommerce/',
      '/course/ecommerce/?fuzz=1',
      '/course/ecommerce/?p=a.b',
      '/course/ecommerce/index.html',
      '/course/ecommerce/index.htm?x=1',
      '/v1.2/app/',
    ]) {
      expect(NOT_THE_APP.test(app), app).toBe(false);
    }
    for (const file of [
      '/course/ecommerce/scenario.yaml',
      '/course/ecommerce/scenarios/class-3.json?v=2',
      '/course/ecommerce/results.csv',
      '/notes.pdf',
    ]) {
      expect(NOT_THE_APP.test(file), file).toBe(true);
    }
  });

  it('names the app in Chinese, with English in the description', () => {
    expect(manifest.name).toBe('电商教学模拟器');
    expect(manifest.short_name).toBeTruthy();
    expect(manifest.description).toContain('E-commerce Teaching Simulator');
    expect(manifest.lang).toBe('zh-CN');
    expect(manifest.display).toBe('standalone');
  });

  it("uses the app's own colours", () => {
    const css = readFileSync('src/app/app.css', 'utf8');
    const start = css.indexOf(':root {');
    const root = css.slice(start, css.indexOf('}', start));
    expect(root).toContain(`--accent: ${THEME_COLOR};`);
    expect(root).toContain(`--bg: ${BACKGROUND_COLOR};`);
    expect(manifest.theme_color).toBe(THEME_COLOR);
    expect(manifest.background_color).toBe(BACKGROUND_COLOR);
    expect(readFileSync('index.html', 'utf8')).toContain(
      `<meta name="theme-color" content="${THEME_COLOR}" />`,
    );
  });

  it('has 192 and 512 pixel icons and a maskable one, all in public/', () => {
    const icons = manifest.icons ?? [];
    const sizes = icons.map((icon) => {
      const [w, h] = pngSize(`public/${icon.src}`);
      expect(`${w}x${h}`, icon.src).toBe(icon.sizes);
      expect(icon.type).toBe('image/png');
      return `${icon.sizes} ${icon.purpose}`;
    });
    expect(sizes).toEqual(
      expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']),
    );
  });

  it('precaches every kind of file there is, up to a size well above the largest chunk', () => {
    const patterns = workbox.globPatterns ?? [];
    expect(patterns).toEqual([`**/*.{${PRECACHED_EXTENSIONS.join(',')}}`]);
    const kinds = readdirSync('public').map((f) => extname(f).slice(1));
    for (const kind of [...kinds, 'html', 'js', 'css'])
      expect(PRECACHED_EXTENSIONS).toContain(kind);
    expect(workbox.maximumFileSizeToCacheInBytes).toBe(MAX_PRECACHED_FILE);
    expect(MAX_PRECACHED_FILE).toBeGreaterThanOrEqual(2 * 1024 * 1024);
  });
});
