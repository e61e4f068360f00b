/**
 * The flow player's state machine. A state is the path of steps taken from the start; the order's
 * record is recomputed from that path, so stepping back restores exactly the earlier record.
 */
import type { FlowDef, FlowRecord, OrderStatus, StepDef } from './types.ts';

export interface FlowState {
  /** Step ids from the start to the current step (inclusive). */
  readonly path: readonly string[];
}

export function stepOf<T>(def: FlowDef<T>, id: string): StepDef<T> {
  const step = def.steps.find((s) => s.id === id);
  if (!step) throw new RangeError(`flow ${def.id} has no step ${id}`);
  return step;
}

/** The ids a step can lead to: its choices, or its next step, or nothing (an ending). */
export function successors<T>(step: StepDef<T>): string[] {
  if (step.choices && step.choices.length > 0) return step.choices.map((c) => c.next);
  return step.next ? [step.next] : [];
}

/**
 * An ending: a step with an outcome. An ending may still offer choices ("what if the buyer then
 * asks for a return?"), which continue past it; a step with nowhere to go must be an ending.
 */
export function isEnding<T>(step: StepDef<T>): boolean {
  return step.outcome !== undefined || successors(step).length === 0;
}

export function start<T>(def: FlowDef<T>): FlowState {
  const first = def.steps[0];
  if (!first) throw new RangeError(`flow ${def.id} has no steps`);
  return { path: [first.id] };
}

export function current<T>(def: FlowDef<T>, state: FlowState): StepDef<T> {
  return stepOf(def, state.path[state.path.length - 1]!);
}

/** Move on; at a decision point `choice` picks the branch (0, the usual path, by default). */
export function next<T>(def: FlowDef<T>, state: FlowState, choice = 0): FlowState {
  const options = successors(current(def, state));
  const target = options[choice];
  if (target === undefined) return state;
  return { path: [...state.path, target] };
}

export function back(state: FlowState): FlowState {
  return state.path.length > 1 ? { path: state.path.slice(0, -1) } : state;
}

/** The shortest path from the start to a step (for links to a step), or null if unreachable. */
export function pathTo<T>(def: FlowDef<T>, target: string): FlowState | null {
  const first = def.steps[0];
  if (!first) return null;
  const previous = new Map<string, string | null>([[first.id, null]]);
  const queue = [first.id];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (id === target) {
      const path: string[] = [];
      for (let at: string | null = id; at !== null; at = previous.get(at) ?? null) path.unshift(at);
      return { path };
    }
    const step = def.steps.find((s) => s.id === id);
    for (const succ of step ? successors(step) : []) {
      if (!previous.has(succ)) {
        previous.set(succ, id);
        queue.push(succ);
      }
    }
  }
  return null;
}

/** The usual path from a state onward: always the first choice, until an ending (or a loop). */
export function continuation<T>(def: FlowDef<T>, state: FlowState): string[] {
  const seen = new Set(state.path);
  const out: string[] = [];
  let step = current(def, state);
  for (;;) {
    if (isEnding(step)) return out;
    const succ = successors(step)[0];
    if (succ === undefined || seen.has(succ)) return out;
    seen.add(succ);
    out.push(succ);
    step = stepOf(def, succ);
  }
}

/** The usual path through the whole flow, from the start to its ending. */
export function mainPath<T>(def: FlowDef<T>): string[] {
  const s = start(def);
  return [...s.path, ...continuation(def, s)];
}

/** The statuses an `order` effect passes through, in turn. */
export function orderSteps(
  order: OrderStatus | readonly OrderStatus[] | undefined,
): readonly OrderStatus[] {
  if (order === undefined) return [];
  return typeof order === 'string' ? [order] : order;
}

/** The order's record after the steps of a path, from the flow's initial record. */
export function recordAt<T>(def: FlowDef<T>, state: FlowState): FlowRecord<T> {
  const record: FlowRecord<T> = {
    order: def.initial.order,
    orderTrail: [def.initial.order],
    payment: {
      amount: def.initial.amount,
      method: def.initial.payment?.method ?? null,
      status: def.initial.payment?.status ?? 'none',
    },
    stock: def.initial.stock,
    tracking: [],
  };
  for (const id of state.path) {
    const effects = stepOf(def, id).effects;
    if (!effects) continue;
    for (const status of orderSteps(effects.order)) {
      if (status !== record.order) {
        record.order = status;
        record.orderTrail = [...record.orderTrail, status];
      }
    }
    if (effects.payment) {
      const p = effects.payment;
      record.payment = {
        amount: p.amount ?? record.payment.amount,
        method: p.method === undefined ? record.payment.method : p.method,
        status: p.status ?? record.payment.status,
      };
    }
    if (effects.stock) record.stock += effects.stock;
    if (effects.track) record.tracking = [...record.tracking, { step: id, text: effects.track }];
  }
  return record;
}
