/**
 * A catalog's loader that also remembers what it has loaded, so a page opened on a scenario that
 * is already here draws it at once instead of a moment later (see app/pages.ts, warm).
 */
export function remembering<T>(load: (id: string) => Promise<T | null>): {
  load: (id: string) => Promise<T | null>;
  loaded: (id: string) => T | undefined;
} {
  const done = new Map<string, T>();
  return {
    async load(id) {
      const data = await load(id);
      if (data) done.set(id, data);
      return data;
    },
    loaded: (id) => done.get(id),
  };
}
