/**
 * Validation of content files: YAML text in, typed data or positioned issues out. Issues carry a
 * code and parameters, never prose: messages.ts turns them into `file:line:col  path  message`
 * in the reader's language.
 */
import * as z from 'zod';
import type { Document, LineCounter } from 'yaml';
import {
  KINDS,
  type Case,
  type Flow,
  type Kind,
  type Lesson,
  type Market,
  type Quiz,
} from './schema.ts';
import { checkFlow } from '../engine/flow/check.ts';
import { checkQuestions } from '../engine/quiz/question.ts';
import { checkCase } from '../engine/quiz/case.ts';
import { keyNodeAt, nodeAt, parseYaml, type RawIssue } from './yaml.ts';
import { closest } from './suggest.ts';
import type { SubKey } from '../i18n/keys.ts';

/** What a content issue is about: each has a message under `content.errors.` in the UI strings. */
export type IssueCode = SubKey<'content.errors.'>;

export interface ContentIssue {
  file: string;
  line: number;
  col: number;
  /** Where in the document, e.g. parts[2].body.zh; "." is the document itself. */
  path: string;
  code: IssueCode;
  params: Record<string, string | number>;
}

export type ContentData =
  | { kind: 'lesson'; data: Lesson }
  | { kind: 'flow'; data: Flow }
  | { kind: 'market'; data: Market }
  | { kind: 'quiz'; data: Quiz }
  | { kind: 'case'; data: Case };

export interface FileResult {
  file: string;
  kind: Kind | null;
  content: ContentData | null;
  issues: ContentIssue[];
  /** Not errors: e.g. a text in one language only, shown in both until translated. */
  warnings: ContentIssue[];
  /**
   * The parsed document and its line counter, when the text parsed as YAML: later checks place
   * their messages from it (a quoted key or a flow mapping included) without parsing again.
   */
  source?: { doc: Document.Parsed; lines: LineCounter };
}

/**
 * A bilingual text written in one language only is filled with that language, and noted: a
 * teacher's file still opens, and the build refuses such gaps in the built-in content.
 */
function fillLanguages(value: unknown): (string | number)[][] {
  const filled: (string | number)[][] = [];
  const stack: [unknown, (string | number)[]][] = [[value, []]];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (Array.isArray(node)) {
      node.forEach((item, i) => stack.push([item, [...path, i]]));
    } else if (node !== null && typeof node === 'object') {
      const obj = node as Record<string, unknown>;
      const keys = Object.keys(obj);
      const only = keys.length === 1 ? keys[0] : undefined;
      if ((only === 'zh' || only === 'en') && typeof obj[only] === 'string' && obj[only] !== '') {
        obj[only === 'zh' ? 'en' : 'zh'] = obj[only];
        filled.push([...path, only === 'zh' ? 'en' : 'zh']);
      } else {
        for (const key of keys) stack.push([obj[key], [...path, key]]);
      }
    }
  }
  return filled.reverse();
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '.' : out;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The schema reached by following `path` from `schema`, looking through wrappers. */
function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = unwrap(schema);
  for (const key of path) {
    if (current instanceof z.ZodObject && typeof key === 'string') {
      const shape = current.shape as Record<string, z.ZodType>;
      current = Object.hasOwn(shape, key) ? shape[key] : undefined;
    } else if (current instanceof z.ZodArray && typeof key === 'number') {
      current = current.element as z.ZodType;
    } else {
      return undefined;
    }
    current = current ? unwrap(current) : undefined;
  }
  return current;
}

