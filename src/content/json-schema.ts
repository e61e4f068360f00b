/** JSON Schema text for each content folder, generated from the zod schemas. */
import * as z from 'zod';
import { Case, Flow, Lesson, Market, Quiz } from './schema.ts';

/**
 * In a teacher's scenario a bilingual text may come in one language for now (the checker fills
 * the other and warns), so an editor should not flag it as an error either.
 */
function oneLanguageAllowed(ctx: { jsonSchema: Record<string, unknown> }): void {
  const j = ctx.jsonSchema;
  const props = j.properties as Record<string, unknown> | undefined;
  if (props && Object.keys(props).sort().join() === 'en,zh') {
    delete j.required;
    j.minProperties = 1;
  }
}

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
    { target: 'draft-2020-12', override: oneLanguageAllowed },
  );
  return {
    'lessons/schema.json': `${JSON.stringify(lessons, null, 2)}\n`,
    'scenarios/schema.json': `${JSON.stringify(scenarios, null, 2)}\n`,
  };
}
