import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResolvedConfig } from 'vite';
import { contentPlugin } from '../../src/content/vite-plugin.ts';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'ecsim-content-'));
  roots.push(root);
  mkdirSync(join(root, 'lessons'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  return root;
}

/** Run the plugin's build-start check and module loading as Vite would. */
function plugin(root: string) {
  const p = contentPlugin();
  (p.configResolved as (c: ResolvedConfig) => void)({ root } as ResolvedConfig);
  const ctx = {
    addWatchFile: () => undefined,
    error: (message: string) => {
      throw new Error(message);
    },
  };
  return {
    buildStart: () => (p.buildStart as unknown as (this: typeof ctx) => void).call(ctx),
    load: (id: string) =>
      (p.load as unknown as (this: typeof ctx, id: string) => { code: string } | null).call(
        ctx,
        id,
      ),
  };
}

describe('the content plugin (build and dev server)', () => {
  it('fails the build with file:line:col messages when a lesson is invalid', () => {
    const root = project({ 'lessons/01-valid.yaml': 'id: valid\norder: one\n' });
    expect(() => plugin(root).buildStart()).toThrow(
      /lessons\/01-valid\.yaml:2:8 {2}order {2}expected a number, found text/,
    );
  });

  it('turns a valid lesson into a JSON module, and ?meta into its table-of-contents entry', () => {
    const root = project({});
    cpSync('tests/fixtures/content/01-valid.yaml', join(root, 'lessons/01-valid.yaml'));
    const p = plugin(root);
    expect(() => p.buildStart()).not.toThrow();
    const full = p.load(join(root, 'lessons/01-valid.yaml'));
    const meta = p.load(`${join(root, 'lessons/01-valid.yaml')}?meta`);
    expect(full?.code).toContain('"body"');
    expect(meta?.code).not.toContain('"body"');
    expect(meta?.code).toContain('"parts":[{"id":"only-part"');
  });

  it('refuses built-in content with a text in one language only', () => {
    const root = project({});
    const text = readFileSync('tests/fixtures/content/01-valid.yaml', 'utf8');
    const oneLanguage = text.replace(/^title: \{ zh: ([^,]+), en: [^}]+\}/m, 'title: { zh: $1 }');
    expect(oneLanguage).not.toBe(text);
    writeFileSync(join(root, 'lessons/01-valid.yaml'), oneLanguage);
    expect(() => plugin(root).buildStart()).toThrow(/01-valid\.yaml:\d+:\d+ {2}title\.en {2}/);
  });

  it('leaves YAML outside lessons/ and scenarios/ alone', () => {
    const root = project({ 'other.yaml': 'a: 1\n' });
    expect(plugin(root).load(join(root, 'other.yaml'))).toBeNull();
  });
});
