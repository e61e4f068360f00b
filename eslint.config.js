import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

/** The engine is pure: it must not reach the view, the UI libraries or the DOM helpers. */
const ENGINE_FENCE = {
  patterns: [
    {
      group: [
        'svelte',
        'svelte/*',
        'i18next',
        'i18next/*',
        'd3-selection',
        'mermaid',
        'dompurify',
        'marked',
      ],
      message:
        'src/engine is pure TypeScript: no svelte, i18next, d3-selection or rendering libraries.',
    },
    {
      group: ['**/features/**', '**/ui/**', '**/app/**', '**/state/**', '**/i18n/**', '*.svelte'],
      message: 'src/engine must not import view code (features, ui, app, state, i18n).',
    },
  ],
};

export default ts.config(
  { ignores: ['dist/', 'dist-*/', 'node_modules/', '.svelte-check/', 'coverage/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'Use the seeded PRNG in src/engine/random.ts.',
        },
        {
          selector: "NewExpression[callee.name='Function']",
          message: 'No new Function: the app runs under a CSP without unsafe-eval.',
        },
        { selector: "CallExpression[callee.name='eval']", message: 'No eval.' },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig,
      },
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', ENGINE_FENCE] },
  },
);
