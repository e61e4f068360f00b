/**
 * From the questions a parser found (drafts) to a question set: the schema's limits, ids,
 * chapter-point tags, generated explanations, and the notes on what was left out or generated.
 * Shared by the GIFT and Aiken importers.
 */
import { MAX_FILE_BYTES } from '../yaml.ts';
import type { BiText } from '../schema.ts';
import { byteLength, clip, isId, oneLine, overBytes, slugify, tooLong } from './text.ts';
import {
  LIMITS,
  type ImportNote,
  type ImportOptions,
  type ImportResult,
  type NoteCode,
  type QuestionData,
  type QuizData,
} from './types.ts';
import { toYaml, yamlOf } from './yaml.ts';

export interface DraftOption {
  text: string;
  correct: boolean;
  feedback?: string;
}

interface DraftBase {
  /** 1-based line of the question's start. */
  line: number;
  /** The question's name in the source, for its id. */
  name?: string;
  prompt: string;
  /** General feedback: becomes `explain`. */
  general?: string;
  /** Tags from a `// points:` comment, and what could not be used. */
  tags?: { tags: string[]; bad: string[] };
  /** The text was HTML, reduced to plain text. */
  html?: boolean;
  /** Matching: answers with no item (Moodle's extra wrong matches), left out. */
  dropped?: number;
}

/** What a question asks, by type. */
export type DraftBody =
  | { type: 'single' | 'multiple'; options: DraftOption[] }
  | { type: 'truefalse'; answer: boolean; rightFeedback?: string; wrongFeedback?: string }
  | { type: 'matching'; pairs: { item: string; match: string }[] };

export type Draft = DraftBase & DraftBody;

export type Skipped = { skip: ImportNote };
export type Parsed = { draft: Draft } | Skipped;
/** A question found in the file, read only when needed (not past the 60th converted one). */
export interface Entry {
  line: number;
  read: () => Parsed;
}

export type SourceFormat = 'GIFT' | 'Aiken';

const note = (line: number, code: NoteCode, params: ImportNote['params'] = {}): ImportNote => ({
  line,
  code,
  params,
});

const GENERATED = {
  why: { zh: '这个选项不对。', en: 'This option is not right.' },
  one: { zh: (t: string) => `正确答案：${t}`, en: (t: string) => `The right answer: ${t}` },
  many: {
    zh: (t: string[]) => `正确答案：${t.join('；')}`,
    en: (t: string[]) => `The right answers: ${t.join('; ')}`,
  },
  truefalse: {
    zh: (v: boolean) => (v ? '这个说法是正确的。' : '这个说法是错误的。'),
    en: (v: boolean) => (v ? 'The statement is true.' : 'The statement is false.'),
  },
  matching: {
    zh: (p: { item: string; match: string }[]) =>
      `正确配对：${p.map((x) => `${x.item} → ${x.match}`).join('；')}`,
    en: (p: { item: string; match: string }[]) =>
      `The right matches: ${p.map((x) => `${x.item} → ${x.match}`).join('; ')}`,
  },
  title: { zh: '导入的题目', en: 'Imported questions' },
  summary: {
    zh: (n: number, f: SourceFormat) => `从 ${f} 文件导入的 ${n} 道题。`,
    en: (n: number, f: SourceFormat) =>
      `${n} ${n === 1 ? 'question' : 'questions'} imported from ${f === 'Aiken' ? 'an' : 'a'} ${f} file.`,
  },
};

/** The same text in both languages (the bank is in one; a teacher translates later). */
const both = (text: string): BiText => ({ zh: text, en: text });

