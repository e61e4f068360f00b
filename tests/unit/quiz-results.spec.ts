import { describe, expect, it } from 'vitest';
import { byPoint } from '../../src/engine/quiz/results.ts';
import { buildResults, resultsCsv, type ResultsFile } from '../../src/content/results.ts';
import { parseResults } from '../../src/content/results-schema.ts';
import { classCsv, classSummary } from '../../src/features/quiz/class-summary.ts';
import en from '../../src/i18n/quiz/en.json';
import zh from '../../src/i18n/quiz/zh-CN.json';

const NOW = '2026-11-25T09:00:00.000Z';
const T = { zh: '安全', en: 'Security' };
const sets = [
  {
    id: 'security',
    title: T,
    questions: [
      {
        id: 'q1',
        points: ['data-privacy'],
        prompt: { zh: '哪种做法保护了个人信息？', en: 'Which practice protects personal data?' },
      },
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

  it('refuses a hostile file with a clear reason, quickly, whatever its size', () => {
    const good = () => JSON.parse(JSON.stringify(student('x', true, true)));
    // The file as JSON gives it, before any check: the test writes wrong types into it.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const refused = (change: (r: any) => unknown) => {
      const r = good();
      change(r);
      const started = performance.now();
      const parsed = parseResults(JSON.stringify(r));
      // Generous: tells a blow-up from a busy machine.
      expect(performance.now() - started).toBeLessThan(5000);
      return parsed;
    };
    const invalid = (detail: string) => ({ ok: false, reason: 'invalid', detail });
    // Wrong types.
    expect(refused((r) => (r.student = 12))).toEqual(invalid('student'));
    expect(refused((r) => (r.sets = { 0: r.sets[0] }))).toEqual(invalid('sets'));
    expect(refused((r) => (r.sets[0].questions[1].correct = 'yes'))).toEqual(invalid('sets[0]'));
    expect(refused((r) => (r.cases[0].title = null))).toEqual(invalid('cases[0]'));
    expect(refused((r) => (r.exportedAt = '9999'))).toEqual(invalid('exportedAt'));
    // Huge lists, at the top and deep inside.
    expect(refused((r) => (r.sets = new Array(300_000).fill(0)))).toEqual(invalid('sets'));
    expect(refused((r) => (r.cases[0].endings = new Array(300_000).fill('a')))).toEqual(
      invalid('cases[0]'),
    );
    expect(refused((r) => (r.sets[0].questions[0].points = new Array(300_000).fill('a')))).toEqual(
      invalid('sets[0]'),
    );
    // More answers than the set has questions.
    expect(refused((r) => (r.sets[0].total = 1))).toEqual(invalid('sets[0]'));
    // A future version, and a version that is no version.
    expect(refused((r) => (r.version = 2))).toEqual({ ok: false, reason: 'newer' });
    expect(refused((r) => (r.version = '1'))).toEqual(invalid('version'));
    expect(parseResults('[]')).toEqual({ ok: false, reason: 'notResults' });
  });

  it('drops prototype keys at every level, and what it returns is plain data', () => {
    const text = JSON.stringify(student('x', true, true))
      .replace('"title":{', '"title":{"__proto__":{"polluted":true},')
      .replace(
        '"points":',
        '"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},"points":',
      );
    const parsed = parseResults(text);
    expect(parsed).toEqual({ ok: true, file: student('x', true, true) });
    if (!parsed.ok) return;
    const q = parsed.file.sets[0]!.questions[0]!;
    expect(Object.getPrototypeOf(q)).toBe(Object.prototype);
    expect(Object.keys(q)).not.toContain('constructor');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('exports CSV with one row per answer and per case; formulas stay text', () => {
    const csv = resultsCsv(student('=HYPERLINK("x")', true, false), words('en'));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[1]).toBe(
      `"'=HYPERLINK(""x"")",Question,Security,Which practice protects personal data?,data-privacy,1,1,1,1,1`,
    );
    expect(lines.at(-1)).toBe(`"'=HYPERLINK(""x"")",Case,Phishing,,,,,,4,5`);
  });

  it.each(['zh', 'en'] as const)(
    'exports CSV a teacher can open (%s): BOM, headers in the language, texts not ids, score and out of apart',
    (lang) => {
      const csv = resultsCsv(student('李雷', true, false), words(lang));
      expect(csv.startsWith('\uFEFF')).toBe(true);
      const [head, ...rows] = parseCsv(csv);
      const strings = lang === 'zh' ? zh.quiz.csv : en.quiz.csv;
      expect(head).toEqual([
        strings.student,
        strings.kind,
        strings.set,
        strings.question,
        strings.points,
        strings.correct,
        strings.firstTry,
        strings.tries,
        strings.score,
        strings.outOf,
      ]);
      expect(head).toEqual(
        lang === 'zh'
          ? [
              '学生',
              '类型',
              '题组或案例',
              '题目',
              '知识点',
              '答对（1 是，0 否）',
              '首次答对（1 是，0 否）',
              '作答次数',
              '得分',
              '满分',
            ]
          : [
              'Student',
              'Type',
              'Set or case',
              'Question',
              'Chapter points',
              'Right (1 yes, 0 no)',
              'Right at the first try (1 yes, 0 no)',
              'Tries',
              'Score',
              'Out of',
            ],
      );
      const L = (t: { zh: string; en: string }) => t[lang];
      expect(rows).toEqual([
        [
          '李雷',
          strings.kindQuestion,
          L(T),
          L(sets[0]!.questions[0]!.prompt!),
          'data-privacy',
          '1',
          '1',
          '1',
          '1',
          '1',
        ],
        [
          '李雷',
          strings.kindQuestion,
          L(T),
          'q2',
          'payment-security; consumer-education',
          '0',
          '0',
          '1',
          '0',
          '1',
        ],
        ['李雷', strings.kindSet, L(T), '', '', '1', '1', '', '1', '3'],
        ['李雷', strings.kindCase, L(cases[0]!.title), '', '', '', '', '', '4', '5'],
      ]);
      // No cell a spreadsheet would read as a date: scores are numbers, never "1/3".
      expect(csv).not.toMatch(/\d\/\d/);
    },
  );
});

/** The words the quiz page writes a CSV with, from the string files. */
function words(lang: 'zh' | 'en') {
  const strings = lang === 'zh' ? zh : en;
  return {
    tx: (t: { zh: string; en: string }) => t[lang],
    word: (key: string) => (strings.quiz.csv as Record<string, string>)[key]!,
    point: (id: string) => id,
  };
}

/** A CSV reader for the tests (RFC 4180 quoting), BOM removed. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && src[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

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

  it.each(['zh', 'en'] as const)(
    'exports the per-student table as CSV (%s): BOM, headers and titles in the language, scores in two columns',
    (lang) => {
      const strings = (lang === 'zh' ? zh : en).class.csv as Record<string, string>;
      const csv = classCsv(summary, { tx: (t) => t[lang], word: (k) => strings[k]! });
      expect(csv.startsWith('\uFEFF')).toBe(true);
      const [head, first] = parseCsv(csv);
      expect(head).toEqual(
        lang === 'zh'
          ? [
              '学生',
              '文件名',
              '导出时间',
              '安全 · 首次答对',
              '安全 · 题数',
              '钓鱼 · 最好成绩',
              '钓鱼 · 满分',
              '合计首次答对',
              '已答题数',
              '总题数',
            ]
          : [
              'Student',
              'File',
              'Exported at',
              'Security · right at the first try',
              'Security · questions',
              'Phishing · best score',
              'Phishing · out of',
              'Total right at the first try',
              'Questions answered',
              'Questions in all',
            ],
      );
      expect(first).toEqual(['A 同学', 'a.json', NOW, '0', '3', '4', '5', '0', '2', '3']);
    },
  );

  it('carries the question text from the files to the most-missed list', () => {
    expect(summary.questions.find((q) => q.id === 'q1')?.text).toEqual(
      sets[0]!.questions[0]!.prompt,
    );
    const text = JSON.stringify(files[0]!.results);
    expect(parseResults(text)).toEqual({ ok: true, file: files[0]!.results });
  });
});
