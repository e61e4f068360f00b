/**
 * The results file a student exports for the teacher: its format, building it from the progress
 * record, reading one (files from students are untrusted: rebuilt from known keys only, never
 * half-read) and writing it as CSV for spreadsheets.
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

/* ---------- reading a results file (untrusted) ---------- */

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;
const MAX_TEXT = 200;
const MAX_PROMPT = 2000;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
const int = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const text = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_TEXT;
const id = (v: unknown): v is string => typeof v === 'string' && ID.test(v) && v.length <= 64;

function title(v: unknown): Title | null {
  if (!isObject(v) || !text(v.zh) || !text(v.en)) return null;
  return { zh: v.zh, en: v.en };
}

const prompt = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_PROMPT;

function question(v: unknown): ResultQuestion | null {
  if (!isObject(v) || !id(v.id) || !Array.isArray(v.points) || v.points.length > 10) return null;
  if (!v.points.every(id)) return null;
  if (typeof v.correct !== 'boolean' || typeof v.first !== 'boolean') return null;
  if (!int(v.tries, 1, 100_000)) return null;
  const q = { id: v.id, points: [...v.points], correct: v.correct, first: v.first, tries: v.tries };
  if (v.text === undefined) return q;
  if (!isObject(v.text) || !prompt(v.text.zh) || !prompt(v.text.en)) return null;
  return { ...q, text: { zh: v.text.zh, en: v.text.en } };
}

function set(v: unknown): ResultSet | null {
  if (!isObject(v) || !id(v.id) || !int(v.total, 0, 1000) || !Array.isArray(v.questions))
    return null;
  const t = title(v.title);
  const questions = v.questions.map(question);
  if (!t || questions.length > v.total || questions.some((q) => q === null)) return null;
  return { id: v.id, title: t, total: v.total, questions: questions as ResultQuestion[] };
}

function caseResult(v: unknown): ResultCase | null {
  if (!isObject(v) || !id(v.id)) return null;
  const t = title(v.title);
  const score = (n: unknown) => int(n, -10_000, 10_000);
  if (!t || !score(v.best) || !score(v.last) || !score(v.max)) return null;
  if (!Array.isArray(v.endings) || v.endings.length > 100 || !v.endings.every(id)) return null;
  return { id: v.id, title: t, best: v.best, last: v.last, max: v.max, endings: [...v.endings] };
}

export type ParseResult =
  | { ok: true; file: ResultsFile }
  | { ok: false; reason: 'json' | 'notResults' | 'newer' | 'invalid'; detail?: string };

/** Read a results file; anything that is not one is refused with a reason, never half-read. */
export function parseResults(raw: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'json' };
  }
  if (!isObject(value) || value.format !== RESULTS_FORMAT)
    return { ok: false, reason: 'notResults' };
  if (!int(value.version, 1, 1_000_000)) return { ok: false, reason: 'invalid', detail: 'version' };
  if (value.version > RESULTS_VERSION) return { ok: false, reason: 'newer' };
  if (typeof value.exportedAt !== 'string' || !ISO_TIME.test(value.exportedAt))
    return { ok: false, reason: 'invalid', detail: 'exportedAt' };
  if (!text(value.student)) return { ok: false, reason: 'invalid', detail: 'student' };
  if (!Array.isArray(value.sets) || value.sets.length > 500)
    return { ok: false, reason: 'invalid', detail: 'sets' };
  if (!Array.isArray(value.cases) || value.cases.length > 500)
    return { ok: false, reason: 'invalid', detail: 'cases' };
  const sets = value.sets.map(set);
  const i = sets.indexOf(null);
  if (i >= 0) return { ok: false, reason: 'invalid', detail: `sets[${i}]` };
  const cases = value.cases.map(caseResult);
  const j = cases.indexOf(null);
  if (j >= 0) return { ok: false, reason: 'invalid', detail: `cases[${j}]` };
  return {
    ok: true,
    file: {
      format: RESULTS_FORMAT,
      version: RESULTS_VERSION,
      exportedAt: value.exportedAt,
      student: value.student,
      sets: sets as ResultSet[],
      cases: cases as ResultCase[],
    },
  };
}

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
