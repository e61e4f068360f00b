import { beforeAll, describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

describe('the engine fence (ESLint)', () => {
  // The fences need no types: the made-up files are linted without the TypeScript project
  // (which does not know them) and without the typed rules.
  const eslint = new ESLint({
    overrideConfig: {
      languageOptions: { parserOptions: { projectService: false } },
      rules: {
        '@typescript-eslint/no-floating-promises': 'off',
        '@typescript-eslint/switch-exhaustiveness-check': 'off',
      },
    },
  });
  const lint = async (code: string, filePath: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? []).map((m) => m.ruleId);
  };

  // The first lint loads the whole configuration and its plugins (seconds on a busy machine): do it
  // once before the tests, with a time limit of its own, so no test's limit depends on the machine.
  beforeAll(() => lint('export const y = 1;\n', 'src/engine/flow/machine.ts'), 60_000);

  it.each([
    "import { mount } from 'svelte';",
    "import i18next from 'i18next';",
    "import { select } from 'd3-selection';",
    "import { t } from '../../i18n/index.svelte.ts';",
    "import Button from '../../ui/Button.svelte';",
    "import x from '../../features/flows/x.ts';",
  ])('refuses in src/engine: %s', async (line) => {
    const rules = await lint(`${line}\nexport const y = 1;\n`, 'src/engine/flow/machine.ts');
    expect(rules).toContain('no-restricted-imports');
  });

  it('allows engine-to-engine imports', async () => {
    const rules = await lint(
      "import { createRandom } from '../random.ts';\nexport const r = createRandom(1);\n",
      'src/engine/flow/machine.ts',
    );
    expect(rules).not.toContain('no-restricted-imports');
  });

  it('forbids Math.random and new Function everywhere', async () => {
    expect(await lint('export const x = Math.random();\n', 'src/features/x.ts')).toContain(
      'no-restricted-syntax',
    );
    expect(await lint("export const f = new Function('return 1');\n", 'src/ui/x.ts')).toContain(
      'no-restricted-syntax',
    );
  });
});
