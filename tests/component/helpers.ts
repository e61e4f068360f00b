import { safeStorage, type SafeStorage } from '../../src/state/storage.ts';
import { localStore, type Store } from '../../src/state/store.ts';

/** A Storage backed by a Map, optionally failing on read or write like a real browser can. */
export class FakeStorage implements Storage {
  data = new Map<string, string>();
  constructor(private readonly fail: { read?: boolean; write?: boolean } = {}) {}
  get length(): number {
    return this.data.size;
  }
  clear(): void {
    this.data.clear();
  }
  getItem(key: string): string | null {
    if (this.fail.read) throw new DOMException('denied', 'SecurityError');
    return this.data.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.data.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
  setItem(key: string, value: string): void {
    if (this.fail.write) throw new DOMException('full', 'QuotaExceededError');
    this.data.set(key, value);
  }
}

/** The app's store over `backend` (what the app uses where IndexedDB cannot open). */
export function memoryStore(backend: Storage = new FakeStorage()): Store {
  return localStore(() => backend);
}

/** A never-throwing localStorage over `backend` (what the settings store takes). */
export function memorySafe(backend: Storage = new FakeStorage()): SafeStorage {
  return safeStorage(() => backend);
}
