/**
 * Opening a scenario from a file, a URL, a share link or the editor: check it with the same rules
 * as the build, and keep a valid one in the browser. An invalid one changes nothing.
 */
import type { ContentIssue } from '../../content/validate.ts';
import { MAX_FILE_BYTES } from '../../content/yaml.ts';
import {
  keepScenario,
  type KeepResult,
  type ScenarioKind,
  type ScenarioSource,
} from '../../state/scenarios.svelte.ts';
import { checkScenario, type Scenario } from './check.ts';
import { decodeScenario } from './share.ts';

export type Opened =
  | { ok: true; scenario: Scenario; kept: KeepResult; href: string; warnings: ContentIssue[] }
  | { ok: false; issues: ContentIssue[] }
  | { ok: false; problem: 'fetch' | 'badUrl' | 'badLink' | 'tooLarge'; detail?: string };

/** Where a kept scenario opens in the app. */
export function scenarioHref(kind: ScenarioKind, id: string): string {
  if (kind === 'flow') return `#/flows/${id}`;
  if (kind === 'market') return `#/market/${id}`;
  return `#/quiz/${id}`;
}

/** Check a file's text and, if it is valid, keep it. */
export function openText(name: string, text: string, source: ScenarioSource): Opened {
  const { scenario, issues, warnings } = checkScenario(name, text);
  if (!scenario) return { ok: false, issues };
  const kept = keepScenario({
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
  });
  return {
    ok: true,
    scenario,
    kept,
    href: scenarioHref(scenario.kind, scenario.data.id),
    warnings,
  };
}

export async function openFile(file: File): Promise<Opened> {
  if (file.size > MAX_FILE_BYTES) return { ok: false, problem: 'tooLarge' };
  return openText(file.name, await file.text(), 'file');
}

/** Fetch a scenario the user asked for by its address (http or https only; no cookies sent). */
export async function openUrl(address: string, fetcher: typeof fetch = fetch): Promise<Opened> {
  let url: URL;
  try {
    url = new URL(address, globalThis.location?.href);
  } catch {
    return { ok: false, problem: 'badUrl' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, problem: 'badUrl' };
  let text: string;
  try {
    const response = await fetcher(url.href, { credentials: 'omit', redirect: 'follow' });
    if (!response.ok) return { ok: false, problem: 'fetch', detail: String(response.status) };
    const length = Number(response.headers.get('content-length') ?? 0);
    if (length > MAX_FILE_BYTES) return { ok: false, problem: 'tooLarge' };
    text = await response.text();
  } catch (e) {
    return { ok: false, problem: 'fetch', detail: e instanceof Error ? e.message : '' };
  }
  if (text.length > MAX_FILE_BYTES) return { ok: false, problem: 'tooLarge' };
  return openText(url.href, text, 'url');
}

export async function openLink(param: string): Promise<Opened> {
  const text = await decodeScenario(param, MAX_FILE_BYTES);
  if (text === null) return { ok: false, problem: 'badLink' };
  return openText('link.yaml', text, 'link');
}
