/**
 * Opening a scenario from a file, a URL, a share link or the editor: check it with the same rules
 * as the build, and keep a valid one in the browser. An invalid one changes nothing.
 */
import type { ContentIssue } from '../../content/validate.ts';
import { MAX_FILE_BYTES } from '../../content/limits.ts';
import {
  keepScenario,
  type KeepResult,
  type ScenarioKind,
  type ScenarioSource,
  type StoredScenario,
} from '../../state/scenarios.svelte.ts';
import type { Scenario } from '../../content/check.ts';
import { checkOnce } from '../../content/scenarios/serve.ts';
import { decodeScenario } from './share.ts';

export type Opened =
  | {
      ok: true;
      scenario: Scenario;
      kept: KeepResult;
      href: string;
      warnings: ContentIssue[];
      /** What to keep if the student chooses to replace a kept version (`kept` is a conflict). */
      entry: StoredScenario;
    }
  | { ok: false; issues: ContentIssue[] }
  | {
      ok: false;
      problem: 'fetch' | 'badUrl' | 'badLink' | 'tooLarge' | 'timeout';
      detail?: string;
    };

/** Where a kept scenario opens in the app. */
export function scenarioHref(kind: ScenarioKind, id: string): string {
  if (kind === 'flow') return `#/flows/${id}`;
  if (kind === 'market') return `#/market/${id}`;
  return `#/quiz/${id}`;
}

/**
 * Check a file's text and, if it is valid, keep it. A file from a link or an address never
 * replaces a different kept version of itself without the student's say-so (`conflict`).
 */
export async function openText(
  name: string,
  text: string,
  source: ScenarioSource,
): Promise<Opened> {
  // Through the pages' cache: the page it opens on shows this check, not another parse.
  const { scenario, issues, warnings } = await checkOnce(name, text);
  if (!scenario) return { ok: false, issues };
  const entry: StoredScenario = {
    id: scenario.data.id,
    kind: scenario.kind,
    title: { zh: scenario.data.title.zh, en: scenario.data.title.en },
    name,
    source,
    text,
    addedAt: new Date().toISOString(),
    ...(scenario.kind === 'quiz'
      ? { questions: scenario.data.questions.map((q) => ({ id: q.id, points: [...q.points] })) }
      : {}),
  };
  const kept = await keepScenario(entry, { replace: source === 'file' || source === 'editor' });
  return {
    ok: true,
    scenario,
    kept,
    href: scenarioHref(scenario.kind, scenario.data.id),
    warnings,
    entry,
  };
}

/** The student chose to replace the kept version with the one just opened. */
export function replaceKept(opened: Opened & { ok: true }): Promise<Opened> {
  return keepScenario(opened.entry, { replace: true }).then((kept) => ({ ...opened, kept }));
}

/** How long a scenario's address may take to answer in full. */
export const FETCH_TIMEOUT_MS = 15_000;

/**
 * Read a response's body as text, stopping at `maxBytes` (a server may send without end) and when
 * `signal` aborts. Null when the body is larger than allowed.
 */
export async function readCapped(response: Response, maxBytes: number): Promise<string | null> {
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return null;
  }
  if (!response.body) return (await response.text()).slice(0, maxBytes + 1);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

export async function openFile(file: File): Promise<Opened> {
  if (file.size > MAX_FILE_BYTES) return { ok: false, problem: 'tooLarge' };
  return openText(file.name, await file.text(), 'file');
}

/**
 * Fetch a scenario the user asked for by its address (http or https only; no cookies sent), with
 * a size cap while reading and a time limit on the whole response.
 */
export async function openUrl(
  address: string,
  fetcher: typeof fetch = fetch,
  timeoutMs = FETCH_TIMEOUT_MS,
): Promise<Opened> {
  let url: URL;
  try {
    url = new URL(address, globalThis.location?.href);
  } catch {
    return { ok: false, problem: 'badUrl' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, problem: 'badUrl' };
  let text: string | null;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new Error('timeout')), timeoutMs);
  try {
    const response = await fetcher(url.href, {
      credentials: 'omit',
      redirect: 'follow',
      signal: abort.signal,
    });
    if (!response.ok) return { ok: false, problem: 'fetch', detail: String(response.status) };
    text = await readCapped(response, MAX_FILE_BYTES);
  } catch (e) {
    if (abort.signal.aborted) return { ok: false, problem: 'timeout' };
    return { ok: false, problem: 'fetch', detail: e instanceof Error ? e.message : '' };
  } finally {
    clearTimeout(timer);
  }
  if (text === null || text.length > MAX_FILE_BYTES) return { ok: false, problem: 'tooLarge' };
  return openText(url.href, text, 'url');
}

export async function openLink(param: string): Promise<Opened> {
  const text = await decodeScenario(param, MAX_FILE_BYTES);
  if (text === null) return { ok: false, problem: 'badLink' };
  return openText('link.yaml', text, 'link');
}