/** Why a draft cannot become a valid question, if it cannot. */
function problem(d: Draft): ImportNote | null {
  const at = (code: NoteCode, params: ImportNote['params'] = {}) => note(d.line, code, params);
  const long = (text: string | undefined, max: number, field: string) =>
    text !== undefined && tooLong(text, max)
      ? at('tooLong', { field, length: text.length, max })
      : null;
  if (d.prompt === '') return at('emptyText', { field: 'prompt' });
  const checks: (ImportNote | null)[] = [long(d.prompt, LIMITS.markdown, 'prompt')];
  checks.push(long(d.general, LIMITS.longText, 'feedback'));
  if (d.type === 'single' || d.type === 'multiple') {
    const count = d.options.length;
    if (count < LIMITS.options.min) return at('tooFewOptions', { count, min: LIMITS.options.min });
    if (count > LIMITS.options.max) return at('tooManyOptions', { count, max: LIMITS.options.max });
    if (d.options.some((o) => o.text === '')) return at('emptyText', { field: 'option' });
    const seen = new Set<string>();
    for (const o of d.options) {
      if (seen.has(o.text)) return at('duplicateOption', { text: clip(o.text, 80) });
      seen.add(o.text);
    }
    const right = d.options.filter((o) => o.correct).length;
    if (right === 0) return at('noRightAnswer');
    if (d.type === 'single' && right > 1) return at('severalRightAnswers', { count: right });
    for (const o of d.options) {
      checks.push(
        long(o.text, LIMITS.text, 'option'),
        long(o.feedback, LIMITS.longText, 'feedback'),
      );
    }
  } else if (d.type === 'truefalse') {
    checks.push(long(d.rightFeedback, LIMITS.longText, 'feedback'));
    checks.push(long(d.wrongFeedback, LIMITS.longText, 'feedback'));
  } else if (d.type === 'matching') {
    const matches = new Set(d.pairs.map((p) => p.match));
    if (d.pairs.length < LIMITS.pairs.min || matches.size < 2)
      return at('matchingTooFew', { count: matches.size });
    if (d.pairs.length > LIMITS.pairs.max)
      return at('tooManyPairs', { count: d.pairs.length, max: LIMITS.pairs.max });
    if (d.pairs.some((p) => p.item === '' || p.match === ''))
      return at('emptyText', { field: 'pair' });
    const seen = new Set<string>();
    for (const p of d.pairs) {
      if (seen.has(p.item)) return at('duplicateItem', { text: clip(p.item, 80) });
      seen.add(p.item);
      checks.push(long(p.item, LIMITS.text, 'pair'), long(p.match, LIMITS.text, 'pair'));
    }
  }
  return checks.find((c) => c !== null) ?? null;
}

/** The explanation: general feedback, else the right answer's feedback, else generated. */
function explanation(d: Draft): { text: BiText; generated: boolean } {
  if (d.general) return { text: both(d.general), generated: false };
  if (d.type === 'truefalse') {
    if (d.rightFeedback) return { text: both(d.rightFeedback), generated: false };
    return {
      text: { zh: GENERATED.truefalse.zh(d.answer), en: GENERATED.truefalse.en(d.answer) },
      generated: true,
    };
  }
  if (d.type === 'matching') {
    return {
      text: { zh: GENERATED.matching.zh(d.pairs), en: GENERATED.matching.en(d.pairs) },
      generated: true,
    };
  }
  const right = d.options.filter((o) => o.correct);
  const feedback = right.map((o) => o.feedback ?? '');
  if (feedback.every((f) => f !== '')) return { text: both(feedback.join(' ')), generated: false };
  const texts = right.map((o) => o.text);
  return d.type === 'single' || texts.length === 1
    ? {
        text: { zh: GENERATED.one.zh(texts[0] ?? ''), en: GENERATED.one.en(texts[0] ?? '') },
        generated: true,
      }
    : { text: { zh: GENERATED.many.zh(texts), en: GENERATED.many.en(texts) }, generated: true };
}

function setTitle(options: ImportOptions, category: string | undefined): BiText {
  const given = oneLine(options.title);
  if (given !== '') return both(clip(given, LIMITS.text));
  if (category !== undefined && category !== '') return both(clip(category, LIMITS.text));
  return { ...GENERATED.title };
}

function setId(id: string): string {
  if (isId(id)) return id;
  return slugify(id) || 'imported-questions';
}

/** Ids taken so far, and the next free one for a name. */
function idMaker() {
  const taken = new Set<string>();
  const free = (base: string) => {
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) {
      const suffix = `-${n}`;
      const id = `${base.slice(0, LIMITS.id - suffix.length).replace(/-+$/, '')}${suffix}`;
      if (!taken.has(id)) return id;
    }
  };
  return (name: string | undefined, position: number) => {
    const slug = name === undefined ? '' : slugify(name);
    const id = free(slug !== '' ? slug : `q${position}`);
    taken.add(id);
    return id;
  };
}

const QUESTIONS_KEY = 'questions:\n';

