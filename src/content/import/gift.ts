/**
 * Moodle GIFT (https://docs.moodle.org/en/GIFT_format) to a question set.
 *
 * Converted: multiple choice (single), multiple answers with weights (multiple), true/false,
 * matching, missing-word multiple choice; per-answer feedback (an option's `why`), general
 * feedback `####` (`explain`), question names (ids), `//` comments, escapes, format markers.
 * Skipped with a note: short answer, numerical, essay, description, partial credit on a single
 * choice, and questions our schema cannot hold. Tags come from a `// points: a, b` comment above
 * a question, else from `options.defaultPoints`.
 */
import { build, type DraftBody, type Entry, type Parsed, type Skipped } from './build.ts';
import { oneLine, overBytes, paragraphs, parseTags, splitLines, stripHtml } from './text.ts';
import {
  LIMITS,
  type ImportNote,
  type ImportOptions,
  type ImportResult,
  type NoteCode,
} from './types.ts';

/** Escaped characters become private-use characters while the question is parsed. */
const ESCAPED: Record<string, string> = {
  '~': '\uE000',
  '=': '\uE001',
  '#': '\uE002',
  '{': '\uE003',
  '}': '\uE004',
  ':': '\uE005',
  '\\': '\uE006',
};
const UNESCAPED: Record<string, string> = Object.fromEntries(
  Object.entries(ESCAPED).map(([k, v]) => [v, k]),
);
const PRIVATE = /[\uE000-\uE006]/g;
const FORMAT = /^\s*\[(html|moodle|plain|markdown)\]/i;
const POINTS_COMMENT = /^\/\/\s*points\s*:(.*)$/i;
const CATEGORY = '$CATEGORY:';
const TRUE_FALSE = new Set(['T', 'TRUE', 'F', 'FALSE']);

function escape(text: string): string {
  return text
    .replace(PRIVATE, '')
    .replace(/\\([~=#{}:\\n])/g, (_, c: string) => (c === 'n' ? '\n' : (ESCAPED[c] ?? c)));
}

function unescape(text: string): string {
  return text.replace(PRIVATE, (c) => UNESCAPED[c] ?? c);
}

/** The last meaningful part of a category path: `$course$/top/Payment` → Payment. */
function categoryName(path: string): string {
  const parts = path
    .split('/')
    .map((p) => p.trim())
    .filter((p) => p !== '' && p !== 'top' && !/^\$\w+\$$/.test(p));
  return parts[parts.length - 1] ?? '';
}

interface Block {
  line: number;
  lines: string[];
}

export function importGift(input: string, options: ImportOptions): ImportResult {
  const text = typeof input === 'string' ? input : '';
  if (overBytes(text, LIMITS.input)) {
    const result = build([], options, 'GIFT');
    result.skipped = [
      { line: 0, code: 'tooLarge', params: { max: Math.floor(LIMITS.input / 1024) } },
    ];
    return result;
  }
  const entries: Entry[] = [];
  let category: string | undefined;
  let pending: { tags: string[]; bad: string[] } | undefined;
  let block: Block | null = null;
  const flush = () => {
    if (block) {
      const { line, lines } = block;
      const tags = pending;
      entries.push({ line, read: () => parseQuestion(lines.join('\n'), line, tags) });
      pending = undefined;
    }
    block = null;
  };
  splitLines(text).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return flush();
    if (line.startsWith('//')) {
      const points = POINTS_COMMENT.exec(line);
      if (points) pending = parseTags(points[1] ?? '');
      return;
    }
    if (line.startsWith(CATEGORY)) {
      category ??= categoryName(line.slice(CATEGORY.length));
      return;
    }
    if (!block) block = { line: i + 1, lines: [] };
    block.lines.push(line);
  });
  flush();
  return build(entries, options, 'GIFT', category);
}

/** One question's text (comments removed) to a draft, or the reason it is skipped. */
function parseQuestion(
  raw: string,
  line: number,
  tags: { tags: string[]; bad: string[] } | undefined,
): Parsed {
  const skip: Skip = (code, params = {}) => ({ skip: { line, code, params } });
  let s = escape(raw).trim();
  let name: string | undefined;
  if (s.startsWith('::')) {
    const end = s.indexOf('::', 2);
    if (end < 0) return skip('unclosedName');
    name = oneLine(unescape(s.slice(2, end)));
    s = s.slice(end + 2);
  }
  let questionHtml = false;
  const marker = FORMAT.exec(s);
  if (marker) {
    questionHtml = marker[1]?.toLowerCase() === 'html';
    s = s.slice(marker[0].length);
  }
  let stripped = false;
  /** A piece of text as plain text: unescaped, format marker removed, HTML reduced. */
  const clean: Clean = (piece, multiline) => {
    let t = piece;
    let isHtml = questionHtml;
    const own = FORMAT.exec(t);
    if (own) {
      isHtml = own[1]?.toLowerCase() === 'html';
      t = t.slice(own[0].length);
    }
    t = unescape(t);
    if (isHtml) {
      t = stripHtml(t);
      stripped = true;
    }
    return multiline ? paragraphs(t) : oneLine(t);
  };

  const open = s.indexOf('{');
  if (open < 0) return skip(s.includes('}') ? 'braces' : 'description');
  const close = s.indexOf('}', open + 1);
  if (close < 0) return skip('braces');
  const nested = s.indexOf('{', open + 1);
  if (nested >= 0 && nested < close) return skip('braces');
  const before = s.slice(0, open);
  const after = s.slice(close + 1);
  if (before.includes('}') || after.includes('{') || after.includes('}')) return skip('braces');

  let answers = s.slice(open + 1, close);
  let generalRaw: string | undefined;
  const generalAt = answers.indexOf('####');
  if (generalAt >= 0) {
    generalRaw = answers.slice(generalAt + 4);
    answers = answers.slice(0, generalAt);
  }
  const body = answers.trim();
  if (body === '') return skip('essay');
  if (body.startsWith('#')) return skip('numerical');

  let kind: Body | Skipped;
  if (body.includes('~')) kind = choice(body, skip, clean);
  else if (body.includes('->') && body.includes('=')) kind = matching(body, skip, clean);
  else if (TRUE_FALSE.has(head(body).toUpperCase())) kind = trueFalse(body, clean);
  else if (body.includes('=')) return skip('shortAnswer');
  else return skip('badAnswer');
  if ('skip' in kind) return kind;

  // A missing-word question: the blank stands where the answers were.
  const prompt = clean(after.trim() === '' ? before : `${before}_____${after}`, true);
  const general = generalRaw === undefined ? undefined : clean(generalRaw, false) || undefined;
  return { draft: { ...kind, line, name, prompt, general, tags, html: stripped } };
}

type Skip = (code: NoteCode, params?: ImportNote['params']) => Skipped;
type Clean = (piece: string, multiline: boolean) => string;
type Body = DraftBody & { dropped?: number };

/** The text before the first feedback mark. */
function head(answer: string): string {
  const hash = answer.indexOf('#');
  return (hash < 0 ? answer : answer.slice(0, hash)).trim();
}

/** Cleaned feedback, or undefined when there is none. */
function feedbackOf(text: string | undefined, clean: Clean): string | undefined {
  return text === undefined ? undefined : clean(text, false) || undefined;
}

/** Split `body` at each of `marks`; the text before the first must be blank. */
function splitAt(body: string, marks: string): { mark: string; text: string }[] | null {
  const out: { mark: string; text: string }[] = [];
  let start = -1;
  let mark = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? '';
    if (!marks.includes(c)) continue;
    if (start < 0) {
      if (body.slice(0, i).trim() !== '') return null;
    } else out.push({ mark, text: body.slice(start, i) });
    start = i + 1;
    mark = c;
  }
  if (start < 0) return null;
  out.push({ mark, text: body.slice(start) });
  return out;
}

