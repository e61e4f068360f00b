/** The keys under which the student's records are stored (see ./store.ts). */
export const PROGRESS_KEY = 'ecsim.progress';
export const SCENARIOS_KEY = 'ecsim.scenarios';
export const DRAFT_KEY = 'ecsim.authoring.draft';
/** Copies kept aside: unreadable progress, entries taken out of it, unreadable scenario lists. */
export const ASIDE_PREFIXES = {
  progress: 'ecsim.progress.unreadable.',
  entries: 'ecsim.progress.entries.',
  scenarios: 'ecsim.scenarios.unreadable.',
  /** A kept scenario replaced by another version of it (from a link, on the student's say-so). */
  replaced: 'ecsim.scenarios.replaced.',
  /** A localStorage value that differed from the one already in IndexedDB when moving over. */
  moved: 'ecsim.moved.',
} as const;
/** What moves from localStorage to IndexedDB on the first visit after the update. */
export const MOVED_KEYS = [PROGRESS_KEY, SCENARIOS_KEY, DRAFT_KEY];
