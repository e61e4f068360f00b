import { beforeAll, describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

/** The server fence: the browser app (src/) never imports server-only code (server/). */
describe('the server fence (ESLint)', () => {
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

  beforeAll(() => lint('export const y = 1;\n', 'src/app/x.ts'), 60_000);

  it.each([
    [
      "import { ClassroomRoom } from '../../server/classroom/room.ts';",
      'src/features/classroom/x.ts',
    ],
    ["import { Session } from '../../../server/classroom/session.ts';", 'src/engine/market/x.ts'],
    ["import { Room } from '@colyseus/core';", 'src/app/x.ts'],
    ["import { readFileSync } from 'node:fs';", 'src/classroom/protocol.ts'],
    ["import { mount } from 'svelte';", 'src/classroom/protocol.ts'],
  ])('refuses %s in %s', async (line, file) => {
    expect(await lint(`${line}\nexport const y = 1;\n`, file)).toContain('no-restricted-imports');
  });

  it('still fences the engine from view code', async () => {
    const rules = await lint(
      "import i18next from 'i18next';\nexport const y = i18next;\n",
      'src/engine/market/x.ts',
    );
    expect(rules).toContain('no-restricted-imports');
  });

  it('lets the app import the protocol and the server import src/', async () => {
    expect(
      await lint(
        "import { ROLES } from '../../classroom/protocol.ts';\nexport const y = ROLES;\n",
        'src/features/classroom/x.ts',
      ),
    ).not.toContain('no-restricted-imports');
    expect(
      await lint(
        "import { MarketSim } from '../../src/engine/market/sim.ts';\nexport const y = MarketSim;\n",
        'server/classroom/x.ts',
      ),
    ).not.toContain('no-restricted-imports');
  });
});
