/** The student's results file, built from saved progress and the catalog of sets and cases. */
import { buildResults, type ResultsFile } from '../../content/results.ts';
import type { Progress } from '../../state/progress/record.ts';
import { scenarios } from '../../state/scenarios.svelte.ts';
import { CASES, SETS } from './catalog.ts';

/** The built-in sets and cases, then those the student opened from files. */
export function myResults(record: Progress, now: string): ResultsFile {
  const kept = scenarios.items;
  return buildResults({
    student: record.learner?.name ?? '',
    now,
    sets: [
      ...SETS,
      ...kept.flatMap((s) =>
        s.kind === 'quiz' && s.questions
          ? [{ id: s.id, title: s.title, questions: s.questions }]
          : [],
      ),
    ],
    answers: record.quizzes,
    cases: [...CASES, ...kept.filter((s) => s.kind === 'case')],
    caseResults: record.cases,
  });
}

/** A file name safe on every system, with the student's name when it has one. */
export function resultsFileName(student: string, stamp: string, ext: 'json' | 'csv'): string {
  const name = student.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 40);
  return `results-${name ? `${name}-` : ''}${stamp}.${ext}`;
}
