/**
 * The page for each route, loaded on demand and cached (one promise per page kind). main.ts asks
 * for the first route's page before the strings have loaded, so the two downloads overlap.
 */
import type { Component } from 'svelte';
import { addStrings } from '../i18n/index.svelte.ts';
import {
  AUTHORING_STRINGS,
  CLASSROOM_STRINGS,
  CONTENT_STRINGS,
  FLOWS_STRINGS,
  LESSON_STRINGS,
  MARKET_STRINGS,
  PROGRESS_STRINGS,
  QUIZ_STRINGS,
} from '../i18n/parts.ts';
import { loadLesson } from '../content/catalog/lessons.ts';
import type { Route } from './routes.ts';

/** Every page takes the route; pages that need nothing from it simply ignore it. */
export type Page = Component<{ route: Route }>;
/**
 * What a page module may export beside the page: `prepare(route)` starts loading what the page
 * will show for that route (a flow's steps, a set's questions), so it is drawn with the page.
 */
type PageModule = { default: unknown; prepare?: (route: Route) => Promise<unknown> };
const prepareOf = new Map<unknown, PageModule['prepare']>();
/** A module that did not load (see vite:preloadError in main.ts) rejects instead of drawing nothing. */
const asPage = (module: PageModule | undefined): Page => {
  if (!module?.default) throw new Error('page module did not load');
  prepareOf.set(module.default, module.prepare);
  return module.default as Page;
};

/** Pages that list or open kept scenarios draw once the kept list has loaded. */
const keptList = () => import('../state/scenarios.svelte.ts').then((m) => m.scenariosReady());

const market = () =>
  Promise.all([
    import('../features/market/MarketPage.svelte'),
    addStrings(MARKET_STRINGS),
    keptList(),
  ]).then(([module]) => asPage(module));
const flows = () =>
  Promise.all([
    import('../features/flows/FlowsPage.svelte'),
    addStrings(FLOWS_STRINGS),
    keptList(),
  ]).then(([module]) => asPage(module));
const withQuizStrings = (page: () => Promise<{ default: unknown }>) => (): Promise<Page> =>
  Promise.all([page(), addStrings(QUIZ_STRINGS), keptList()]).then(([module]) => asPage(module));
const withAuthoringStrings = (page: () => Promise<{ default: unknown }>) => (): Promise<Page> =>
  Promise.all([
    page(),
    keptList(),
    addStrings(AUTHORING_STRINGS),
    addStrings(CONTENT_STRINGS),
    addStrings(QUIZ_STRINGS),
  ]).then(([module]) => asPage(module));
const loaders: Partial<Record<Route['name'], () => Promise<Page>>> = {
  lessons: () => import('../features/lessons/LessonIndex.svelte').then(asPage),
  lesson: () =>
    Promise.all([import('../features/lessons/LessonPage.svelte'), addStrings(LESSON_STRINGS)]).then(
      ([module]) => asPage(module),
    ),
  progress: () =>
    Promise.all([
      import('../features/progress/ProgressPage.svelte'),
      addStrings(PROGRESS_STRINGS),
    ]).then(([module]) => asPage(module)),
  flows,
  flow: flows,
  market,
  marketGuide: () =>
    Promise.all([import('../features/market/GuidePage.svelte'), addStrings(MARKET_STRINGS)]).then(
      ([module]) => asPage(module),
    ),
  quiz: withQuizStrings(() => import('../features/quiz/QuizPage.svelte')),
  practice: withQuizStrings(() => import('../features/quiz/PracticePage.svelte')),
  class: withQuizStrings(() => import('../features/quiz/ClassPage.svelte')),
  authoring: withAuthoringStrings(() => import('../features/authoring/AuthoringPage.svelte')),
  editor: withAuthoringStrings(() => import('../features/authoring/EditorPage.svelte')),
  open: withAuthoringStrings(() => import('../features/authoring/OpenPage.svelte')),
  classroom: () =>
    Promise.all([
      import('../features/classroom/ClassroomPage.svelte'),
      addStrings(CLASSROOM_STRINGS),
    ]).then(([module]) => asPage(module)),
  notFound: () => import('./NotFound.svelte').then(asPage),
};

const cache = new Map<() => Promise<Page>, Promise<Page>>();

/** The route's page component (null for the home page, which is part of the shell). */
export function loadPage(route: Route): Promise<Page> | null {
  const loader = loaders[route.name];
  if (!loader) return null;
  let promise = cache.get(loader);
  if (!promise) {
    promise = loader();
    promise.catch(() => cache.delete(loader));
    cache.set(loader, promise);
  }
  return promise;
}

/**
 * Start fetching what the route will need: its page, and what the page will show (a lesson's
 * text, see also `prepare` above). Resolves when all of it has loaded, or failed (the page shows
 * the failure when it is drawn).
 */
export function warm(route: Route): Promise<unknown> {
  return Promise.allSettled([
    loadPage(route)?.then((page) => prepareOf.get(page)?.(route)),
    route.name === 'lesson' && loadLesson(route.id),
  ]);
}

let banner: Promise<Component> | null = null;

/** The banner that says progress cannot be saved normally, loaded only when that happens. */
export function loadStorageBanner(): Promise<Component> {
  banner ??= Promise.all([
    import('../features/progress/StorageBanner.svelte'),
    addStrings(PROGRESS_STRINGS),
  ]).then(([module]) => asPage(module) as unknown as Component);
  return banner;
}
