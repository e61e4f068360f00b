import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssue, issueMessage } from '../../src/content/messages.ts';
import { collectFiles, nodeTranslator, validateFiles } from '../../src/content/node.ts';
import { checkCorpus, validateText } from '../../src/content/validate.ts';
import { parseYaml } from '../../src/content/yaml.ts';
import { closest, distance } from '../../src/content/suggest.ts';
import * as z from 'zod';
import { parseWith } from '../../src/content/zod.ts';

const en = nodeTranslator('en');
const zh = nodeTranslator('zh-CN');
const fixture = (name: string) => `tests/fixtures/content/${name}`;
const messages = (name: string, t = en) => {
  const text = readFileSync(fixture(name), 'utf8');
  return validateText(fixture(name), text).issues.map((i) => formatIssue(i, t));
};

describe('the chapter content', () => {
  it('every file in lessons/ is valid, with unique ids across files', () => {
    const { files } = validateFiles(collectFiles(['lessons']));
    expect(files.map((f) => [f.file, f.kind])).toEqual([
      ['lessons/01-process.yaml', 'lesson'],
      ['lessons/02-models.yaml', 'lesson'],
      ['lessons/03-platforms.yaml', 'lesson'],
      ['lessons/04-security-law.yaml', 'lesson'],
      ['lessons/flows/logistics.yaml', 'flow'],
      ['lessons/flows/payment.yaml', 'flow'],
      ['lessons/flows/transaction.yaml', 'flow'],
    ]);
    expect(files.flatMap((f) => f.issues.map((i) => formatIssue(i, en)))).toEqual([]);
  });
});

describe('golden messages: file:line:col  path  message', () => {
  it('reports every problem of a broken lesson, in English', () => {
    const f = fixture('99-broken-lesson.yaml');
    expect(messages('99-broken-lesson.yaml')).toEqual([
      `${f}:1:1  title  missing required field title`,
      `${f}:1:5  id  wrong format: use lowercase letters, digits and hyphens only, e.g. transaction-flow`,
      `${f}:2:8  order  must be at least 1 (allowed range 1–99)`,
      `${f}:3:1  titel  unknown field titel; did you mean title?`,
      `${f}:4:16  summary.zh  must not be empty`,
      `${f}:5:13  objectives  too few items (at least 1 needed)`,
      `${f}:9:27  parts[0].body.fr  unknown field fr`,
      `${f}:10:31  parts[0].points[0].title  expected a mapping (key: value), found a number`,
    ]);
  });

  it('reports the same problems in Chinese', () => {
    const f = fixture('99-broken-lesson.yaml');
    expect(messages('99-broken-lesson.yaml', zh)).toEqual([
      `${f}:1:1  title  缺少必填字段 title`,
      `${f}:1:5  id  格式不对：只能使用小写字母、数字和连字符，例如 transaction-flow`,
      `${f}:2:8  order  应不小于 1（允许范围 1–99）`,
      `${f}:3:1  titel  未知字段 titel，你是不是想写 title？`,
      `${f}:4:16  summary.zh  不能为空`,
      `${f}:5:13  objectives  至少需要 1 项`,
      `${f}:9:27  parts[0].body.fr  未知字段 fr`,
      `${f}:10:31  parts[0].points[0].title  应为映射（键: 值），实际是数字`,
    ]);
  });

  it.each([
    [
      'alias.yaml',
      [
        '1:7  .  anchors and aliases (& and *) are not allowed',
        '2:4  .  anchors and aliases (& and *) are not allowed',
      ],
    ],
    ['duplicate-key.yaml', ['2:1  .  the key a appears twice']],
    [
      'custom-tag.yaml',
      ['1:4  .  custom tag !!js/function is not allowed', '2:4  .  custom tag !foo is not allowed'],
    ],
    ['proto-key.yaml', ['1:1  .  the key __proto__ is not allowed']],
    ['unknown-kind.yaml', ['1:7  kind  unknown file kind lesso; expected one of: lesson']],
    [
      'unknown-kind-far.yaml',
      ['1:7  kind  unknown file kind recipe; expected one of: lesson, flow, market, quiz, case'],
    ],
    [
      'syntax.yaml',
      ['2:1  .  YAML syntax error: the indentation does not line up with the lines above'],
    ],
  ])('%s', (name, expected) => {
    expect(messages(name)).toEqual(expected.map((e) => `${fixture(name)}:${e}`));
  });

  it.each([
    [
      'alias.yaml',
      ['1:7  .  不允许使用锚点和别名（& 与 *）', '2:4  .  不允许使用锚点和别名（& 与 *）'],
    ],
    ['duplicate-key.yaml', ['2:1  .  键 a 重复出现']],
    [
      'custom-tag.yaml',
      ['1:4  .  不允许使用自定义标签 !!js/function', '2:4  .  不允许使用自定义标签 !foo'],
    ],
    ['proto-key.yaml', ['1:1  .  不允许使用键名 __proto__']],
    ['unknown-kind.yaml', ['1:7  kind  未知的文件类型 lesso，应为：lesson']],
    [
      'unknown-kind-far.yaml',
      ['1:7  kind  未知的文件类型 recipe，应为：lesson, flow, market, quiz, case'],
    ],
  ])('%s in Chinese', (name, expected) => {
    expect(messages(name, zh)).toEqual(expected.map((e) => `${fixture(name)}:${e}`));
  });

  it('checks across files: id must match the file name, ids and order unique', () => {
    const text = readFileSync(fixture('01-valid.yaml'), 'utf8');
    const a = validateText('lessons/01-valid.yaml', text);
    const b = validateText('lessons/02-other.yaml', text);
    expect(a.issues).toEqual([]);
    const texts = new Map([
      ['lessons/01-valid.yaml', text],
      ['lessons/02-other.yaml', text],
    ]);
    expect(checkCorpus([a, b], texts).map((i) => formatIssue(i, en))).toEqual([
      'lessons/02-other.yaml:2:5  id  the id valid must match the file name (other)',
      'lessons/02-other.yaml:3:8  order  order 1 is already used by lessons/01-valid.yaml:3:8',
      'lessons/02-other.yaml:2:5  id  the id valid is used twice; it is already used at lessons/01-valid.yaml:2:5',
      'lessons/02-other.yaml:9:9  parts[0].id  the id only-part is used twice; it is already used at lessons/01-valid.yaml:9:9',
      'lessons/02-other.yaml:15:15  parts[0].points[0].id  the id only-point is used twice; it is already used at lessons/01-valid.yaml:15:15',
    ]);
  });
});

