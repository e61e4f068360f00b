/**
 * Safe YAML parsing with source positions. Content files are untrusted (../SECURITY in the repo's
 * docs): no anchors or aliases, no custom tags, no duplicate keys, no prototype keys, a size cap
 * and a depth cap. YAML warnings are errors. Positions come from a LineCounter so that every
 * problem can be reported as file:line:col.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Document, Node as YamlNode, Scalar } from 'yaml';
import type { IssueCode } from './validate.ts';
import { MAX_FILE_BYTES } from './limits.ts';

export { MAX_FILE_BYTES };
export const MAX_DEPTH = 32;
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface RawIssue {
  /** Character offset into the source, or -1 when the problem has no place (e.g. file size). */
  offset: number;
  code: IssueCode;
  params: Record<string, string | number>;
}

export interface ParsedYaml {
  doc: Document.Parsed | null;
  value: unknown;
  lines: LineCounter;
  issues: RawIssue[];
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Depth of the deepest collection, found without recursion so a hostile file cannot blow the stack. */
function depthOf(root: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (isMap(node) || isSeq(node)) {
      if (depth > max) max = depth;
      if (max > MAX_DEPTH) return max;
      for (const item of node.items) stack.push([item, depth + 1]);
    } else if (isPair(node)) {
      stack.push([node.value, depth - 1]);
    }
  }
  return max;
}

export function parseYaml(text: string): ParsedYaml {
  const lines = new LineCounter();
  const size = byteLength(text);
  if (size > MAX_FILE_BYTES) {
    return {
      doc: null,
      value: undefined,
      lines,
      issues: [
        {
          offset: -1,
          code: 'tooLarge',
          params: { size: Math.ceil(size / 1024), max: MAX_FILE_BYTES / 1024 },
        },
      ],
    };
  }
  const deep = lexicalDepth(text);
  if (deep >= 0) return { doc: null, value: undefined, lines, issues: [tooDeep(deep)] };
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      lineCounter: lines,
      uniqueKeys: true,
      merge: false,
      schema: 'core',
      customTags: [],
      prettyErrors: false,
      strict: true,
      stringKeys: true,
    });
  } catch (error) {
    if (error instanceof RangeError) {
      return { doc: null, value: undefined, lines, issues: [tooDeep(0)] };
    }
    throw error;
  }
  const issues: RawIssue[] = [];
  const problems = [...doc.errors, ...doc.warnings];
  // The parser recurses per level: a hostile file nested thousands deep overflows it. Say so once.
  const overflow = problems.find((e) => /call stack/i.test(e.message));
  if (overflow) return { doc: null, value: undefined, lines, issues: [tooDeep(overflow.pos[0])] };
  for (const e of problems) {
    const offset = e.pos[0];
    const quote = quoteIssue(text, offset, e.code === 'BLOCK_IN_FLOW');
    if (quote) {
      issues.push(quote);
    } else if (e.code === 'DUPLICATE_KEY') {
      issues.push({ offset, code: 'duplicateKey', params: { key: keyAt(text, offset) } });
    } else if (e.code === 'TAG_RESOLVE_FAILED') {
      issues.push({ offset, code: 'tag', params: { tag: tagAt(text, offset) } });
    } else {
      issues.push({ offset, code: 'yaml', params: { what: e.code } });
    }
  }
  if (issues.length > 0) return { doc, value: undefined, lines, issues: onePerLine(text, issues) };

  if (depthOf(doc.contents) > MAX_DEPTH) {
    return { doc, value: undefined, lines, issues: [tooDeep(0)] };
  }

  visit(doc, {
    Alias(_key, node) {
      const offset = node.range?.[0] ?? 0;
      issues.push(quoteIssue(text, offset, false) ?? { offset, code: 'alias', params: {} });
    },
    Node(_key, node) {
      const offset = node.range?.[0] ?? 0;
      if (node.anchor)
        issues.push(quoteIssue(text, offset, false) ?? { offset, code: 'alias', params: {} });
      if (node.tag && !node.tag.startsWith('tag:yaml.org,2002:')) {
        issues.push(
          quoteIssue(text, offset, false) ?? { offset, code: 'tag', params: { tag: node.tag } },
        );
      }
    },
    Pair(_key, pair) {
      if (isScalar(pair.key) && RESERVED_KEYS.has(String(pair.key.value))) {
        issues.push({
          offset: pair.key.range?.[0] ?? 0,
          code: 'reservedKey',
          params: { key: String(pair.key.value) },
        });
      }
    },
  });
  // `{ en: You are a consumer, not a business. }`: the comma ended the text, and the rest became
  // a field name without a value. (Its own pass: a Map visitor above would replace Node's checks.)
  // `[Yes, but only online, No]`: the comma split one text into two items (see commaInList).
  visit(doc, {
    Seq(_key, seq) {
      if (seq.flow) issues.push(...commaInList(text, seq.items));
    },
    Map(_key, map) {
      if (!map.flow) return;
      map.items.forEach((pair, i) => {
        const before = map.items[i - 1];
        if (!before || pair.value !== null || !isScalar(pair.key) || !isScalar(before.value))
          return;
        if (before.value.type !== 'PLAIN' || pair.key.type !== 'PLAIN' || !isScalar(before.key))
          return;
        const start = before.value.range?.[0] ?? 0;
        const end = pair.key.range?.[1] ?? start;
        const whole = text.slice(start, end).trim();
        issues.push({
          offset: start,
          code: 'quoteComma',
          params: {
            rest: String(pair.key.value),
            fixed: `${String(before.key.value)}: ${quoted(whole)}`,
          },
        });
      });
    },
  });
  if (issues.length > 0) return { doc, value: undefined, lines, issues: onePerLine(text, issues) };

  // No aliases are left, so toJS cannot expand a bomb; maxAliasCount 0 makes sure of it.
  const value = doc.toJS({ maxAliasCount: 0 });
  return { doc, value, lines, issues };
}

