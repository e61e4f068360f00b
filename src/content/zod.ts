/**
 * zod, set up for the app, and what the schemas share. Importing this module sets zod's config
 * for classic and mini alike, so whichever schema loads first, zod never compiles its fast paths
 * with `new Function` (the app runs under a CSP without 'unsafe-eval'; trying would log a
 * violation on every page that checks data).
 *
 * The content files' schemas (./schema.ts) use classic zod, for its messages and JSON Schema; the
 * JSON the app reads back at run time (the progress record, the kept list, results files) uses
 * zod/mini, which a page loads in a few kilobytes instead of the whole of zod.
 */
import { config, safeParse, type core } from 'zod/mini';

config({ jitless: true });

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
export function parseWith<T extends core.$ZodType>(
  schema: T,
  value: unknown,
): Parsed<core.output<T>> {
  try {
    const result = safeParse(schema, value);
    if (result.success) return { ok: true, data: result.data };
    return { ok: false, path: result.error.issues[0]?.path ?? [] };
  } catch {
    return { ok: false, path: [] };
  }
}