describe('“Think about it” questions', () => {
  const lesson = (body: { zh: string; en: string }, think = '') =>
    [
      'id: valid',
      'order: 1',
      'title: { zh: 测试课程, en: Test lesson }',
      'summary: { zh: 用于测试。, en: For tests. }',
      'objectives:',
      '  - { zh: 知道测试是什么, en: Know what a test is }',
      'parts:',
      '  - id: only-part',
      '    title: { zh: 唯一一部分, en: The only part }',
      '    body:',
      '      zh: |',
      ...body.zh.split('\n').map((l) => (l ? `        ${l}` : '')),
      '      en: |',
      ...body.en.split('\n').map((l) => (l ? `        ${l}` : '')),
      ...(think ? think.split('\n').map((l) => `    ${l}`) : []),
      '    points:',
      '      - { id: only-point, title: { zh: 要点, en: Point } }',
      '',
    ].join('\n');

  it('a question with its answer in `think:` is valid, in both languages', () => {
    const text = lesson(
      { zh: '正文。', en: 'Body.' },
      [
        'think:',
        '  prompt: { zh: 为什么？, en: why? }',
        '  answer:',
        '    zh: 因为……',
        '    en: Because…',
      ].join('\n'),
    );
    const r = validateText('lessons/01-valid.yaml', text);
    expect(r.issues).toEqual([]);
    expect(r.warnings).toEqual([]);
    const part = r.content?.kind === 'lesson' ? r.content.data.parts[0] : undefined;
    expect(part?.think).toEqual({
      prompt: { zh: '为什么？', en: 'why?' },
      answer: { zh: '因为……', en: 'Because…' },
    });
  });

  it('a question written into the text, with no answer, is refused at its line', () => {
    const text = lesson({
      zh: '正文。\n\n> 想一想：为什么？',
      en: 'Body.\n\n**Think about it:** why?',
    });
    const f = 'lessons/01-valid.yaml';
    const issues = validateText(f, text).issues;
    expect(issues.map((i) => formatIssue(i, en))).toEqual([
      `${f}:14:9  parts[0].body.zh  put a “Think about it” question in the part’s think field (prompt and answer), so that students can reveal its answer`,
      `${f}:18:9  parts[0].body.en  put a “Think about it” question in the part’s think field (prompt and answer), so that students can reveal its answer`,
    ]);
    expect(issueMessage(issues[0]!, zh)).toBe(
      '“想一想”的问题请写在本部分的 think 字段里（prompt 写问题，answer 写参考答案），学生才能查看答案',
    );
  });

  it('an answer in one language only is noted, and filled from the other', () => {
    const text = lesson(
      { zh: '正文。', en: 'Body.' },
      ['think:', '  prompt: { zh: 为什么？, en: why? }', '  answer:', '    zh: 因为……'].join('\n'),
    );
    const r = validateText('lessons/01-valid.yaml', text);
    expect(r.warnings.map((w) => w.path)).toEqual(['parts[0].think.answer.en']);
  });
});

