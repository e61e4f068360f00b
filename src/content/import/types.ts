/**
 * Importing question banks (Moodle GIFT, Aiken) into our question-set format. The importers are
 * pure functions of the text: no DOM, no Node APIs, no eval, so they run in the browser as well.
 */
import type { SubKey } from '../../i18n/keys.ts';
import type { Question, Quiz } from '../schema.ts';

/** The object form of a question-set file (scenarios/quiz/*.yaml). */
export type QuizData = Quiz;
export type QuestionData = Question;

/** A note's message: the `import.` strings but the line prefix and the words it fills in. */
export type NoteCode = Exclude<SubKey<'import.'>, `${string}.${string}` | 'atLine'>;

/**
 * What was not converted, or converted with a change the teacher should know about, and why.
 * `code` names a message under `import.` in the UI strings; `params` fill its placeholders.
 * `line` is the 1-based line where the question starts in the imported file, or 0 when the note
 * is about the file as a whole.
 */
export interface ImportNote {
  line: number;
  code: NoteCode;
  params: Record<string, string | number>;
}

export interface ImportResult {
  /**
   * The question set. With `converted` 0 it has no questions and is not a valid file: check
   * `converted` before offering to save it.
   */
  quiz: QuizData;
  /** How many questions were converted (= quiz.questions.length). */
  converted: number;
  /** Questions left out, each with the reason. */
  skipped: ImportNote[];
  /** Converted, but with something generated or dropped that the teacher should check. */
  warnings: ImportNote[];
}

export interface ImportOptions {
  /** The language of the imported bank; its text is copied into the other language too. */
  lang: 'zh' | 'en';
  /** The question set's id (made into a valid id if it is not one). */
  id: string;
  /** The question set's title; when empty, a GIFT `$CATEGORY` or a generic title is used. */
  title: string;
  /**
   * Chapter-point ids for questions without a `// points: …` comment (every Aiken question).
   * Without them such questions cannot be converted (the schema requires at least one tag).
   */
  defaultPoints?: readonly string[];
  /** The set's `order` (1–99); 99 by default, so it lists after the sets already there. */
  order?: number;
}

/** Limits of the question-set schema (src/content/schema.ts) and of the importer itself. */
export const LIMITS = {
  /** Bytes of input accepted. */
  input: 1024 * 1024,
  questions: 60,
  options: { min: 2, max: 8 },
  pairs: { min: 2, max: 8 },
  points: 6,
  /** Characters in Chinese, the smaller of the two limits (the text is copied into both). */
  text: 400,
  longText: 1000,
  markdown: 20_000,
  id: 64,
} as const;

/** Why a question was not converted (each has a message `import.<code>`). */
export const SKIP_CODES = [
  // the file
  'tooLarge',
  'noQuestions',
  // GIFT syntax and question types we do not convert
  'unclosedName',
  'braces',
  'badAnswer',
  'description',
  'essay',
  'numerical',
  'shortAnswer',
  'noRightAnswer',
  'severalRightAnswers',
  'partialCredit',
  // Aiken
  'noAnswer',
  'answerNotAnOption',
  'badLine',
  // the limits of our schema
  'matchingTooFew',
  'tooFewOptions',
  'tooManyOptions',
  'tooManyPairs',
  'emptyText',
  'duplicateOption',
  'duplicateItem',
  'tooLong',
  'noPoints',
  'tooManyQuestions',
  'outputTooLarge',
] as const;

/** What was generated or dropped in a converted question (each has a message `import.<code>`). */
export const WARNING_CODES = [
  'oneLanguage',
  'defaultPoints',
  'badPoints',
  'htmlStripped',
  'distractorDropped',
  'generatedExplain',
  'generatedWhy',
] as const;
