/**
 * Scoring of answers: tallies per set and per chapter point. The results file a student exports
 * (its format, reading it, its CSV) is in src/content/results.ts; the class summary a teacher
 * builds from many files is in src/features/quiz/class-summary.ts.
 */

export interface Title {
  zh: string;
  en: string;
}

export interface AnswerLike {
  correct: boolean;
  first: boolean;
  tries: number;
}

export interface Tally {
  /** Right at the latest try. */
  right: number;
  /** Right at the first try. */
  first: number;
  answered: number;
  total: number;
}

export function tally(answers: readonly AnswerLike[], total = answers.length): Tally {
  return {
    right: answers.filter((a) => a.correct).length,
    first: answers.filter((a) => a.first).length,
    answered: answers.length,
    total,
  };
}

/** Per chapter point: how the answered questions tagged with it went. */
export function byPoint(
  sets: readonly { questions: readonly (AnswerLike & { points: readonly string[] })[] }[],
): Map<string, Tally> {
  const out = new Map<string, Tally>();
  for (const set of sets)
    for (const q of set.questions)
      for (const p of q.points) {
        const t = out.get(p) ?? { right: 0, first: 0, answered: 0, total: 0 };
        t.answered++;
        t.total++;
        if (q.correct) t.right++;
        if (q.first) t.first++;
        out.set(p, t);
      }
  return out;
}
