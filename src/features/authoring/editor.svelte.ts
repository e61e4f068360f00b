/**
 * The editor's state: the YAML text (kept as a draft in the browser so nothing typed is lost,
 * and `draftSaved` false when the browser would not take it), the result of checking it (after a
 * short pause in typing), and where each problem is.
 */
import type { ContentIssue } from '../../content/validate.ts';
import { DRAFT_KEY, appStore, setOne, type Store } from '../../state/store.ts';
import { checkScenario, type Scenario } from '../../content/check.ts';
import { takeHandoff } from './draft.ts';

export { DRAFT_KEY };
export { setDraft } from './draft.ts';
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
  /** The last version of this text that had no problems, kept for the preview while there are. */
  lastValid = $state<Scenario | null>(null);
  /** The preview shows an older version: the text now has problems. */
  readonly stale = $derived(this.scenario === null && this.lastValid !== null);
  /** Lines (1-based) with a problem, for the gutter. */
  readonly badLines: readonly number[] = $derived(this.issues.map((i) => i.line));
  readonly lineCount = $derived(this.text.split('\n').length);
  /** False while the last text typed could not be kept in the browser (storage full or off). */
  draftSaved = $state(true);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly store: Promise<Store>;
  /** The newest text waiting to be kept, and the write under way. */
  private unsavedDraft: string | null = null;
  private writing: Promise<void> | null = null;

  constructor(store: Promise<Store> | Store = appStore()) {
    this.store = Promise.resolve(store);
  }

  /** The draft kept from last time (or handed over by another page), if any. */
  async draft(): Promise<string | null> {
    const handed = takeHandoff();
    if (handed !== null) return handed;
    const got = await (await this.store).get(DRAFT_KEY);
    return got.ok ? got.value : null;
  }

  /** Resolves when the drafts typed so far are written (or failed to be). */
  draftWritten(): Promise<void> {
    return this.writing ?? Promise.resolve();
  }

  /** Keep the newest text; while a write is under way only the newest waiting text follows it. */
  private keepDraft(text: string): void {
    this.unsavedDraft = text;
    this.writing ??= (async () => {
      const store = await this.store;
      while (this.unsavedDraft !== null) {
        const next = this.unsavedDraft;
        this.unsavedDraft = null;
        this.draftSaved = await setOne(store, DRAFT_KEY, next);
      }
      this.writing = null;
    })();
  }

  /** Replace the text (a template, a kept scenario, an import) and check it at once. */
  load(text: string): void {
    this.text = text;
    this.lastValid = null;
    this.check();
  }

  /** After typing: keep the draft, check after a short pause. */
  edited(text: string, delay = 250): void {
    this.text = text;
    this.keepDraft(text);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.check(), delay);
  }

  check(): void {
    clearTimeout(this.timer);
    const { scenario, issues, warnings } = checkScenario(EDITOR_FILE, this.text);
    this.scenario = scenario;
    if (scenario) this.lastValid = scenario;
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
