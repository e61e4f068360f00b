/**
 * Branching cases: a story of nodes; at each node the student takes one of the choices offered,
 * gains its score, reads its feedback and moves on, until an ending. Choices and branches may
 * depend on earlier choices and on the score so far. A state is the list of choices taken, so
 * going back is exact and every state can be rebuilt from it.
 */

export interface ConditionDef {
  chose?: string;
  notChose?: string;
  scoreAtLeast?: number;
  scoreBelow?: number;
}

export interface CaseChoiceDef<T> {
  id: string;
  label: T;
  feedback: T;
  score?: number;
  next: string;
  branch?: readonly { if: ConditionDef; next: string }[];
  if?: ConditionDef;
}

export interface CaseNodeDef<T> {
  id: string;
  text: T;
  choices?: readonly CaseChoiceDef<T>[];
  ending?: { result: 'good' | 'mixed' | 'bad'; title: T };
}

export interface CaseDef<T> {
  id: string;
  start: string;
  nodes: readonly CaseNodeDef<T>[];
}

export interface CaseState {
  /** The node the student is at. */
  node: string;
  /** Choice ids taken, in order. */
  taken: readonly string[];
  score: number;
}

export function startCase<T>(def: CaseDef<T>): CaseState {
  return { node: def.start, taken: [], score: 0 };
}

export function holds(cond: ConditionDef | undefined, state: CaseState): boolean {
  if (!cond) return true;
  if (cond.chose !== undefined && !state.taken.includes(cond.chose)) return false;
  if (cond.notChose !== undefined && state.taken.includes(cond.notChose)) return false;
  if (cond.scoreAtLeast !== undefined && state.score < cond.scoreAtLeast) return false;
  if (cond.scoreBelow !== undefined && state.score >= cond.scoreBelow) return false;
  return true;
}

function nodeOf<T>(def: CaseDef<T>, id: string): CaseNodeDef<T> | undefined {
  return def.nodes.find((n) => n.id === id);
}

/** The choices offered at the current node. */
export function offered<T>(def: CaseDef<T>, state: CaseState): CaseChoiceDef<T>[] {
  return (nodeOf(def, state.node)?.choices ?? []).filter((c) => holds(c.if, state));
}

/** Take a choice; throws if it is not offered (the view only offers what is). */
export function choose<T>(def: CaseDef<T>, state: CaseState, choiceId: string): CaseState {
  const choice = offered(def, state).find((c) => c.id === choiceId);
  if (!choice) throw new Error(`choice ${choiceId} is not offered at ${state.node}`);
  const after = {
    ...state,
    taken: [...state.taken, choice.id],
    score: state.score + (choice.score ?? 0),
  };
  // Branch conditions see the state after this choice, so "if you just did X" works.
  const next = choice.branch?.find((b) => holds(b.if, after))?.next ?? choice.next;
  return { ...after, node: next };
}

/** Rebuild a state from the choices taken (for going back, or reopening a saved case). */
export function replay<T>(def: CaseDef<T>, taken: readonly string[]): CaseState {
  let state = startCase(def);
  for (const id of taken) state = choose(def, state, id);
  return state;
}

export function ending<T>(def: CaseDef<T>, state: CaseState): CaseNodeDef<T>['ending'] | null {
  return nodeOf(def, state.node)?.ending ?? null;
}

export interface CaseOutline {
  /** Every ending reachable, with the best and worst score that reaches it. */
  endings: Map<string, { min: number; max: number }>;
  /** Nodes some path reaches. */
  reached: Set<string>;
  /** The best score any path can reach. */
  maxScore: number;
  /** Paths explored (all of them unless `limit` was hit). */
  paths: number;
  complete: boolean;
}

/** Walk every path the conditions allow (cases are small; `limit` caps the walk). */
export function outline<T>(def: CaseDef<T>, limit = 20_000): CaseOutline {
  const endings = new Map<string, { min: number; max: number }>();
  const reached = new Set<string>();
  let paths = 0;
  let maxScore = Number.NEGATIVE_INFINITY;
  const walk = (state: CaseState, depth: number): void => {
    if (paths >= limit) return;
    reached.add(state.node);
    const node = nodeOf(def, state.node);
    if (!node) return;
    const choices = offered(def, state);
    if (node.ending || choices.length === 0 || depth > def.nodes.length) {
      paths++;
      if (node.ending) {
        const e = endings.get(node.id);
        endings.set(node.id, {
          min: Math.min(e?.min ?? state.score, state.score),
          max: Math.max(e?.max ?? state.score, state.score),
        });
        maxScore = Math.max(maxScore, state.score);
      }
      return;
    }
    for (const c of choices) walk(choose(def, state, c.id), depth + 1);
  };
  walk(startCase(def), 0);
  return {
    endings,
    reached,
    maxScore: Number.isFinite(maxScore) ? maxScore : 0,
    paths,
    complete: paths < limit,
  };
}

