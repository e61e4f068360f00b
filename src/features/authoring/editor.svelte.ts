/**
 * The editor's state: the YAML text (kept as a draft in the browser so nothing typed is lost),
 * the result of checking it (after a short pause in typing), and where each problem is.
 */
import type { ContentIssue } from '../../content/validate.ts';
import { safeStorage, type SafeStorage } from '../../state/storage.ts';
import { checkScenario, type Scenario } from './check.ts';

export const DRAFT_KEY = 'ecsim.authoring.draft';
export const EDITOR_FILE = 'scenario.yaml';

const templates = import.meta.glob<string>('/scenarios/templates/*.yaml', {
  query: '?raw',
  import: 'default',
});

export const TEMPLATE_KINDS = ['quiz', 'case', 'flow', 'market'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export async function loadTemplate(kind: TemplateKind): Promise<string> {
  const load = templates[`/scenarios/templates/${kind}.yaml`];
  return load ? load() : '';
}

export class Editor {
  text = $state('');
  scenario = $state<Scenario | null>(null);
  issues = $state<ContentIssue[]>([]);
  warnings = $state<ContentIssue[]>([]);
  /** False until the first text has been checked. */
  checked = $state(false);
  /** Lines (1-based) with a problem, for the gutter. */
  readonly badLines: readonly number[] = $derived(this.issues.map((i) => i.line));
  readonly lineCount = $derived(this.text.split('\n').length);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly storage: SafeStorage;

  constructor(storage: SafeStorage = safeStorage()) {
    this.storage = storage;
  }

  /** The draft kept from last time, if any. */
  draft(): string | null {
    const got = this.storage.get(DRAFT_KEY);
    return got.ok ? got.value : null;
  }

  /** Replace the text (a template, a kept scenario, an import) and check it at once. */
  load(text: string): void {
    this.text = text;
    this.check();
  }

  /** After typing: keep the draft, check after a short pause. */
  edited(text: string, delay = 250): void {
    this.text = text;
    this.storage.set(DRAFT_KEY, text);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.check(), delay);
  }

  check(): void {
    clearTimeout(this.timer);
    const { scenario, issues, warnings } = checkScenario(EDITOR_FILE, this.text);
    this.scenario = scenario;
    this.issues = issues;
    this.warnings = warnings;
    this.checked = true;
  }

  /** Character offset of a line and column (1-based), to put the caret on a problem. */
  offsetOf(line: number, col: number): number {
    const lines = this.text.split('\n');
    let offset = 0;
    for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i]!.length + 1;
    return offset + Math.max(0, col - 1);
  }

  /** A file name for downloading: the scenario's id when it has one. */
  fileName(): string {
    const id = /^id:\s*([a-z0-9-]+)/m.exec(this.text)?.[1];
    return `${id ?? 'scenario'}.yaml`;
  }
}
