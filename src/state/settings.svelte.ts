/**
 * Settings store: the one writer of the interface language and the colour theme. A saved choice
 * wins; otherwise the browser's preferred languages and the system's colour scheme decide.
 */
import { MediaQuery } from 'svelte/reactivity';
import { applyLang, loadLang, locale } from '../i18n/index.svelte.ts';
import { isLang, pickLang, type Lang } from '../i18n/langs.ts';
import { safeStorage, type SafeStorage } from './storage.ts';

export const SETTINGS_KEY = 'ecsim.settings';
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

let storage: SafeStorage = safeStorage();
const state = $state({ theme: 'system' as Theme });
/** Made when first asked for, so importing the store needs no window (Node, tests). */
let systemDark: MediaQuery | undefined;

export const settings = {
  get lang(): Lang {
    return locale.lang;
  },
  get theme(): Theme {
    return state.theme;
  },
  /** Whether the page is drawn dark now (chosen, or the system's while following it). */
  get dark(): boolean {
    if (state.theme !== 'system') return state.theme === 'dark';
    systemDark ??= new MediaQuery('(prefers-color-scheme: dark)', false);
    return systemDark.current;
  },
};

function saved(): { lang?: unknown; theme?: unknown } {
  const got = storage.get(SETTINGS_KEY);
  if (!got.ok || !got.value) return {};
  try {
    const value: unknown = JSON.parse(got.value);
    return value !== null && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}

function save(): void {
  storage.set(SETTINGS_KEY, JSON.stringify({ version: 1, lang: locale.lang, theme: state.theme }));
}

function applyTheme(theme: Theme): void {
  state.theme = theme;
  if (typeof document === 'undefined') return;
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

export async function initSettings(
  store: SafeStorage = safeStorage(),
  preferences: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages,
): Promise<void> {
  storage = store;
  const { lang: savedLang, theme } = saved();
  applyTheme((THEMES as readonly unknown[]).includes(theme) ? (theme as Theme) : 'system');
  const lang = isLang(savedLang) ? savedLang : pickLang(preferences);
  await loadLang(lang);
  applyLang(lang);
}

export async function setLang(lang: Lang): Promise<void> {
  await loadLang(lang);
  applyLang(lang);
  save();
}

export function setTheme(theme: Theme): void {
  applyTheme(theme);
  save();
}
