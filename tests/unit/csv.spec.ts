import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src/content/csv.ts';

describe('the CSV writer', () => {
  it('starts with a BOM and ends every row with CRLF', () => {
    expect(
      toCsv([
        ['a', 'b'],
        [1, 2],
      ]),
    ).toBe('\uFEFFa,b\r\n1,2\r\n');
    expect(toCsv([])).toBe('\uFEFF\r\n');
  });

  it.each([
    ['plain', 'plain'],
    ['中文，全角逗号', '中文，全角逗号'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['carriage\rreturn', '"carriage\rreturn"'],
    ['a;b', '"a;b"'],
  ])('quotes a cell only when it must: %j', (value, written) => {
    expect(csvCell(value)).toBe(written);
  });

  it.each([
    ['=1+2', "'=1+2"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\r=1', `"'\r=1"`],
    [' =1+2', "' =1+2"],
    ['\u3000=1+2', "'\u3000=1+2"],
    ['a;=1+2', `"'a;=1+2"`],
    ['a; =HYPERLINK("x")', `"'a; =HYPERLINK(""x"")"`],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
  ])('keeps a cell a spreadsheet would run as a formula as text: %j', (value, written) => {
    expect(csvCell(value)).toBe(written);
  });

  it('writes numbers as numbers, negative ones included; nothing measured is an empty cell', () => {
    expect(toCsv([[-5, 0, 3.25, -0.5]])).toBe('\uFEFF-5,0,3.25,-0.5\r\n');
    expect(toCsv([[null, undefined, Number.NaN, Number.POSITIVE_INFINITY, '']])).toBe(
      '\uFEFF,,,,\r\n',
    );
  });

  it('leaves text that only looks like a sum alone when nothing starts a formula', () => {
    expect(csvCell('1+2')).toBe('1+2');
    expect(csvCell('a-b@c')).toBe('a-b@c');
  });
});
