/**
 * The one CSV writer: every CSV the app writes goes through `toCsv`, for files a teacher opens in
 * Excel (Chinese Windows included) or any spreadsheet.
 * - A UTF-8 byte-order mark first, so Excel reads Chinese as Chinese, not as mojibake.
 * - CRLF line ends; a cell is quoted when it holds `"`, `,`, `;`, `\n` or `\r` (`;` is the
 *   separator where the decimal mark is a comma).
 * - Formula injection: a text cell a spreadsheet would run as a formula is prefixed with `'`.
 *   That is one starting with = + - @, a tab or CR, also after leading spaces, and one with such a
 *   character right after a `;` (where `;` splits cells). Numbers are written as numbers, negative
 *   ones included.
 * - null and undefined are empty cells (nothing to measure), never 0; NaN and infinities too.
 */
export type CsvCell = string | number | null | undefined;

const TRIGGER = /^[=+\-@\t\r]/;
/** A trigger at the start (after any spaces), or right after a `;`. */
const FORMULA = /^[ \u3000]*[=+\-@\t\r]|;[ \u3000]*[=+\-@\t\r]/;
const QUOTE = /[",;\n\r]/;

/** One cell as CSV text. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA.test(value) || TRIGGER.test(value) ? `'${value}` : value;
  return QUOTE.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of cells as CSV text: BOM first, CRLF after every row. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** The type a download of `toCsv` text should carry. */
export const CSV_TYPE = 'text/csv;charset=utf-8';
