/**
 * The one CSV writer: files a teacher opens in Excel (Chinese Windows included) or any spreadsheet.
 * - A UTF-8 byte-order mark first, so Excel reads Chinese as Chinese, not as mojibake.
 * - CRLF line ends; a cell is quoted when it holds `"`, `,`, `\n` or `\r`.
 * - A text cell that a spreadsheet would run as a formula (starting with = + - @, a tab or CR) is
 *   prefixed with `'`; numbers are written as numbers, negative ones included.
 * - null is an empty cell (nothing to measure), never 0.
 */
export type CsvCell = string | number | null | undefined;

const FORMULA = /^[=+\-@\t\r]/;

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of cells as CSV text, BOM first. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
