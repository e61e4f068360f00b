/**
 * The app's i18next instance and a reactive `t`: reading `locale.lang` inside `t` makes every
 * template that calls it re-render when the language changes. The one writer of the language is
 * state/settings.svelte.ts (through `applyLang`).
 *
 * Interpolation does not escape: every translated string reaches the page through Svelte's `{}`
 * (which escapes), never through {@html}, and author text is never used as a template.
 */
import i18next from 'i18next';
import { DEFAULT_LANG, type Lang } from './resources.ts';

/** Each language's strings load on demand, so the first page carries only one of them. */
const bundles: Record<Lang, () => Promise<{ default: object }>> = {
  'zh-CN': () => import('./zh-CN.json'),
  en: () => import('./en.json'),
};

const i18n = i18next.createInstance();
void i18n.init({
  lng: DEFAULT_LANG,
  fallbackLng: false,
  resources: {},
  initAsync: false,
  returnNull: false,
  interpolation: { escapeValue: false },
});

const current = $state({ lang: DEFAULT_LANG as Lang });

export const locale = {
  get lang(): Lang {
    return current.lang;
  },
};

export function t(key: string, params?: Record<string, string | number>): string {
  void current.lang;
  return i18n.t(key, params ?? {});
}

/** Pick the language's half of a bilingual text, falling back to the other half if empty. */
export function tx(text: { zh: string; en: string }): string {
  return current.lang === 'en' ? text.en || text.zh : text.zh || text.en;
}

/** Make sure a language's strings are loaded (once). */
export async function loadLang(lang: Lang): Promise<void> {
  if (i18n.hasResourceBundle(lang, 'translation')) return;
  const bundle = await bundles[lang]();
  i18n.addResourceBundle(lang, 'translation', bundle.default, true, true);
}

/** Switch language now; its strings must be loaded. Called by the settings store only. */
export function applyLang(lang: Lang): void {
  void i18n.changeLanguage(lang);
  current.lang = lang;
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}
