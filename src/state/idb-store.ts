/**
 * The IndexedDB side of ./store.ts (loaded after the first page): one object store of text values
 * under the same keys localStorage used, every write in a `durability: 'strict'` transaction.
 */
import { openDB, type IDBPDatabase } from 'idb';
import {
  ASIDE_PREFIXES,
  MOVED_KEYS,
  tellOtherTabs,
  type Decided,
  type Got,
  type Store,
} from './store.ts';

export const DB_NAME = 'ecsim';
const OBJECTS = 'records';

type Db = IDBPDatabase;

const asText = (value: unknown): string | null =>
  value === undefined || value === null
    ? null
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);

export async function openIdbStore(name = DB_NAME): Promise<Store> {
  const db: Db = await openDB(name, 1, {
    upgrade(database) {
      database.createObjectStore(OBJECTS);
    },
    // Another tab holds an older version of the database open: let it go so this one can upgrade.
    blocking() {
      db.close();
    },
  });
  return {
    kind: 'durable',
    async get(key): Promise<Got> {
      try {
        return { ok: true, value: asText(await db.get(OBJECTS, key)) };
      } catch {
        return { ok: false };
      }
    },
    async update<T>(key: string, decide: (stored: string | null) => Decided<T>) {
      let tx;
      try {
        tx = db.transaction(OBJECTS, 'readwrite', { durability: 'strict' });
      } catch {
        return { ok: false } as const;
      }
      try {
        const objects = tx.objectStore(OBJECTS);
        const { writes, result } = decide(asText(await objects.get(key)));
        for (const w of writes) {
          void (w.value === null ? objects.delete(w.key) : objects.put(w.value, w.key));
        }
        await tx.done;
        if (writes.length > 0) tellOtherTabs(writes.map((w) => w.key));
        return { ok: true, result } as const;
      } catch {
        try {
          tx.abort();
        } catch {
          // Already finished or aborted.
        }
        tx.done.catch(() => undefined);
        return { ok: false } as const;
      }
    },
    async keys(prefix) {
      try {
        const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
        const keys = await db.getAllKeys(OBJECTS, range);
        return keys.filter((k): k is string => typeof k === 'string').sort();
      } catch {
        return [];
      }
    },
  };
}

/**
 * How to fold a localStorage text into the one IndexedDB already holds under the same key (a tab
 * of the previous version kept writing after the move): the merged text, or null to keep both
 * apart.
 */
export type Fold = (stored: string, old: string) => string | null;

/**
 * Move the records localStorage held into IndexedDB, once. A localStorage key is removed only
 * after IndexedDB reads back exactly its text (or the text it was folded into); until then both
 * hold it, and the next start tries again. When IndexedDB already holds another value under the
 * key, the localStorage text is folded into it where `fold` knows how (progress), and kept aside
 * in any case rather than dropped.
 */
export async function moveFromLocalStorage(
  to: Store,
  from: Store,
  fold: Readonly<Record<string, Fold>> = {},
): Promise<void> {
  const keys = new Set(MOVED_KEYS);
  for (const prefix of [ASIDE_PREFIXES.progress, ASIDE_PREFIXES.scenarios]) {
    for (const key of await from.keys(prefix)) keys.add(key);
  }
  for (const key of keys) {
    const old = await from.get(key);
    if (!old.ok || old.value === null) continue;
    const text = old.value;
    const aside = `${ASIDE_PREFIXES.moved}${key}.${new Date().toISOString()}`;
    const put = await to.update(key, (stored) => {
      if (stored === null) return { writes: [{ key, value: text }], result: { key, text } };
      if (stored === text) return { writes: [], result: { key, text } };
      const merged = fold[key]?.(stored, text) ?? null;
      return {
        writes: [{ key: aside, value: text }, ...(merged !== null ? [{ key, value: merged }] : [])],
        result: { key: aside, text },
      };
    });
    if (!put.ok) continue;
    const back = await to.get(put.result.key);
    if (back.ok && back.value === put.result.text) {
      await from.update(key, () => ({ writes: [{ key, value: null }], result: null }));
    }
  }
}
