/**
 * How the progress store (../progress.svelte.ts) loads and saves: loaded after the first page,
 * with the store of ../store.ts. The record's checks and merges (./record.ts, with their zod
 * schemas) load when there is a record to read: a first visit, with nothing stored, loads no zod.
 *
 * Each save is one transaction that re-reads what is stored (another tab may have written),
 * applies the same pure change to it and writes it. Data it cannot read is never overwritten:
 * corrupt text is copied aside in that same transaction, and so are single entries that fail their
 * check; a record from a newer app makes the tab read-only for storage. A change that could not be
 * saved (storage off or full) is saved with the next change that can be.
 */
import {
  ASIDE_PREFIXES,
  PROGRESS_KEY,
  appStore,
  onOtherTabs,
  type Store,
  type Write,
} from '../store.ts';
import type { ReadResult } from './record.ts';
import { emptyRecord, type Progress } from './shape.ts';

type Records = typeof import('./record.ts');
let records: Records | null = null;
let loadingRecords: Promise<Records> | null = null;

/** The record's checks and merges, loaded once, when there is a record to read. */
function loadRecords(): Promise<Records> {
  loadingRecords ??= import('./record.ts').then(
    (m) => (records = m),
    (e: unknown) => {
      loadingRecords = null;
      throw e;
    },
  );
  return loadingRecords;
}

/** Stored text, read; null when there is text and the checks have yet to load. */
function readLoaded(raw: string | null): ReadResult | null {
  if (raw === null || raw === '') return { status: 'empty' };
  return records ? records.readRecord(raw) : null;
}

/** Stored text, read (the checks loaded first if it needs them). */
async function readText(raw: string | null): Promise<ReadResult> {
  return readLoaded(raw) ?? (await loadRecords()).readRecord(raw);
}

/**
 * One read-decide-write transaction on the stored record (see ../store.ts). A decision needs the
 * stored text read; when it is there and the checks have yet to load, nothing is written, they
 * load, and the transaction runs again.
 */
async function updateRecord<T>(
  store: Store,
  decide: (read: ReadResult) => { writes: Write[]; result: T },
): Promise<{ ok: true; result: T } | { ok: false }> {
  for (;;) {
    let unread = false;
    const done = await store.update<T | null>(PROGRESS_KEY, (raw) => {
      const read = readLoaded(raw);
      if (read) return decide(read);
      unread = true;
      return { writes: [], result: null };
    });
    if (!unread) return done as { ok: true; result: T } | { ok: false };
    await loadRecords();
  }
}

export type StorageProblem =
  | { kind: 'unavailable' }
  | { kind: 'corrupt'; raw: string; keptAt: string | null }
  | { kind: 'newer'; raw: string; version: number };

export type Change = (record: Progress) => Progress;

/** The progress store's state, which this module changes. */
export interface ProgressState {
  record: Progress;
  problem: StorageProblem | null;
  /** False when writing could overwrite something (newer or unkept corrupt data). */
  writable: boolean;
  /** Changes made in this visit that are not stored (storage off, full, or not writable). */
  unsaved: number;
}

/**
 * The largest progress file that is imported (a real one is a few kilobytes): a file of more
 * bytes is refused before it is read, a text of more characters before it is parsed.
 */
export const MAX_IMPORT_CHARS = 2_000_000;

export type ImportResult =
  | { ok: true; added: number; skipped: number }
  | { ok: false; reason: 'json' | 'notProgress' | 'newer' | 'tooLarge'; version?: number };

const now = () => new Date().toISOString();
const apply = (record: Progress, changes: readonly Change[]) =>
  changes.reduce((r, change) => change(r), record);

export class Saver {
  /** Damaged text already copied aside in this visit (not copied again at every change). */
  private keptRaw: string | null = null;
  /** Changes whose save failed: saved with the next change that succeeds. */
  private failed: Change[] = [];
  private readonly stopWatching: () => void;

