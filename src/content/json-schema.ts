/** JSON Schema text for each content folder, generated from the zod schemas. */
import * as z from 'zod';
import { Lesson } from './schema.ts';

export function jsonSchemaFiles(): Record<string, string> {
  const lesson = z.toJSONSchema(Lesson, { target: 'draft-2020-12' });
  return { 'lessons/schema.json': `${JSON.stringify(lesson, null, 2)}\n` };
}
