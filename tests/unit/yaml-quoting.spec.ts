import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/content/messages.ts';
import { nodeTranslator } from '../../src/content/node.ts';
import { validateText } from '../../src/content/validate.ts';

const en = nodeTranslator('en');
const zh = nodeTranslator('zh-CN');

/** A question set whose title line is `title` (line 4). */
const set = (title: string) => `kind: quiz
id: demo
order: 1
${title}
summary: { zh: 摘要, en: Summary }
lesson: process
questions:
  - id: q1
    type: truefalse
    points: [register-login]
    prompt: { zh: 对吗？, en: Right? }
    explain: { zh: 因为, en: Because }
    answer: true
`;
const messages = (text: string, t = en) =>
  validateText('set.yaml', text).issues.map((i) => formatIssue(i, t));

describe('the three quoting mistakes teachers make: golden messages in zh and en', () => {
  it.each([
    [
      'a colon in a text',
      'title:\n  zh: 注意：先付款\n  en: Note: pay first',
      [
        'set.yaml:6:7  .  put this text in quotes: in YAML a colon followed by a space starts a new field. Write en: "Note: pay first"',
      ],
      [
        'set.yaml:6:7  .  请给这段文字加上引号：在 YAML 里，冒号后面跟空格会开始一个新字段。应写成 en: "Note: pay first"',
      ],
    ],
    [
      'a colon in a text inside { }',
      'title: { zh: 注意, en: Note: pay first }',
      [
        'set.yaml:4:22  .  put this text in quotes: in YAML a colon followed by a space starts a new field. Write en: "Note: pay first"',
      ],
      [
        'set.yaml:4:22  .  请给这段文字加上引号：在 YAML 里，冒号后面跟空格会开始一个新字段。应写成 en: "Note: pay first"',
      ],
    ],
    [
      'a comma inside { }',
      'title: { zh: 你是消费者, en: You are a consumer, not a business. }',
      [
        'set.yaml:4:25  .  put this text in quotes: inside { } a comma ends the text, so “not a business.” was read as a field name. Write en: "You are a consumer, not a business."',
      ],
      [
        'set.yaml:4:25  .  请给这段文字加上引号：在 { } 里，逗号会结束这段文字，“not a business.”被当成了字段名。应写成 en: "You are a consumer, not a business."',
      ],
    ],
    [
      'a text beginning with *',
      'title:\n  zh: 重点\n  en: *Important* read this',
      [
        'set.yaml:6:7  .  put this text in quotes: in YAML a text beginning with * means something else. Write en: "*Important* read this"',
      ],
      [
        'set.yaml:6:7  .  请给这段文字加上引号：在 YAML 里，以 * 开头的文字有特殊含义。应写成 en: "*Important* read this"',
      ],
    ],
    [
      'a text beginning with &',
      'title:\n  zh: 重点\n  en: & more',
      [
        'set.yaml:6:7  .  put this text in quotes: in YAML a text beginning with & means something else. Write en: "& more"',
      ],
      [
        'set.yaml:6:7  .  请给这段文字加上引号：在 YAML 里，以 & 开头的文字有特殊含义。应写成 en: "& more"',
      ],
    ],
    [
      'a text beginning with !',
      'title:\n  zh: 重点\n  en: ! Read this first',
      [
        'set.yaml:6:7  .  put this text in quotes: in YAML a text beginning with ! means something else. Write en: "! Read this first"',
      ],
      [
        'set.yaml:6:7  .  请给这段文字加上引号：在 YAML 里，以 ! 开头的文字有特殊含义。应写成 en: "! Read this first"',
      ],
    ],
  ])('%s', (_name, title, english, chinese) => {
    expect(messages(set(title))).toEqual(english);
    expect(messages(set(title), zh)).toEqual(chinese);
  });

  it('the same texts in quotes are valid', () => {
    for (const title of [
      'title:\n  zh: 注意：先付款\n  en: "Note: pay first"',
      'title: { zh: 你是消费者, en: "You are a consumer, not a business." }',
      "title:\n  zh: 重点\n  en: '*Important* read this'",
    ])
      expect(messages(set(title))).toEqual([]);
  });

  it('a real anchor or alias is still named as such', () => {
    expect(messages(set('title: &t { zh: 标题, en: Title }'))).toEqual([
      'set.yaml:4:11  .  anchors and aliases (& and *) are not allowed',
    ]);
  });

  it('every other YAML syntax message is in the reader’s language', () => {
    const text = set('title:\n\t zh: 标题');
    expect(messages(text, zh).join('\n')).toMatch(
      /请用空格缩进，不要用 Tab 键|YAML 语法错误：[^A-Za-z]+$/,
    );
    for (const line of messages(text, zh)) expect(line).not.toMatch(/YAML 语法错误：.*[A-Za-z]{4}/);
  });
});

