import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemaFiles } from '../../src/content/json-schema.ts';
import { collectFiles } from '../../src/content/node.ts';

describe('JSON Schema files', () => {
  it('are up to date with src/content/schema.ts (run `npm run schema` if not)', () => {
    for (const [path, text] of Object.entries(jsonSchemaFiles())) {
      expect(readFileSync(path, 'utf8'), path).toBe(text);
    }
  });

  it('every flow file points its editor at the schema', () => {
    for (const name of ['transaction', 'payment', 'logistics']) {
      const first = readFileSync(`lessons/flows/${name}.yaml`, 'utf8').split('\n')[0];
      expect(first).toBe('# yaml-language-server: $schema=../schema.json');
    }
  });

  it('every lesson file points its editor at the schema', () => {
    for (const name of ['01-process', '02-models', '03-platforms', '04-security-law']) {
      const first = readFileSync(`lessons/${name}.yaml`, 'utf8').split('\n')[0];
      expect(first).toBe('# yaml-language-server: $schema=./schema.json');
    }
  });

  it('every built-in scenario and template points its editor at the schema', () => {
    const files = collectFiles(['scenarios']);
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const first = readFileSync(file, 'utf8').split('\n')[0];
      expect(first, file).toMatch(
        /^# yaml-language-server: \$schema=\.\.\/(\.\.\/lessons\/)?schema\.json$/,
      );
    }
  });
});
