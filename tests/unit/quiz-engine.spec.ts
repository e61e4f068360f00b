import { describe, expect, it } from 'vitest';
import {
  checkQuestions,
  grade,
  presentation,
  type QuestionDef,
} from '../../src/engine/quiz/question.ts';
import {
  checkCase,
  choose,
  ending,
  offered,
  outline,
  replay,
  startCase,
  type CaseDef,
} from '../../src/engine/quiz/case.ts';

const key = (s: string) => s;
const single: QuestionDef<string> = {
  id: 'q1',
  type: 'single',
  points: ['data-privacy'],
  options: [
    { text: 'right', correct: true },
    { text: 'wrong a', why: 'because a' },
    { text: 'wrong b', why: 'because b' },
    { text: 'wrong c', why: 'because c' },
  ],
};
const multiple: QuestionDef<string> = {
  id: 'q2',
  type: 'multiple',
  points: ['payment-security'],
  options: [
    { text: 'a', correct: true },
    { text: 'b', correct: true },
    { text: 'c', why: 'no' },
  ],
};
const matching: QuestionDef<string> = {
  id: 'q3',
  type: 'matching',
  points: ['b2b-platforms'],
  pairs: [
    { item: '阿里巴巴', match: 'B2B' },
    { item: '京东', match: 'B2C' },
    { item: '天猫', match: 'B2C' },
    { item: '淘宝', match: 'C2C' },
  ],
};
const ordering: QuestionDef<string> = {
  id: 'q4',
  type: 'ordering',
  points: ['choose-payment-method'],
  items: ['one', 'two', 'three', 'four', 'five'],
};

describe('grading', () => {
  it('single choice and true/false: right only for the right answer', () => {
    expect(grade(single, { type: 'single', choice: 0 }, key).correct).toBe(true);
    expect(grade(single, { type: 'single', choice: 2 }, key).correct).toBe(false);
    const tf: QuestionDef<string> = { id: 't', type: 'truefalse', points: ['x'], answer: false };
    expect(grade(tf, { type: 'truefalse', value: false }, key).correct).toBe(true);
    expect(grade(tf, { type: 'truefalse', value: true }, key).correct).toBe(false);
  });

  it('multiple choice: every option must be chosen or left as it should; parts say which', () => {
    expect(grade(multiple, { type: 'multiple', choices: [1, 0] }, key)).toEqual({
      correct: true,
      parts: [true, true, true],
      score: 3,
      total: 3,
    });
    const half = grade(multiple, { type: 'multiple', choices: [0, 2] }, key);
    expect(half).toMatchObject({ correct: false, parts: [true, false, false], score: 1 });
  });

  it('matching: items that share a match may pick either pair with that match', () => {
    // 京东 answered with 天猫's pair (also B2C) is right.
    const r = grade(matching, { type: 'matching', matches: [0, 2, 1, 3] }, key);
    expect(r.correct).toBe(true);
    const wrong = grade(matching, { type: 'matching', matches: [1, 1, null, 3] }, key);
    expect(wrong).toMatchObject({ correct: false, parts: [false, true, false, true], score: 2 });
  });

  it('ordering: scored by position', () => {
    expect(grade(ordering, { type: 'ordering', order: [0, 1, 2, 3, 4] }, key).correct).toBe(true);
    expect(grade(ordering, { type: 'ordering', order: [1, 0, 2, 3, 4] }, key)).toMatchObject({
      correct: false,
      score: 3,
      total: 5,
    });
  });

  it('a response of another type is wrong, not an error', () => {
    expect(grade(single, { type: 'truefalse', value: true }, key).correct).toBe(false);
  });
});

describe('the seeded order a student sees', () => {
  it('is stable for a student and a permutation of the options', () => {
    const a = presentation(single, 'student-a', key);
    expect(presentation(single, 'student-a', key)).toEqual(a);
    expect([...a].sort()).toEqual([0, 1, 2, 3]);
  });

  it('differs between students', () => {
    const orders = new Set(
      Array.from({ length: 20 }, (_, i) => presentation(single, `s${i}`, key).join()),
    );
    expect(orders.size).toBeGreaterThan(5);
  });

  it('never starts an ordering question solved, and offers each distinct match once', () => {
    for (let i = 0; i < 50; i++) {
      expect(presentation(ordering, `s${i}`, key)).not.toEqual([0, 1, 2, 3, 4]);
    }
    const m = presentation(matching, 'x', key);
    expect(m.map((i) => matching.pairs![i]!.match).sort()).toEqual(['B2B', 'B2C', 'C2C']);
  });
});

