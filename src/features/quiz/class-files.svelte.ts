/**
 * The teacher's class summary: result files read in this page only (nothing is uploaded or
 * saved), files that are not results reported and skipped, the summary derived from the rest.
 */
import { parseResults, type ResultsFile } from '../../content/results.ts';
import { classSummary } from './class-summary.ts';

export interface Skipped {
  name: string;
  reason: 'json' | 'notResults' | 'newer' | 'invalid' | 'duplicate' | 'tooLarge';
  detail?: string;
}

const MAX_BYTES = 2_000_000;

export class ClassFiles {
  files = $state<{ name: string; results: ResultsFile }[]>([]);
  skipped = $state<Skipped[]>([]);
  readonly summary = $derived(classSummary(this.files));

  /** Read files; returns how many were added. */
  async add(list: Iterable<File>): Promise<number> {
    let added = 0;
    for (const file of list) {
      if (file.size > MAX_BYTES) {
        this.skipped.push({ name: file.name, reason: 'tooLarge' });
        continue;
      }
      const parsed = parseResults(await file.text());
      if (!parsed.ok) {
        this.skipped.push({ name: file.name, reason: parsed.reason, detail: parsed.detail });
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
