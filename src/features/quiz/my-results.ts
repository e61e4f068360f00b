/** The student's results file, built from saved progress and the catalog of sets and cases. */
import { buildResults, type ResultsFile } from '../../content/results.ts';
import type { Progress } from '../../state/progress/record.ts';
import type { Title } from '../../engine/quiz/results.ts';
import { practiceScenarios } from '../../content/scenarios/practice.ts';
import { CASES, SETS } from '../../content/catalog/practice.ts';

/** Question texts by set id, then question id. */
export type Prompts = ReadonlyMap<string, ReadonlyMap<string, Title>>;

/**
 * The texts of these sets' questions, as plain text (a spreadsheet cell, a line of the class
 * summary: no Markdown marks, no link addresses), loaded on demand (the lists of sets carry ids
 * only, to keep the first page small). A set that cannot be loaded is left out.
 */
export async function loadPrompts(ids: Iterable<string>): Promise<Prompts> {
  const out = new Map<string, Map<string, Title>>();
  const { plainTitle } = await import('../../content/plain-text.ts');
  for (const id of ids) {
    const { data: content } = await practiceScenarios.serve(id);
    if (content?.kind === 'quiz')
      out.set(id, new Map(content.questions.map((q) => [q.id, plainTitle(q.prompt)])));
  }
  return out;
}

/** The built-in sets and cases, then those the student opened from files. */
export function myResults(record: Progress, now: string, prompts?: Prompts): ResultsFile {
  const kept = practiceScenarios.kept();
  const withPrompts = (s: { id: string; questions: readonly { id: string; points: string[] }[] }) =>
    s.questions.map((q) => {
      const prompt = prompts?.get(s.id)?.get(q.id);
      return prompt ? { ...q, prompt } : q;
    });
  return buildResults({
    student: record.learner?.name ?? '',
    now,
    sets: [
      ...SETS.map((s) => ({ ...s, questions: withPrompts(s) })),
      ...kept.flatMap((s) =>
        s.kind === 'quiz' && s.questions
          ? [
              {
                id: s.id,
                title: s.title,
                questions: withPrompts({ id: s.id, questions: s.questions }),
              },
            ]
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