/** Words that go on a sentence after a comma: an item beginning with one was its second half. */
const GOES_ON =
  /^(?:but|and|or|nor|not|then|so|yet|which|who|that|because|if|when|while|although|though|unless|including|e\.g\.|i\.e\.|etc\.?)\b/i;
/** More than an id or a name of the schema's (lowercase letters, digits, hyphens): a text. */
const TEXT_LIKE = /[^a-z0-9-]/;

/**
 * A comma inside `[ … ]` that was meant as part of a text: in a list a comma always starts a new
 * item, so `[Yes, but only online, No]` has three items and `[对, 是的,但]` three. Recognised
 * where one item's text is clearly cut in two: the next item begins with a word that carries a
 * sentence on (`but`, `not`, `and`…), or the comma has no space after it between texts (as in
 * `是的,但`). Lists of ids and names (`[register-login, browse-products]`) are never flagged.
 */
function commaInList(text: string, items: readonly unknown[]): RawIssue[] {
  const plain = (n: unknown): n is Scalar =>
    isScalar(n) && n.type === 'PLAIN' && typeof n.value === 'string' && n.range !== undefined;
  const issues: RawIssue[] = [];
  for (let i = 1; i < items.length; i++) {
    const first = items[i - 1];
    if (!plain(first) || !plain(items[i])) continue;
    // The run of items the commas cut one text into.
    let last = i - 1;
    while (last + 1 < items.length) {
      const prev = items[last] as Scalar;
      const next = items[last + 1];
      if (!plain(next)) break;
      const between = text.slice(prev.range![1], next.range![0]);
      const value = String(next.value);
      const tight =
        !/\s/.test(between) && (TEXT_LIKE.test(String(prev.value)) || TEXT_LIKE.test(value));
      const goesOn = GOES_ON.test(value) && TEXT_LIKE.test(String(prev.value));
      if (!tight && !goesOn) break;
      last++;
    }
    if (last === i - 1) continue;
    const end = (items[last] as Scalar).range![1];
    const whole = text.slice(first.range![0], end).trim();
    issues.push({
      offset: first.range![0],
      code: 'quoteCommaList',
      params: { rest: String((items[i] as Scalar).value), fixed: quoted(whole) },
    });
    i = last;
  }
  return issues;
}

/**
 * A cheap scan before parsing: the offset where flow brackets or block indentation get more than
 * twice MAX_DEPTH deep, or -1. It over-counts a little (brackets inside plain text, indented
 * lines of a block scalar), hence the margin; the exact check runs after parsing.
 */
function lexicalDepth(text: string): number {
  const limit = MAX_DEPTH * 2;
  let flow = 0;
  let quote: string | null = null;
  const indents: number[] = [];
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (lineStart) {
      if (c === ' ') {
        indent++;
        continue;
      }
      lineStart = false;
      if (c !== '\n' && c !== '#' && flow === 0 && quote === null) {
        while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
        indents.push(indent);
        if (indents.length > limit) return i;
      }
    }
    if (c === '\n') {
      lineStart = true;
      indent = 0;
    } else if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      if (flow > 0) quote = c;
    } else if (c === '[' || c === '{') {
      if (++flow > limit) return i;
    } else if ((c === ']' || c === '}') && flow > 0) {
      flow--;
    }
  }
  return -1;
}

function tooDeep(offset: number): RawIssue {
  return { offset, code: 'tooDeep', params: { max: MAX_DEPTH } };
}

