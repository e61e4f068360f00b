import type { SubKey } from './keys.ts';

/**
 * Whether a value from outside (a teacher's file, a parser's message) is one of the parts a key
 * can end with, as listed in `known`: `isKeyPart(FORMATS, what)` lets t(`content.formats.${what}`)
 * compile, and a value with no string falls to the caller's fallback instead of a missing key.
 */
export function isKeyPart<Part extends string>(
  known: Record<Part, unknown>,
  value: unknown,
): value is Part {
  return typeof value === 'string' && Object.hasOwn(known, value);
}

/** The parts after `Prefix`, each listed once: the `known` of `isKeyPart`, complete and checked. */
export type KeyParts<Prefix extends string> = Record<SubKey<Prefix>, true>;
