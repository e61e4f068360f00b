/**
 * The results file a student exports for the teacher: its format, building it from the progress
 * record and writing it as CSV for spreadsheets. Reading one back is ./results-schema.ts (files
 * from students are untrusted), which loads zod with it.
 */
import type { AnswerLike, Title } from '../engine/quiz/results.ts';
import { toCsv, type CsvCell } from './csv.ts';

export const RESULTS_FORMAT = 'ecsim-results';
export const RESULTS_VERSION = 1;

export interface ResultQuestion extends AnswerLike {
  id: string;
  points: string[];
  /** The question's text, so a teacher's spreadsheet and class summary can show it (files from
   *  before it was written have none). */
  text?: Title;
}

export interface ResultSet {
  id: string;
  title: Title;
  /** Questions in the set (answered or not). */
  total: number;
  /** Answered questions only. */
  questions: ResultQuestion[];
}

export interface ResultCase {
  id: string;
  title: Title;
  best: number;
  last: number;
  max: number;
  endings: string[];
}

export interface ResultsFile {
  format: typeof RESULTS_FORMAT;
  version: typeof RESULTS_VERSION;
  exportedAt: string;
  student: string;
  sets: ResultSet[];
  cases: ResultCase[];
}

/** Texts a results file keeps: titles and names, and the questions' texts. */
export const MAX_TEXT = 200;
export const MAX_PROMPT = 2000;

const yes = (b: boolean) => (b ? 1 : 0);

/** The columns of the results CSV, in order; their headers come from the reader's language. */
export const RESULTS_COLUMNS = [
  'student',
  'kind',
  'set',
  'question',
  'points',
  'correct',
  'firstTry',
  'tries',
  'score',
  'outOf',
] as const;
export type ResultsColumn = (typeof RESULTS_COLUMNS)[number];

/** The words a CSV is written with, in the reader's language. */
export interface CsvWords {
  /** The reader's half of a bilingual text. */
  tx: (text: Title) => string;
  /** A column header, or a row kind. */
  word: (key: ResultsColumn | 'kindQuestion' | 'kindSet' | 'kindCase') => string;
  /** A chapter point's title, or its id when unknown. */
  point: (id: string) => string;
}

/**
 * For a spreadsheet: a row per answered question (with its text), a total row per set and a row
 * per case, headers and titles in the reader's language. A score is two columns (score, out of):
 * "4/12" in one cell would become a date in Excel.
 */
export function resultsCsv(file: ResultsFile, words: CsvWords): string {
  const rows: CsvCell[][] = [RESULTS_COLUMNS.map((c) => words.word(c))];
  for (const s of file.sets) {
    const title = words.tx(s.title);
    for (const q of s.questions)
      rows.push([
        file.student,
        words.word('kindQuestion'),
        title,
        q.text ? words.tx(q.text) : q.id,
        q.points.map(words.point).join('; '),
        yes(q.correct),
        yes(q.first),
        q.tries,
        yes(q.correct),
        1,
      ]);
    const right = s.questions.filter((q) => q.correct).length;
    const first = s.questions.filter((q) => q.first).length;
    rows.push([
      file.student,
      words.word('kindSet'),
      title,
      null,
      null,
      right,
      first,
      null,
      right,
      s.total,
    ]);
  }
  for (const c of file.cases)
    rows.push([
      file.student,
      words.word('kindCase'),
      words.tx(c.title),
      null,
      null,
      null,
      null,
      null,
      c.best,
      c.max,
    ]);
  return toCsv(rows);
}

const cap = (text: string) => text.slice(0, MAX_PROMPT);

/** The results file for what a student has done (sets and cases never started are left out). */
export function buildResults(input: {
  student: string;
  now: string;
  sets: readonly {
    id: string;
    title: Title;
    questions: readonly { id: string; points: readonly string[]; prompt?: Title }[];
  }[];
  answers: Readonly<Record<string, { answers: Readonly<Record<string, AnswerLike>> }>>;
  cases: readonly { id: string; title: Title }[];
  caseResults: Readonly<
    Record<string, { best: number; last: number; max: number; endings: readonly string[] }>
  >;
}): ResultsFile {
  const sets: ResultSet[] = [];
  for (const s of input.sets) {
    const answers = input.answers[s.id]?.answers ?? {};
    const questions = s.questions.flatMap((q) => {
      const a = answers[q.id];
      if (!a) return [];
      const r = { id: q.id, points: [...q.points], correct: a.correct, first: a.first };
      return [
        {
          ...r,
          tries: a.tries,
          ...(q.prompt ? { text: { zh: cap(q.prompt.zh), en: cap(q.prompt.en) } } : {}),
        },
      ];
    });
    if (questions.length > 0)
      sets.push({
        id: s.id,
        title: { zh: s.title.zh, en: s.title.en },
        total: s.questions.length,
        questions,
      });
  }
  const cases = input.cases.flatMap((c) => {
    const r = input.caseResults[c.id];
    return r
      ? [
          {
            id: c.id,
            title: { zh: c.title.zh, en: c.title.en },
            best: r.best,
            last: r.last,
            max: r.max,
            endings: [...r.endings],
          },
        ]
      : [];
  });
  return {
    format: RESULTS_FORMAT,
    version: RESULTS_VERSION,
    exportedAt: input.now,
    student: input.student.slice(0, MAX_TEXT),
    sets,
    cases,
  };
}
