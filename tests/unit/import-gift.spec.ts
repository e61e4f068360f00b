import { describe, expect, it } from 'vitest';
import { importGift, toYaml, type ImportOptions } from '../../src/content/import/index.ts';
import { validateText } from '../../src/content/validate.ts';
import {
  bi,
  chapterPoints,
  expectValid,
  fixture,
  seeded,
  WHY,
} from '../fixtures/import/helpers.ts';

/**
 * Linear work on these inputs takes well under a second; a super-linear blow-up (backtracking, a
 * quadratic scan) takes minutes. The bound tells them apart on a slow or busy machine too.
 */
const SLOW_MS = 5000;

const EN: ImportOptions = {
  lang: 'en',
  id: 'payment-bank',
  title: '',
  defaultPoints: ['consumer-education'],
};
const gift = (text: string, options: Partial<ImportOptions> = {}) =>
  importGift(text, { ...EN, ...options });
/** The one question converted from `text`, or the notes when it was not. */
const one = (text: string, options: Partial<ImportOptions> = {}) => {
  const r = gift(text, options);
  return { q: r.quiz.questions[0], skipped: r.skipped, warnings: r.warnings, result: r };
};

describe('GIFT: the sample bank', () => {
  const result = gift(fixture('sample.gift'));

  it('converts multiple choice, multiple answers, true/false, matching, escapes, HTML, missing word', () => {
    expect(result.converted).toBe(9);
    expect(result.quiz.questions).toEqual([
      {
        id: 'safe-payment',
        type: 'single',
        points: ['payment-security'],
        prompt: bi(
          'Which way of paying online is the safest for a first order from an unknown shop?',
        ),
        // No general feedback: the right answer's feedback explains.
        explain: bi('The platform holds the money until you confirm the parcel arrived.'),
        options: [
          {
            text: bi('Escrow through the platform'),
            correct: true,
            why: bi('The platform holds the money until you confirm the parcel arrived.'),
          },
          {
            text: bi('A bank transfer straight to the seller'),
            why: bi('Once the money is sent you cannot get it back.'),
          },
          { text: bi('Cash sent by post'), why: WHY },
        ],
      },
      {
        id: 'strong-password',
        type: 'multiple',
        points: ['payment-security', 'payment-verification'],
        prompt: bi('Which of these make a payment password strong?'),
        explain: bi('A strong password is long and mixed, and never personal data.'),
        options: [
          { text: bi('It is long'), correct: true, why: bi('Length makes guessing slow.') },
          { text: bi('It mixes letters, digits and symbols'), correct: true },
          {
            text: bi('It is your birthday'),
            why: bi('A birthday is the first thing an attacker tries.'),
          },
        ],
      },
      {
        id: 'escrow-tf',
        type: 'truefalse',
        points: ['consumer-education'],
        prompt: bi(
          "Escrow means the platform keeps the buyer's money until the buyer confirms receipt.",
        ),
        explain: bi('Right: the platform holds it.'),
        answer: true,
        misconception: bi('Think again: that is exactly what escrow (担保交易) does.'),
      },
      {
        id: 'phishing-tf',
        type: 'truefalse',
        points: ['consumer-education'],
        prompt: bi('A real bank may ask for your payment password by text message.'),
        explain: { zh: '这个说法是错误的。', en: 'The statement is false.' },
        answer: false,
      },
      {
        id: 'flows',
        type: 'matching',
        points: ['consumer-education'],
        prompt: bi('Match each step with its flow.'),
        explain: {
          zh: '正确配对：Choose a payment method → Payment flow；Enter the payment password → Payment flow；Pack the parcel → Logistics flow；Add to cart → Transaction flow',
          en: 'The right matches: Choose a payment method → Payment flow; Enter the payment password → Payment flow; Pack the parcel → Logistics flow; Add to cart → Transaction flow',
        },
        pairs: [
          { item: bi('Choose a payment method'), match: bi('Payment flow') },
          { item: bi('Enter the payment password'), match: bi('Payment flow') },
          { item: bi('Pack the parcel'), match: bi('Logistics flow') },
          { item: bi('Add to cart'), match: bi('Transaction flow') },
        ],
      },
      {
        id: 'escapes',
        type: 'single',
        points: ['consumer-education'],
        prompt: bi('In GIFT, write 1=1, a~b, #tag, {x} and a: b literally.\nSecond line.'),
        explain: bi('Because # marks feedback.'),
        options: [
          { text: bi('It is 1=1 and {x}'), correct: true, why: bi('Because # marks feedback.') },
          { text: bi('None of them'), why: WHY },
        ],
      },
      {
        id: 'html-question',
        type: 'single',
        points: ['consumer-education'],
        prompt: bi('Which tag makes text bold & strong?'),
        explain: { zh: '正确答案：<b>', en: 'The right answer: <b>' },
        options: [
          { text: bi('<b>'), correct: true },
          { text: bi('<i>'), why: WHY },
        ],
      },
      {
        id: 'markdown',
        type: 'single',
        points: ['checkout'],
        prompt: bi('Which step comes **first** in the transaction flow?'),
        explain: {
          zh: '正确答案：Register and log in',
          en: 'The right answer: Register and log in',
        },
        options: [
          { text: bi('Register and log in'), correct: true },
          {
            text: bi('Pay'),
            why: bi('You cannot pay before you have an account and an order.'),
          },
        ],
      },
      {
        id: 'missing-word',
        type: 'single',
        points: ['consumer-education'],
        prompt: bi('Moodle costs _____ to download.'),
        explain: { zh: '正确答案：nothing', en: 'The right answer: nothing' },
        options: [
          { text: bi('lots of money'), why: WHY },
          { text: bi('nothing'), correct: true },
          { text: bi('a small amount'), why: WHY },
        ],
      },
    ]);
  });

  it('skips what it cannot convert, with the reason and the line where the question starts', () => {
    expect(result.skipped).toEqual([
      { line: 48, code: 'shortAnswer', params: {} },
      { line: 50, code: 'numerical', params: {} },
      { line: 52, code: 'essay', params: {} },
      { line: 54, code: 'description', params: {} },
      { line: 56, code: 'matchingTooFew', params: { count: 1 } },
      { line: 61, code: 'noRightAnswer', params: {} },
      { line: 63, code: 'severalRightAnswers', params: { count: 2 } },
      { line: 65, code: 'partialCredit', params: {} },
      { line: 69, code: 'braces', params: {} },
    ]);
  });

  it('warns about what it generated, guessed or dropped', () => {
    const defaulted = 'escrow-tf, phishing-tf, flows, escapes, html-question, missing-word';
    expect(result.warnings).toEqual([
      { line: 0, code: 'oneLanguage', params: { lang: 'en' } },
      { line: 5, code: 'generatedWhy', params: { question: 'safe-payment', count: 1 } },
      {
        line: 19,
        code: 'defaultPoints',
        params: { points: 'consumer-education', questions: defaulted, count: 6 },
      },
      { line: 21, code: 'generatedExplain', params: { question: 'phishing-tf' } },
      { line: 24, code: 'distractorDropped', params: { question: 'flows', count: 1 } },
      { line: 24, code: 'generatedExplain', params: { question: 'flows' } },
      { line: 32, code: 'generatedWhy', params: { question: 'escapes', count: 1 } },
      { line: 37, code: 'htmlStripped', params: { question: 'html-question' } },
      { line: 37, code: 'generatedExplain', params: { question: 'html-question' } },
      { line: 37, code: 'generatedWhy', params: { question: 'html-question', count: 1 } },
      { line: 43, code: 'badPoints', params: { question: 'markdown', points: 'Payment_Security' } },
      { line: 43, code: 'generatedExplain', params: { question: 'markdown' } },
      { line: 67, code: 'generatedExplain', params: { question: 'missing-word' } },
      { line: 67, code: 'generatedWhy', params: { question: 'missing-word', count: 2 } },
    ]);
  });

  it('the set: its id, the category as title when none is given, a summary in both languages', () => {
    const { questions: _, ...set } = result.quiz;
    expect(set).toEqual({
      kind: 'quiz',
      id: 'payment-bank',
      order: 99,
      title: bi('Online payment'),
      summary: { zh: '从 GIFT 文件导入的 9 道题。', en: '9 questions imported from a GIFT file.' },
    });
    const titled = gift(fixture('sample.gift'), { title: '  Payment  quiz ', order: 7 }).quiz;
    expect(titled.title).toEqual(bi('Payment quiz'));
    expect(titled.order).toBe(7);
    expect(gift('Q? {T}').quiz.title).toEqual({ zh: '导入的题目', en: 'Imported questions' });
  });

  it('passes the real validator and survives a round trip through YAML', () => {
    expectValid(result);
    const text = toYaml(result.quiz);
    expect(text.split('\n', 2)).toEqual([
      '# yaml-language-server: $schema=../schema.json',
      'kind: quiz',
    ]);
    // No anchors or aliases even where the same text appears twice.
    expect(text).not.toMatch(/[&*][a-z]+\d/);
  });

  it('the default tags are real chapter points', () => {
    expect(chapterPoints()).toContain('consumer-education');
  });
});