  /**
   * @param waiting changes applied in memory but not yet saved, oldest first (the store adds to
   *   it; each save takes its change off)
   */
  constructor(
    private readonly state: ProgressState,
    private readonly waiting: Change[],
    private readonly store: Store,
  ) {
    this.stopWatching = onOtherTabs((keys) => {
      if (keys.includes(PROGRESS_KEY)) void this.reread();
    });
  }

  stop(): void {
    this.stopWatching();
  }

  async load(): Promise<void> {
    const { state, store } = this;
    const stamp = now();
    type Loaded = { record: Progress; problem: StorageProblem | null; writable: boolean };
    const done = await updateRecord<Loaded>(store, (read) => {
      switch (read.status) {
        case 'empty':
          return {
            writes: [],
            result: { record: emptyRecord(stamp), problem: null, writable: true },
          };
        case 'ok': {
          const writes: Write[] = [];
          if (read.setAside) {
            writes.push({ key: `${ASIDE_PREFIXES.entries}${stamp}`, value: read.setAside });
          }
          if (read.migrated || read.clamped || read.setAside) {
            writes.push({ key: PROGRESS_KEY, value: JSON.stringify(read.record) });
          }
          return { writes, result: { record: read.record, problem: null, writable: true } };
        }
        case 'newer':
          return {
            writes: [],
            result: {
              record: emptyRecord(stamp),
              problem: { kind: 'newer', raw: read.raw, version: read.version },
              writable: false,
            },
          };
        case 'corrupt': {
          const keptAt = `${ASIDE_PREFIXES.progress}${stamp}`;
          this.keptRaw = read.raw;
          return {
            writes: [{ key: keptAt, value: read.raw }],
            result: {
              record: emptyRecord(stamp),
              problem: { kind: 'corrupt', raw: read.raw, keptAt },
              writable: true,
            },
          };
        }
      }
    });
    let loaded: Loaded;
    if (done.ok) loaded = done.result;
    else {
      // Reading or writing failed: read what is there if we can, and do not write.
      this.keptRaw = null;
      const got = await store.get(PROGRESS_KEY);
      const read = got.ok ? await readText(got.value) : null;
      const problem: StorageProblem =
        read?.status === 'corrupt'
          ? { kind: 'corrupt', raw: read.raw, keptAt: null }
          : read?.status === 'newer'
            ? { kind: 'newer', raw: read.raw, version: read.version }
            : { kind: 'unavailable' };
      const record = read?.status === 'ok' ? read.record : emptyRecord(stamp);
      loaded = { record, problem, writable: false };
    }
    // Changes made while loading stay on top of what was loaded (and are saved after this).
    state.record = apply(loaded.record, this.waiting);
    state.problem = loaded.problem;
    state.writable = loaded.writable;
  }

  /** Another tab saved: show what is stored, with this tab's unsaved changes on top. */
  private async reread(): Promise<void> {
    if (!this.state.writable) return;
    const got = await this.store.get(PROGRESS_KEY);
    if (!got.ok) return;
    const read = await readText(got.value);
    if (read.status === 'ok') {
      this.state.record = apply(read.record, [...this.failed, ...this.waiting]);
    }
  }

