/**
 * Where the student's records live: progress, kept scenarios, the editor's draft and the copies
 * kept aside. In IndexedDB, written with `durability: 'strict'` (a write is reported done only
 * once it is on disk, so a killed browser keeps it); localStorage reaches disk seconds late.
 * Where IndexedDB cannot open (some private modes), the same calls go to localStorage.
 *
 * Every write is a read-decide-write in one transaction (`update`), so two tabs cannot overwrite
 * each other's changes; after each write the other tabs of the app are told which key changed.
 * The IndexedDB code loads after the first page (./idb-store.ts).
 */
import { safeStorage } from './storage.ts';
import { PROGRESS_KEY } from './keys.ts';

export { ASIDE_PREFIXES, DRAFT_KEY, MOVED_KEYS, PROGRESS_KEY, SCENARIOS_KEY } from './keys.ts';

export type Got = { ok: true; value: string | null } | { ok: false };
/** A write of one key; `null` deletes it. */
export interface Write {
  key: string;
  value: string | null;
}
export type Decided<T> = { writes: Write[]; result: T };

export interface Store {
  /** 'durable' for IndexedDB; 'local' when only localStorage could be used. */
  readonly kind: 'durable' | 'local';
  get(key: string): Promise<Got>;
  /**
   * Read `key`, decide the writes from what is stored, make them: one transaction, so no other
   * tab writes in between. `ok: false` when the read or a write failed (storage off or full).
   */
  update<T>(
    key: string,
    decide: (stored: string | null) => Decided<T>,
  ): Promise<{ ok: true; result: T } | { ok: false }>;
  /** Keys that start with `prefix`, sorted. */
  keys(prefix: string): Promise<string[]>;
}

/** Write (or with `null` delete) one key, whatever was there. */
export function setOne(store: Store, key: string, value: string | null): Promise<boolean> {
  return store.update(key, () => ({ writes: [{ key, value }], result: true })).then((r) => r.ok);
}

/** The same calls on a synchronous Storage (localStorage; a Map in tests). */
export function localStore(backend: () => Storage | undefined = defaultBackend): Store {
  const safe = safeStorage(backend);
  return {
    kind: 'local',
    get: (key) => Promise.resolve(safe.get(key)),
    update(key, decide) {
      const got = safe.get(key);
      if (!got.ok) return Promise.resolve({ ok: false });
      const { writes, result } = decide(got.value);
      for (const w of writes) {
        const done = w.value === null ? safe.remove(w.key) : safe.set(w.key, w.value);
        if (!done) return Promise.resolve({ ok: false });
      }
      if (writes.length > 0) tellOtherTabs(writes.map((w) => w.key));
      return Promise.resolve({ ok: true, result });
    },
    keys: (prefix) =>
      Promise.resolve(
        safe
          .keys()
          .filter((k) => k.startsWith(prefix))
          .sort(),
      ),
  };
}

function defaultBackend(): Storage | undefined {
  return typeof localStorage === 'undefined' ? undefined : localStorage;
}

let opened: Promise<Store> | null = null;

/**
 * The app's store, opened once: IndexedDB after moving what localStorage held, or localStorage
 * when IndexedDB cannot open within a few seconds.
 */
export function appStore(): Promise<Store> {
  opened ??= openAppStore();
  return opened;
}

/** Use another store (tests). */
export function useStore(store: Store): void {
  opened = Promise.resolve(store);
}

async function openAppStore(): Promise<Store> {
  if (typeof indexedDB === 'undefined') return localStore();
  try {
    const old = localStore();
    // Folding progress a previous version left in localStorage needs the record's checks (and
    // zod): loaded only when there is such progress.
    const oldProgress = await old.get(PROGRESS_KEY);
    const [{ openIdbStore, moveFromLocalStorage }, fold] = await Promise.all([
      import('./idb-store.ts'),
      oldProgress.ok && oldProgress.value
        ? import('./progress/record.ts').then((m) => ({ [PROGRESS_KEY]: m.foldProgress }))
        : {},
    ]);
    const store = await withTimeout(openIdbStore(), 5000);
    await moveFromLocalStorage(store, old, fold);
    return store;
  } catch {
    return localStore();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

// ---- Other tabs -------------------------------------------------------------------------------

const CHANNEL = 'ecsim.store';
let channel: BroadcastChannel | null | undefined;
const listeners = new Set<(keys: string[]) => void>();

function getChannel(): BroadcastChannel | null {
  if (channel === undefined) {
    channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
    if (channel) {
      // In Node (tests) a channel would keep the process alive.
      (channel as unknown as { unref?: () => void }).unref?.();
      channel.onmessage = (event: MessageEvent<unknown>) => {
        const keys = event.data;
        if (Array.isArray(keys) && keys.every((k) => typeof k === 'string')) {
          for (const listener of listeners) listener(keys as string[]);
        }
      };
    }
  }
  return channel;
}

/** Tell the app's other tabs that these keys changed (called by the stores after writing). */
export function tellOtherTabs(keys: string[]): void {
  getChannel()?.postMessage(keys);
}

/** Hear which keys another tab changed. Returns the function that stops listening. */
export function onOtherTabs(listener: (keys: string[]) => void): () => void {
  getChannel();
  listeners.add(listener);
  return () => listeners.delete(listener);
}