describe('GIFT: a Chinese bank', () => {
  const result = gift(fixture('chinese.gift'), { lang: 'zh', id: 'zhifu', defaultPoints: [] });

  it('keeps the Chinese text in both languages; names without Latin letters become q1, q2…', () => {
    expect(result.quiz.title).toEqual(bi('支付安全'));
    expect(result.quiz.questions.map((q) => [q.id, q.type, q.points])).toEqual([
      ['q1', 'single', ['payment-security']],
      ['q2', 'single', ['consumer-rights']],
      ['dup', 'truefalse', ['data-privacy']],
      ['dup-2', 'multiple', ['data-privacy', 'network-security']],
    ]);
    expect(result.quiz.questions[1]).toEqual({
      id: 'q2',
      type: 'single',
      points: ['consumer-rights'],
      prompt: bi(
        '网购商品签收后，消费者一般享有几天**无理由退货**的权利？\n（以《消费者权益保护法》为准）',
      ),
      explain: bi('《消费者权益保护法》规定，网购商品一般自收到之日起七日内可以无理由退货。'),
      options: [
        { text: bi('3 天'), why: bi('太短了，法律规定的期限更长。') },
        { text: bi('7 天'), correct: true },
        { text: bi('30 天'), why: bi('这是部分商家自愿承诺的期限，不是法定期限。') },
      ],
    });
    expect(result.quiz.questions[2]).toMatchObject({
      answer: false,
      explain: bi('对，平台必须先告知用户并取得同意。'),
      misconception: bi('想一想：个人信息受法律保护，出售必须先告知并取得同意。'),
    });
    expect(result.quiz.questions[3]?.explain).toEqual({
      zh: '正确答案：不在陌生网站填写身份证号；定期修改支付密码',
      en: 'The right answers: 不在陌生网站填写身份证号; 定期修改支付密码',
    });
  });

  it('notes and warnings', () => {
    expect(result.skipped).toEqual([{ line: 32, code: 'shortAnswer', params: {} }]);
    expect(result.warnings).toEqual([
      { line: 0, code: 'oneLanguage', params: { lang: 'zh' } },
      { line: 26, code: 'generatedExplain', params: { question: 'dup-2' } },
    ]);
    expectValid(result);
  });
});