/** The schema inside optional, nullable and default wrappers, and the input side of a pipe. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) {
      s = s.unwrap() as z.ZodType;
    } else if (s instanceof z.ZodPipe) {
      s = s.in as z.ZodType;
    } else {
      return s;
    }
  }
}

function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const at = schemaAt(schema, path);
  return at instanceof z.ZodObject ? Object.keys(at.shape) : [];
}

interface Located {
  offset: number;
  path: readonly PropertyKey[];
  code: IssueCode;
  params: Record<string, string | number>;
}

function locate(
  doc: Document.Parsed,
  path: readonly PropertyKey[],
  key?: string,
): { offset: number } {
  if (key !== undefined) {
    const keyNode = keyNodeAt(doc, path, key);
    if (keyNode?.range) return { offset: keyNode.range[0] };
  }
  // Walk up until a node exists: a missing field is reported at the mapping that lacks it.
  for (let n = path.length; n >= 0; n--) {
    const sub = path.slice(0, n);
    const node = sub.length === 0 ? doc.contents : nodeAt(doc, sub);
    if (node?.range) return { offset: node.range[0] };
  }
  return { offset: 0 };
}

function fromZod(
  doc: Document.Parsed,
  schema: z.ZodType,
  value: unknown,
  issue: z.core.$ZodIssue,
): Located[] {
  const path = issue.path;
  const at = (
    p: readonly PropertyKey[],
    code: IssueCode,
    params: Located['params'],
    key?: string,
  ) => ({
    ...locate(doc, p, key),
    path: key === undefined ? p : [...p, key],
    code,
    params,
  });
  const actual = valueAt(value, path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const suggestion = closest(key, knownKeys(schema, path));
        return suggestion
          ? at(path, 'unknownKeyHint', { key, suggestion }, key)
          : at(path, 'unknownKey', { key }, key);
      });
    case 'invalid_type': {
      if (actual === undefined) {
        const key = path[path.length - 1];
        return [at(path.slice(0, -1), 'required', { key: String(key ?? '') })].map((l) => ({
          ...l,
          path,
        }));
      }
      if (issue.expected === 'int') return [at(path, 'integer', {})];
      return [at(path, 'type', { expected: issue.expected, received: typeName(actual) })];
    }
    case 'too_small': {
      const origin = issue.origin;
      if (origin === 'string') return [at(path, 'tooSmallString', {})];
      if (origin === 'array' || origin === 'set')
        return [at(path, 'tooSmallArray', { min: Number(issue.minimum) })];
      return [at(path, 'tooSmallNumber', range(schema, path, Number(issue.minimum)))];
    }
    case 'too_big': {
      const origin = issue.origin;
      if (origin === 'string') return [at(path, 'tooBigString', { max: Number(issue.maximum) })];
      if (origin === 'array' || origin === 'set')
        return [at(path, 'tooBigArray', { max: Number(issue.maximum) })];
      return [at(path, 'tooBigNumber', range(schema, path, undefined, Number(issue.maximum)))];
    }
    case 'invalid_format':
      return [at(path, 'format', { format: 'id' })];
    case 'invalid_value':
      return [at(path, 'oneOf', { values: issue.values.map((v) => String(v)).join(', ') })];
    case 'custom':
    case 'invalid_element':
    case 'invalid_key':
    case 'invalid_union':
    case 'not_multiple_of':
      return [at(path, 'invalid', {})];
    default: {
      // Every code of zod 4 is named above. One a later zod adds reads as 'invalid' here (files
      // are untrusted: never throw), and the type check points at this line until it is named.
      const _unnamed: never = issue;
      return [at(path, 'invalid', {})];
    }
  }
}

function range(
  schema: z.ZodType,
  path: readonly PropertyKey[],
  min?: number,
  max?: number,
): Record<string, number | string> {
  const sub = schemaAt(schema, path);
  const json = sub ? (z.toJSONSchema(sub) as { minimum?: number; maximum?: number }) : {};
  return { min: min ?? json.minimum ?? '−∞', max: max ?? json.maximum ?? '∞' };
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = value;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(v, key)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** Validate one file's text. `file` is the name used in messages. */
export function validateText(file: string, text: string): FileResult {
  const parsed = parseYaml(text);
  const position = (offset: number) => {
    if (offset < 0) return { line: 1, col: 1 };
    const pos = parsed.lines.linePos(offset);
    return { line: pos.line, col: pos.col };
  };
  let warnings: ContentIssue[] = [];
  const fail = (issues: Located[] | RawIssue[]): FileResult => ({
    file,
    kind: null,
    content: null,
    warnings,
    issues: issues.map((i) => ({
      file,
      ...position(i.offset),
      path: 'path' in i ? formatPath(i.path) : '.',
      code: i.code,
      params: i.params,
    })),
  });
  if (parsed.issues.length > 0 || !parsed.doc) return fail(parsed.issues);
  const doc = parsed.doc;
  const source = { doc, lines: parsed.lines };
  const value = parsed.value;
  warnings = fillLanguages(value).map((path) => {
    const missing = path[path.length - 1] as string;
    return {
      file,
      ...position(locate(doc, path.slice(0, -1)).offset),
      path: formatPath(path),
      code: missing === 'en' ? 'missingEnglish' : 'missingChinese',
      params: {},
    };
  });

  const kindValue =
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>).kind
      : undefined;
  let kind: Kind = 'lesson';
  if (kindValue !== undefined) {
    const known = Object.keys(KINDS) as Kind[];
    if (typeof kindValue !== 'string' || !known.includes(kindValue as Kind)) {
      const suggestion = closest(String(kindValue), known);
      return fail([
        {
          ...locate(doc, ['kind']),
          path: ['kind'],
          code: 'unknownKind',
          params: {
            kind: String(kindValue),
            values: suggestion ? suggestion : known.join(', '),
          },
        },
      ]);
    }
    kind = kindValue as Kind;
  }

  const schema = KINDS[kind];
  const result = schema.safeParse(value);
  if (!result.success) {
    const located = result.error.issues.flatMap((issue) => fromZod(doc, schema, value, issue));
    located.sort((a, b) => a.offset - b.offset);
    return { ...fail(located), kind };
  }
  const content = { kind, data: result.data } as ContentData;
  if (content.kind === 'flow') {
    // The flow's own invariants (references, reachability, legal order statuses, stock).
    const located = checkFlow(content.data).map((p) => ({
      ...locate(doc, p.path),
      path: p.path,
      code: p.code,
      params: p.params,
    }));
    if (located.length > 0) return { ...fail(located), kind };
  }
  const own =
    content.kind === 'market'
      ? checkMarket(content.data)
      : content.kind === 'quiz'
        ? checkQuestions(content.data.questions, (text) => text.zh)
        : content.kind === 'case'
          ? checkCase(content.data)
          : content.kind === 'lesson'
            ? checkLesson(content.data, text, doc)
            : [];
  if (own.length > 0) {
    const located = own.map((p) => ({ ...locate(doc, p.path), ...p }));
    located.sort((a, b) => a.offset - b.offset);
    return { ...fail(located), kind };
  }
  return { file, kind, content, issues: [], warnings, source };
}

