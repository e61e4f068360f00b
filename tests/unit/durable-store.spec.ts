import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { moveFromLocalStorage, openIdbStore } from '../../src/state/idb-store.ts';
import { foldProgress } from '../../src/state/progress/record.ts';
import {
  ASIDE_PREFIXES,
  DRAFT_KEY,
  PROGRESS_KEY,
  SCENARIOS_KEY,
  localStore,
  type Store,
} from '../../src/state/store.ts';

class MapStorage implements Storage {
  data = new Map<string, string>();
  get length() {
    return this.data.size;
  }
  clear() {
    this.data.clear();
  }
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  key(i: number) {
    return [...this.data.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
}

let n = 0;
const freshDb = () => openIdbStore(`test-${++n}`);

describe('the IndexedDB store', () => {
  it('reads what it wrote, lists keys by prefix, deletes', async () => {
    const store = await freshDb();
    expect(await store.get('a')).toEqual({ ok: true, value: null });
    await store.update('a', () => ({
      writes: [
        { key: 'a', value: 'one' },
        { key: 'p.2', value: 'x' },
        { key: 'p.1', value: 'y' },
      ],
      result: null,
    }));
    expect(await store.get('a')).toEqual({ ok: true, value: 'one' });
    expect(await store.keys('p.')).toEqual(['p.1', 'p.2']);
    await store.update('a', () => ({ writes: [{ key: 'a', value: null }], result: null }));
    expect(await store.get('a')).toEqual({ ok: true, value: null });
  });

  it('read-decide-write is one transaction: concurrent changes are all kept', async () => {
    const store = await freshDb();
    const add = (item: string) =>
      store.update('list', (stored) => {
        const list = stored ? (JSON.parse(stored) as string[]) : [];
        return { writes: [{ key: 'list', value: JSON.stringify([...list, item]) }], result: null };
      });
    // Twenty writers that each read the list before any of them wrote: none is lost.
    await Promise.all(Array.from({ length: 20 }, (_, i) => add(`item-${i}`)));
    const got = await store.get('list');
    expect(got.ok && JSON.parse(got.value ?? '[]')).toHaveLength(20);
  });

  it('a decision that throws writes nothing and reports failure', async () => {
    const store = await freshDb();
    const result = await store.update('a', () => {
      throw new Error('no');
    });
    expect(result).toEqual({ ok: false });
    expect(await store.get('a')).toEqual({ ok: true, value: null });
  });
});

describe('moving records from localStorage', () => {
  const progress = JSON.stringify({ format: 'ecsim-progress', version: 3, lessons: {} });

  it('copies each record, and removes the old key only once IndexedDB reads it back equal', async () => {
    const backend = new MapStorage();
    backend.setItem(PROGRESS_KEY, progress);
    backend.setItem(SCENARIOS_KEY, '{"format":"ecsim-scenarios","version":1,"items":[]}');
    backend.setItem(DRAFT_KEY, 'kind: quiz\n');
    backend.setItem(`${ASIDE_PREFIXES.progress}2026-11-01T00:00:00.000Z`, '{broken');
    backend.setItem('ecsim.settings', '{"lang":"en"}');
    const idb = await freshDb();
    await moveFromLocalStorage(
      idb,
      localStore(() => backend),
    );
    expect(await idb.get(PROGRESS_KEY)).toEqual({ ok: true, value: progress });
    expect(await idb.get(DRAFT_KEY)).toEqual({ ok: true, value: 'kind: quiz\n' });
    expect(await idb.keys(ASIDE_PREFIXES.progress)).toHaveLength(1);
    // Moved keys are gone from localStorage; settings stay there.
    expect([...backend.data.keys()]).toEqual(['ecsim.settings']);
  });

  it('keeps the old key while the new store does not read back the same text', async () => {
    const backend = new MapStorage();
    backend.setItem(PROGRESS_KEY, progress);
    const idb = await freshDb();
    // A store that accepts writes but reads back something else (a failing disk, a bug).
    const lying: Store = { ...idb, get: async () => ({ ok: true, value: 'other' }) };
    await moveFromLocalStorage(
      lying,
      localStore(() => backend),
    );
    expect(backend.getItem(PROGRESS_KEY)).toBe(progress);
    // A store that cannot write at all.
    const full: Store = { ...idb, update: async () => ({ ok: false }) };
    await moveFromLocalStorage(
      full,
      localStore(() => backend),
    );
    expect(backend.getItem(PROGRESS_KEY)).toBe(progress);
    // The next start, with a working store, moves it.
    await moveFromLocalStorage(
      idb,
      localStore(() => backend),
    );
    expect(backend.getItem(PROGRESS_KEY)).toBeNull();
    expect(await idb.get(PROGRESS_KEY)).toEqual({ ok: true, value: progress });
  });

  it('never overwrites a newer IndexedDB record: the old text is kept aside', async () => {
    const backend = new MapStorage();
    backend.setItem(PROGRESS_KEY, progress);
    const idb = await freshDb();
    await idb.update(PROGRESS_KEY, () => ({
      writes: [{ key: PROGRESS_KEY, value: 'newer' }],
      result: null,
    }));
    await moveFromLocalStorage(
      idb,
      localStore(() => backend),
    );
    expect(await idb.get(PROGRESS_KEY)).toEqual({ ok: true, value: 'newer' });
    const aside = await idb.keys(ASIDE_PREFIXES.moved);
    expect(aside).toHaveLength(1);
    expect(await idb.get(aside[0]!)).toEqual({ ok: true, value: progress });
    expect(backend.getItem(PROGRESS_KEY)).toBeNull();
  });
});

describe('a tab of the previous version that kept writing after the move', () => {
  it('has its progress folded into the record, and its text kept aside too', async () => {
    const at = '2026-11-20T08:00:00.000Z';
    const record = (lessons: string[]) =>
      JSON.stringify({
        format: 'ecsim-progress',
        version: 3,
        updatedAt: at,
        lessons: Object.fromEntries(lessons.map((id) => [id, { readAt: at }])),
        flows: {},
        quizzes: {},
        cases: {},
        learner: null,
      });
    const idb = await freshDb();
    await idb.update(PROGRESS_KEY, () => ({
      writes: [{ key: PROGRESS_KEY, value: record(['process']) }],
      result: null,
    }));
    const backend = new MapStorage();
    backend.setItem(PROGRESS_KEY, record(['models']));
    await moveFromLocalStorage(
      idb,
      localStore(() => backend),
      {
        [PROGRESS_KEY]: (stored, old) => foldProgress(stored, old, at),
      },
    );
    const got = await idb.get(PROGRESS_KEY);
    const lessons = got.ok ? Object.keys(JSON.parse(got.value ?? '{}').lessons).sort() : [];
    expect(lessons).toEqual(['models', 'process']);
    expect(await idb.keys(ASIDE_PREFIXES.moved)).toHaveLength(1);
    expect(backend.getItem(PROGRESS_KEY)).toBeNull();
  });
});
