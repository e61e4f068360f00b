/**
 * Progress store: the one writer of the student's saved progress. Components read `progress`
 * and change it only through the functions below. Each change is a pure function of a record
 * (./progress/*.ts); it is applied at once in memory, then saved in order by ./progress/saver.ts
 * (loaded after the first page), which applies the same change to what is stored in one
 * transaction, keeps unreadable data aside, and says here when storage is off, full or newer.
 */
import {
  emptyRecord,
  setLessonRead,
  updateFlow,
  type FlowResult,
  type Progress,
} from './progress/shape.ts';
import type {
  Change,
  ImportResult,
  ProgressState,
  Saver,
  StorageProblem,
} from './progress/saver.ts';
import type { Store } from './store.ts';

export type { ImportResult, StorageProblem };
import { ASIDE_PREFIXES } from './keys.ts';
export { PROGRESS_KEY } from './keys.ts';
export const ASIDE_PREFIX = ASIDE_PREFIXES.progress;

const now = () => new Date().toISOString();

const state = $state<ProgressState>({
  record: emptyRecord(now()),
  problem: null,
  writable: true,
  unsaved: 0,
});
/** Changes applied in memory but not yet saved, oldest first (the saver takes them off). */
let waiting: Change[] = [];
let saver: Promise<Saver> | null = null;
/** Saves happen one after another, in the order of the changes. */
let chain: Promise<void> = Promise.resolve();

export const progress = {
  get record(): Readonly<Progress> {
    return state.record;
  },
  get problem(): Readonly<StorageProblem> | null {
    return state.problem;
  },
  /** True when every change made in this visit is stored. */
  get saved(): boolean {
    return state.unsaved === 0;
  },
  isRead(lessonId: string): boolean {
    return lessonId in state.record.lessons;
  },
};

/** Resolves when every change made so far has been saved (or has failed to be). */
export function progressSettled(): Promise<void> {
  return chain;
}

/** Load from storage. Called once at start (and by tests with another store). */
export function initProgress(given?: Store): Promise<void> {
  void saver?.then((s) => s.stop());
  state.record = emptyRecord(now());
  state.problem = null;
  state.writable = true;
  state.unsaved = 0;
  waiting = [];
  const list = waiting;
  saver = import('./progress/saver.ts').then((m) => m.startSaver(state, list, given));
  chain = saver.then(
    () => undefined,
    () => {
      state.writable = false;
      state.problem = { kind: 'unavailable' };
    },
  );
  return chain;
}

/**
 * The one path by which progress changes: `change` is a pure function of the latest record (see
 * ./progress/*.ts). Activities keep their own changes beside their records, so the first page
 * carries only what it needs. Resolves when the change is saved or has failed to be.
 */
export function updateProgress(change: Change): Promise<void> {
  if (!saver) void initProgress();
  const before = state.record;
  state.record = change(before);
  waiting.push(change);
  const started = saver!;
  chain = chain
    .then(() => started)
    .then((s) => s.persist(change, before))
    .catch(() => undefined);
  return chain;
}

export function markLessonRead(lessonId: string, read = true): Promise<void> {
  return updateProgress((r) => setLessonRead(r, lessonId, read, now()));
}

/** Record a change to the student's results on a flow. */
export function recordFlow(flowId: string, change: (old: FlowResult) => FlowResult): Promise<void> {
  return updateProgress((r) => updateFlow(r, flowId, change, now()));
}

export function flowResult(flowId: string): FlowResult | undefined {
  return state.record.flows[flowId];
}

/** Merge an exported progress file into the record: its text, or the file (too large: not read). */
export async function importProgress(file: string | Blob): Promise<ImportResult> {
  const { readImport, countAdded } = await import('./progress/saver.ts');
  const read = await readImport(file);
  if (!read.ok) return read;
  const before = state.record;
  void updateProgress(read.change);
  return { ok: true, added: countAdded(before, state.record), skipped: read.skipped };
}

export function exportProgress(): string {
  return `${JSON.stringify(state.record, null, 2)}\n`;
}
