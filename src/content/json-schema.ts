/** JSON Schema text for each content folder, generated from the zod schemas. */
import * as z from 'zod';
import { Case, Flow, Lesson, Market, Quiz } from './schema.ts';

export function jsonSchemaFiles(): Record<string, string> {
  const lessons = z.toJSONSchema(
    z.union([Lesson, Flow]).meta({
      title: 'Lesson or flow',
      description:
        'A file in lessons/: a lesson section, or (kind: flow) a flow. See lessons/README.md.',
    }),
    { target: 'draft-2020-12' },
  );
  const scenarios = z.toJSONSchema(
    z.union([Market, Quiz, Case]).meta({
      title: 'Scenario',
      description: 'A scenario file in scenarios/ (see scenarios/README.md).',
    }),
    { target: 'draft-2020-12' },
  );
  return {
    'lessons/schema.json': `${JSON.stringify(lessons, null, 2)}\n`,
    'scenarios/schema.json': `${JSON.stringify(scenarios, null, 2)}\n`,
  };
}