describe('hostile files are refused quickly and harmlessly', () => {
  const timed = (text: string) => {
    const start = performance.now();
    const result = validateText('hostile.yaml', text);
    return { result, ms: performance.now() - start };
  };

  it('an alias bomb', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 9; i++) {
      const prev = String.fromCharCode(97 + i);
      const next = String.fromCharCode(98 + i);
      lines.push(
        `${next}: &${next} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`,
      );
    }
    const { result, ms } = timed(lines.join('\n'));
    expect(result.content).toBeNull();
    expect(result.issues[0]?.code).toBe('alias');
    expect(ms).toBeLessThan(200);
  });

  it('20,000 levels of nesting', () => {
    const { result, ms } = timed(`a: ${'['.repeat(20_000)}${']'.repeat(20_000)}`);
    expect(result.issues.map((i) => i.code)).toEqual(['tooDeep']);
    expect(ms).toBeLessThan(200);
  });

  it('300 levels of block mappings', () => {
    const text = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    const { result, ms } = timed(text);
    expect(result.content).toBeNull();
    expect(result.issues.map((i) => i.code)).toContain('tooDeep');
    expect(ms).toBeLessThan(200);
  });

  it('a file over the size cap', () => {
    const { result, ms } = timed(`a: "${'x'.repeat(300 * 1024)}"`);
    expect(result.issues.map((i) => i.code)).toEqual(['tooLarge']);
    expect(ms).toBeLessThan(200);
  });

  it('__proto__ and constructor keys pollute nothing', () => {
    const result = validateText(
      'p.yaml',
      '__proto__: { polluted: 1 }\nconstructor: { prototype: { polluted: 1 } }\n',
    );
    expect(result.content).toBeNull();
    expect(result.issues.map((i) => i.code)).toEqual(['reservedKey', 'reservedKey', 'reservedKey']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('merge keys are not expanded', () => {
    const parsed = parseYaml('base: { a: 1 }\nother:\n  <<: { b: 2 }\n');
    expect(parsed.value).toEqual({ base: { a: 1 }, other: { '<<': { b: 2 } } });
  });
});

describe('messages from deep inside a schema', () => {
  it('names the allowed range and the field meant, through optional fields and lists', () => {
    // params (optional) → events (an optional list) → an event: the schema is followed through
    // zod's public classes (ZodObject.shape, ZodArray.element, unwrap()), never its internals.
    const text = readFileSync('scenarios/market/b2c-shop.yaml', 'utf8').replace(
      'params: { deliveryDays: 7 }',
      'params: { deliveryDays: 7, events: [{ type: surge, start: 0, end: 800, magnitud: 2 }] }',
    );
    const issues = validateText('m.yaml', text).issues.map((i) => formatIssue(i, en));
    const at = 'compare[0].params.events[0]';
    expect(issues).toEqual([
      `m.yaml:16:41  ${at}.magnitude  missing required field magnitude`,
      `m.yaml:16:71  ${at}.end  must be at most 729 (allowed range 0–729)`,
      `m.yaml:16:76  ${at}.magnitud  unknown field magnitud; did you mean magnitude?`,
    ]);
    expect(readFileSync('src/content/validate.ts', 'utf8')).not.toMatch(/_zod|\._def\b/);
  });
});

describe('checking untrusted data', () => {
  it('never throws, even where zod runs out of stack reporting every problem', () => {
    const schema = z.object({ a: z.array(z.string()) });
    const value = { a: new Array(300_000).fill(0) };
    expect(() => schema.safeParse(value)).toThrow(RangeError);
    expect(parseWith(schema, value)).toEqual({ ok: false, path: [] });
    expect(parseWith(schema, { a: ['x', 1] })).toEqual({ ok: false, path: ['a', 1] });
    expect(parseWith(schema, { a: ['x'], b: 1 })).toEqual({ ok: true, data: { a: ['x'] } });
  });
});

describe('did you mean', () => {
  it('counts a swap of neighbouring letters as one edit', () => {
    expect(distance('titel', 'title')).toBe(1);
    expect(distance('summery', 'summary')).toBe(1);
  });
  it('suggests only close candidates', () => {
    expect(closest('titel', ['id', 'title', 'parts'])).toBe('title');
    expect(closest('objectivs', ['objectives', 'order'])).toBe('objectives');
    expect(closest('fr', ['zh', 'en'])).toBeUndefined();
  });
});
