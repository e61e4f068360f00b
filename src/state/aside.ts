/**
 * Copies kept aside (./keys.ts ASIDE_PREFIXES): data the app could not read, entries taken out of
 * the progress record, earlier versions of replaced scenarios. Never deleted by the app; listed on
 * My progress, where the student can download each one and delete it.
 */
import { ASIDE_PREFIXES } from './keys.ts';
import { appStore, setOne } from './store.ts';

export type AsideKind = keyof typeof ASIDE_PREFIXES;

export interface AsideCopy {
  key: string;
  kind: AsideKind;
  /** When it was kept aside (ISO time), when the key says. */
  at: string | null;
  /** Bytes it takes as text (two a UTF-16 code unit). */
  bytes: number;
}

const KINDS = Object.keys(ASIDE_PREFIXES) as AsideKind[];
const AT = /(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)$/;

/** Every copy kept aside, newest first. */
export async function listAside(): Promise<AsideCopy[]> {
  const store = await appStore();
  const copies: AsideCopy[] = [];
  for (const kind of KINDS) {
    for (const key of await store.keys(ASIDE_PREFIXES[kind])) {
      const got = await store.get(key);
      if (!got.ok || got.value === null) continue;
      copies.push({ key, kind, at: AT.exec(key)?.[1] ?? null, bytes: 2 * got.value.length });
    }
  }
  return copies.sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''));
}

export async function readAside(key: string): Promise<string | null> {
  const got = await (await appStore()).get(key);
  return got.ok ? got.value : null;
}

/** Delete one copy (only keys under the aside prefixes). */
export async function deleteAside(key: string): Promise<boolean> {
  if (!KINDS.some((kind) => key.startsWith(ASIDE_PREFIXES[kind]))) return false;
  return setOne(await appStore(), key, null);
}
