/** The student's results file, built from saved progress and the catalog of sets and cases. */
import { buildResults, type ResultsFile } from '../../engine/quiz/results.ts';
import type { Progress } from '../../state/progress/record.ts';
import { CASES, SETS } from './catalog.ts';

export function myResults(record: Progress, now: string): ResultsFile {
  return buildResults({
    student: record.learner?.name ?? '',
    now,
    sets: SETS,
    answers: record.quizzes,
    cases: CASES,
    caseResults: record.cases,
  });
}

/** A file name safe on every system, with the student's name when it has one. */
export function resultsFileName(student: string, stamp: string, ext: 'json' | 'csv'): string {
  const name = student.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 40);
  return `results-${name ? `${name}-` : ''}${stamp}.${ext}`;
}
