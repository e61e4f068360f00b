/**
 * The model guide (src/features/market/guide/) cannot fall behind the claims it lists: every
 * claim tested in market-claims.spec.ts has its row, under its exact test name, in both languages'
 * claims tables, and the two languages have the same numbered sections.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const guides = {
  en: read('src/features/market/guide/model.en.md'),
  'zh-CN': read('src/features/market/guide/model.zh-CN.md'),
};

/** The names of the claims: every `it('…')` in the claims spec. */
const claims = [...read('tests/unit/market-claims.spec.ts').matchAll(/\bit\((['"`])(.+?)\1,/g)].map(
  (m) => m[2]!,
);

/** A guide's headings (level and number: "## 2.3 Escrow" → "## 2.3"). */
function sections(markdown: string): string[] {
  return [...markdown.matchAll(/^(#{2,3}) (\d+(?:\.\d+)*) /gm)].map((m) => `${m[1]} ${m[2]}`);
}

/** The rows of the table in section 5 (the claims), header and rule left out. */
function claimRows(markdown: string): string[] {
  const section = markdown.split(/^## /m).find((s) => s.startsWith('5 '));
  if (!section) throw new Error('no section 5');
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2);
}

describe('the model guide', () => {
  it('reads the claims from the spec (the pattern still matches)', () => {
    expect(claims.length).toBeGreaterThan(30);
  });

  it.each(Object.entries(guides))(
    '%s: every tested claim has its row in the claims table',
    (_, text) => {
      const rows = claimRows(text);
      const missing = claims.filter((name) => !rows.some((row) => row.includes(name)));
      expect(missing).toEqual([]);
      expect(rows).toHaveLength(claims.length);
    },
  );

  it('both languages have the same numbered sections, in the same order', () => {
    const en = sections(guides.en);
    expect(en.filter((s) => s.startsWith('## '))).toHaveLength(7);
    expect(sections(guides['zh-CN'])).toEqual(en);
  });

  it('both languages have the same tables, row for row', () => {
    const tables = (text: string) =>
      text
        .split(/\n{2,}/)
        .filter((block) => block.startsWith('|'))
        .map((block) => block.trim().split('\n').length);
    expect(tables(guides.en)).toHaveLength(6);
    expect(tables(guides['zh-CN'])).toEqual(tables(guides.en));
  });
});