describe('GIFT: question types and answers', () => {
  it('true/false in every spelling, with the feedback for a wrong and for a right answer', () => {
    for (const [mark, answer] of [
      ['T', true],
      ['TRUE', true],
      ['true', true],
      ['F', false],
      ['FALSE', false],
    ] as const) {
      expect(one(`Grass is green. {${mark}}`).q).toMatchObject({ type: 'truefalse', answer });
    }
    const { q } = one('Grass is green. {T#No: look again.#Yes.####Chlorophyll.}');
    expect(q).toMatchObject({
      answer: true,
      misconception: bi('No: look again.'),
      explain: bi('Chlorophyll.'),
    });
    expect(one('Grass is green. {T#No: look again.}').q).toMatchObject({
      misconception: bi('No: look again.'),
      explain: { zh: '这个说法是正确的。', en: 'The statement is true.' },
    });
  });

  it('weights: one right answer at 100% is a single choice; several positive weights a multiple', () => {
    expect(one('Q? {~%100%a ~b ~%-50%c}').q).toMatchObject({
      type: 'single',
      options: [{ correct: true }, { why: WHY }, { why: WHY }],
    });
    expect(one('Q? {~%33.3333%a ~%33.3333%b ~%33.3333%c ~%0%d}').q).toMatchObject({
      type: 'multiple',
      options: [{ correct: true }, { correct: true }, { correct: true }, { why: WHY }],
    });
    expect(one('Q? {~%50%a ~b}').skipped).toEqual([{ line: 1, code: 'partialCredit', params: {} }]);
    // A percentage that is not a weight is text.
    expect(one('Q? {=%x% ~b}').q?.options?.[0]?.text).toEqual(bi('%x%'));
  });

  it('matching: a match may be shared; two different matches at least', () => {
    const { q } = one('Match. {=a -> 1 =b -> 1 =c -> 2}');
    expect(q?.pairs).toHaveLength(3);
    expect(one('Match. {=a -> 1}').skipped[0]?.code).toBe('matchingTooFew');
    expect(one('Match. {=a -> 1 =a -> 2}').skipped[0]?.code).toBe('duplicateItem');
    expect(one('Match. {=a -> 1 = b}').skipped[0]?.code).toBe('badAnswer');
  });

  it('unsupported kinds and broken syntax are skipped with their code', () => {
    const code = (text: string) => one(text).skipped.map((n) => n.code);
    expect(code('Q? {=a}')).toEqual(['shortAnswer']);
    expect(code('Q {=a =b}')).toEqual(['shortAnswer']);
    expect(code('Q? {#3:1}')).toEqual(['numerical']);
    expect(code('Q? {#=3 =%50%4}')).toEqual(['numerical']);
    expect(code('Q? {  }')).toEqual(['essay']);
    expect(code('Q? {####general only}')).toEqual(['essay']);
    expect(code('::Name:: just text')).toEqual(['description']);
    expect(code('::Name Q? {T}')).toEqual(['unclosedName']);
    expect(code('Q? {=a ~b')).toEqual(['braces']);
    expect(code('Q? =a ~b}')).toEqual(['braces']);
    expect(code('Q? {=a {~b}}')).toEqual(['braces']);
    expect(code('Q? {=a ~b} and {=c ~d}')).toEqual(['braces']);
    expect(code('Q? {x =a ~b}')).toEqual(['badAnswer']);
    expect(code('Q? {maybe}')).toEqual(['badAnswer']);
    expect(code('Q? {= ~b}')).toEqual(['emptyText']);
    expect(code('{=a ~b}')).toEqual(['emptyText']);
    expect(code('Q? {=a ~a}')).toEqual(['duplicateOption']);
    expect(code('Q? {=a}')).toEqual(['shortAnswer']);
    expect(code('Q? {~a}')).toEqual(['noRightAnswer']);
    expect(code('Q? {=a ~%-100%a2 ~%0%b}')).toEqual([]);
  });

  it('two questions without a blank line between them run together and are reported', () => {
    const r = gift('Q1? {=a ~b}\nQ2? {=c ~d}');
    expect(r.skipped).toEqual([{ line: 1, code: 'braces', params: {} }]);
  });
});

