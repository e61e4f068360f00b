/**
 * Scenario files the student or teacher opened (from a file, a URL, a share link or the editor),
 * kept in the browser for offline use, apart from the built-in ones. The one writer of that list.
 *
 * Each entry keeps the file's text as opened; pages validate it again when they use it, so a file
 * kept by an older version of the app is checked by the current rules. The stored list is read
 * through its schema (../content/kept.ts). What cannot be read is never dropped: an unreadable
 * list is copied aside before a new one starts, and a list written by a newer version of the app
 * is left untouched (this tab then keeps its scenarios in memory).
 *
 * Every keep and remove re-reads the stored list in the same transaction that writes it (./store.ts),
 * so a second tab's files are never overwritten, and other tabs are told to re-read.
 */
import {
  ASIDE_PREFIXES,
  SCENARIOS_KEY,
  appStore,
  onOtherTabs,
  type Store,
  type Write,
} from './store.ts';
import {
  writeList,
  type ReadList,
  type ScenarioKind,
  type StoredScenario,
} from '../content/kept.ts';

export { SCENARIOS_KEY };
export type { ReadList, ScenarioKind, StoredScenario };
export type { ScenarioSource } from '../content/kept.ts';
export const SCENARIOS_ASIDE_PREFIX = ASIDE_PREFIXES.scenarios;
/**
 * The stored list (JSON, where control characters grow six-fold) may take at most this many bytes
 * (two a UTF-16 code unit, as browsers store text): well below any browser's quota, and in a key
 * of its own, so kept files never crowd out progress.
 */
export const MAX_KEPT_BYTES = 4_000_000;

interface State {
  items: StoredScenario[];
  /** False when this tab must not write (newer data, or storage unusable). */
  writable: boolean;
  problem: 'unavailable' | 'corrupt' | 'newer' | null;
}

const state = $state<State>({ items: [], writable: true, problem: null });
let opened: Promise<Store> | null = null;
let loading: Promise<void> | null = null;
let stopWatching: (() => void) | null = null;
const now = () => new Date().toISOString();

/**
 * Reading the stored list back, through its schema (../content/kept-schema.ts, with zod): loaded
 * when there is a stored list to read or change, so a student who keeps no files never loads zod
 * on the pages that list kept files.
 */
let reader: Promise<(raw: string | null) => ReadList> | null = null;
function listReader(): Promise<(raw: string | null) => ReadList> {
  reader ??= import('../content/kept-schema.ts').then(
    (m) => m.readList,
    (e: unknown) => {
      reader = null;
      throw e;
    },
  );
  return reader;
}

/** Bytes the stored list takes. */
export const storedBytes = (items: readonly StoredScenario[]) => 2 * writeList(items).length;

/** The kept list, loaded once (pages wait for it before they draw). */
export function scenariosReady(): Promise<void> {
  loading ??= load();
  return loading;
}

/** Load the list from `store` (tests), or from the app's store. */
export function load(store?: Store): Promise<void> {
  opened = store ? Promise.resolve(store) : appStore();
  stopWatching?.();
  stopWatching = onOtherTabs((keys) => {
    if (keys.includes(SCENARIOS_KEY)) void reread();
  });
  loading = opened.then(async (s) => {
    state.problem = null;
    state.writable = true;
    // Nothing kept (most students): there is no list to read.
    const stored = await s.get(SCENARIOS_KEY);
    if (stored.ok && !stored.value) {
      state.items = [];
      return;
    }
    const readList = await listReader();
    const stamp = now();
    const done = await s.update<ReadList>(SCENARIOS_KEY, (raw) => {
      const read = readList(raw);
      if (read.status !== 'corrupt') return { writes: [], result: read };
      return {
        writes: [{ key: `${SCENARIOS_ASIDE_PREFIX}${stamp}`, value: read.raw }],
        result: read,
      };
    });
    if (!done.ok) {
      const got = await s.get(SCENARIOS_KEY);
      const read = got.ok ? readList(got.value) : null;
      state.items = read?.status === 'ok' ? read.items : [];
      state.writable = false;
      state.problem =
        read?.status === 'corrupt' || read?.status === 'newer' ? read.status : 'unavailable';
      return;
    }
    const read = done.result;
    state.items = read.status === 'ok' ? read.items : [];
    if (read.status === 'newer') state.writable = false;
    if (read.status !== 'ok') state.problem = read.status;
  });
  return loading;
}

