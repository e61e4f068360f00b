/**
 * Changes to the saved progress made by the flows: pure functions of a flow's result, applied
 * through the progress store's one writer (recordFlow). Loaded with the flows page only.
 */
import type { FlowResult } from './shape.ts';

/**
 * The result of the step-ordering check. A best score from a version of the flow with another
 * number of steps is not comparable: the new version starts its own best.
 */
export function recordOrdering(
  old: FlowResult,
  result: { score: number; total: number },
  at: string,
): FlowResult {
  const { score, total } = result;
  const previous = old.ordering?.total === total ? old.ordering.best : 0;
  return { ...old, ordering: { best: Math.max(previous, score), last: score, total, at } };
}
