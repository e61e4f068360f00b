import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

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
  it('checks lessons/ and scenarios/ by default: a line per file, a total, exit 0', () => {
    const { code, out } = validate();
    expect(out).toEqual([
      'lessons/01-process.yaml  OK (lesson)',
      'lessons/02-models.yaml  OK (lesson)',
      'lessons/03-platforms.yaml  OK (lesson)',
      'lessons/04-security-law.yaml  OK (lesson)',
      'lessons/flows/logistics.yaml  OK (flow)',
      'lessons/flows/payment.yaml  OK (flow)',
      'lessons/flows/transaction.yaml  OK (flow)',
      ...[
        'b2b-procurement',
        'b2c-shop',
        'c2c-escrow-fraud',
        'c2c-secondhand',
        'double-eleven',
        'o2o-lunch-peak',
        'online-vs-offline',
        'operating-models',
      ].map((id) => `scenarios/market/${id}.yaml  OK (market scenario)`),
      'Checked 15 file(s): 4 lesson(s), 3 flow(s), 8 market scenario(s); 0 error(s).',
    ]);
    expect(code).toBe(0);
  }, 20_000);

  it('prints every error as file:line:col  path  message and exits 1', () => {
    const { code, out } = validate(
      'tests/fixtures/content/duplicate-key.yaml',
      'tests/fixtures/content/01-valid.yaml',
    );
    expect(out).toEqual([
      'tests/fixtures/content/duplicate-key.yaml  1 error(s)',
      '  tests/fixtures/content/duplicate-key.yaml:2:1  .  the key a appears twice',
      'tests/fixtures/content/01-valid.yaml  OK (lesson)',
      'Checked 2 file(s): 1 lesson(s); 1 error(s).',
    ]);
    expect(code).toBe(1);
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
