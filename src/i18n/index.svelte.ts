/**
 * The app's i18next instance and a reactive `t`: reading `locale.lang` inside `t` makes every
 * template that calls it re-render when the language changes. The one writer of the language is
 * state/settings.svelte.ts (through `applyLang`).
 *
 * Interpolation does not escape: every translated string reaches the page through Svelte's `{}`
 * (which escapes), never as raw HTML, and author text is never used as a template.
 */
import i18next from 'i18next';
import { DEFAULT_LANG, type Lang } from './langs.ts';
import type { StringKey } from './keys.ts';
import { CORE_STRINGS, type StringsLoader } from './parts.ts';

/**
 * Strings load on demand: the core in the current language first, each activity's part with its
 * page, and the other language only when the student switches to it.
 */
// Plain bookkeeping, not state: templates re-render through `current.strings`.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const parts = new Set<StringsLoader>([CORE_STRINGS]);
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const loaded = new Set<string>();
let version = 0;

const i18n = i18next.createInstance();
void i18n.init({
  lng: DEFAULT_LANG,
  fallbackLng: false,
  resources: {},
  initAsync: false,
  returnNull: false,
  interpolation: { escapeValue: false },
});

const current = $state({ lang: DEFAULT_LANG as Lang, strings: 0 });

export const locale = {
  get lang(): Lang {
    return current.lang;
  },
};

/**
 * A string without parameters, once looked up, is kept until the strings or the language change:
 * i18next's lookup costs about 0.1–0.2 ms, and a page asks for the same labels many times.
 */
// Plain cache, not state: `t` re-runs through `current` when it must be emptied.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const plain = new Map<string, string>();

/** The string of a key in the current language; a key not in the strings does not compile. */
export function t(key: StringKey, params?: Record<string, string | number>): string {
  void current.lang;
  void current.strings;
  if (params) return i18n.t(key, params);
  let text = plain.get(key);
  if (text === undefined) {
    text = i18n.t(key, {});
    plain.set(key, text);
  }
  return text;
}

/** Pick the language's half of a bilingual text, falling back to the other half if empty. */
export function tx(text: { zh: string; en: string }): string {
  return current.lang === 'en' ? text.en || text.zh : text.zh || text.en;
}

async function loadPart(part: StringsLoader, lang: Lang): Promise<void> {
  const key = `${lang}|${[...parts].indexOf(part)}`;
  if (loaded.has(key)) return;
  const bundle = await part[lang]();
  i18n.addResourceBundle(lang, 'translation', bundle.default, true, true);
  plain.clear();
  loaded.add(key);
  current.strings = ++version;
}

/** Make sure every registered part of a language's strings is loaded. */
export async function loadLang(lang: Lang): Promise<void> {
  await Promise.all([...parts].map((part) => loadPart(part, lang)));
}

/** Resolves once the first language has been chosen (see applyLang). */
let chosen: () => void;
const languageChosen = new Promise<void>((resolve) => (chosen = resolve));

/**
 * Add a part of the strings (an activity's) and load it in the current language. Called before
 * the language is chosen, it waits for the choice rather than load the wrong language.
 */
export async function addStrings(part: StringsLoader): Promise<void> {
  parts.add(part);
  await languageChosen;
  await loadPart(part, current.lang);
}

/** Switch language now; its strings must be loaded. Called by the settings store only. */
export function applyLang(lang: Lang): void {
  void i18n.changeLanguage(lang);
  plain.clear();
  current.lang = lang;
  chosen();
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}
