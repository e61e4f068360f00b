/**
 * Text helpers for the importers. Everything here is linear in the length of its input: an
 * imported file is untrusted and may be hostile (no backtracking regular expressions).
 */
import { ID_PATTERN } from '../schema.ts';
import { LIMITS } from './types.ts';

const encoder = new TextEncoder();

export function byteLength(text: string): number {
  return encoder.encode(text).length;
}

/** Whether `text` is more than `max` bytes in UTF-8 (a UTF-16 unit is 1 to 3 bytes). */
export function overBytes(text: string, max: number): boolean {
  if (text.length > max) return true;
  if (text.length * 3 <= max) return false;
  return byteLength(text) > max;
}

/** Lines of a text, whatever its line endings, without a byte-order mark. */
export function splitLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.split(/\r\n|\r|\n/);
}

/** Whitespace runs made one space, trimmed: for one-line texts (options, titles). */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Each line trimmed, runs of blank lines made one, trimmed: for Markdown texts (prompts). */
export function paragraphs(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function isId(value: string): boolean {
  return value.length <= LIMITS.id && ID_PATTERN.test(value);
}

/** A valid id made from any text, or '' when nothing usable is left (e.g. only Chinese). */
export function slugify(text: string): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (ascii.length <= LIMITS.id) return ascii;
  return ascii.slice(0, LIMITS.id).replace(/-+$/, '');
}

/** `text` cut to `max` characters (ending in …), for texts we generate ourselves. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Length in characters as the schema counts them (UTF-16 units, like zod's max). */
export function tooLong(text: string, max: number): boolean {
  return text.length > max;
}

const BREAK_TAGS = new Set(['br', 'p', 'div', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const DROP_CONTENT = new Set(['script', 'style']);
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/**
 * HTML to plain text: tags removed (a line break for block tags and <br>), the content of
 * <script> and <style> dropped, common entities decoded. One pass, linear even on text full of
 * unmatched `<`.
 */
export function stripHtml(html: string): string {
  const lower = html.toLowerCase();
  const tagName = /\/?([a-z][a-z0-9]*)/y;
  let out = '';
  let i = 0;
  // Where the next '>' is; -1 once there is none left (then no more tags can close).
  let nextGt = html.indexOf('>');
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out += html.slice(i);
      break;
    }
    if (nextGt >= 0 && nextGt < lt) nextGt = html.indexOf('>', lt);
    if (nextGt < 0) {
      out += html.slice(i);
      break;
    }
    out += html.slice(i, lt);
    tagName.lastIndex = lt + 1;
    const name = tagName.exec(lower)?.[1];
    const next = html[lt + 1];
    if (name === undefined && next !== '!' && next !== '?') {
      // A lone '<' (as in "a < b"): keep it.
      out += '<';
      i = lt + 1;
      continue;
    }
    i = nextGt + 1;
    const closing = next === '/';
    if (name !== undefined && BREAK_TAGS.has(name)) out += '\n';
    if (name !== undefined && DROP_CONTENT.has(name) && !closing) {
      const end = lower.indexOf(`</${name}`, i);
      if (end < 0) break;
      const close = html.indexOf('>', end);
      i = close < 0 ? html.length : close + 1;
    }
    if (nextGt >= 0 && nextGt < i) nextGt = html.indexOf('>', i);
  }
  return decodeEntities(out);
}

function decodeEntities(text: string): string {
  return text.replace(
    /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g,
    (all, body: string) => {
      if (body.startsWith('#')) {
        const code =
          body[1] === 'x' || body[1] === 'X'
            ? Number.parseInt(body.slice(2), 16)
            : Number.parseInt(body.slice(1), 10);
        return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
          ? String.fromCodePoint(code)
          : all;
      }
      return ENTITIES[body.toLowerCase()] ?? all;
    },
  );
}

/**
 * Chapter-point tags from a `// points: a, b` comment: valid ids (at most 6, no repeats) and the
 * rest, which are reported.
 */
export function parseTags(list: string): { tags: string[]; bad: string[] } {
  const tags: string[] = [];
  const bad: string[] = [];
  for (const raw of list.split(/[\s,，、;；]+/)) {
    if (raw === '') continue;
    if (!isId(raw)) bad.push(raw);
    else if (tags.length >= LIMITS.points) bad.push(raw);
    else if (!tags.includes(raw)) tags.push(raw);
  }
  return { tags, bad };
}