describe('GIFT: text', () => {
  it('escapes: \\~ \\= \\# \\{ \\} \\: \\\\ and \\n', () => {
    const { q } = one(
      '::a\\:b:: 50\\% \\~ \\= \\# \\{ \\} \\: \\\\ end\\nnext {=x\\#y#fb\\~ ~z\\=w}',
    );
    expect(q?.id).toBe('a-b');
    expect(q?.prompt).toEqual(bi('50\\% ~ = # { } : \\ end\nnext'));
    expect(q?.options).toEqual([
      { text: bi('x#y'), correct: true, why: bi('fb~') },
      { text: bi('z=w'), why: WHY },
    ]);
  });

  it('comments: whole lines only (a URL keeps its //), even inside a question', () => {
    const { q } = one(
      '// before\n::Site:: Is https://example.com a shop? {\n// inside\n=yes\n~no\n}',
    );
    expect(q?.prompt).toEqual(bi('Is https://example.com a shop?'));
    expect(q?.options?.map((o) => o.text.en)).toEqual(['yes', 'no']);
  });

  it('multi-line questions keep their line breaks; options are one line', () => {
    const { q } = one('First line\n   second line\n{\n=right\n  answer\n~wrong}');
    expect(q?.prompt).toEqual(bi('First line\nsecond line'));
    expect(q?.options?.[0]?.text).toEqual(bi('right answer'));
  });

  it('format markers are removed; [html] becomes plain text without scripts', () => {
    expect(one('[plain]Q? {T}').q?.prompt).toEqual(bi('Q?'));
    expect(one('[moodle]Q? {T}').q?.prompt).toEqual(bi('Q?'));
    const { q, warnings } = one(
      '::h::[html]<p>A&nbsp;<i>b</i> &lt; c &#x4e2d;&#25991; &bogus;</p><script>alert(1)</script><br>d < e {T}',
    );
    expect(q?.prompt).toEqual(bi('A b < c 中文 &bogus;\n\nd < e'));
    expect(warnings.map((w) => w.code)).toContain('htmlStripped');
    // An answer may carry its own marker.
    expect(one('Q? {=[html]<b>x</b> ~y}').q?.options?.[0]?.text).toEqual(bi('x'));
  });

  it('texts that mean something in YAML stay text through the round trip', () => {
    const r = gift(
      [
        '::y1:: - starts with a dash: #not a comment {=true ~null ~1.5 ~- x ~yes ~\'single\' ~"double" ~*star}',
        '::y2:: > folded | literal %percent {=no ~0x1F ~2024-01-01 ~! bang ~&anchor ~[flow] ~a: b ~@at}',
      ].join('\n\n'),
    );
    expect(r.converted).toBe(2);
    expect(r.quiz.questions[0]?.options?.map((o) => o.text.en)).toEqual([
      'true',
      'null',
      '1.5',
      '- x',
      'yes',
      "'single'",
      '"double"',
      '*star',
    ]);
    expectValid(r);
  });

  it('Windows and old Mac line endings, a byte-order mark', () => {
    const r = gift('\uFEFF// points: checkout\r\nQ1? {T}\r\n\r\nQ2?\r{F}');
    expect(r.quiz.questions.map((q) => [q.id, q.points, q.prompt.en])).toEqual([
      ['q1', ['checkout'], 'Q1?'],
      ['q2', ['consumer-education'], 'Q2?'],
    ]);
    expect(r.warnings.find((w) => w.code === 'defaultPoints')?.line).toBe(4);
  });
});

