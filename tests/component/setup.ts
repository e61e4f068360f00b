import '@testing-library/jest-dom/vitest';
import { beforeEach } from 'vitest';
import { initSettings } from '../../src/state/settings.svelte.ts';
import { initProgress } from '../../src/state/progress.svelte.ts';
import { memoryStore } from './helpers.ts';

// Every test starts in Chinese with empty, working storage.
beforeEach(async () => {
  localStorage.clear();
  await initSettings(memoryStore(), ['zh-CN']);
  initProgress(memoryStore());
});