/**
 * A line of a lesson's text that starts a “想一想 / Think about it” question (a quote or a plain
 * paragraph, bold or not): such a question belongs in the part's `think:`, with its answer.
 */
const THINK_LINE = /^[ \t]*(?:>[ \t]*)?(?:\*\*)?(?:想一想|think about it)(?:\*\*)?[ \t]*[：:]/im;

/** A lesson's own rules: every “想一想 / Think about it” question comes with an answer. */
function checkLesson(
  lesson: Lesson,
  text: string,
  doc: Document.Parsed,
): {
  path: PropertyKey[];
  code: IssueCode;
  params: Record<string, string | number>;
  offset: number;
}[] {
  return lesson.parts.flatMap((part, i) =>
    (['zh', 'en'] as const).flatMap((lang) => {
      const found = THINK_LINE.exec(part.body[lang]);
      if (!found) return [];
      const path = ['parts', i, 'body', lang];
      // The question's own line in the file (inside the block of text), else the text's start.
      const start = locate(doc, path).offset;
      const at = text.indexOf(found[0].trim(), start);
      return [{ path, code: 'thinkInBody', params: {}, offset: at >= 0 ? at : start }];
    }),
  );
}

/** A market scenario's own rules: events inside the run, cost below price. */
function checkMarket(
  market: Market,
): { path: PropertyKey[]; code: IssueCode; params: Record<string, string | number> }[] {
  const out: { path: PropertyKey[]; code: IssueCode; params: Record<string, string | number> }[] =
    [];
  const sets: [PropertyKey[], NonNullable<Market['params']>][] = [
    [['params'], market.params ?? {}],
  ];
  market.compare?.forEach((c, i) =>
    sets.push([['compare', i, 'params'], { ...market.params, ...c.params }]),
  );
  for (const [base, params] of sets) {
    const days = params.days;
    params.events?.forEach((e, i) => {
      if (e.end < e.start)
        out.push({
          path: [...base, 'events', i, 'end'],
          code: 'endBeforeStart',
          params: { start: e.start, end: e.end },
        });
      if (days !== undefined && e.end >= days)
        out.push({
          path: [...base, 'events', i, 'end'],
          code: 'afterLastDay',
          params: { end: e.end, days },
        });
    });
    if (
      params.unitCost !== undefined &&
      params.basePrice !== undefined &&
      params.unitCost >= params.basePrice
    ) {
      out.push({
        path: [...base, 'unitCost'],
        code: 'costAbovePrice',
        params: { cost: params.unitCost, price: params.basePrice },
      });
    }
  }
  return out;
}

