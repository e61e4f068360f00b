/**
 * A student playing a branching case: the choices taken (the whole state, so "back" is exact),
 * the feedback of the last choice, and the result saved through the progress store when an
 * ending is reached.
 */
import type { Case } from '../../content/schema.ts';
import {
  choose,
  ending,
  offered,
  outline,
  replay,
  type CaseChoiceDef,
  type CaseState,
} from '../../engine/quiz/case.ts';
import { finishCase } from '../../state/practice.ts';

type Choice = CaseChoiceDef<Case['nodes'][number]['text']>;
type Node = Case['nodes'][number];

export interface Step {
  node: Node;
  choice: Choice;
  /** Score after this choice. */
  score: number;
}

export class CaseSession {
  readonly def: Case;
  /** The best score any path allows, and every ending. */
  readonly max: number;
  readonly endings: string[];
  taken = $state<string[]>([]);
  /** The feedback of the choice just taken is shown before moving on. */
  pending = $state<Choice | null>(null);

  /** False in a preview: nothing is saved to the student's progress. */
  private readonly record: boolean;

  constructor(def: Case, record = true) {
    this.def = def;
    this.record = record;
    const o = outline(def);
    this.max = o.maxScore;
    this.endings = [...o.endings.keys()];
  }

  get state(): CaseState {
    return replay(this.def, this.pending ? this.taken.slice(0, -1) : this.taken);
  }
  get node(): Node {
    const id = this.state.node;
    return this.def.nodes.find((n) => n.id === id)!;
  }
  get choices(): Choice[] {
    return offered(this.def, this.state);
  }
  get ending(): Node['ending'] | null {
    return this.pending ? null : (ending(this.def, this.state) ?? null);
  }
  /** Score including the choice whose feedback is showing. */
  get score(): number {
    return replay(this.def, this.taken).score;
  }

  /** The story so far: each node passed and the choice made there. */
  get history(): Step[] {
    const out: Step[] = [];
    let s = replay(this.def, []);
    const upto = this.pending ? this.taken.length - 1 : this.taken.length;
    for (const id of this.taken.slice(0, upto)) {
      const node = this.def.nodes.find((n) => n.id === s.node)!;
      const choice = node.choices!.find((c) => c.id === id)!;
      s = choose(this.def, s, id);
      out.push({ node, choice, score: s.score });
    }
    return out;
  }

  pick(choiceId: string): void {
    if (this.pending) return;
    const choice = this.choices.find((c) => c.id === choiceId);
    if (!choice) return;
    this.taken = [...this.taken, choiceId];
    this.pending = choice;
  }

  /** Move on from the feedback to the next node; record the result at an ending. */
  proceed(): void {
    if (!this.pending) return;
    this.pending = null;
    const end = ending(this.def, this.state);
    if (end)
      finishCase(this.def.id, { score: this.state.score, max: this.max, ending: this.state.node });
  }

  back(): void {
    this.pending = null;
    this.taken = this.taken.slice(0, -1);
  }

  restart(): void {
    this.pending = null;
    this.taken = [];
  }
}
