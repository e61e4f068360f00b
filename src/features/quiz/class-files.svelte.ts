/**
 * The teacher's class summary: result files read in this page only (nothing is uploaded or
 * saved), files that are not results reported and skipped, the summary derived from the rest.
 */
import type { ResultsFile } from '../../content/results.ts';
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

export class ClassFiles {
  files = $state<{ name: string; results: ResultsFile }[]>([]);
  skipped = $state<Skipped[]>([]);
  readonly summary = $derived(classSummary(this.files));

  /** Read files; returns how many were added. */
  async add(list: Iterable<File>): Promise<number> {
    // The files' schema (with zod) loads when the first files are read, not with the page.
    const { parseResults } = await import('../../content/results-schema.ts');
    let added = 0;
    for (const file of list) {
      if (file.size > MAX_BYTES) {
        this.skipped.push({ name: file.name, reason: 'tooLarge' });
        continue;
      }
      const text = await file.text();
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
    this.skipped = [];
  }
}