/** A text in quotes as YAML reads it: double quotes, or single ones when it holds `"` or `\`. */
function quoted(value: string): string {
  return /["\\]/.test(value) ? `'${value.replace(/'/g, "''")}'` : `"${value}"`;
}

const LEADING = /(?:^[ \t]*(?:-[ \t]+)?|:[ \t]+|[{[,][ \t]*)([*&!])/g;

/**
 * The three quoting mistakes teachers make, recognised at a problem's place: a colon and a space
 * inside a text (`en: Note: pay first`), and a text that begins with `*`, `&` or `!`
 * (`en: *Important* read this`). A lone `&name` or `*name` is an anchor or alias, not text.
 * The comma inside `{ }` is found after parsing (see the Map visitor).
 */
function quoteIssue(text: string, offset: number, inFlow: boolean): RawIssue | null {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  const lineEnd = nl < 0 ? text.length : nl;
  const line = text.slice(lineStart, lineEnd);
  const flow = inFlow || /[{[]/.test(line.slice(0, offset - lineStart));
  const valueEnd = (from: number): number => {
    const rest = text.slice(from, lineEnd);
    const stop = flow ? rest.search(/[,}\]]|\s#/) : rest.search(/\s#/);
    return from + (stop < 0 ? rest.length : stop);
  };
  const keyBefore = (at: number): string | null => {
    const m = /([^\s{[,:'"]+):[ \t]+$/.exec(text.slice(lineStart, at));
    return m?.[1] ?? null;
  };
  // A text that begins with * & or !
  let sigil: { at: number; char: string } | null = null;
  for (const m of line.matchAll(LEADING)) {
    const at = lineStart + m.index + m[0].length - 1;
    if (at <= offset + 1) sigil = { at, char: m[1]! };
  }
  if (sigil) {
    const value = text.slice(sigil.at, valueEnd(sigil.at)).trim();
    if (looksLikeText(value)) {
      const key = keyBefore(sigil.at);
      return {
        offset: sigil.at,
        code: 'quoteLeading',
        params: { char: sigil.char, fixed: key ? `${key}: ${quoted(value)}` : quoted(value) },
      };
    }
  }
  // A colon and a space inside a text.
  const key = keyBefore(offset);
  if (key === null) return null;
  const value = text.slice(offset, valueEnd(offset)).trim();
  if (!/:(\s|$)/.test(value) || /^["'{[|>]/.test(value)) return null;
  return { offset, code: 'quoteColon', params: { fixed: `${key}: ${quoted(value)}` } };
}

/**
 * Whether a value beginning with * & or ! was meant as text: the sign is followed by a space or
 * a non-ASCII letter (`& more`, `!重要`), or, for * and &, a name is followed by more text
 * (`*Important* read this`). `&a [1]`, `*a` and `!tag 1` stay anchors, aliases and tags.
 */
function looksLikeText(value: string): boolean {
  const next = value[1] ?? '';
  if (next === '' || /\s/.test(next) || next.charCodeAt(0) > 127) return value.length > 1;
  if (value[0] === '!') return false;
  const rest = value.slice(1).replace(/^[\w-]+/, '');
  return rest !== '' && !/^\s*[[{]/.test(rest);
}

/** One problem per line once a quoting mistake is named: the others there follow from it. */
function onePerLine(text: string, issues: RawIssue[]): RawIssue[] {
  const lineOf = (offset: number) => text.slice(0, Math.max(0, offset)).split('\n').length;
  const named = new Set(
    issues.filter((i) => i.code.startsWith('quote')).map((i) => lineOf(i.offset)),
  );
  const kept = new Set<number>();
  return issues.filter((i) => {
    const line = lineOf(i.offset);
    if (!named.has(line)) return true;
    if (!i.code.startsWith('quote') || kept.has(line)) return false;
    kept.add(line);
    return true;
  });
}

function keyAt(text: string, offset: number): string {
  const rest = text.slice(offset, offset + 80);
  const m = /^\s*["']?([^"':\n]+)/.exec(rest);
  return m?.[1]?.trim() ?? '?';
}

function tagAt(text: string, offset: number): string {
  const m = /^!\S*/.exec(text.slice(offset, offset + 80));
  return m?.[0] ?? '!';
}

/** The node at a path of keys and indexes, or undefined when the path does not exist. */
export function nodeAt(doc: Document.Parsed, path: readonly PropertyKey[]): YamlNode | undefined {
  let node: unknown = doc.contents;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      node = pair?.value;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
    } else {
      return undefined;
    }
    if (node === undefined || node === null) return undefined;
  }
  return isAlias(node) ? undefined : (node as YamlNode | undefined);
}

/** The key node of `key` in the mapping at `path`. */
export function keyNodeAt(
  doc: Document.Parsed,
  path: readonly PropertyKey[],
  key: string,
): YamlNode | undefined {
  const map = path.length === 0 ? doc.contents : nodeAt(doc, path);
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  return (pair?.key as YamlNode | undefined) ?? undefined;
}
