/**
 * The class summary a teacher builds from students' results files (#/class): a row per student,
 * the most-missed questions and chapter points, and the table as CSV.
 */
import { tally, type AnswerLike, type Tally, type Title } from '../../engine/quiz/results.ts';
import type { ResultsFile } from '../../content/results.ts';
import { toCsv, type CsvCell } from '../../content/csv.ts';

export interface StudentRow {
  student: string;
  file: string;
  exportedAt: string;
  sets: Map<string, Tally>;
  cases: Map<string, { best: number; max: number }>;
  overall: Tally;
}

export interface QuestionStat {
  set: string;
  id: string;
  points: string[];
  /** The question's text, from the first file that carries it. */
  text?: Title;
  answered: number;
  /** Students right at the first try. */
  first: number;
  /** Share of those who answered who missed it at the first try. */
  missRate: number;
}

export interface PointStat {
  id: string;
  answered: number;
  first: number;
  missRate: number;
}

export interface ClassSummary {
  students: StudentRow[];
  /** Every set and case seen, with the title and size given by the files. */
  sets: Map<string, { title: Title; total: number }>;
  cases: Map<string, { title: Title; max: number }>;
  /** Most missed first. */
  questions: QuestionStat[];
  points: PointStat[];
}

export function classSummary(
  files: readonly { name: string; results: ResultsFile }[],
): ClassSummary {
  const sets = new Map<string, { title: Title; total: number }>();
  const cases = new Map<string, { title: Title; max: number }>();
  const qstats = new Map<string, QuestionStat>();
  const students: StudentRow[] = [];
  for (const { name, results } of files) {
    const row: StudentRow = {
      student: results.student,
      file: name,
      exportedAt: results.exportedAt,
      sets: new Map(),
      cases: new Map(),
      overall: tally([]),
    };
    const all: AnswerLike[] = [];
    let total = 0;
    for (const s of results.sets) {
      if (!sets.has(s.id)) sets.set(s.id, { title: s.title, total: s.total });
      row.sets.set(s.id, tally(s.questions, s.total));
      all.push(...s.questions);
      total += s.total;
      for (const q of s.questions) {
        const key = `${s.id}/${q.id}`;
        const st = qstats.get(key) ?? {
          set: s.id,
          id: q.id,
          points: q.points,
          answered: 0,
          first: 0,
          missRate: 0,
        };
        if (!st.text && q.text) st.text = q.text;
        st.answered++;
        if (q.first) st.first++;
        qstats.set(key, st);
      }
    }
    for (const c of results.cases) {
      if (!cases.has(c.id)) cases.set(c.id, { title: c.title, max: c.max });
      row.cases.set(c.id, { best: c.best, max: c.max });
    }
    row.overall = tally(all, total);
    students.push(row);
  }
  const questions = [...qstats.values()].map((q) => ({ ...q, missRate: 1 - q.first / q.answered }));
  questions.sort(
    (a, b) => b.missRate - a.missRate || b.answered - a.answered || a.id.localeCompare(b.id),
  );
  const pts = new Map<string, PointStat>();
  for (const q of questions)
    for (const p of q.points) {
      const s = pts.get(p) ?? { id: p, answered: 0, first: 0, missRate: 0 };
      s.answered += q.answered;
      s.first += q.first;
      pts.set(p, s);
    }
  const points = [...pts.values()].map((p) => ({ ...p, missRate: 1 - p.first / p.answered }));
  points.sort((a, b) => b.missRate - a.missRate || a.id.localeCompare(b.id));
  students.sort((a, b) => a.student.localeCompare(b.student) || a.file.localeCompare(b.file));
  return { students, sets, cases, questions, points };
}

/** The columns of the class CSV whose headers come from the reader's language. */
export type ClassColumn =
  | 'student'
  | 'file'
  | 'exportedAt'
  | 'firstTry'
  | 'total'
  | 'best'
  | 'max'
  | 'overallFirst'
  | 'answered'
  | 'questions';

/**
 * The per-student table as CSV, headers and set titles in the reader's language: first-try right
 * and total per set, best and max per case (two columns each: a cell such as 3/5 would become a
 * date in a spreadsheet), and overall.
 */
export function classCsv(
  summary: ClassSummary,
  words: { tx: (text: Title) => string; word: (key: ClassColumn) => string },
): string {
  const { tx, word } = words;
  const sets = [...summary.sets];
  const cases = [...summary.cases];
  const rows: CsvCell[][] = [
    [
      word('student'),
      word('file'),
      word('exportedAt'),
      ...sets.flatMap(([, s]) => [
        `${tx(s.title)} · ${word('firstTry')}`,
        `${tx(s.title)} · ${word('total')}`,
      ]),
      ...cases.flatMap(([, c]) => [
        `${tx(c.title)} · ${word('best')}`,
        `${tx(c.title)} · ${word('max')}`,
      ]),
      word('overallFirst'),
      word('answered'),
      word('questions'),
    ],
  ];
  for (const r of summary.students) {
    rows.push([
      r.student,
      r.file,
      r.exportedAt,
      ...sets.flatMap(([s]) => {
        const t = r.sets.get(s);
        return t ? [t.first, t.total] : [null, null];
      }),
      ...cases.flatMap(([c]) => {
        const t = r.cases.get(c);
        return t ? [t.best, t.max] : [null, null];
      }),
      r.overall.first,
      r.overall.answered,
      r.overall.total,
    ]);
  }
  return toCsv(rows);
}
