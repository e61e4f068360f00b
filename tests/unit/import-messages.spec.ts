import { describe, expect, it } from 'vitest';
import zhContent from '../../src/i18n/content/zh-CN.json' with { type: 'json' };
import enContent from '../../src/i18n/content/en.json' with { type: 'json' };
import { resources } from '../../src/i18n/resources.ts';
import { nodeTranslator } from '../../src/content/node.ts';
import {
  importAiken,
  importGift,
  noteMessage,
  SKIP_CODES,
  WARNING_CODES,
  type ImportNote,
} from '../../src/content/import/index.ts';
import { fixture } from '../fixtures/import/helpers.ts';

const en = nodeTranslator('en');
const zh = nodeTranslator('zh-CN');
const options = { lang: 'en', id: 'x', title: '', defaultPoints: ['checkout'] } as const;

/** Notes of every kind the importers produce, from the fixtures and a few made-up files. */
function sampleNotes(): ImportNote[] {
  const results = [
    importGift(fixture('sample.gift'), options),
    importGift(fixture('chinese.gift'), { ...options, lang: 'zh' }),
    importAiken(fixture('sample.aiken.txt'), options),
    importGift('x'.repeat(2_000_000), options),
    importGift('', options),
    importGift(`Q? {=${'x'.repeat(401)} ~b}`, options),
    importGift('Q? {T}', { ...options, defaultPoints: [] }),
    importGift(`Q? {${'~a'.repeat(9)} =b}`, options),
    importGift('Q {=a ~b}\n\n::x Q? {T}\n\nQ {maybe}\n\nQ {= ~a}', options),
    importGift('Q? {=a ~%50%b}\n\nM {=a -> 1 =a -> 2}\n\nQ {~a}\n\nQ {=a =b ~c}', options),
    importGift(
      `M {${Array.from({ length: 9 }, (_, i) => `=${i} -> ${i % 2}`).join(' ')}}`,
      options,
    ),
    importGift(Array.from({ length: 61 }, () => 'Q? {T}').join('\n\n'), options),
    importGift(
      Array.from({ length: 30 }, (_, i) => `${'长'.repeat(5000)}${i} {T}`).join('\n\n'),
      options,
    ),
  ];
  return results.flatMap((r) => [...r.skipped, ...r.warnings]);
}

describe('import messages', () => {
  it('both languages have a message for every code, and nothing else', () => {
    const expected = [...SKIP_CODES, ...WARNING_CODES, 'atLine', 'fields', 'langs'].sort();
    // A message with a count has its plural forms (key_one, key_other) under one code.
    const codes = (messages: object) =>
      [...new Set(Object.keys(messages).map((k) => k.replace(/_(one|other)$/, '')))].sort();
    expect(codes(zhContent.import)).toEqual(expected);
    expect(codes(enContent.import)).toEqual(expected);
    expect(Object.keys(zhContent.import.fields)).toEqual(Object.keys(enContent.import.fields));
    // The other parts of the UI strings do not use the top-level key.
    expect(resources['zh-CN'].translation.import).toBe(zhContent.import);
    expect(resources.en.translation.import).toBe(enContent.import);
  });

  it('every note the importers make has its message, with every placeholder filled', () => {
    const notes = sampleNotes();
    const codes = new Set(notes.map((n) => n.code));
    for (const code of [...SKIP_CODES, ...WARNING_CODES]) expect(codes, code).toContain(code);
    for (const note of notes) {
      for (const t of [en, zh]) {
        const message = noteMessage(note, t);
        expect(message, note.code).not.toMatch(/\{\{|import\./);
        for (const value of Object.values(note.params)) {
          if (typeof value === 'number') expect(message, note.code).toContain(String(value));
        }
      }
      expect(/\p{Script=Han}/u.test(noteMessage(note, zh)), note.code).toBe(true);
    }
  });

  it('golden messages in English and Chinese', () => {
    const tooLong: ImportNote = {
      line: 12,
      code: 'tooLong',
      params: { field: 'option', length: 401, max: 400 },
    };
    expect(noteMessage(tooLong, en)).toBe(
      'Line 12: The option text is too long: 401 characters, at most 400.',
    );
    expect(noteMessage(tooLong, zh)).toBe('第 12 行：选项文字太长：401 个字符，最多 400 个。');
    const oneLanguage: ImportNote = { line: 0, code: 'oneLanguage', params: { lang: 'zh' } };
    expect(noteMessage(oneLanguage, en)).toBe(
      'The questions are in Chinese only: the same text was copied into English. Translate it before students use the English version.',
    );
    expect(noteMessage(oneLanguage, zh)).toBe(
      '题目只有中文：同样的文字已复制到英文一栏。学生使用英文版之前，请先翻译。',
    );
    const braces: ImportNote = { line: 3, code: 'braces', params: {} };
    expect(noteMessage(braces, en)).toBe(
      'Line 3: The braces do not match: a question needs exactly one answer block { … }. Write a brace that is part of the text as \\{ or \\}.',
    );
    // A value is text, never markup or a template.
    const dup: ImportNote = { line: 1, code: 'duplicateOption', params: { text: '<b>{{x}}</b>' } };
    expect(noteMessage(dup, en)).toBe('Line 1: The option “<b>{{x}}</b>” appears twice.');
  });
});