  /** Save `change` (already applied in memory to `before`). */
  async persist(change: Change, before: Progress): Promise<void> {
    const { state, store } = this;
    if (!state.writable) {
      this.waiting.shift();
      state.unsaved += 1;
      return;
    }
    const stamp = now();
    const changes = [...this.failed, change];
    type Saved =
      | { kind: 'saved'; record: Progress; problem: StorageProblem | null }
      | { kind: 'newer'; raw: string; version: number };
    const done = await updateRecord<Saved>(store, (read) => {
      if (read.status === 'newer') {
        return { writes: [], result: { kind: 'newer', raw: read.raw, version: read.version } };
      }
      const writes: Write[] = [];
      let base = before;
      let problem: StorageProblem | null = null;
      if (read.status === 'ok') {
        base = read.record;
        if (read.setAside) {
          writes.push({ key: `${ASIDE_PREFIXES.entries}${stamp}`, value: read.setAside });
        }
      } else if (read.status === 'corrupt' && read.raw !== this.keptRaw) {
        // Damaged while this page was open: keep the damaged text before writing over it.
        const keptAt = `${ASIDE_PREFIXES.progress}${stamp}`;
        writes.push({ key: keptAt, value: read.raw });
        problem = { kind: 'corrupt', raw: read.raw, keptAt };
      }
      const record = apply(base, changes);
      writes.push({ key: PROGRESS_KEY, value: JSON.stringify(record) });
      return { writes, result: { kind: 'saved', record, problem } };
    });
    this.waiting.shift();
    if (!done.ok) {
      this.failed = changes;
      state.unsaved = changes.length;
      state.problem = { kind: 'unavailable' };
      return;
    }
    const result = done.result;
    if (result.kind === 'newer') {
      state.writable = false;
      state.problem = { kind: 'newer', raw: result.raw, version: result.version };
      this.failed = changes;
      state.unsaved = changes.length;
      return;
    }
    this.failed = [];
    state.unsaved = 0;
    if (result.problem) state.problem = result.problem;
    else if (state.problem?.kind === 'unavailable') state.problem = null;
    state.record = apply(result.record, this.waiting);
  }
}

/** Open the store (the app's, unless one is given) and load the record into `state`. */
export async function startSaver(
  state: ProgressState,
  waiting: Change[],
  given?: Store,
): Promise<Saver> {
  const saver = new Saver(state, waiting, given ?? (await appStore()));
  await saver.load();
  return saver;
}

type ReadImport =
  { ok: true; change: Change; skipped: number } | Extract<ImportResult, { ok: false }>;

/**
 * Check an exported progress file (its text, or the file itself): the change that merges it into a
 * record, or why it cannot be. Entries of the file that fail their check are left out and counted.
 */
export async function readImport(file: string | Blob): Promise<ReadImport> {
  // A UTF-8 file has at least as many bytes as its text has characters: a file over the limit is
  // not read at all.
  if (typeof file !== 'string' && file.size > MAX_IMPORT_CHARS)
    return { ok: false, reason: 'tooLarge' };
  const text = typeof file === 'string' ? file : await file.text();
  if (text.length > MAX_IMPORT_CHARS) return { ok: false, reason: 'tooLarge' };
  try {
    JSON.parse(text);
  } catch {
    return { ok: false, reason: 'json' };
  }
  const { readRecord, mergeRecords } = await loadRecords();
  const result = readRecord(text);
  if (result.status === 'newer') return { ok: false, reason: 'newer', version: result.version };
  if (result.status !== 'ok') return { ok: false, reason: 'notProgress' };
  const skipped = result.setAside ? countEntries(result.setAside) : 0;
  return { ok: true, change: (r) => mergeRecords(r, result.record, now()), skipped };
}

function countEntries(setAside: string): number {
  const value = JSON.parse(setAside) as Record<string, unknown>;
  return Object.values(value).reduce<number>(
    (n, section) =>
      n + (section !== null && typeof section === 'object' ? Object.keys(section).length : 0),
    0,
  );
}

/** How many entries `after` has that `before` lacked. */
export function countAdded(before: Progress, after: Progress): number {
  const lessons = Object.keys(after.lessons).filter((id) => !(id in before.lessons)).length;
  const flows = Object.keys(after.flows).filter((id) => !(id in before.flows)).length;
  const answers = Object.entries(after.quizzes).reduce(
    (n, [id, q]) =>
      n + Object.keys(q.answers).filter((k) => !(k in (before.quizzes[id]?.answers ?? {}))).length,
    0,
  );
  const cases = Object.keys(after.cases).filter((id) => !(id in before.cases)).length;
  return lessons + flows + answers + cases;
}
