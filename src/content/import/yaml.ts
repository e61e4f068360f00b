import { stringify } from 'yaml';
import type { QuizData } from './types.ts';

export const SCHEMA_COMMENT = '# yaml-language-server: $schema=../schema.json';

const OPTIONS = {
  // Never anchors and aliases: the content loader refuses them.
  aliasDuplicateObjects: false,
  // Long lines stay on one line (no folding), as in the hand-written files.
  lineWidth: 0,
} as const;

/** A question-set file's text, ready to save in scenarios/quiz/. */
export function toYaml(quiz: QuizData): string {
  return `${SCHEMA_COMMENT}\n${stringify(quiz, OPTIONS)}`;
}

/** The YAML of `value`, as toYaml writes it. */
export function yamlOf(value: unknown): string {
  return stringify(value, OPTIONS);
}
