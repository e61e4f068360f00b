/** Loaders of each part of the UI strings, per language (see resources.ts). */
import type { Lang } from './langs.ts';

export type StringsLoader = Record<Lang, () => Promise<{ default: object }>>;

export const CORE_STRINGS: StringsLoader = {
  'zh-CN': () => import('./zh-CN.json'),
  en: () => import('./en.json'),
};

export const FLOWS_STRINGS: StringsLoader = {
  'zh-CN': () => import('./flows/zh-CN.json'),
  en: () => import('./flows/en.json'),
};

export const CONTENT_STRINGS: StringsLoader = {
  'zh-CN': () => import('./content/zh-CN.json'),
  en: () => import('./content/en.json'),
};

export const MARKET_STRINGS: StringsLoader = {
  'zh-CN': () => import('./market/zh-CN.json'),
  en: () => import('./market/en.json'),
};

export const QUIZ_STRINGS: StringsLoader = {
  'zh-CN': () => import('./quiz/zh-CN.json'),
  en: () => import('./quiz/en.json'),
};

export const AUTHORING_STRINGS: StringsLoader = {
  'zh-CN': () => import('./authoring/zh-CN.json'),
  en: () => import('./authoring/en.json'),
};

export const PROGRESS_STRINGS: StringsLoader = {
  'zh-CN': () => import('./progress/zh-CN.json'),
  en: () => import('./progress/en.json'),
};

export const CLASSROOM_STRINGS: StringsLoader = {
  'zh-CN': () => import('./classroom/zh-CN.json'),
  en: () => import('./classroom/en.json'),
};

export const LESSON_STRINGS: StringsLoader = {
  'zh-CN': () => import('./lesson/zh-CN.json'),
  en: () => import('./lesson/en.json'),
};

/** The update and offline notices: loaded with the service worker's code (src/app/pwa.ts). */
export const PWA_STRINGS: StringsLoader = {
  'zh-CN': () => import('./pwa/zh-CN.json'),
  en: () => import('./pwa/en.json'),
};
