import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/content/messages.ts';
import { collectFiles, nodeTranslator, validateFiles } from '../../src/content/node.ts';
import { validateText } from '../../src/content/validate.ts';

const en = nodeTranslator('en');
const zh = nodeTranslator('zh-CN');
const fixture = (name: string) => `tests/fixtures/content/${name}`;
const messages = (name: string, t = en) =>
  validateText(fixture(name), readFileSync(fixture(name), 'utf8')).issues.map((i) =>
    formatIssue(i, t),
  );

describe('question sets and cases: golden messages', () => {
  it('a broken question set, in English and in Chinese', () => {
    const f = fixture('broken-quiz.yaml');
    expect(messages('broken-quiz.yaml')).toEqual([
      `${f}:13:7  questions[0].options  a single-choice question needs exactly one option with correct: true (it has 2)`,
      `${f}:22:9  questions[1].options[1]  a wrong option needs why: the misconception of a student who picks it`,
      `${f}:23:5  questions[2]  a truefalse question needs answer`,
      `${f}:29:7  questions[2].options  a truefalse question does not use options`,
      `${f}:31:9  questions[3].id  question id two-right is used twice`,
      `${f}:36:53  questions[3].items[2]  “一” appears twice`,
    ]);
    expect(messages('broken-quiz.yaml', zh)).toEqual([
      `${f}:13:7  questions[0].options  单选题应恰好有 1 个选项标为 correct: true（现在有 2 个）`,
      `${f}:22:9  questions[1].options[1]  错误选项要写 why：说明选它的人错在哪里`,
      `${f}:23:5  questions[2]  truefalse 题必须有字段 answer`,
      `${f}:29:7  questions[2].options  truefalse 题不用字段 options`,
      `${f}:31:9  questions[3].id  题目编号 two-right 重复`,
      `${f}:36:53  questions[3].items[2]  “一”重复出现`,
    ]);
  });

  it('a broken case: dangling references and a node that leads nowhere', () => {
    const f = fixture('broken-case.yaml');
    expect(messages('broken-case.yaml')).toEqual([
      `${f}:19:15  nodes[0].choices[1].next  no node has the id nowhere`,
      `${f}:20:22  nodes[0].choices[1].if.chose  no choice has the id never`,
      `${f}:21:5  nodes[1]  node second has no choices and is not an ending (add choices or ending)`,
    ]);
    expect(messages('broken-case.yaml', zh)[2]).toBe(
      `${f}:21:5  nodes[1]  节点 second 既没有选择，也不是结局（加上 choices 或 ending）`,
    );
  });

  it('a case with a loop', () => {
    expect(messages('loop-case.yaml')).toEqual([
      `${fixture('loop-case.yaml')}:9:9  nodes[0].id  a path from node a leads back to it: every path of a case must reach an ending`,
    ]);
  });

  it('a tag that names no chapter point is an error, with a suggestion', () => {
    const { files } = validateFiles(collectFiles(['lessons', fixture('bad-tag-case.yaml')]));
    const issues = files
      .flatMap((r) => r.issues)
      .filter((i) => i.code.startsWith('unknownPoint'))
      .map((i) => formatIssue(i, en));
    expect(issues).toEqual([
      `${fixture('bad-tag-case.yaml')}:6:10  points[0]  no chapter point has the id payment-securty; did you mean payment-security?`,
    ]);
  });
});

describe('the built-in question sets and cases', () => {
  const { files } = validateFiles(collectFiles(['lessons', 'scenarios']));
  const quizzes = files.flatMap((f) => (f.content?.kind === 'quiz' ? [f.content.data] : []));
  const cases = files.flatMap((f) => (f.content?.kind === 'case' ? [f.content.data] : []));
  const questions = quizzes.flatMap((q) => q.questions);

  it('are valid', () => {
    expect(files.flatMap((f) => f.issues.map((i) => formatIssue(i, en)))).toEqual([]);
  });

  it('hold at least 40 questions and 8 cases', () => {
    expect(questions.length).toBeGreaterThanOrEqual(40);
    expect(cases.length).toBeGreaterThanOrEqual(8);
  });

  it('cover every security point, legal point and solution, each with several questions', () => {
    const points = [
      'data-privacy',
      'payment-security',
      'network-security',
      'logistics-security',
      'e-contract',
      'consumer-rights',
      'intellectual-property',
      'tax-administration',
      'legislation',
      'self-regulation',
      'tech-innovation',
      'consumer-education',
    ];
    for (const point of points) {
      const n = questions.filter((q) => q.points.includes(point)).length;
      expect(n, point).toBeGreaterThanOrEqual(2);
    }
  });

  it('use every question type, and put the payment flow in order', () => {
    const types = new Set(questions.map((q) => q.type));
    expect([...types].sort()).toEqual(['matching', 'multiple', 'ordering', 'single', 'truefalse']);
    const ordering = questions.filter((q) => q.type === 'ordering').map((q) => q.items?.[0]?.zh);
    expect(ordering.some((first) => first?.startsWith('选择支付方式'))).toBe(true);
  });

  it('have cases whose paths depend on earlier choices or the score', () => {
    const conditional = cases.filter((c) =>
      c.nodes.some((n) => n.choices?.some((ch) => ch.if !== undefined || ch.branch !== undefined)),
    );
    expect(conditional.length).toBeGreaterThanOrEqual(4);
  });
});
