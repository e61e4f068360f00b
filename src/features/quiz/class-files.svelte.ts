/**
 * The teacher's class summary: result files read in this page only (nothing is uploaded or
 * saved), files that are not results reported and skipped, the summary derived from the rest.
 */
import type { ResultsFile } from '../../content/results.ts';
import type { ClassroomSession } from '../../content/classroom-session.ts';
import { classSummary } from './class-summary.ts';

export interface Skipped {
  name: string;
  reason: 'json' | 'csv' | 'notResults' | 'newer' | 'invalid' | 'duplicate' | 'tooLarge';
  detail?: string;
}

const MAX_BYTES = 2_000_000;

/** A spreadsheet file (such as the results CSV) rather than the JSON export. */
function looksLikeCsv(name: string, text: string): boolean {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return /\.(csv|tsv)$/i.test(name) || (!first.trimStart().startsWith('{') && /[,;\t]/.test(first));
}

/** The parsed JSON if the text is a classroom session's export, else null. */
function sessionOf(text: string, isSession: (value: unknown) => boolean): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return isSession(value) ? value : null;
  } catch {
    return null;
  }
}

export class ClassFiles {
  files = $state<{ name: string; results: ResultsFile }[]>([]);
  /** Classroom market sessions exported from the teacher's console. */
  sessions = $state<{ name: string; session: ClassroomSession }[]>([]);
  skipped = $state<Skipped[]>([]);
  readonly summary = $derived(classSummary(this.files));

  /** Read files; returns how many were added. */
  async add(list: Iterable<File>): Promise<number> {
    // The files' schema (with zod) loads when the first files are read, not with the page.
    const [{ parseResults }, { isSessionFile, parseSession }] = await Promise.all([
      import('../../content/results-schema.ts'),
      import('../../content/classroom-session.ts'),
    ]);
    let added = 0;
    for (const file of list) {
      if (file.size > MAX_BYTES) {
        this.skipped.push({ name: file.name, reason: 'tooLarge' });
        continue;
      }
      const text = await file.text();
      const session = sessionOf(text, isSessionFile);
      if (session) {
        const read = parseSession(session);
        if (!read.ok)
          this.skipped.push({ name: file.name, reason: read.reason, detail: read.detail });
        else if (
          this.sessions.some(
            (s) =>
              s.session.joinCode === read.session.joinCode &&
              s.session.exportedAt === read.session.exportedAt,
          )
        )
          this.skipped.push({ name: file.name, reason: 'duplicate' });
        else {
          this.sessions.push({ name: file.name, session: read.session });
          added++;
        }
        continue;
      }
      const parsed = parseResults(text);
      if (!parsed.ok) {
        const reason =
          parsed.reason === 'json' && looksLikeCsv(file.name, text) ? 'csv' : parsed.reason;
        this.skipped.push({ name: file.name, reason, detail: parsed.detail });
        continue;
      }
      const r = parsed.file;
      const same = this.files.some(
        (f) => f.results.student === r.student && f.results.exportedAt === r.exportedAt,
      );
      if (same) {
        this.skipped.push({ name: file.name, reason: 'duplicate' });
        continue;
      }
      this.files.push({ name: file.name, results: r });
      added++;
    }
    return added;
  }

  clear(): void {
    this.files = [];
    this.sessions = [];
    this.skipped = [];
  }
}
