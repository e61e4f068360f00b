import { describe, expect, it } from 'vitest';
import { importAiken, toYaml, type ImportOptions } from '../../src/content/import/index.ts';
import { validateText } from '../../src/content/validate.ts';
import { bi, expectValid, fixture, seeded, WHY } from '../fixtures/import/helpers.ts';

/**
 * Linear work on these inputs takes well under a second; a super-linear blow-up (backtracking, a
 * quadratic scan) takes minutes. The bound tells them apart on a slow or busy machine too.
 */
const SLOW_MS = 5000;

const EN: ImportOptions = {
  lang: 'en',
  id: 'models-aiken',
  title: 'Business models',
  defaultPoints: ['consumer-education', 'c2c-definition'],
};
const aiken = (text: string, options: Partial<ImportOptions> = {}) =>
  importAiken(text, { ...EN, ...options });
const DEFAULT = ['consumer-education', 'c2c-definition'];

describe('Aiken: the sample file', () => {
  const result = aiken(fixture('sample.aiken.txt'));

  it('converts the good questions to single choice, with generated explanations', () => {
    expect(result.converted).toBe(3);
    expect(result.quiz).toEqual({
      kind: 'quiz',
      id: 'models-aiken',
      order: 99,
      title: bi('Business models'),
      summary: {
        zh: '从 Aiken 文件导入的 3 道题。',
        en: '3 questions imported from an Aiken file.',
      },
      questions: [
        {
          id: 'q1',
          type: 'single',
          points: DEFAULT,
          prompt: bi("Which model describes Taobao's marketplace between individuals?"),
          explain: { zh: '正确答案：C2C', en: 'The right answer: C2C' },
          options: [
            { text: bi('B2B'), why: WHY },
            { text: bi('B2C'), why: WHY },
            { text: bi('C2C'), correct: true },
            { text: bi('O2O'), why: WHY },
          ],
        },
        {
          id: 'q2',
          type: 'single',
          points: DEFAULT,
          prompt: bi('Which payment method holds the money until the buyer confirms receipt?'),
          explain: { zh: '正确答案：Escrow', en: 'The right answer: Escrow' },
          options: [
            { text: bi('Bank transfer'), why: WHY },
            { text: bi('Escrow'), correct: true },
            { text: bi('Cash on delivery'), why: WHY },
          ],
        },
        {
          id: 'q3',
          type: 'single',
          points: DEFAULT,
          prompt: bi('What does O2O stand for\nin e-commerce?'),
          explain: { zh: '正确答案：Online to offline', en: 'The right answer: Online to offline' },
          options: [
            { text: bi('Online to offline'), correct: true },
            { text: bi('Offline to offline'), why: WHY },
          ],
        },
      ],
    });
  });

  it('skips malformed questions with the reason and line', () => {
    expect(result.skipped).toEqual([
      { line: 20, code: 'noAnswer', params: {} },
      { line: 24, code: 'answerNotAnOption', params: { answer: 'E' } },
      { line: 29, code: 'tooFewOptions', params: { count: 1, min: 2 } },
      { line: 33, code: 'badLine', params: { line: 35 } },
      { line: 39, code: 'duplicateOption', params: { text: 'Same' } },
    ]);
  });

  it('warns: one language, default chapter points, generated explanations and whys', () => {
    expect(result.warnings).toEqual([
      { line: 0, code: 'oneLanguage', params: { lang: 'en' } },
      { line: 1, code: 'generatedExplain', params: { question: 'q1' } },
      { line: 1, code: 'generatedWhy', params: { question: 'q1', count: 3 } },
      {
        line: 1,
        code: 'defaultPoints',
        params: { points: DEFAULT.join(', '), questions: 'q1, q2, q3', count: 3 },
      },
      { line: 8, code: 'generatedExplain', params: { question: 'q2' } },
      { line: 8, code: 'generatedWhy', params: { question: 'q2', count: 2 } },
      { line: 14, code: 'generatedExplain', params: { question: 'q3' } },
      { line: 14, code: 'generatedWhy', params: { question: 'q3', count: 1 } },
    ]);
  });

  it('passes the real validator; the default tags are real chapter points', () => {
    expectValid(result);
  });
});