describe('GIFT: ids and chapter points', () => {
  it('ids from names: lower case, accents dropped, at most 64 characters, unique', () => {
    const long = 'A very long question name '.repeat(5);
    const r = gift(
      [
        '::Crème Brûlée!:: Q? {T}',
        `::${long}:: Q? {T}`,
        `::${long}:: Q? {T}`,
        '::q4:: Q? {T}',
        'Q? {T}',
        '::  :: Q? {T}',
      ].join('\n\n'),
    );
    const ids = r.quiz.questions.map((q) => q.id);
    expect(ids[0]).toBe('creme-brulee');
    expect(ids[1]).toBe('a-very-long-question-name-a-very-long-question-name-a-very-long');
    expect(ids[2]).toBe('a-very-long-question-name-a-very-long-question-name-a-very-lon-2');
    expect(ids.slice(3)).toEqual(['q4', 'q5', 'q6']);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(64);
    expectValid(r);
    // A name already used by a fallback id.
    expect(gift('Q? {T}\n\n::q1:: Q? {T}').quiz.questions.map((q) => q.id)).toEqual(['q1', 'q1-2']);
  });

  it('the set id is made valid', () => {
    expect(gift('Q? {T}', { id: 'My Bank 2024' }).quiz.id).toBe('my-bank-2024');
    expect(gift('Q? {T}', { id: '题库' }).quiz.id).toBe('imported-questions');
  });

  it('tags: a points comment applies to the next question only, at most 6, repeats dropped', () => {
    const r = gift(
      [
        '// points: checkout checkout，make-payment、b2c-definition',
        '',
        'Q1? {T}',
        '',
        'Q2? {T}',
        '',
        '// points: a, b, c, d, e, f, g',
        'Q3? {T}',
      ].join('\n'),
    );
    expect(r.quiz.questions.map((q) => q.points)).toEqual([
      ['checkout', 'make-payment', 'b2c-definition'],
      ['consumer-education'],
      ['a', 'b', 'c', 'd', 'e', 'f'],
    ]);
    expect(r.warnings.filter((w) => w.code === 'badPoints')).toEqual([
      { line: 8, code: 'badPoints', params: { question: 'q3', points: 'g' } },
    ]);
  });

  it('without default points, a question with no points comment is skipped', () => {
    const r = gift('// points: checkout\nQ1? {T}\n\nQ2? {T}', { defaultPoints: undefined });
    expect(r.converted).toBe(1);
    expect(r.skipped).toEqual([{ line: 4, code: 'noPoints', params: {} }]);
    expect(r.warnings.map((w) => w.code)).toEqual(['oneLanguage', 'generatedExplain']);
    // Invalid default ids are not used either.
    expect(gift('Q? {T}', { defaultPoints: ['Not An Id'] }).skipped[0]?.code).toBe('noPoints');
  });
});