/** Where a path of a file is, for messages across files. */
function placeIn(file: string, text: string) {
  const parsed = parseYaml(text);
  return placer(file, parsed.doc ? { doc: parsed.doc, lines: parsed.lines } : undefined);
}

function placer(file: string, source: FileResult['source']) {
  return (path: PropertyKey[]) => {
    const node = source ? nodeAt(source.doc, path) : undefined;
    const pos = source?.lines.linePos(node?.range?.[0] ?? 0) ?? { line: 1, col: 1 };
    return { file, line: pos.line, col: pos.col, path: formatPath(path) };
  };
}

/**
 * Where a path of a checked file is (`file:line:col` and the path as shown in messages): from the
 * document kept in the result, parsing `text` again only when the result has none.
 */
export function placeOf(r: FileResult, text: string): ReturnType<typeof placer> {
  return r.source ? placer(r.file, r.source) : placeIn(r.file, text);
}

/**
 * Checks across files: ids unique across the chapter, section order unique, a lesson's id matches
 * its file name; a flow's id and order unique among flows, its `lesson` and `sub` references exist.
 */
export function checkCorpus(results: FileResult[], texts: Map<string, string>): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const seenIds = new Map<string, string>();
  const seenOrder = new Map<string, string>();
  const lessonTargets = new Set<string>();
  const pointIds = new Set<string>();
  const flowIds = new Set<string>();
  const at = (w: { file: string; line: number; col: number }) => `${w.file}:${w.line}:${w.col}`;

  const claimOrder = (
    kind: string,
    order: number,
    where: ReturnType<ReturnType<typeof placeIn>>,
  ) => {
    const before = seenOrder.get(`${kind}|${order}`);
    if (before) issues.push({ ...where, code: 'orderTaken', params: { order, where: before } });
    else seenOrder.set(`${kind}|${order}`, at(where));
  };

  for (const r of results) {
    if (r.content?.kind !== 'lesson') continue;
    const lesson = r.content.data;
    const where = placeOf(r, texts.get(r.file) ?? '');
    const base = r.file.split(/[\\/]/).pop() ?? r.file;
    const expected = base.replace(/^\d+-/, '').replace(/\.ya?ml$/, '');
    if (expected !== lesson.id) {
      issues.push({ ...where(['id']), code: 'idMismatch', params: { id: lesson.id, expected } });
    }
    const claim = (id: string, path: PropertyKey[]) => {
      const here = where(path);
      const before = seenIds.get(id);
      if (before) issues.push({ ...here, code: 'duplicateId', params: { id, where: before } });
      else seenIds.set(id, at(here));
    };
    claimOrder('lesson', lesson.order, where(['order']));
    claim(lesson.id, ['id']);
    lessonTargets.add(lesson.id);
    lesson.parts.forEach((part, i) => {
      claim(part.id, ['parts', i, 'id']);
      lessonTargets.add(`${lesson.id}/${part.id}`);
      part.points.forEach((point, j) => {
        claim(point.id, ['parts', i, 'points', j, 'id']);
        pointIds.add(point.id);
      });
    });
  }

  const flows = results.filter((r) => r.content?.kind === 'flow');
  for (const r of flows) if (r.content?.kind === 'flow') flowIds.add(r.content.data.id);
  const known: KnownContent = { lessonTargets, pointIds, flowIds };
  for (const r of results)
    if (r.content?.kind === 'market')
      issues.push(...checkReferences(r, texts.get(r.file) ?? '', known));
  const seenFlows = new Map<string, string>();
  for (const r of flows) {
    if (r.content?.kind !== 'flow') continue;
    const flow = r.content.data;
    const where = placeOf(r, texts.get(r.file) ?? '');
    const before = seenFlows.get(flow.id);
    if (before)
      issues.push({
        ...where(['id']),
        code: 'duplicateId',
        params: { id: flow.id, where: before },
      });
    else seenFlows.set(flow.id, at(where(['id'])));
    claimOrder('flow', flow.order, where(['order']));
    issues.push(...checkReferences(r, texts.get(r.file) ?? '', known));
  }
  checkPractice(results, texts, { ...known, claimOrder }, issues);
  return issues;
}

