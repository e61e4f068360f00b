/**
 * Settings store: the one writer of the interface language (and, later, other preferences).
 * A saved choice wins; otherwise the browser's preferred languages decide.
 */
import { applyLang, loadLang, locale } from '../i18n/index.svelte.ts';
import { isLang, pickLang, type Lang } from '../i18n/langs.ts';
import { safeStorage, type SafeStorage } from './storage.ts';

export const SETTINGS_KEY = 'ecsim.settings';
let storage: SafeStorage = safeStorage();

export const settings = {
  get lang(): Lang {
    return locale.lang;
  },
};

export async function initSettings(
  store: SafeStorage = safeStorage(),
  preferences: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages,
): Promise<void> {
  storage = store;
  const got = storage.get(SETTINGS_KEY);
  let saved: unknown;
  if (got.ok && got.value) {
    try {
      saved = (JSON.parse(got.value) as { lang?: unknown }).lang;
    } catch {
      saved = undefined;
    }
  }
  const lang = isLang(saved) ? saved : pickLang(preferences);
  await loadLang(lang);
  applyLang(lang);
}

export async function setLang(lang: Lang): Promise<void> {
  await loadLang(lang);
  applyLang(lang);
  storage.set(SETTINGS_KEY, JSON.stringify({ version: 1, lang }));
}
