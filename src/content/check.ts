/**
 * Checking a scenario file in the browser, with the same rules and messages as the build and
 * `npm run validate`: the file's own schema and invariants, its references to the chapter (lesson
 * parts, chapter points, flows), and no clash with a built-in scenario's id.
 */
import {
  validateText,
  checkReferences,
  placeOf,
  type ContentIssue,
  type ContentData,
} from './validate.ts';
import { LESSONS } from './catalog/lessons.ts';
import { FLOWS } from './catalog/flows.ts';
import { SCENARIOS } from './catalog/market.ts';
import { POINTS, PRACTICE } from './catalog/practice.ts';
import type { ScenarioKind } from './kept.ts';

const known = {
  lessonTargets: new Set(LESSONS.flatMap((l) => [l.id, ...l.parts.map((p) => `${l.id}/${p.id}`)])),
  pointIds: new Set(POINTS.keys()),
  flowIds: new Set(FLOWS.map((f) => f.id)),
};

const builtIn: Record<ScenarioKind, ReadonlySet<string>> = {
  flow: new Set(FLOWS.map((f) => f.id)),
  market: new Set(SCENARIOS.map((s) => s.id)),
  quiz: new Set(PRACTICE.map((p) => p.id)),
  case: new Set(PRACTICE.map((p) => p.id)),
};

export type Scenario = Exclude<ContentData, { kind: 'lesson' }>;

export interface Checked {
  scenario: Scenario | null;
  issues: ContentIssue[];
  /** A usable file's gaps, e.g. a text in one language only. */
  warnings: ContentIssue[];
}

/** Check a scenario file's text; `name` is the file name or URL shown in messages. */
export function checkScenario(name: string, text: string): Checked {
  const result = validateText(name, text);
  const warnings = result.warnings;
  if (!result.content) return { scenario: null, issues: result.issues, warnings };
  const c = result.content;
  // Placed from the parsed document: a quoted key or a flow mapping is found where it is.
  const where = placeOf(result, text);
  const at = (issue: Omit<ContentIssue, 'file' | 'line' | 'col' | 'path'>, path: 'id' | 'kind') =>
    ({ ...where([path]), ...issue }) satisfies ContentIssue;
  if (c.kind === 'lesson')
    return {
      scenario: null,
      issues: [at({ code: 'lessonNotScenario', params: {} }, 'kind')],
      warnings,
    };
  const issues = checkReferences(result, text, known);
  if (builtIn[c.kind].has(c.data.id))
    issues.push(at({ code: 'builtInId', params: { id: c.data.id } }, 'id'));
  return issues.length > 0
    ? { scenario: null, issues, warnings }
    : { scenario: c, issues, warnings };
}