describe('question invariants', () => {
  it('refuses a single-choice question without exactly one right option', () => {
    const bad = { ...single, options: single.options!.map((o) => ({ ...o, correct: true })) };
    expect(checkQuestions([bad], key).map((p) => p.code)).toContain('singleNeedsOneCorrect');
  });
  it('refuses fields of another type and missing ones', () => {
    const bad: QuestionDef<string> = { id: 'x', type: 'truefalse', points: ['p'], items: ['a'] };
    expect(checkQuestions([bad], key).map((p) => p.code)).toEqual([
      'fieldForType',
      'fieldNotForType',
    ]);
  });
  it('refuses a matching question with one match only', () => {
    const bad: QuestionDef<string> = {
      id: 'x',
      type: 'matching',
      points: ['p'],
      pairs: [
        { item: 'a', match: 'same' },
        { item: 'b', match: 'same' },
      ],
    };
    expect(checkQuestions([bad], key).map((p) => p.code)).toEqual(['matchingNeedsChoice']);
  });
});

const story: CaseDef<string> = {
  id: 'story',
  start: 'a',
  nodes: [
    {
      id: 'a',
      text: 'start',
      choices: [
        { id: 'keep', label: 'keep evidence', feedback: '', score: 2, next: 'b' },
        { id: 'skip', label: 'do not', feedback: '', score: -1, next: 'b' },
      ],
    },
    {
      id: 'b',
      text: 'middle',
      choices: [
        {
          id: 'complain',
          label: 'complain',
          feedback: '',
          score: 1,
          next: 'lost',
          branch: [{ if: { chose: 'keep' }, next: 'won' }],
        },
        {
          id: 'sue',
          label: 'go to court',
          feedback: '',
          score: 3,
          next: 'won',
          if: { scoreAtLeast: 2 },
        },
      ],
    },
    { id: 'won', text: 'won', ending: { result: 'good', title: 'won' } },
    { id: 'lost', text: 'lost', ending: { result: 'bad', title: 'lost' } },
  ],
};

describe('branching cases', () => {
  it('branches on earlier choices', () => {
    let s = startCase(story);
    s = choose(story, s, 'keep');
    s = choose(story, s, 'complain');
    expect(s).toEqual({ node: 'won', taken: ['keep', 'complain'], score: 3 });
    expect(ending(story, s)).toEqual({ result: 'good', title: 'won' });
    const other = replay(story, ['skip', 'complain']);
    expect(other.node).toBe('lost');
    expect(ending(story, other)?.result).toBe('bad');
  });

  it('offers a choice only while its condition holds (the score so far)', () => {
    expect(offered(story, replay(story, ['keep'])).map((c) => c.id)).toEqual(['complain', 'sue']);
    expect(offered(story, replay(story, ['skip'])).map((c) => c.id)).toEqual(['complain']);
    expect(() => choose(story, replay(story, ['skip']), 'sue')).toThrow();
  });

  it('replays a list of choices to the same state (going back is exact)', () => {
    const s = replay(story, ['keep', 'sue']);
    expect(s).toEqual({ node: 'won', taken: ['keep', 'sue'], score: 5 });
  });

  it('finds every ending, the best score and every reached node', () => {
    const o = outline(story);
    expect([...o.endings.keys()].sort()).toEqual(['lost', 'won']);
    expect(o.maxScore).toBe(5);
    expect(o.complete).toBe(true);
    expect(o.reached.size).toBe(4);
  });

  it('reports a node no path reaches, conditions included', () => {
    const blocked: CaseDef<string> = {
      ...story,
      nodes: story.nodes.map((n) =>
        n.id === 'b'
          ? {
              ...n,
              choices: [
                { id: 'complain', label: '', feedback: '', next: 'lost' },
                { id: 'sue', label: '', feedback: '', next: 'won', if: { scoreAtLeast: 50 } },
              ],
            }
          : n,
      ),
    };
    expect(checkCase(blocked)).toEqual([
      { path: ['nodes', 2, 'id'], code: 'unreachableNode', params: { id: 'won' } },
    ]);
    expect(checkCase(story)).toEqual([]);
  });
});
