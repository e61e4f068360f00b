/**
 * zod, set up for the app: every schema module imports `z` from here, so whichever loads first,
 * zod never compiles its fast paths with `new Function` (the app runs under a CSP without
 * 'unsafe-eval'; trying would log a violation on every page that checks data).
 */
import * as z from 'zod';

z.config({ jitless: true });

export { z };

/** Lowercase letters, digits and hyphens, e.g. transaction-flow. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A time as the app writes it: `new Date().toISOString()`. */
export const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

export type Parsed<T> = { ok: true; data: T } | { ok: false; path: readonly PropertyKey[] };

/**
 * Check untrusted data against `schema`: the data rebuilt from what the schema knows, or where
 * the first problem is. Never throws: zod itself can run out of stack reporting a few hundred
 * thousand problems; such data is refused as a whole.
 */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown): Parsed<z.output<T>> {
  try {
    const result = schema.safeParse(value);
    if (result.success) return { ok: true, data: result.data };
    return { ok: false, path: result.error.issues[0]?.path ?? [] };
  } catch {
    return { ok: false, path: [] };
  }
}
