/**
 * Vite plugin: a Chinese webfont cut down to the characters the app shows. Many school computers
 * (Linux labs especially) have no CJK font, and every Chinese page would be empty boxes.
 *
 * At build time it collects every CJK character of the built-in content and the interface
 * (lessons/, scenarios/, src/i18n/ and the Markdown pages under src/features/), cuts each of
 * Noto Sans SC's slices from @fontsource/noto-sans-sc (weight 400, already split by Unicode
 * range) down to the characters it covers with subset-font, writes them as fonts/*.woff2 and adds
 * their @font-face rules to index.html. Each rule names local CJK fonts first and carries its
 * `unicode-range`, so a machine with a CJK font never downloads anything and one without fetches
 * only the slices a page needs. The service worker precaches them (pwa-options.ts).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { Plugin } from 'vite';

/** The family name the page's font stack (src/app/app.css) lists after the system CJK fonts. */
export const FONT_FAMILY = 'ECSim Noto Sans SC';

/** CJK fonts a computer may have: if one is there, the webfont is never downloaded. */
const LOCAL_FONTS = [
  'Noto Sans SC',
  'Noto Sans CJK SC',
  'NotoSansCJKsc-Regular',
  'Source Han Sans SC',
  'PingFang SC',
  'Microsoft YaHei',
  'WenQuanYi Micro Hei',
];

/** Where the characters come from, relative to the project root. */
const SOURCES = ['lessons', 'scenarios', 'src/i18n', 'src/features'];
const TEXT_FILE = /\.(ya?ml|json|md)$/;

/** Han characters, CJK symbols and punctuation, full-width forms: what Latin fonts lack. */
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/gu;

export interface FontSlice {
  /** Output file name, under the build folder. */
  fileName: string;
  /** The subset font. */
  source: Uint8Array;
  /** The code points it covers, as a CSS `unicode-range`. */
  range: string;
  /** Characters in it. */
  chars: number;
}

function filesUnder(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : TEXT_FILE.test(name) ? [path] : [];
  });
}

/** Every CJK code point in the app's content and interface, sorted. */
export function collectCodePoints(root: string): number[] {
  const points = new Set<number>();
  for (const dir of SOURCES)
    for (const file of filesUnder(resolve(root, dir)))
      for (const [ch] of readFileSync(file, 'utf8').matchAll(CJK)) points.add(ch.codePointAt(0)!);
  return [...points].sort((a, b) => a - b);
}

/** Parse a CSS unicode-range ("U+4e00-4e0f,U+4e11") into a membership test. */
function rangeTest(range: string): (cp: number) => boolean {
  const spans = range.split(',').map((part) => {
    const [lo = '0', hi] = part.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(lo, 16), parseInt(hi ?? lo, 16)] as const;
  });
  return (cp) => spans.some(([lo, hi]) => cp >= lo && cp <= hi);
}

/** Code points as a compact CSS unicode-range: runs become spans. */
export function toUnicodeRange(points: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < points.length;) {
    let j = i;
    while (j + 1 < points.length && points[j + 1] === points[j]! + 1) j++;
    const lo = points[i]!.toString(16);
    parts.push(j > i ? `U+${lo}-${points[j]!.toString(16)}` : `U+${lo}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** Cut each of Noto Sans SC's slices that holds some of `points` down to those points. */
export async function buildSlices(points: readonly number[]): Promise<FontSlice[]> {
  const require = createRequire(import.meta.url);
  const { default: subsetFont } = await import('subset-font');
  const cssPath = require.resolve('@fontsource/noto-sans-sc/400.css');
  const css = readFileSync(cssPath, 'utf8');
  const faces = css.matchAll(
    /url\(\.\/files\/(noto-sans-sc-[\w-]+-400-normal\.woff2)\)[^;]*;\s*unicode-range:\s*([^;]+);/g,
  );
  const slices: FontSlice[] = [];
  const left = new Set(points);
  for (const [, file = '', range = ''] of faces) {
    const inRange = rangeTest(range);
    const mine = [...left].filter(inRange);
    if (mine.length === 0) continue;
    for (const cp of mine) left.delete(cp);
    const font = readFileSync(join(dirname(cssPath), 'files', file));
    const source = await subsetFont(font, String.fromCodePoint(...mine), {
      targetFormat: 'woff2',
    });
    const hash = createHash('sha256').update(source).digest('hex').slice(0, 10);
    const name = file.replace(/-400-normal\.woff2$/, '');
    slices.push({
      fileName: `fonts/${name}-${hash}.woff2`,
      source: new Uint8Array(source),
      range: toUnicodeRange(mine.sort((a, b) => a - b)),
      chars: mine.length,
    });
  }
  return slices;
}

export function fontFaces(slices: readonly FontSlice[]): string {
  const local = LOCAL_FONTS.map((name) => `local('${name}')`).join(',');
  return slices
    .map(
      (s) =>
        `@font-face{font-family:'${FONT_FAMILY}';font-style:normal;font-weight:400;font-display:swap;` +
        `src:${local},url(./${s.fileName}) format('woff2');unicode-range:${s.range}}`,
    )
    .join('\n');
}

export function cjkFont(): Plugin {
  let root = process.cwd();
  let slices: Promise<FontSlice[]> | null = null;
  return {
    name: 'ecsim-cjk-font',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    buildStart() {
      slices = buildSlices(collectCodePoints(root));
    },
    async transformIndexHtml() {
      const faces = fontFaces((await slices) ?? []);
      return [{ tag: 'style', attrs: { id: 'cjk-font' }, children: faces, injectTo: 'head' }];
    },
    async generateBundle() {
      const all = (await slices) ?? [];
      for (const s of all) this.emitFile({ type: 'asset', fileName: s.fileName, source: s.source });
      const bytes = all.reduce((n, s) => n + s.source.byteLength, 0);
      const chars = all.reduce((n, s) => n + s.chars, 0);
      this.info(
        `Chinese font: ${chars} characters in ${all.length} woff2 files, ${(bytes / 1024).toFixed(1)} KiB`,
      );
    },
  };
}