describe('Aiken: details', () => {
  it('a Chinese file; ANSWER in any case, with or without spaces; no blank line needed after ANSWER', () => {
    const r = aiken(
      '哪种模式是消费者对消费者？\nA. B2B\nB. C2C\nanswer:b\n下一题：O2O 指什么？\nA) 线上到线下\nB) 线下到线下\nANSWER : A\n',
      { lang: 'zh' },
    );
    expect(
      r.quiz.questions.map((q) => [q.prompt.zh, q.options?.findIndex((o) => o.correct)]),
    ).toEqual([
      ['哪种模式是消费者对消费者？', 1],
      ['下一题：O2O 指什么？', 0],
    ]);
    expect(r.quiz.questions[0]?.explain).toEqual({
      zh: '正确答案：C2C',
      en: 'The right answer: C2C',
    });
    expect(r.warnings[0]).toEqual({ line: 0, code: 'oneLanguage', params: { lang: 'zh' } });
    expectValid(r);
  });

  it('more than 8 options, a repeated letter, a missing answer at the end of the file', () => {
    const letters = 'ABCDEFGHI'.split('');
    const nine = `Q?\n${letters.map((l) => `${l}. ${l.toLowerCase()}`).join('\n')}\nANSWER: A`;
    expect(aiken(nine).skipped).toEqual([
      { line: 1, code: 'tooManyOptions', params: { count: 9, max: 8 } },
    ]);
    expect(aiken('Q?\nA. x\nA. y\nANSWER: A').skipped).toEqual([
      { line: 1, code: 'badLine', params: { line: 3 } },
    ]);
    expect(aiken('Q?\nA. x\nB. y').skipped).toEqual([{ line: 1, code: 'noAnswer', params: {} }]);
    expect(aiken('Q?\nA. x\nB. y\nANSWER:').skipped).toEqual([
      { line: 1, code: 'answerNotAnOption', params: { answer: '' } },
    ]);
  });

  it('without default points nothing converts; an empty file has one note', () => {
    const r = aiken('Q?\nA. x\nB. y\nANSWER: B', { defaultPoints: [] });
    expect(r.converted).toBe(0);
    expect(r.skipped).toEqual([{ line: 1, code: 'noPoints', params: {} }]);
    expect(aiken('\n \n').skipped).toEqual([{ line: 0, code: 'noQuestions', params: {} }]);
  });

  it('input over 1 MB is refused; at most 60 questions', () => {
    expect(aiken('x'.repeat(1024 * 1024 + 1)).skipped).toEqual([
      { line: 0, code: 'tooLarge', params: { max: 1024 } },
    ]);
    const many = Array.from({ length: 61 }, (_, i) => `Q${i}?\nA. x\nB. y\nANSWER: A`).join('\n\n');
    const r = aiken(many);
    expect(r.converted).toBe(60);
    expect(r.skipped).toEqual([
      { line: 301, code: 'tooManyQuestions', params: { count: 1, max: 60 } },
    ]);
    expectValid(r);
  });

  it('never throws, anything converted is valid, and it is fast', () => {
    const random = seeded(7);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const noise = ['', 'stray', 'A.x', 'a. lower', 'ANSWER: Z', 'x'.repeat(500), '中文', 'C. y'];
    const block = () => {
      const lines = [pick(['Q?', '问题？', 'A. looks like an option', 'x'.repeat(20_001)])];
      const n = Math.floor(random() * 10);
      for (let j = 0; j < n; j++)
        lines.push(
          `${'ABCDEFGHIJ'[j]}${pick(['.', ')'])} ${pick(['x', 'y', 'z', '选项', 'w'.repeat(401)])}${j}`,
        );
      if (random() < 0.2) lines.splice(Math.floor(random() * lines.length), 0, pick(noise));
      if (random() < 0.9) lines.push(`ANSWER: ${pick(['A', 'B', 'c', 'J', ''])}`);
      return lines.join('\n');
    };
    let converted = 0;
    for (let i = 0; i < 300; i++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 4) }, block).join(
        pick(['\n\n', '\n', '\r\n']),
      );
      const r = aiken(text);
      if (r.converted > 0) {
        converted++;
        expect(validateText('x.yaml', toYaml(r.quiz)).issues, text).toEqual([]);
      }
    }
    expect(converted).toBeGreaterThan(10);
    for (const input of [
      'A. x\n'.repeat(100_000),
      `ANSWER:${' '.repeat(500_000)}x`,
      'Q\n\n'.repeat(125_000),
    ]) {
      const start = performance.now();
      aiken(input);
      expect(performance.now() - start).toBeLessThan(SLOW_MS);
    }
  }, 30_000);
});
