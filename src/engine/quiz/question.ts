/**
 * Questions: their invariants (checked at load), the seeded order a student sees, and grading.
 * Texts are opaque here (any T); the view picks the language.
 */
import { createRandom } from '../random.ts';
import { scoreOrdering } from './ordering.ts';

export type QuestionType = 'single' | 'multiple' | 'truefalse' | 'ordering' | 'matching';

export interface QuestionDef<T> {
  id: string;
  type: QuestionType;
  points: readonly string[];
  options?: readonly { text: T; correct?: boolean; why?: T }[];
  answer?: boolean;
  items?: readonly T[];
  pairs?: readonly { item: T; match: T }[];
  misconception?: T;
}

/** What a student answers: option indexes (in the file's order), true/false, item indexes, match indexes. */
export type Response =
  | { type: 'single'; choice: number }
  | { type: 'multiple'; choices: readonly number[] }
  | { type: 'truefalse'; value: boolean | null }
  | { type: 'ordering'; order: readonly number[] }
  | { type: 'matching'; matches: readonly (number | null)[] };

export interface Grade {
  correct: boolean;
  /** Per part: options chosen or missed (single/multiple), positions (ordering), items (matching). */
  parts: boolean[];
  /** Parts right, of total (1 of 1 for single and true/false). */
  score: number;
  total: number;
}

export interface QuestionProblem {
  path: (string | number)[];
  code:
    | 'fieldNotForType'
    | 'fieldForType'
    | 'singleNeedsOneCorrect'
    | 'multipleNeedsCorrect'
    | 'optionNeedsWhy'
    | 'duplicateQuestion'
    | 'matchingNeedsChoice'
    | 'duplicateItem';
  params: Record<string, string | number>;
}

const FIELDS: Record<QuestionType, readonly ('options' | 'answer' | 'items' | 'pairs')[]> = {
  single: ['options'],
  multiple: ['options'],
  truefalse: ['answer'],
  ordering: ['items'],
  matching: ['pairs'],
};

/** The invariants of a list of questions; `key` gives a text's identity (e.g. its Chinese). */
export function checkQuestions<T>(
  questions: readonly QuestionDef<T>[],
  key: (text: T) => string,
): QuestionProblem[] {
  const problems: QuestionProblem[] = [];
  const seen = new Set<string>();
  questions.forEach((q, i) => {
    const at = (...rest: (string | number)[]) => ['questions', i, ...rest];
    if (seen.has(q.id))
      problems.push({ path: at('id'), code: 'duplicateQuestion', params: { id: q.id } });
    seen.add(q.id);
    const needs = FIELDS[q.type];
    for (const field of ['options', 'answer', 'items', 'pairs'] as const) {
      const has = q[field] !== undefined;
      if (needs.includes(field) && !has)
        problems.push({ path: at(), code: 'fieldForType', params: { key: field, type: q.type } });
      if (!needs.includes(field) && has)
        problems.push({
          path: at(field),
          code: 'fieldNotForType',
          params: { key: field, type: q.type },
        });
    }
    if (q.misconception !== undefined && (q.type === 'single' || q.type === 'multiple'))
      problems.push({
        path: at('misconception'),
        code: 'fieldNotForType',
        params: { key: 'misconception', type: q.type },
      });
    if ((q.type === 'single' || q.type === 'multiple') && q.options) {
      const right = q.options.filter((o) => o.correct === true).length;
      if (q.type === 'single' && right !== 1)
        problems.push({
          path: at('options'),
          code: 'singleNeedsOneCorrect',
          params: { count: right },
        });
      if (q.type === 'multiple' && right < 1)
        problems.push({ path: at('options'), code: 'multipleNeedsCorrect', params: {} });
      q.options.forEach((o, j) => {
        if (o.correct !== true && o.why === undefined)
          problems.push({ path: at('options', j), code: 'optionNeedsWhy', params: {} });
      });
      problems.push(
        ...duplicates(
          q.options.map((o) => key(o.text)),
          (j) => at('options', j, 'text'),
        ),
      );
    }
    if (q.type === 'ordering' && q.items) {
      problems.push(...duplicates(q.items.map(key), (j) => at('items', j)));
    }
    if (q.type === 'matching' && q.pairs) {
      const matches = new Set(q.pairs.map((p) => key(p.match)));
      if (matches.size < 2)
        problems.push({ path: at('pairs'), code: 'matchingNeedsChoice', params: {} });
      problems.push(
        ...duplicates(
          q.pairs.map((p) => key(p.item)),
          (j) => at('pairs', j, 'item'),
        ),
      );
    }
  });
  return problems;
}

function duplicates(
  keys: readonly string[],
  path: (index: number) => (string | number)[],
): QuestionProblem[] {
  const seen = new Set<string>();
  const out: QuestionProblem[] = [];
  keys.forEach((k, j) => {
    if (seen.has(k)) out.push({ path: path(j), code: 'duplicateItem', params: { text: k } });
    seen.add(k);
  });
  return out;
}

/** The distinct matches of a matching question, in first-appearance order, as indexes of pairs. */
export function matchChoices<T>(q: QuestionDef<T>, key: (text: T) => string): number[] {
  const seen = new Map<string, number>();
  q.pairs?.forEach((p, i) => {
    if (!seen.has(key(p.match))) seen.set(key(p.match), i);
  });
  return [...seen.values()];
}

/**
 * The order in which a student sees a question's options, items, or matches: seeded by the
 * student's seed and the question, so it is stable for a student and differs between students.
 * Returns indexes into the file's list.
 */
export function presentation<T>(
  q: QuestionDef<T>,
  seed: string,
  key: (text: T) => string,
): number[] {
  const random = createRandom(`${seed}|${q.id}`);
  switch (q.type) {
    case 'single':
    case 'multiple':
      return random.shuffle((q.options ?? []).map((_, i) => i));
    case 'ordering': {
      const n = q.items?.length ?? 0;
      const solved = Array.from({ length: n }, (_, i) => i);
      for (let attempt = 0; attempt < 20; attempt++) {
        const order = random.shuffle(solved);
        if (order.some((v, i) => v !== i)) return order;
      }
      return [...solved.slice(1), 0];
    }
    case 'matching':
      return random.shuffle(matchChoices(q, key));
    case 'truefalse':
      return [];
  }
}

/** Grade a response. Matching compares matches by their text key, so shared matches count. */
export function grade<T>(q: QuestionDef<T>, r: Response, key: (text: T) => string): Grade {
  const one = (ok: boolean): Grade => ({ correct: ok, parts: [ok], score: ok ? 1 : 0, total: 1 });
  if (q.type !== r.type) return one(false);
  switch (r.type) {
    case 'single':
      return one(q.options?.[r.choice]?.correct === true);
    case 'truefalse':
      return one(q.answer === r.value);
    case 'multiple': {
      const chosen = new Set(r.choices);
      const parts = (q.options ?? []).map((o, i) => (o.correct === true) === chosen.has(i));
      return summarize(parts);
    }
    case 'ordering': {
      const solution = (q.items ?? []).map((_, i) => i);
      return summarize(scoreOrdering(r.order, solution).correct, solution.length);
    }
    case 'matching': {
      const pairs = q.pairs ?? [];
      const parts = pairs.map((p, i) => {
        const m = r.matches[i];
        const chosen = m === null || m === undefined ? undefined : pairs[m];
        return chosen !== undefined && key(chosen.match) === key(p.match);
      });
      return summarize(parts);
    }
  }
}

function summarize(parts: boolean[], total = parts.length): Grade {
  const score = parts.filter(Boolean).length;
  return { correct: score === total && parts.length === total, parts, score, total };
}