const WEIGHT = /^\s*%(-?\d{1,3}(?:\.\d{1,10})?)%/;

/** `=right ~wrong` (single) or `~%50%a ~%50%b ~%-100%c` (multiple). */
function choice(body: string, skip: Skip, clean: Clean): Body | Skipped {
  const parts = splitAt(body, '=~');
  if (!parts) return skip('badAnswer');
  const answers = parts.map(({ mark, text }) => {
    const weight = WEIGHT.exec(text);
    const rest = weight ? text.slice(weight[0].length) : text;
    const hash = rest.indexOf('#');
    return {
      right: mark === '=',
      weight: weight ? Number(weight[1]) : mark === '=' ? 100 : 0,
      text: hash < 0 ? rest : rest.slice(0, hash),
      feedback: hash < 0 ? undefined : rest.slice(hash + 1),
    };
  });
  const equals = answers.filter((a) => a.right).length;
  const positive = answers.filter((a) => a.weight > 0);
  if (positive.length === 0) return skip('noRightAnswer');
  if (equals >= 2) return skip('severalRightAnswers', { count: equals });
  let type: 'single' | 'multiple' = 'multiple';
  if (equals === 1 || positive.length === 1) {
    // One right answer worth full marks; anything else is partial credit we cannot express.
    if (positive.length > 1 || (positive[0]?.weight ?? 0) < 100) return skip('partialCredit');
    type = 'single';
  }
  const options = answers.map((a) => ({
    text: clean(a.text, false),
    correct: a.weight > 0,
    feedback: feedbackOf(a.feedback, clean),
  }));
  return { type, options };
}

/** `=item -> match =item2 -> match2`; an answer with no item (an extra wrong match) is dropped. */
function matching(body: string, skip: Skip, clean: Clean): Body | Skipped {
  const parts = splitAt(body, '=');
  if (!parts) return skip('badAnswer');
  const pairs: { item: string; match: string }[] = [];
  let dropped = 0;
  for (const { text } of parts) {
    const arrow = text.indexOf('->');
    if (arrow < 0) return skip('badAnswer');
    const item = clean(text.slice(0, arrow), false);
    const matchText = text.slice(arrow + 2);
    const hash = matchText.indexOf('#');
    const match = clean(hash < 0 ? matchText : matchText.slice(0, hash), false);
    if (item === '') dropped++;
    else pairs.push({ item, match });
  }
  return { type: 'matching', pairs, dropped };
}

/** `{T}`, `{FALSE#feedback for a wrong answer#feedback for a right answer}`. */
function trueFalse(body: string, clean: Clean): Body {
  const answer = head(body).toUpperCase().startsWith('T');
  const hash = body.indexOf('#');
  if (hash < 0) return { type: 'truefalse', answer };
  const rest = body.slice(hash + 1);
  const second = rest.indexOf('#');
  return {
    type: 'truefalse',
    answer,
    wrongFeedback: feedbackOf(second < 0 ? rest : rest.slice(0, second), clean),
    rightFeedback: second < 0 ? undefined : feedbackOf(rest.slice(second + 1), clean),
  };
}
