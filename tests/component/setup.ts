import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/svelte';
import { beforeEach } from 'vitest';
import { initSettings } from '../../src/state/settings.svelte.ts';
import { initProgress } from '../../src/state/progress.svelte.ts';
import { memorySafe, memoryStore } from './helpers.ts';

// Waiting for the page is polled, not timed: allow a slow, busy machine five seconds per wait.
configure({ asyncUtilTimeout: 5000 });

// jsdom has no matchMedia: answer "no" to every media query (light scheme, motion allowed).
window.matchMedia ??= (query: string) =>
  ({
    matches: false,
    media: query,
    onchange: null,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    addListener: () => undefined,
    removeListener: () => undefined,
    dispatchEvent: () => false,
  }) as MediaQueryList;

// Every test starts in Chinese with empty, working storage.
beforeEach(async () => {
  localStorage.clear();
  await initSettings(memorySafe(), ['zh-CN']);
  await initProgress(memoryStore());
});