async function reread(): Promise<void> {
  if (!state.writable || !opened) return;
  const readList = await listReader();
  const got = await (await opened).get(SCENARIOS_KEY);
  const read = got.ok ? readList(got.value) : null;
  if (read?.status === 'ok') state.items = read.items;
}

export const scenarios = {
  get items(): readonly StoredScenario[] {
    return state.items;
  },
  get problem(): State['problem'] {
    return state.problem;
  },
};

export type KeepResult =
  | { ok: true; replaced: boolean }
  | { ok: false; reason: 'full' | 'memory' }
  /** Another version with this id is kept: nothing changed; ask before replacing it. */
  | { ok: false; reason: 'conflict'; existing: StoredScenario };

const family = (k: ScenarioKind) => (k === 'case' ? 'quiz' : k);
const same = (a: { id: string; kind: ScenarioKind }, b: { id: string; kind: ScenarioKind }) =>
  a.id === b.id && family(a.kind) === family(b.kind);

export interface KeepOptions {
  /**
   * Replace a kept file of the same id whose text differs. Without it, such a file is left as it
   * is and the result says `conflict`. The replaced text is kept aside (a teacher's only copy).
   */
  replace?: boolean;
}

/**
 * Keep a scenario (a valid one: callers validate first). When storage cannot take it, it is kept
 * in memory for this visit and the caller says so.
 */
export async function keepScenario(
  entry: StoredScenario,
  options: KeepOptions = {},
): Promise<KeepResult> {
  await scenariosReady();
  const s = await opened!;
  const readList = await listReader();
  type Decision = KeepResult & { items?: StoredScenario[] };
  const stamp = now();
  const decide = (items: StoredScenario[]): { writes: Write[]; result: Decision } => {
    const existing = items.find((i) => same(i, entry));
    if (existing && existing.text !== entry.text && !options.replace) {
      return { writes: [], result: { ok: false, reason: 'conflict', existing } };
    }
    const next = [...items.filter((i) => !same(i, entry)), entry];
    if (storedBytes(next) > MAX_KEPT_BYTES)
      return { writes: [], result: { ok: false, reason: 'full' } };
    const writes: Write[] = [{ key: SCENARIOS_KEY, value: writeList(next) }];
    if (existing && existing.text !== entry.text) {
      writes.unshift({
        key: `${ASIDE_PREFIXES.replaced}${stamp}`,
        value: JSON.stringify(existing),
      });
    }
    return { writes, result: { ok: true, replaced: existing !== undefined, items: next } };
  };
  if (!state.writable) {
    const { result } = decide(state.items);
    if (result.ok && result.items) state.items = result.items;
    return result.ok ? { ok: false, reason: 'memory' } : result;
  }
  const done = await s.update(SCENARIOS_KEY, (raw) => {
    const read = readList(raw);
    // What is stored now could not be read (damaged or newer since loading): change nothing.
    if (read.status !== 'ok') return { writes: [], result: null };
    return decide(read.items);
  });
  if (!done.ok || done.result === null) {
    const { result } = decide(state.items);
    if (!result.ok) return result;
    state.items = result.items ?? state.items;
    state.writable = false;
    state.problem = 'unavailable';
    return { ok: false, reason: 'memory' };
  }
  const result = done.result;
  if (result.items) state.items = result.items;
  if (result.ok) return { ok: true, replaced: result.replaced };
  return result.reason === 'conflict'
    ? { ok: false, reason: 'conflict', existing: result.existing }
    : { ok: false, reason: result.reason };
}

/** Remove one kept file; what other tabs kept meanwhile stays. */
export async function removeScenario(kind: ScenarioKind, id: string): Promise<void> {
  await scenariosReady();
  const drop = (items: StoredScenario[]) => items.filter((i) => !(i.id === id && i.kind === kind));
  state.items = drop(state.items);
  if (!state.writable) return;
  const readList = await listReader();
  const done = await (
    await opened!
  ).update(SCENARIOS_KEY, (raw) => {
    const read = readList(raw);
    if (read.status !== 'ok') return { writes: [], result: null };
    const next = drop(read.items);
    return { writes: [{ key: SCENARIOS_KEY, value: writeList(next) }], result: next };
  });
  if (done.ok && done.result) state.items = done.result;
}
