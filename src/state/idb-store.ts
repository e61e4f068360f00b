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
 * Move the records localStorage held into IndexedDB, once. A localStorage key is removed only
 * after IndexedDB reads back exactly its text; until then both hold it, and the next start tries
 * again. When IndexedDB already holds another value under the key (written since the move), the
 * localStorage text is kept aside rather than dropped.
 */
export async function moveFromLocalStorage(to: Store, from: Store): Promise<void> {
  const keys = new Set(MOVED_KEYS);
  for (const prefix of [ASIDE_PREFIXES.progress, ASIDE_PREFIXES.scenarios]) {
    for (const key of await from.keys(prefix)) keys.add(key);
  }
  for (const key of keys) {
    const old = await from.get(key);
    if (!old.ok || old.value === null) continue;
    const text = old.value;
    const aside = `${ASIDE_PREFIXES.moved}${key}.${new Date().toISOString()}`;
    const put = await to.update(key, (stored) => ({
      writes:
        stored === null
          ? [{ key, value: text }]
          : stored === text
            ? []
            : [{ key: aside, value: text }],
      result: stored === null || stored === text ? key : aside,
    }));
    if (!put.ok) continue;
    const back = await to.get(put.result);
    if (back.ok && back.value === text) {
      await from.update(key, () => ({ writes: [{ key, value: null }], result: null }));
    }
  }
}