describe('GIFT: limits', () => {
  it('options 2–8 and pairs 2–8', () => {
    const options = (n: number) =>
      `Q? {=o0 ${Array.from({ length: n - 1 }, (_, i) => `~o${i + 1}`).join(' ')}}`;
    expect(one(options(8)).q?.options).toHaveLength(8);
    expect(one(options(9)).skipped).toEqual([
      { line: 1, code: 'tooManyOptions', params: { count: 9, max: 8 } },
    ]);
    const pairs = (n: number) =>
      `M. {${Array.from({ length: n }, (_, i) => `=i${i} -> m${i % 2}`).join(' ')}}`;
    expect(one(pairs(8)).q?.pairs).toHaveLength(8);
    expect(one(pairs(9)).skipped).toEqual([
      { line: 1, code: 'tooManyPairs', params: { count: 9, max: 8 } },
    ]);
  });

  it('text lengths: option 400, feedback 1000, prompt 20000 (Chinese limits, as both hold the same text)', () => {
    const x = (n: number) => 'x'.repeat(n);
    expect(one(`Q? {=${x(400)} ~b}`).q).toBeDefined();
    expect(one(`Q? {=${x(401)} ~b}`).skipped).toEqual([
      { line: 1, code: 'tooLong', params: { field: 'option', length: 401, max: 400 } },
    ]);
    expect(one(`Q? {=a ~b#${x(1001)}}`).skipped[0]?.params).toEqual({
      field: 'feedback',
      length: 1001,
      max: 1000,
    });
    expect(one(`Q? {T####${x(1001)}}`).skipped[0]?.params.field).toBe('feedback');
    expect(one(`${x(20_000)} {T}`).q).toBeDefined();
    expect(one(`${x(20_001)} {T}`).skipped[0]?.params).toEqual({
      field: 'prompt',
      length: 20_001,
      max: 20_000,
    });
    // The right answers' feedback joined for a multiple-answer question.
    expect(one(`Q? {~%50%a#${x(600)} ~%50%b#${x(600)} ~c}`).skipped[0]?.params).toEqual({
      field: 'explain',
      length: 1201,
      max: 1000,
    });
    // A generated explanation is shortened instead.
    const matched = one(
      `M. {${Array.from({ length: 8 }, (_, i) => `=${x(390)}${i} -> ${x(390)}${i % 2}`).join(' ')}}`,
    );
    expect(matched.q?.explain.zh).toHaveLength(1000);
    expect(matched.q?.explain.zh.endsWith('…')).toBe(true);
    expectValid(matched.result);
  });

  it('at most 60 questions: the rest are counted in one note', () => {
    const text = Array.from({ length: 65 }, (_, i) => `Q${i}? {T}`).join('\n\n');
    const r = gift(text);
    expect(r.converted).toBe(60);
    expect(r.skipped).toEqual([
      { line: 121, code: 'tooManyQuestions', params: { count: 5, max: 60 } },
    ]);
    expectValid(r);
  });

  it('a set that would be too large a file for the loader stops short of it', () => {
    const long = '长'.repeat(5000);
    const text = Array.from({ length: 30 }, (_, i) => `${long}${i} {T}`).join('\n\n');
    const r = gift(text, { lang: 'zh' });
    expect(r.converted).toBeGreaterThan(0);
    expect(r.converted).toBeLessThan(30);
    expect(r.skipped.length).toBe(30 - r.converted);
    expect(new Set(r.skipped.map((n) => n.code))).toEqual(new Set(['outputTooLarge']));
    expect(r.skipped[0]?.params).toEqual({ max: 256 });
    expect(r.quiz.summary.en).toBe(`${r.converted} questions imported from a GIFT file.`);
    expectValid(r);
  });

  it('input over 1 MB is refused', () => {
    const r = gift(`Q? {T}\n\n${'x'.repeat(1024 * 1024)}`);
    expect(r.converted).toBe(0);
    expect(r.quiz.questions).toEqual([]);
    expect(r.skipped).toEqual([{ line: 0, code: 'tooLarge', params: { max: 1024 } }]);
    expect(r.warnings).toEqual([]);
    // Counted in bytes: 400 000 Chinese characters are 1.2 MB.
    expect(gift('中'.repeat(400_000)).skipped[0]?.code).toBe('tooLarge');
  });

  it('an empty file, or one with only comments', () => {
    for (const text of ['', '\n\n', '// nothing\n$CATEGORY: x']) {
      const r = gift(text);
      expect(r.converted).toBe(0);
      expect(r.skipped).toEqual([{ line: 0, code: 'noQuestions', params: {} }]);
      expect(r.warnings).toEqual([]);
    }
  });
});

