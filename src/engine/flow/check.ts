/**
 * Invariants of a flow, checked when it is loaded (and by `npm run validate`): every reference
 * resolves, every step is reachable, an ending is reachable from every step, order statuses only
 * move along legal transitions, stock never goes below zero, predictions have their answer among
 * the options, and an ending's outcome fits the order it leaves: an order refunded (a lawful
 * return, a refused parcel) ends `reversed`, never `failure`, and only such an order does.
 * Problems carry the path of the offending field, so the loader can point at file:line:col.
 */
import { ORDER_TRANSITIONS, type FlowDef, type OrderStatus } from './types.ts';
import { orderSteps, successors } from './machine.ts';

export interface FlowProblem {
  path: (string | number)[];
  code:
    | 'unknownRole'
    | 'unknownStep'
    | 'unreachableStep'
    | 'noEnding'
    | 'illegalOrderStatus'
    | 'negativeStock'
    | 'answerOutOfRange'
    | 'endingWithoutOutcome'
    | 'duplicateStep'
    | 'duplicateRole'
    | 'refundNotReversed'
    | 'reversedWithoutRefund';
  params: Record<string, string | number>;
}

/** A flow's own invariants; references to other flows are checked across files (checkCorpus). */
export function checkFlow<T>(def: FlowDef<T>): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const roles = new Set<string>();
  def.roles.forEach((role, i) => {
    if (roles.has(role.id))
      problems.push({ path: ['roles', i, 'id'], code: 'duplicateRole', params: { id: role.id } });
    roles.add(role.id);
  });
  const ids = new Map<string, number>();
  def.steps.forEach((step, i) => {
    if (ids.has(step.id))
      problems.push({ path: ['steps', i, 'id'], code: 'duplicateStep', params: { id: step.id } });
    else ids.set(step.id, i);
  });

  def.steps.forEach((step, i) => {
    for (const key of ['from', 'to'] as const) {
      if (!roles.has(step[key])) {
        problems.push({
          path: ['steps', i, key],
          code: 'unknownRole',
          params: { id: step[key], known: [...roles].join(', ') },
        });
      }
    }
    if (step.next !== undefined && !ids.has(step.next)) {
      problems.push({ path: ['steps', i, 'next'], code: 'unknownStep', params: { id: step.next } });
    }
    step.choices?.forEach((choice, j) => {
      if (!ids.has(choice.next)) {
        problems.push({
          path: ['steps', i, 'choices', j, 'next'],
          code: 'unknownStep',
          params: { id: choice.next },
        });
      }
    });
    if (step.predict && step.predict.answer >= step.predict.options.length) {
      problems.push({
        path: ['steps', i, 'predict', 'answer'],
        code: 'answerOutOfRange',
        params: { answer: step.predict.answer, count: step.predict.options.length },
      });
    }
    if (successors(step).length === 0 && step.outcome === undefined) {
      problems.push({
        path: ['steps', i, 'id'],
        code: 'endingWithoutOutcome',
        params: { id: step.id },
      });
    }
  });
  if (problems.some((p) => p.code === 'unknownStep' || p.code === 'duplicateStep')) return problems;

  const first = def.steps[0];
  if (!first) return problems;
  const byId = new Map(def.steps.map((s) => [s.id, s]));
  const succ = (id: string) => successors(byId.get(id)!);

  // Reachable from the start.
  const reached = new Set<string>([first.id]);
  const queue = [first.id];
  while (queue.length > 0) {
    for (const s of succ(queue.shift()!)) {
      if (!reached.has(s)) {
        reached.add(s);
        queue.push(s);
      }
    }
  }
  def.steps.forEach((step, i) => {
    if (!reached.has(step.id))
      problems.push({ path: ['steps', i, 'id'], code: 'unreachableStep', params: { id: step.id } });
  });

  // An ending reachable from every step: walk the reversed graph from the endings.
  const into = new Map<string, string[]>();
  for (const step of def.steps)
    for (const s of successors(step)) into.set(s, [...(into.get(s) ?? []), step.id]);
  const canEnd = new Set(def.steps.filter((s) => successors(s).length === 0).map((s) => s.id));
  const back = [...canEnd];
  while (back.length > 0) {
    for (const p of into.get(back.shift()!) ?? []) {
      if (!canEnd.has(p)) {
        canEnd.add(p);
        back.push(p);
      }
    }
  }
  def.steps.forEach((step, i) => {
    if (reached.has(step.id) && !canEnd.has(step.id)) {
      problems.push({ path: ['steps', i, 'id'], code: 'noEnding', params: { id: step.id } });
    }
  });

  // Order status and stock along every path: explore (step, status, stock) states.
  const seen = new Set<string>();
  const states: [string, OrderStatus, number][] = [
    [first.id, def.initial.order, def.initial.stock],
  ];
  const reported = new Set<string>();
  while (states.length > 0) {
    const [id, before, stockBefore] = states.pop()!;
    const key = `${id}|${before}|${stockBefore}`;
    if (seen.has(key) || seen.size > 10_000) continue;
    seen.add(key);
    const i = ids.get(id)!;
    const step = def.steps[i]!;
    let status = before;
    let legal = true;
    for (const after of orderSteps(step.effects?.order)) {
      if (after === status) continue;
      if (!ORDER_TRANSITIONS[status].includes(after)) {
        const tag = `order|${id}|${status}`;
        if (!reported.has(tag)) {
          reported.add(tag);
          problems.push({
            path: ['steps', i, 'effects', 'order'],
            code: 'illegalOrderStatus',
            params: {
              from: status,
              to: after,
              allowed: ORDER_TRANSITIONS[status].join(', ') || '—',
            },
          });
        }
        legal = false;
        break;
      }
      status = after;
    }
    if (!legal) continue;
    if (step.outcome !== undefined) {
      const refunded = status === 'refunded';
      const wrong = refunded
        ? step.outcome !== 'reversed'
          ? 'refundNotReversed'
          : null
        : step.outcome === 'reversed'
          ? 'reversedWithoutRefund'
          : null;
      const tag = `outcome|${id}`;
      if (wrong && !reported.has(tag)) {
        reported.add(tag);
        problems.push({
          path: ['steps', i, 'outcome'],
          code: wrong,
          params: { id, outcome: step.outcome, status },
        });
      }
    }
    const stock = stockBefore + (step.effects?.stock ?? 0);
    if (stock < 0) {
      const tag = `stock|${id}`;
      if (!reported.has(tag)) {
        reported.add(tag);
        problems.push({
          path: ['steps', i, 'effects', 'stock'],
          code: 'negativeStock',
          params: { stock },
        });
      }
      continue;
    }
    for (const s of succ(id)) states.push([s, status, stock]);
  }
  return problems;
}
