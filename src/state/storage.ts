/**
 * A key-value store that never throws. localStorage can be missing (private mode, disabled),
 * throw on access (SecurityError) or on write (QuotaExceededError): each call reports whether it
 * worked, and callers decide how to tell the student.
 */
export interface SafeStorage {
  get(key: string): { ok: true; value: string | null } | { ok: false };
  set(key: string, value: string): boolean;
  remove(key: string): boolean;
  keys(): string[];
}

export function safeStorage(backend: () => Storage | undefined = defaultBackend): SafeStorage {
  return {
    get(key) {
      try {
        const store = backend();
        if (!store) return { ok: false };
        return { ok: true, value: store.getItem(key) };
      } catch {
        return { ok: false };
      }
    },
    set(key, value) {
      try {
        const store = backend();
        if (!store) return false;
        store.setItem(key, value);
        return true;
      } catch {
        return false;
      }
    },
    remove(key) {
      try {
        const store = backend();
        if (!store) return false;
        store.removeItem(key);
        return true;
      } catch {
        return false;
      }
    },
    keys() {
      try {
        const store = backend();
        if (!store) return [];
        return Array.from({ length: store.length }, (_, i) => store.key(i) ?? '').filter(Boolean);
      } catch {
        return [];
      }
    },
  };
}

function defaultBackend(): Storage | undefined {
  return typeof localStorage === 'undefined' ? undefined : localStorage;
}
