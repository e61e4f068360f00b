/**
 * Scenario files the student or teacher opened (from a file, a URL, a share link or the editor),
 * kept in the browser for offline use, apart from the built-in ones. The one writer of that list.
 *
 * Each entry keeps the file's text as opened; pages validate it again when they use it, so a file
 * kept by an older version of the app is checked by the current rules. What cannot be read is
 * never dropped: an unreadable list is copied aside before a new one starts, and a list written by
 * a newer version of the app is left untouched (this tab then keeps its scenarios in memory).
 */
import { safeStorage, type SafeStorage } from './storage.ts';

export const SCENARIOS_KEY = 'ecsim.scenarios';
export const SCENARIOS_ASIDE_PREFIX = 'ecsim.scenarios.unreadable.';
const FORMAT = 'ecsim-scenarios';
const VERSION = 1;
/** Together the kept texts must stay well inside the browser's storage (about 5 MB). */
export const MAX_KEPT_CHARS = 2_000_000;

export type ScenarioKind = 'flow' | 'market' | 'quiz' | 'case';
export type ScenarioSource = 'file' | 'url' | 'link' | 'editor';

export interface StoredScenario {
  id: string;
  kind: ScenarioKind;
  title: { zh: string; en: string };
  /** The file name or URL it came from. */
  name: string;
  source: ScenarioSource;
  text: string;
  addedAt: string;
  /** A question set's questions (ids and chapter points), so results can list them unopened. */
  questions?: { id: string; points: string[] }[];
}

const KINDS: readonly string[] = ['flow', 'market', 'quiz', 'case'];
const SOURCES: readonly string[] = ['file', 'url', 'link', 'editor'];
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function checkEntry(v: unknown): StoredScenario | null {
  if (!isObject(v) || typeof v.id !== 'string' || !ID.test(v.id)) return null;
  if (typeof v.kind !== 'string' || !KINDS.includes(v.kind)) return null;
  if (typeof v.source !== 'string' || !SOURCES.includes(v.source)) return null;
  if (typeof v.name !== 'string' || typeof v.text !== 'string' || typeof v.addedAt !== 'string')
    return null;
  const t = v.title;
  if (!isObject(t) || typeof t.zh !== 'string' || typeof t.en !== 'string') return null;
  let questions: StoredScenario['questions'];
  if (v.questions !== undefined) {
    if (!Array.isArray(v.questions)) return null;
    questions = [];
    for (const q of v.questions as unknown[]) {
      if (!isObject(q) || typeof q.id !== 'string' || !ID.test(q.id) || !Array.isArray(q.points))
        return null;
      if (!q.points.every((p): p is string => typeof p === 'string' && ID.test(p))) return null;
      questions.push({ id: q.id, points: [...q.points] });
    }
  }
  return {
    ...(questions ? { questions } : {}),
    id: v.id,
    kind: v.kind as ScenarioKind,
    title: { zh: t.zh, en: t.en },
    name: v.name,
    source: v.source as ScenarioSource,
    text: v.text,
    addedAt: v.addedAt,
  };
}

export type ReadList =
  | { status: 'ok'; items: StoredScenario[] }
  | { status: 'corrupt'; raw: string }
  | { status: 'newer'; raw: string };

/** Read the saved list; never throws, never half-reads. */
export function readList(raw: string | null): ReadList {
  if (raw === null || raw === '') return { status: 'ok', items: [] };
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return { status: 'corrupt', raw };
  }
  if (!isObject(v) || v.format !== FORMAT || typeof v.version !== 'number')
    return { status: 'corrupt', raw };
  if (v.version > VERSION) return { status: 'newer', raw };
  if (!Array.isArray(v.items)) return { status: 'corrupt', raw };
  const items = v.items.map(checkEntry);
  if (items.some((i) => i === null)) return { status: 'corrupt', raw };
  return { status: 'ok', items: items as StoredScenario[] };
}

interface State {
  items: StoredScenario[];
  /** False when this tab must not write (newer data, or storage unusable). */
  writable: boolean;
  problem: 'unavailable' | 'corrupt' | 'newer' | null;
}

const state = $state<State>({ items: [], writable: true, problem: null });
let storage: SafeStorage = safeStorage();
const store = () => storage;
const now = () => new Date().toISOString();

/** Load the list (when this module is first imported, and by tests with a stub storage). */
export function load(s: SafeStorage): void {
  storage = s;
  state.problem = null;
  state.writable = true;
  const got = s.get(SCENARIOS_KEY);
  if (!got.ok) {
    state.items = [];
    state.writable = false;
    state.problem = 'unavailable';
    return;
  }
  const read = readList(got.value);
  if (read.status === 'ok') state.items = read.items;
  else if (read.status === 'newer') {
    state.items = [];
    state.writable = false;
    state.problem = 'newer';
  } else {
    state.items = [];
    state.problem = 'corrupt';
    state.writable = s.set(`${SCENARIOS_ASIDE_PREFIX}${now()}`, read.raw);
  }
}

load(storage);

export const scenarios = {
  get items(): readonly StoredScenario[] {
    return state.items;
  },
  get problem(): State['problem'] {
    return state.problem;
  },
  byId(kind: 'practice' | 'flow' | 'market', id: string): StoredScenario | undefined {
    return state.items.find(
      (s) =>
        s.id === id &&
        (kind === 'practice' ? s.kind === 'quiz' || s.kind === 'case' : s.kind === kind),
    );
  },
};

export type KeepResult = { ok: true; replaced: boolean } | { ok: false; reason: 'full' | 'memory' };

/**
 * Keep a scenario (a valid one: callers validate first). One with the same kind family and id is
 * replaced. When storage cannot take it, it is kept in memory for this visit and the caller says so.
 */
export function keepScenario(entry: StoredScenario): KeepResult {
  const s = store();
  const family = (k: ScenarioKind) => (k === 'case' ? 'quiz' : k);
  const others = state.items.filter(
    (i) => !(i.id === entry.id && family(i.kind) === family(entry.kind)),
  );
  const replaced = others.length !== state.items.length;
  const next = [...others, entry];
  const size = next.reduce((n, i) => n + i.text.length, 0);
  if (size > MAX_KEPT_CHARS) return { ok: false, reason: 'full' };
  state.items = next;
  if (!save(s)) return { ok: false, reason: 'memory' };
  return { ok: true, replaced };
}

export function removeScenario(kind: ScenarioKind, id: string): void {
  const s = store();
  state.items = state.items.filter((i) => !(i.id === id && i.kind === kind));
  save(s);
}

function save(s: SafeStorage): boolean {
  if (!state.writable) return false;
  const ok = s.set(
    SCENARIOS_KEY,
    JSON.stringify({ format: FORMAT, version: VERSION, items: state.items }),
  );
  if (!ok) {
    state.writable = false;
    state.problem = 'unavailable';
  }
  return ok;
}
