/**
 * Progress store: the one writer of the student's saved progress. Components read `progress`
 * and change it only through the functions below, each of which re-reads what is stored (another
 * tab may have written), applies a pure change from ./progress/record.ts and saves.
 *
 * If storage is unavailable the store works in memory and says so. Data it cannot read (corrupt
 * or from a newer app) is never overwritten: corrupt text is copied to a side key before a fresh
 * record starts; a newer record makes this tab read-only for storage.
 */
import { safeStorage, type SafeStorage } from './storage.ts';
import {
  countAdded,
  emptyRecord,
  mergeRecords,
  readRecord,
  setLessonRead,
  updateFlow,
  type FlowResult,
  type Progress,
} from './progress/record.ts';

export const PROGRESS_KEY = 'ecsim.progress';
export const ASIDE_PREFIX = 'ecsim.progress.unreadable.';

export type StorageProblem =
  | { kind: 'unavailable' }
  | { kind: 'corrupt'; raw: string; keptAt: string | null }
  | { kind: 'newer'; raw: string; version: number };

interface ProgressState {
  record: Progress;
  problem: StorageProblem | null;
  /** False when writing could overwrite something (newer or unkept corrupt data) or fails. */
  writable: boolean;
}

const now = () => new Date().toISOString();

const state = $state<ProgressState>({ record: emptyRecord(now()), problem: null, writable: true });
let storage: SafeStorage = safeStorage();

export const progress = {
  get record(): Progress {
    return state.record;
  },
  get problem(): StorageProblem | null {
    return state.problem;
  },
  isRead(lessonId: string): boolean {
    return lessonId in state.record.lessons;
  },
};

/** Load from storage. Called once at start (and by tests with a stub storage). */
export function initProgress(store: SafeStorage = safeStorage()): void {
  storage = store;
  state.problem = null;
  state.writable = true;
  const got = storage.get(PROGRESS_KEY);
  if (!got.ok) {
    state.record = emptyRecord(now());
    state.problem = { kind: 'unavailable' };
    state.writable = false;
    return;
  }
  const result = readRecord(got.value);
  switch (result.status) {
    case 'empty':
      state.record = emptyRecord(now());
      return;
    case 'ok':
      state.record = result.record;
      if (result.migrated) save();
      return;
    case 'newer':
      state.record = emptyRecord(now());
      state.problem = { kind: 'newer', raw: result.raw, version: result.version };
      state.writable = false;
      return;
    case 'corrupt': {
      const asideKey = `${ASIDE_PREFIX}${now()}`;
      const kept = storage.set(asideKey, result.raw);
      state.record = emptyRecord(now());
      state.problem = { kind: 'corrupt', raw: result.raw, keptAt: kept ? asideKey : null };
      state.writable = kept;
      return;
    }
  }
}

function save(): void {
  if (!state.writable) return;
  if (!storage.set(PROGRESS_KEY, JSON.stringify(state.record))) {
    state.writable = false;
    state.problem = { kind: 'unavailable' };
  }
}

/**
 * The one path by which progress changes: `change` is a pure function of the latest record (see
 * ./progress/*.ts). Activities keep their own changes beside their records, so the first page
 * carries only what it needs.
 */
export function updateProgress(change: (record: Progress) => Progress): void {
  update(change);
}

function update(change: (record: Progress) => Progress): void {
  if (state.writable) {
    // Another tab may have saved since we loaded: start from what is stored now.
    const got = storage.get(PROGRESS_KEY);
    if (got.ok) {
      const latest = readRecord(got.value);
      if (latest.status === 'ok') state.record = latest.record;
      else if (latest.status === 'newer') {
        state.problem = { kind: 'newer', raw: latest.raw, version: latest.version };
        state.writable = false;
      }
    }
  }
  state.record = change(state.record);
  save();
}

export function markLessonRead(lessonId: string, read = true): void {
  update((r) => setLessonRead(r, lessonId, read, now()));
}

/** Record a change to the student's results on a flow. */
export function recordFlow(flowId: string, change: (old: FlowResult) => FlowResult): void {
  update((r) => updateFlow(r, flowId, change, now()));
}

export function flowResult(flowId: string): FlowResult | undefined {
  return state.record.flows[flowId];
}

export type ImportResult =
  | { ok: true; added: number }
  | { ok: false; reason: 'json' | 'notProgress' | 'newer'; version?: number };

/** Merge an exported progress file into the current record. */
export function importProgress(text: string): ImportResult {
  try {
    JSON.parse(text);
  } catch {
    return { ok: false, reason: 'json' };
  }
  const result = readRecord(text);
  if (result.status === 'newer') return { ok: false, reason: 'newer', version: result.version };
  if (result.status !== 'ok') return { ok: false, reason: 'notProgress' };
  const before = state.record;
  update((r) => mergeRecords(r, result.record, now()));
  return { ok: true, added: countAdded(before, state.record) };
}

export function exportProgress(): string {
  return `${JSON.stringify(state.record, null, 2)}\n`;
}

/** Follow writes from other tabs of the app. */
export function watchOtherTabs(onChange?: () => void): () => void {
  const listener = (event: StorageEvent) => {
    if (event.key !== PROGRESS_KEY || !state.writable) return;
    const result = readRecord(event.newValue);
    if (result.status === 'ok') {
      state.record = result.record;
      onChange?.();
    }
  };
  window.addEventListener('storage', listener);
  return () => window.removeEventListener('storage', listener);
}