/** Turn the parser's entries into the result. */
export function build(
  entries: Iterable<Entry>,
  options: ImportOptions,
  format: SourceFormat,
  category?: string,
): ImportResult {
  const skipped: ImportNote[] = [];
  const warnings: ImportNote[] = [];
  const questions: QuestionData[] = [];
  const defaults = (options.defaultPoints ?? []).filter(isId);
  const defaultTags = [...new Set(defaults)].slice(0, LIMITS.points);
  const defaulted: { id: string; line: number }[] = [];
  const nextId = idMaker();
  const extra = { count: 0, line: 0 };
  const lines: number[] = [];
  const removeWarnings = (id: string) => {
    for (let i = warnings.length - 1; i >= 0; i--)
      if (warnings[i]?.params.question === id) warnings.splice(i, 1);
    const at = defaulted.findIndex((x) => x.id === id);
    if (at >= 0) defaulted.splice(at, 1);
  };

  const quiz: QuizData = {
    kind: 'quiz',
    id: setId(options.id),
    order:
      options.order !== undefined && Number.isInteger(options.order)
        ? Math.min(99, Math.max(1, options.order))
        : 99,
    title: setTitle(options, category),
    summary: { zh: '', en: '' },
    questions,
  };
  const setSummary = (n: number) => {
    quiz.summary = { zh: GENERATED.summary.zh(n, format), en: GENERATED.summary.en(n, format) };
  };
  setSummary(LIMITS.questions);
  const budget = MAX_FILE_BYTES - byteLength(toYaml({ ...quiz, questions: [] })) - 64;
  let used = 0;

  for (const entry of entries) {
    if (questions.length >= LIMITS.questions) {
      if (extra.count === 0) extra.line = entry.line;
      extra.count++;
      continue;
    }
    const parsed = entry.read();
    if ('skip' in parsed) {
      skipped.push(parsed.skip);
      continue;
    }
    const d = parsed.draft;
    const bad = problem(d);
    if (bad) {
      skipped.push(bad);
      continue;
    }
    let points = d.tags?.tags ?? [];
    const fromDefault = points.length === 0;
    if (fromDefault) points = defaultTags;
    if (points.length === 0) {
      skipped.push(note(d.line, 'noPoints'));
      continue;
    }
    const explain = explanation(d);
    if (tooLong(explain.text.zh, LIMITS.longText)) {
      if (!explain.generated) {
        skipped.push(
          note(d.line, 'tooLong', {
            field: 'explain',
            length: explain.text.zh.length,
            max: LIMITS.longText,
          }),
        );
        continue;
      }
      explain.text = {
        zh: clip(explain.text.zh, LIMITS.longText),
        en: clip(explain.text.en, LIMITS.longText),
      };
    }

    const id = nextId(d.name, questions.length + 1);
    const q: QuestionData = {
      id,
      type: d.type,
      points: points.slice(),
      prompt: both(d.prompt),
      explain: explain.text,
    };
    let generatedWhy = 0;
    if (d.type === 'single' || d.type === 'multiple') {
      q.options = d.options.map((o) => {
        const option: NonNullable<QuestionData['options']>[number] = { text: both(o.text) };
        if (o.correct) option.correct = true;
        if (o.feedback) option.why = both(o.feedback);
        else if (!o.correct) {
          option.why = { ...GENERATED.why };
          generatedWhy++;
        }
        return option;
      });
    } else if (d.type === 'truefalse') {
      q.answer = d.answer;
      if (d.wrongFeedback) q.misconception = both(d.wrongFeedback);
    } else if (d.type === 'matching') {
      q.pairs = d.pairs.map((p) => ({ item: both(p.item), match: both(p.match) }));
    }

    const size = byteLength(yamlOf({ questions: [q] })) - QUESTIONS_KEY.length;
    if (used + size > budget) {
      skipped.push(note(d.line, 'outputTooLarge', { max: Math.floor(MAX_FILE_BYTES / 1024) }));
      continue;
    }
    used += size;
    questions.push(q);
    lines.push(d.line);

    const w = (code: NoteCode, params: ImportNote['params'] = {}) =>
      warnings.push(note(d.line, code, { question: id, ...params }));
    if (fromDefault) defaulted.push({ id, line: d.line });
    if (d.tags && d.tags.bad.length > 0) w('badPoints', { points: d.tags.bad.join(', ') });
    if (d.html) w('htmlStripped');
    if (d.dropped) w('distractorDropped', { count: d.dropped });
    if (explain.generated) w('generatedExplain');
    if (generatedWhy > 0) w('generatedWhy', { count: generatedWhy });
  }

  if (extra.count > 0) {
    skipped.push(
      note(extra.line, 'tooManyQuestions', { count: extra.count, max: LIMITS.questions }),
    );
  }
  setSummary(questions.length);
  // The estimate above is per question; make sure of the whole file too.
  while (questions.length > 0 && overBytes(toYaml(quiz), MAX_FILE_BYTES)) {
    const last = questions.pop();
    const line = lines.pop() ?? 0;
    skipped.push(note(line, 'outputTooLarge', { max: Math.floor(MAX_FILE_BYTES / 1024) }));
    if (last) removeWarnings(last.id);
    setSummary(questions.length);
  }
  if (questions.length > 0) {
    warnings.push(note(0, 'oneLanguage', { lang: options.lang === 'zh' ? 'zh' : 'en' }));
  }
  if (defaulted.length > 0) {
    warnings.push(
      note(defaulted[0]?.line ?? 0, 'defaultPoints', {
        points: defaultTags.join(', '),
        questions: defaulted.map((x) => x.id).join(', '),
        count: defaulted.length,
      }),
    );
  }
  if (questions.length === 0 && skipped.length === 0) skipped.push(note(0, 'noQuestions'));
  skipped.sort((a, b) => a.line - b.line);
  warnings.sort((a, b) => a.line - b.line);
  return { quiz, converted: questions.length, skipped, warnings };
}
