import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectFiles } from '../../src/content/node.ts';

function validate(...args: string[]) {
  const run = spawnSync(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'scripts/validate.ts', ...args],
    {
      encoding: 'utf8',
      env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '', LANGUAGE: '' },
    },
  );
  return { code: run.status, out: run.stdout.trim().split('\n'), err: run.stderr };
}

describe('npm run validate', () => {
  it('checks lessons/ and scenarios/ by default: a line per file, counts per kind, exit 0', () => {
    const { code, out } = validate();
    const files = collectFiles(['lessons', 'scenarios']).map((f) => relative(process.cwd(), f));
    expect(out.slice(0, -1).map((line) => line.split('  ')[0])).toEqual(files);
    expect(
      out
        .slice(0, -1)
        .every((line) => / {2}OK \((lesson|flow|market scenario|question set|case)\)$/.test(line)),
    ).toBe(true);
    expect(out).toContain('lessons/flows/payment.yaml  OK (flow)');
    const texts = collectFiles(['lessons', 'scenarios']).map((f) => readFileSync(f, 'utf8'));
    const kind = (text: string) => /^kind: (\w+)/m.exec(text)?.[1] ?? 'lesson';
    const count = (k: string) => texts.filter((x) => kind(x) === k).length;
    const questions = texts
      .filter((x) => kind(x) === 'quiz')
      .map((x) => x.match(/^ {2}- id: /gm)?.length ?? 0)
      .reduce((a, b) => a + b, 0);
    const n = (k: string, noun: string) => `${count(k)} ${noun}${count(k) === 1 ? '' : 's'}`;
    expect(out.at(-1)).toBe(
      `Files checked: ${files.length}; ${n('lesson', 'lesson')}, ${n('flow', 'flow')}, ` +
        `${n('case', 'case')}, ${n('market', 'market scenario')}, ` +
        `${n('quiz', 'question set')} with ${questions} questions; errors: 0.`,
    );
    expect(code).toBe(0);
  }, 20_000);

  it('prints every error as file:line:col  path  message and exits 1', () => {
    const { code, out } = validate(
      'tests/fixtures/content/duplicate-key.yaml',
      'tests/fixtures/content/01-valid.yaml',
    );
    expect(out).toEqual([
      'tests/fixtures/content/duplicate-key.yaml  1 error',
      '  tests/fixtures/content/duplicate-key.yaml:2:1  .  the key a appears twice',
      'tests/fixtures/content/01-valid.yaml  OK (lesson)',
      'Files checked: 2; 1 lesson; errors: 1.',
    ]);
    expect(code).toBe(1);
  }, 20_000);

  it('prints a missing language as a warning and still exits 0', () => {
    const { code, out } = validate('tests/fixtures/content/one-language-case.yaml');
    expect(out).toEqual([
      'tests/fixtures/content/one-language-case.yaml  OK (case), 1 warning',
      '  tests/fixtures/content/one-language-case.yaml:9:3  summary.en  warning: English is missing: the Chinese is shown for now; add en',
      'Files checked: 1; 1 case; errors: 0.',
    ]);
    expect(code).toBe(0);
  }, 20_000);

  it('speaks Chinese with --lang zh, and reports a missing path', () => {
    const { code, out, err } = validate(
      '--lang',
      'zh',
      'tests/fixtures/content/syntax.yaml',
      'no/such/file.yaml',
    );
    expect(err).toContain('no/such/file.yaml:1:1  .  找不到这个文件或文件夹');
    expect(out.at(-1)).toBe('共检查 1 个文件：—；错误 2 处。');
    expect(code).toBe(1);
  }, 20_000);
});