export interface CaseProblem {
  path: (string | number)[];
  code:
    | 'duplicateNode'
    | 'duplicateChoice'
    | 'unknownNode'
    | 'unknownChoice'
    | 'unreachableNode'
    | 'deadEnd'
    | 'endingWithChoices'
    | 'caseLoop'
    | 'noUnconditionalChoice'
    | 'noCaseEnding';
  params: Record<string, string | number>;
}

/**
 * A case's invariants: ids unique and every reference resolves; no loops (so every path ends);
 * every node but an ending offers a choice whatever came before; every node is reached by some
 * path the conditions allow.
 */
export function checkCase<T>(def: CaseDef<T>): CaseProblem[] {
  const problems: CaseProblem[] = [];
  const index = new Map<string, number>();
  def.nodes.forEach((n, i) => {
    if (index.has(n.id))
      problems.push({ path: ['nodes', i, 'id'], code: 'duplicateNode', params: { id: n.id } });
    else index.set(n.id, i);
  });
  const choiceIds = new Set<string>();
  def.nodes.forEach((n, i) =>
    n.choices?.forEach((c, j) => {
      if (choiceIds.has(c.id))
        problems.push({
          path: ['nodes', i, 'choices', j, 'id'],
          code: 'duplicateChoice',
          params: { id: c.id },
        });
      choiceIds.add(c.id);
    }),
  );
  if (!index.has(def.start))
    problems.push({ path: ['start'], code: 'unknownNode', params: { id: def.start } });

  const checkCond = (cond: ConditionDef | undefined, path: (string | number)[]) => {
    for (const key of ['chose', 'notChose'] as const) {
      const id = cond?.[key];
      if (id !== undefined && !choiceIds.has(id))
        problems.push({ path: [...path, key], code: 'unknownChoice', params: { id } });
    }
  };
  def.nodes.forEach((n, i) => {
    if (n.ending && n.choices)
      problems.push({
        path: ['nodes', i, 'choices'],
        code: 'endingWithChoices',
        params: { id: n.id },
      });
    if (!n.ending && !n.choices)
      problems.push({ path: ['nodes', i], code: 'deadEnd', params: { id: n.id } });
    if (!n.ending && n.choices && n.choices.every((c) => c.if !== undefined))
      problems.push({
        path: ['nodes', i, 'choices'],
        code: 'noUnconditionalChoice',
        params: { id: n.id },
      });
    n.choices?.forEach((c, j) => {
      const at = ['nodes', i, 'choices', j];
      if (!index.has(c.next))
        problems.push({ path: [...at, 'next'], code: 'unknownNode', params: { id: c.next } });
      checkCond(c.if, [...at, 'if']);
      c.branch?.forEach((b, k) => {
        if (!index.has(b.next))
          problems.push({
            path: [...at, 'branch', k, 'next'],
            code: 'unknownNode',
            params: { id: b.next },
          });
        checkCond(b.if, [...at, 'branch', k, 'if']);
      });
    });
  });
  if (problems.length > 0) return problems;

  // Loops: a depth-first search over every edge (conditions ignored) finds any cycle.
  const colour = new Map<string, 1 | 2>();
  let loopAt: number | null = null;
  const visit = (id: string): void => {
    if (loopAt !== null) return;
    colour.set(id, 1);
    const node = def.nodes[index.get(id)!]!;
    for (const c of node.choices ?? []) {
      for (const next of [c.next, ...(c.branch ?? []).map((b) => b.next)]) {
        const state = colour.get(next);
        if (state === 1) loopAt = index.get(next)!;
        else if (state === undefined) visit(next);
        if (loopAt !== null) return;
      }
    }
    colour.set(id, 2);
  };
  for (const n of def.nodes) if (!colour.has(n.id)) visit(n.id);
  if (loopAt !== null) {
    problems.push({
      path: ['nodes', loopAt, 'id'],
      code: 'caseLoop',
      params: { id: def.nodes[loopAt]!.id },
    });
    return problems;
  }

  const { reached, endings } = outline(def);
  def.nodes.forEach((n, i) => {
    if (!reached.has(n.id))
      problems.push({ path: ['nodes', i, 'id'], code: 'unreachableNode', params: { id: n.id } });
  });
  if (endings.size === 0) problems.push({ path: ['nodes'], code: 'noCaseEnding', params: {} });
  return problems;
}
