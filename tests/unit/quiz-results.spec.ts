import { describe, expect, it } from 'vitest';
import { byPoint } from '../../src/engine/quiz/results.ts';
import {
  buildResults,
  parseResults,
  resultsCsv,
  type ResultsFile,
} from '../../src/content/results.ts';
import { classCsv, classSummary } from '../../src/features/quiz/class-summary.ts';

const NOW = '2026-11-25T09:00:00.000Z';
const T = { zh: '安全', en: 'Security' };
const sets = [
  {
    id: 'security',
    title: T,
    questions: [
      { id: 'q1', points: ['data-privacy'] },
      { id: 'q2', points: ['payment-security', 'consumer-education'] },
      { id: 'q3', points: ['data-privacy'] },
    ],
  },
  {
    id: 'law',
    title: { zh: '法律', en: 'Law' },
    questions: [{ id: 'l1', points: ['e-contract'] }],
  },
];
const cases = [{ id: 'phishing', title: { zh: '钓鱼', en: 'Phishing' } }];

function student(name: string, q1: boolean, q2: boolean): ResultsFile {
  return buildResults({
    student: name,
    now: NOW,
    sets,
    answers: {
      security: {
        answers: {
          q1: { correct: true, first: q1, tries: q1 ? 1 : 2 },
          q2: { correct: q2, first: q2, tries: 1 },
        },
      },
    },
    cases,
    caseResults: { phishing: { best: 4, last: 2, max: 5, endings: ['safe'] } },
  });
}

describe('a student results file', () => {
  it('holds answered questions only, with the set size, and case results', () => {
    const r = student('李雷', false, true);
    expect(r.sets).toHaveLength(1);
    expect(r.sets[0]).toMatchObject({ id: 'security', total: 3 });
    expect(r.sets[0]!.questions.map((q) => q.id)).toEqual(['q1', 'q2']);
    expect(r.cases).toEqual([
      { id: 'phishing', title: cases[0]!.title, best: 4, last: 2, max: 5, endings: ['safe'] },
    ]);
    const points = byPoint(r.sets);
    expect(points.get('data-privacy')).toEqual({ right: 1, first: 0, answered: 1, total: 1 });
    expect(points.get('consumer-education')).toEqual({ right: 1, first: 1, answered: 1, total: 1 });
  });

  it('round-trips through JSON and is read back exactly', () => {
    const r = student('Han Meimei', true, true);
    expect(parseResults(JSON.stringify(r))).toEqual({ ok: true, file: r });
  });

  it('refuses what is not a results file, and never half-reads one', () => {
    expect(parseResults('not json')).toEqual({ ok: false, reason: 'json' });
    expect(parseResults('{"format":"ecsim-progress","version":3}')).toMatchObject({
      reason: 'notResults',
    });
    const r = JSON.parse(JSON.stringify(student('x', true, true)));
    expect(parseResults(JSON.stringify({ ...r, version: 2 }))).toMatchObject({ reason: 'newer' });
    r.sets[0].questions[0].tries = -1;
    expect(parseResults(JSON.stringify(r))).toEqual({
      ok: false,
      reason: 'invalid',
      detail: 'sets[0]',
    });
  });

  it('ignores unknown keys and never pollutes prototypes', () => {
    const r = JSON.parse(JSON.stringify(student('x', true, true)));
    const text = JSON.stringify({ ...r, extra: 1 }).replace(
      '"sets"',
      '"__proto__":{"polluted":true},"sets"',
    );
    const parsed = parseResults(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.file).not.toHaveProperty('extra');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('exports CSV with one row per answer and per case; formulas stay text', () => {
    const csv = resultsCsv(student('=HYPERLINK("x")', true, false));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('student,kind,set,item,points,correct,first_try,tries,score,max');
    expect(lines[1]).toBe(`"'=HYPERLINK(""x"")",question,security,q1,data-privacy,1,1,1,,`);
    expect(lines[3]).toBe(`"'=HYPERLINK(""x"")",case,phishing,safe,,,,,4,5`);
  });
});

describe('the class summary', () => {
  const files = [
    { name: 'b.json', results: student('B 同学', true, false) },
    { name: 'a.json', results: student('A 同学', false, false) },
    { name: 'c.json', results: student('C 同学', true, true) },
  ];
  const summary = classSummary(files);

  it('has a row per student with first-try scores per set and case scores', () => {
    expect(summary.students.map((s) => s.student)).toEqual(['A 同学', 'B 同学', 'C 同学']);
    expect(summary.students[0]!.sets.get('security')).toEqual({
      right: 1,
      first: 0,
      answered: 2,
      total: 3,
    });
    expect(summary.students[2]!.cases.get('phishing')).toEqual({ best: 4, max: 5 });
  });

  it('puts the most-missed questions and chapter points first', () => {
    expect(summary.questions.map((q) => [q.id, q.answered, q.first])).toEqual([
      ['q2', 3, 1],
      ['q1', 3, 2],
    ]);
    expect(summary.points[0]).toMatchObject({ id: 'consumer-education', answered: 3, first: 1 });
    expect(summary.points.at(-1)).toMatchObject({ id: 'data-privacy', first: 2 });
  });

  it('exports the per-student table as CSV, scores in two columns (3/5 would become a date)', () => {
    const csv = classCsv(summary);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'student,file,exported_at,security first_try_right,security total,phishing best,phishing max,first_try_right,answered,total_questions',
    );
    expect(lines[1]).toBe(`A 同学,a.json,${NOW},0,3,4,5,0,2,3`);
  });
});