describe('GIFT: robustness', () => {
  it('never throws, and anything it converts is valid', () => {
    const random = seeded(42);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const answers = [
      '=right',
      '~wrong',
      '~%50%half',
      '~%-100%bad',
      '=a -> 1',
      '=b -> 2',
      '= -> 3',
      'T',
      'F',
      '#feedback',
      '####general',
      '=dup',
      '~dup',
      '~\\~x',
      '=\\{y\\}',
      '~[html]<i>z</i>',
    ];
    const noise = [
      '{',
      '}',
      '=',
      '~',
      '#',
      '->',
      '::',
      '\\',
      '\\n',
      '[html]',
      '<b>',
      '&amp;',
      '\n',
      ':',
      '%',
      '\uE001',
      '中文',
      'x'.repeat(450),
    ];
    const question = () => {
      let q = random() < 0.5 ? `::${pick(['Name', '名字', 'a b', ''])}:: ` : '';
      if (random() < 0.2) q = `// points: ${pick(['checkout', 'Bad Tag', 'x, y'])}\n${q}`;
      q += `${pick(['Which?', '[html]<p>Which?</p>', '问题？', 'Line\ntwo', ''])} {`;
      const n = Math.floor(random() * 6);
      for (let j = 0; j < n; j++) q += ` ${pick(answers)}`;
      q += '}';
      if (random() < 0.3) {
        const at = Math.floor(random() * q.length);
        q = q.slice(0, at) + pick(noise) + q.slice(at);
      }
      return q;
    };
    let converted = 0;
    for (let i = 0; i < 300; i++) {
      const count = 1 + Math.floor(random() * 4);
      const text = Array.from({ length: count }, question).join(pick(['\n\n', '\n', '\r\n\r\n']));
      const r = gift(text);
      expect(r.converted).toBe(r.quiz.questions.length);
      for (const note of [...r.skipped, ...r.warnings]) expect(note.line).toBeGreaterThanOrEqual(0);
      if (r.converted > 0) {
        converted++;
        expect(validateText('x.yaml', toYaml(r.quiz)).issues, text).toEqual([]);
      }
    }
    expect(converted).toBeGreaterThan(30);
    expect(() => importGift(undefined as unknown as string, EN)).not.toThrow();
  });

  it('is fast on pathological input', () => {
    const random = Math.sin;
    let garbage = '';
    const alphabet = '{}=~#%:->\\<>[]/ \nabTF0.&;$';
    for (let i = 0; i < 500_000; i++)
      garbage += alphabet[Math.floor(Math.abs(random(i) * 10_000)) % alphabet.length];
    const inputs = [
      garbage,
      '{'.repeat(500_000),
      `Q {${'~'.repeat(500_000)}}`,
      `Q {${'=a->'.repeat(125_000)}}`,
      `[html]${'<a'.repeat(250_000)} {T}`,
      `Q {=[html]${'<script>'.repeat(60_000)} ~b}`,
      `Q {${'~%50%'.repeat(100_000)}}`,
      '\\'.repeat(500_000),
      'Q? {T}\n\n'.repeat(60_000),
    ];
    for (const input of inputs) {
      const start = performance.now();
      gift(input);
      expect(performance.now() - start, input.slice(0, 20)).toBeLessThan(SLOW_MS);
    }
  }, 30_000);
});
