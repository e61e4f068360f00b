/**
 * Results: a student's scores per set, per case and per chapter point; the results file a student
 * exports (JSON, or CSV for spreadsheets); and the class summary a teacher builds from many such
 * files. Files from students are untrusted: they are rebuilt from known keys only.
 */

export const RESULTS_FORMAT = 'ecsim-results';
export const RESULTS_VERSION = 1;

export interface Title {
  zh: string;
  en: string;
}

export interface AnswerLike {
  correct: boolean;
  first: boolean;
  tries: number;
}

export interface ResultQuestion extends AnswerLike {
  id: string;
  points: string[];
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
export function byPoint(sets: readonly ResultSet[]): Map<string, Tally> {
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

/* ---------- reading a results file (untrusted) ---------- */

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;
const MAX_TEXT = 200;

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

function question(v: unknown): ResultQuestion | null {
  if (!isObject(v) || !id(v.id) || !Array.isArray(v.points) || v.points.length > 10) return null;
  if (!v.points.every(id)) return null;
  if (typeof v.correct !== 'boolean' || typeof v.first !== 'boolean') return null;
  if (!int(v.tries, 1, 100_000)) return null;
  return { id: v.id, points: [...v.points], correct: v.correct, first: v.first, tries: v.tries };
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

/* ---------- CSV ---------- */

export function csvLine(cells: readonly (string | number)[]): string {
  return cells
    .map((c) => {
      let s = String(c);
      // A cell a spreadsheet would read as a formula is kept as text.
      if (/^[=+\-@\t\r]/.test(s) && typeof c === 'string') s = `'${s}`;
      return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',');
}

const yes = (b: boolean) => (b ? 1 : 0);

/** One row per answered question and one per case, for a spreadsheet. */
export function resultsCsv(file: ResultsFile): string {
  const rows = [
    csvLine([
      'student',
      'kind',
      'set',
      'item',
      'points',
      'correct',
      'first_try',
      'tries',
      'score',
      'max',
    ]),
  ];
  for (const s of file.sets)
    for (const q of s.questions)
      rows.push(
        csvLine([
          file.student,
          'question',
          s.id,
          q.id,
          q.points.join(' '),
          yes(q.correct),
          yes(q.first),
          q.tries,
          '',
          '',
        ]),
      );
  for (const c of file.cases)
    rows.push(
      csvLine([file.student, 'case', c.id, c.endings.join(' '), '', '', '', '', c.best, c.max]),
    );
  return `${rows.join('\n')}\n`;
}

/* ---------- the class summary ---------- */

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

/** The per-student table as CSV: first-try score per set, best score per case, and overall. */
export function classCsv(summary: ClassSummary): string {
  const setIds = [...summary.sets.keys()];
  const caseIds = [...summary.cases.keys()];
  const rows = [
    csvLine([
      'student',
      'file',
      'exported_at',
      ...setIds.map((s) => `${s} (first try / total)`),
      ...caseIds.map((c) => `${c} (best / max)`),
      'first_try_right',
      'answered',
      'total_questions',
    ]),
  ];
  for (const r of summary.students) {
    rows.push(
      csvLine([
        r.student,
        r.file,
        r.exportedAt,
        ...setIds.map((s) => {
          const t = r.sets.get(s);
          return t ? `${t.first}/${t.total}` : '';
        }),
        ...caseIds.map((c) => {
          const t = r.cases.get(c);
          return t ? `${t.best}/${t.max}` : '';
        }),
        r.overall.first,
        r.overall.answered,
        r.overall.total,
      ]),
    );
  }
  return `${rows.join('\n')}\n`;
}

/** The results file for what a student has done (sets and cases never started are left out). */
export function buildResults(input: {
  student: string;
  now: string;
  sets: readonly {
    id: string;
    title: Title;
    questions: readonly { id: string; points: readonly string[] }[];
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
      return a
        ? [{ id: q.id, points: [...q.points], correct: a.correct, first: a.first, tries: a.tries }]
        : [];
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
