/**
 * The one place that serves scenarios to the pages. By family and id, a scenario is either
 * built in (checked when the app was built, ../catalog/*) or kept by this browser (a teacher's
 * file, state/scenarios.svelte.ts), which is checked here with today's rules, so a file kept by
 * an older version of the app cannot bring in what the current checks refuse. Pages get
 * `{ data, issues }` and never ask which of the two it was.
 *
 * Each family's server (./flows.ts, ./market.ts, ./practice.ts) is this one, given its catalog:
 * a page loads its own family's list of built-in scenarios, not every family's.
 *
 * A kept file is parsed once per version: the check of its text is cached, and opening a file
 * (features/authoring/open.ts) checks it through the same cache, so the page it opens on reads
 * the result instead of parsing it again.
 */
import type { BiText, Case, Flow, Market, Quiz } from '../schema.ts';
import type { ContentIssue } from '../validate.ts';
import type { Checked } from '../check.ts';
import type { StoredScenario } from '../kept.ts';
import { scenarios, scenariosReady } from '../../state/scenarios.svelte.ts';

/** Which pages a scenario runs on: flows, the marketplace, or practice (question sets and cases). */
export type Family = 'flow' | 'market' | 'practice';

export interface DataOf {
  flow: Flow;
  market: Market;
  practice: Quiz | Case;
}

export interface Served<F extends Family> {
  /** The scenario; null when there is none of this id, or a kept one fails today's checks. */
  data: DataOf[F] | null;
  /** Why a kept scenario cannot run (empty for a built-in one). */
  issues: ContentIssue[];
}

/** What a page shows of a scenario before its file has loaded. */
export interface ScenarioHead {
  id: string;
  kind: 'flow' | 'market' | 'quiz' | 'case';
  title: BiText;
  summary: BiText | null;
  /** The lesson part it belongs to (`lesson/part`), for a built-in flow. */
  lesson: string | null;
  builtIn: boolean;
}

/** A family's built-in scenarios, from its catalog. */
export interface BuiltIns<F extends Family> {
  head(id: string): Omit<ScenarioHead, 'builtIn'> | undefined;
  load(id: string): Promise<DataOf[F] | null>;
  /** The scenario if it has already loaded, without waiting (a catalog may not keep them). */
  loaded?(id: string): DataOf[F] | undefined;
}

export interface ScenarioServer<F extends Family> {
  /**
   * The scenario of this id as a page heads it, built in or kept; undefined when there is none.
   * Reactive: read in a derived value, it follows the kept list (loaded before the pages that use
   * it are drawn, see app/pages.ts).
   */
  head(id: string): ScenarioHead | undefined;
  /** The scenarios of this family this browser keeps, in the order they were kept. Reactive. */
  kept(): readonly StoredScenario[];
  /**
   * The scenario of this id, built in or kept by this browser, checked: `{ data, issues }`. A kept
   * file whose text is of another family (stored as a case, written as a flow) is none.
   */
  serve(id: string): Promise<Served<F>>;
  /**
   * The same as `serve`, at once, for a built-in scenario that has already loaded (a page drawn
   * with its scenario, not a moment after it); undefined otherwise.
   */
  ready(id: string): Served<F> | undefined;
}

/** Checks already made, by file name and text (a file's version), oldest first. */
const checks = new Map<string, Promise<Checked>>();
/** Enough for the files a class uses in one visit; each holds the data, not the parsed YAML. */
const KEEP_CHECKS = 16;

/**
 * Check a scenario file (the same checks as the build, see ../check.ts, loaded only when needed),
 * once per name and text in a visit.
 */
export function checkOnce(name: string, text: string): Promise<Checked> {
  const key = `${name}\n${text}`;
  const known = checks.get(key);
  if (known) return known;
  const checked = import('../check.ts').then((m) => m.checkScenario(name, text));
  if (checks.size >= KEEP_CHECKS) checks.delete(checks.keys().next().value!);
  checks.set(key, checked);
  // A check that could not load is not kept: the next visit to the page tries again.
  checked.catch(() => checks.delete(key));
  return checked;
}

const inFamily = (family: Family, kind: StoredScenario['kind']) =>
  family === 'practice' ? kind === 'quiz' || kind === 'case' : kind === family;

/** The server of one family's scenarios, built in (from `builtIns`) or kept. */
export function scenarioServer<F extends Family>(
  family: F,
  builtIns: BuiltIns<F>,
): ScenarioServer<F> {
  const kept = () => scenarios.items.filter((s) => inFamily(family, s.kind));
  return {
    head(id) {
      const builtIn = builtIns.head(id);
      if (builtIn) return { ...builtIn, builtIn: true };
      const entry = kept().find((s) => s.id === id);
      return (
        entry && {
          id,
          kind: entry.kind,
          title: entry.title,
          summary: null,
          lesson: null,
          builtIn: false,
        }
      );
    },
    kept,
    ready(id) {
      const data = builtIns.head(id) ? builtIns.loaded?.(id) : undefined;
      return data ? { data, issues: [] } : undefined;
    },
    async serve(id) {
      if (builtIns.head(id)) return { data: await builtIns.load(id), issues: [] };
      await scenariosReady();
      const entry = kept().find((s) => s.id === id);
      if (!entry) return { data: null, issues: [] };
      const { scenario, issues } = await checkOnce(entry.name, entry.text);
      if (!scenario) return { data: null, issues };
      const fits = inFamily(family, scenario.kind);
      return { data: fits ? (scenario.data as DataOf[F]) : null, issues: [] };
    },
  };
}
