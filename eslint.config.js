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

/** Server-only code (server/) never reaches the browser bundle: nothing under src/ imports it. */
const SERVER_PATTERN = {
  group: ['**/server/**', '**/server', '@colyseus/core', '@colyseus/ws-transport'],
  message: 'src/ is the browser app: server-only code lives in server/ and is never imported here.',
};
/** The classroom protocol is shared by the app and the server: no Node, no DOM, no view code. */
const PROTOCOL_FENCE = {
  patterns: [
    SERVER_PATTERN,
    {
      group: ['node:*', 'svelte', 'svelte/*', 'i18next', '**/features/**', '**/ui/**', '**/app/**'],
      message: 'src/classroom/protocol.ts is shared by the app and the server: zod and types only.',
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
    // Typed rules, through the TypeScript project service (tsconfig.json): promises that nobody
    // awaits or handles, and switches over a union that forget one of its members.
    files: [
      'src/**/*.ts',
      'src/**/*.svelte',
      'server/**/*.ts',
      'scripts/**/*.ts',
      'scripts/**/*.js',
      'tests/**/*.ts',
    ],
    languageOptions: { parserOptions: { projectService: true } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.js', 'src/**/*.svelte'],
    rules: { 'no-restricted-imports': ['error', { patterns: [SERVER_PATTERN] }] },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...ENGINE_FENCE.patterns, SERVER_PATTERN] }],
    },
  },
  {
    files: ['src/classroom/protocol.ts'],
    rules: { 'no-restricted-imports': ['error', PROTOCOL_FENCE] },
  },
);
