/**
 * The one source of truth for content files. From these zod schemas come the TypeScript types
 * (z.infer), the runtime validation (validate.ts) and the JSON Schema files written to the repo
 * (scripts/write-schema.ts; a unit test fails when they are stale).
 *
 * Objects are strict: an unknown key is an error (with a "did you mean" hint), never silently kept.
 */
import * as z from 'zod';

// Zod compiles fast paths with `new Function` unless told not to; the app runs under a CSP
// without 'unsafe-eval', so it must never try.
z.config({ jitless: true });

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const Id = z
  .string()
  .regex(ID_PATTERN)
  .max(64)
  .meta({ description: 'Lowercase letters, digits and hyphens, e.g. transaction-flow' });

const nonEmpty = (max: number) => z.string().trim().min(1).max(max);

/** A text in both languages. Chinese is the default; English is required too. */
export const Text = z
  .strictObject({
    zh: nonEmpty(400).meta({ description: '中文' }),
    en: nonEmpty(600).meta({ description: 'English' }),
  })
  .meta({ description: 'Bilingual text: { zh, en }' });

/** A longer bilingual text in Markdown (rendered through the sanitising renderer). */
export const Markdown = z
  .strictObject({
    zh: nonEmpty(20_000).meta({ description: '中文（Markdown）' }),
    en: nonEmpty(30_000).meta({ description: 'English (Markdown)' }),
  })
  .meta({ description: 'Bilingual Markdown: { zh, en }' });

export const Point = z
  .strictObject({
    id: Id,
    title: Text,
  })
  .meta({ description: 'A chapter point taught by this part; quizzes tag questions with its id.' });

export const Part = z.strictObject({
  id: Id,
  title: Text,
  body: Markdown,
  points: z.array(Point).min(1).max(20),
});

export const Lesson = z
  .strictObject({
    kind: z
      .literal('lesson')
      .optional()
      .meta({ description: 'Optional; files without a kind are lessons' }),
    id: Id,
    order: z.int().min(1).max(99),
    title: Text,
    summary: Text,
    objectives: z.array(Text).min(1).max(8),
    parts: z.array(Part).min(1).max(20),
  })
  .meta({
    title: 'Lesson section',
    description: 'One section of the chapter, in lessons/NN-id.yaml (see lessons/README.md).',
  });

export type BiText = z.infer<typeof Text>;
export type LessonPart = z.infer<typeof Part>;
export type LessonPoint = z.infer<typeof Point>;
export type Lesson = z.infer<typeof Lesson>;

/** Every kind of content file, by the name `npm run validate` reports. */
export const KINDS = {
  lesson: Lesson,
} as const;
export type Kind = keyof typeof KINDS;

/** What the lesson index (table of contents) needs, without the bodies. */
export interface LessonMeta {
  id: string;
  order: number;
  title: BiText;
  summary: BiText;
  parts: { id: string; title: BiText }[];
}

export function lessonMeta(lesson: Lesson): LessonMeta {
  return {
    id: lesson.id,
    order: lesson.order,
    title: lesson.title,
    summary: lesson.summary,
    parts: lesson.parts.map((p) => ({ id: p.id, title: p.title })),
  };
}