/** A question set whose one question's options are written on line 12 as `options`. */
const listed = (options: string) => `kind: quiz
id: demo
order: 1
title: { zh: 标题, en: Title }
summary: { zh: 摘要, en: Summary }
lesson: process
questions:
  - id: q1
    type: single
    points: [register-login]
    prompt: { zh: 对吗？, en: Right? }
    options: ${options}
    explain: { zh: 因为, en: Because }
`;

describe('a comma inside [ ]: golden messages in zh and en', () => {
  it.each([
    [
      'a comma that carries the sentence on',
      '[Yes, but only online, No]',
      'set.yaml:12:15  .  put this text in quotes: inside [ ] a comma starts a new item, so “but only online” became an item of its own. Write "Yes, but only online"',
      'set.yaml:12:15  .  请给这段文字加上引号：在 [ ] 里，逗号会开始新的一项，“but only online”被当成了单独的一项。应写成 "Yes, but only online"',
    ],
    [
      'a comma cutting a text in three',
      '[Yes, but only online, and not on Sundays, No]',
      'set.yaml:12:15  .  put this text in quotes: inside [ ] a comma starts a new item, so “but only online” became an item of its own. Write "Yes, but only online, and not on Sundays"',
      'set.yaml:12:15  .  请给这段文字加上引号：在 [ ] 里，逗号会开始新的一项，“but only online”被当成了单独的一项。应写成 "Yes, but only online, and not on Sundays"',
    ],
    [
      'an English comma with no space in a Chinese text',
      '[对, 错, 不一定, 是的,但要看情况]',
      'set.yaml:12:26  .  put this text in quotes: inside [ ] a comma starts a new item, so “但要看情况” became an item of its own. Write "是的,但要看情况"',
      'set.yaml:12:26  .  请给这段文字加上引号：在 [ ] 里，逗号会开始新的一项，“但要看情况”被当成了单独的一项。应写成 "是的,但要看情况"',
    ],
  ])('%s', (_name, options, english, chinese) => {
    expect(messages(listed(options))).toEqual([english]);
    expect(messages(listed(options), zh)).toEqual([chinese]);
  });

  it('no quoting hint where no text was cut: a Chinese comma, separate items, ids, quoted texts', () => {
    for (const options of [
      '[对, 错, 不一定, 是的，但]',
      '[Pay, ship, sign]',
      '["Yes, but only online", No]',
      "['是的,但要看情况', 对]",
    ]) {
      const found = messages(listed(options));
      expect(found.length, options).toBeGreaterThan(0);
      // Each item is read as one text; what is left is that options are { text: { zh, en } }.
      for (const line of found)
        expect(line, options).toMatch(/options\[\d\] {2}expected a mapping/);
    }
    const ids = listed(
      '\n      - text: { zh: 对, en: Right }\n        correct: true\n      - text: { zh: 错, en: Wrong }\n        why: { zh: 不对, en: It is not }',
    ).replace('points: [register-login]', 'points: [register-login,browse-products]');
    expect(messages(ids)).toEqual([]);
  });
});