/** Question sets and cases: ids unique among them, lesson and chapter-point references exist. */
function checkPractice(
  results: FileResult[],
  texts: Map<string, string>,
  known: KnownContent & {
    claimOrder: (
      kind: string,
      order: number,
      where: ReturnType<ReturnType<typeof placeIn>>,
    ) => void;
  },
  issues: ContentIssue[],
): void {
  const seen = new Map<string, string>();
  for (const r of results) {
    const c = r.content;
    if (c?.kind !== 'quiz' && c?.kind !== 'case') continue;
    const where = placeOf(r, texts.get(r.file) ?? '');
    const here = where(['id']);
    const before = seen.get(c.data.id);
    if (before)
      issues.push({ ...here, code: 'duplicateId', params: { id: c.data.id, where: before } });
    else seen.set(c.data.id, `${here.file}:${here.line}:${here.col}`);
    known.claimOrder('practice', c.data.order, where(['order']));
    issues.push(...checkReferences(r, texts.get(r.file) ?? '', known));
  }
}

/** What a file may refer to: lesson sections and parts, chapter points, flows. */
export interface KnownContent {
  lessonTargets: ReadonlySet<string>;
  pointIds: ReadonlySet<string>;
  flowIds: ReadonlySet<string>;
}

/**
 * A valid file's references to other content: lessons, chapter points, flows it drills into.
 * Used across the corpus at build time, and in the browser against the built-in content.
 */
export function checkReferences(r: FileResult, text: string, known: KnownContent): ContentIssue[] {
  const c = r.content;
  if (!c) return [];
  const issues: ContentIssue[] = [];
  const where = placeOf(r, text);
  const lessonsKnown = known.lessonTargets.size > 0;
  const lesson = (ref: string | undefined, path: PropertyKey[]) => {
    if (ref !== undefined && lessonsKnown && !known.lessonTargets.has(ref))
      issues.push({ ...where(path), code: 'unknownLesson', params: { id: ref } });
  };
  const tags = (points: readonly string[], path: PropertyKey[]) =>
    points.forEach((id, k) => {
      if (known.pointIds.size > 0 && !known.pointIds.has(id)) {
        const suggestion = closest(id, [...known.pointIds]);
        issues.push({
          ...where([...path, k]),
          code: suggestion ? 'unknownPointHint' : 'unknownPoint',
          params: suggestion ? { id, suggestion } : { id },
        });
      }
    });
  if (c.kind === 'flow') {
    lesson(c.data.lesson, ['lesson']);
    c.data.steps.forEach((step, i) => {
      if (step.sub !== undefined && !known.flowIds.has(step.sub))
        issues.push({
          ...where(['steps', i, 'sub']),
          code: 'unknownFlow',
          params: { id: step.sub },
        });
    });
  } else if (c.kind === 'market') {
    lesson(c.data.lesson, ['lesson']);
  } else if (c.kind === 'quiz') {
    lesson(c.data.lesson, ['lesson']);
    c.data.questions.forEach((q, i) => {
      lesson(q.lesson, ['questions', i, 'lesson']);
      tags(q.points, ['questions', i, 'points']);
    });
  } else if (c.kind === 'case') {
    lesson(c.data.lesson, ['lesson']);
    tags(c.data.points, ['points']);
  }
  return issues;
}
