/**
 * The flow player's state: the one writer of where the student is in a flow, whether it plays,
 * at what speed, and the predictions answered in this run. All rules come from the pure engine
 * (src/engine/flow); this wraps them in runes and reports results to the progress store.
 */
import type { BiText, Flow } from '../../content/schema.ts';
import {
  back,
  continuation,
  current,
  isEnding,
  mainPath,
  next,
  pathTo,
  recordAt,
  start,
  stepOf,
  type FlowState,
} from '../../engine/flow/machine.ts';
import type { StepDef } from '../../engine/flow/types.ts';
import { recordFlow } from '../../state/progress.svelte.ts';
import { isoNow } from '../../state/progress/shape.ts';

export const SPEEDS = [0.5, 1, 1.5, 2] as const;
/** Milliseconds a step is shown while playing, at speed 1. */
const STEP_MS = 3200;

export class FlowPlayer {
  readonly flow: Flow;
  state = $state<FlowState>({ path: [] });
  playing = $state(false);
  speed = $state<number>(1);
  /** Option chosen for each prediction in this run. */
  answers = $state<Record<string, number>>({});

  readonly step: StepDef<BiText> = $derived.by(() => current(this.flow, this.state));
  readonly record = $derived.by(() => recordAt(this.flow, this.state));
  /** The steps the diagram shows: the path taken, then the usual way on. */
  readonly shown: string[] = $derived.by(() => [
    ...this.state.path,
    ...continuation(this.flow, this.state),
  ]);
  readonly index = $derived(this.state.path.length - 1);
  /** The usual path through the whole flow: the steps "step n of m" counts. */
  readonly main: readonly string[];
  /** The current step's number on the usual path, or null for a branch step. */
  readonly mainNumber = $derived.by(() => this.numberOf(this.step.id));
  /** Steps of the usual path passed so far (a branch step adds none). */
  readonly mainDone = $derived.by(
    () => this.main.filter((id) => this.state.path.includes(id)).length,
  );
  /** Every step of the usual path has been walked: only then is the ordering check fair. */
  readonly walkedMain = $derived.by(() => this.mainDone === this.main.length);
  /**
   * Where the path last branched: the index in the path of the latest decision point before
   * the current step (a step with choices, a "what if" after an ending included), or null.
   */
  readonly branchAt: number | null = $derived.by(() => {
    for (let i = this.state.path.length - 2; i >= 0; i--) {
      if ((this.stepById(this.state.path[i]!).choices?.length ?? 0) > 0) return i;
    }
    return null;
  });
  readonly atEnd = $derived(isEnding(this.step));
  readonly atStart = $derived(this.state.path.length <= 1);

  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(flow: Flow, stepId: string | null = null) {
    this.flow = flow;
    this.main = mainPath(flow);
    this.state = (stepId && pathTo(flow, stepId)) || start(flow);
  }

  stepById(id: string): StepDef<BiText> {
    return stepOf(this.flow, id);
  }

  /** A step's number on the usual path (1-based), or null if it is on a branch. */
  numberOf(id: string): number | null {
    const i = this.main.indexOf(id);
    return i < 0 ? null : i + 1;
  }

  /** Move on: the usual way, or a branch by its index (at an ending, only a branch). */
  next(choice?: number): void {
    if (this.atEnd && choice === undefined) return;
    this.state = next(this.flow, this.state, choice ?? 0);
    this.#arrived();
  }

  back(): void {
    this.pause();
    this.state = back(this.state);
  }

  restart(): void {
    this.pause();
    this.state = start(this.flow);
    this.answers = {};
  }

  /** Go to a step by id (a link, the step list): along the shortest path from the start. */
  jump(stepId: string): void {
    const path = pathTo(this.flow, stepId);
    if (!path) return;
    this.pause();
    this.state = path;
    this.#arrived();
  }

  /** Jump to a step of the path already taken, or of the usual way on. */
  jumpToShown(index: number): void {
    const id = this.shown[index];
    if (id === undefined) return;
    if (index < this.state.path.length) {
      this.pause();
      this.state = { path: this.state.path.slice(0, index + 1) };
    } else {
      this.pause();
      this.state = { path: this.shown.slice(0, index + 1) };
      this.#arrived();
    }
  }

  /** Back to the decision point where this path branched, to try another case there. */
  backToBranch(): void {
    if (this.branchAt === null) return;
    this.pause();
    this.state = { path: this.state.path.slice(0, this.branchAt + 1) };
  }

  last(): void {
    this.jumpToShown(this.shown.length - 1);
  }

  answer(stepId: string, option: number): void {
    const step = this.stepById(stepId);
    if (!step.predict || this.answers[stepId] !== undefined) return;
    this.answers = { ...this.answers, [stepId]: option };
    const right = option === step.predict.answer;
    // Applied at once; the save never rejects (a failed one shows as not saved), so no wait.
    void recordFlow(this.flow.id, (old) => ({
      ...old,
      predictions: { ...old.predictions, [stepId]: right },
    }));
  }

  play(): void {
    if (this.atEnd) this.restart();
    this.playing = true;
    this.#schedule();
  }

  pause(): void {
    this.playing = false;
    clearTimeout(this.#timer);
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  setSpeed(speed: number): void {
    this.speed = speed;
    if (this.playing) this.#schedule();
  }

  dispose(): void {
    this.pause();
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      // Stop for the student at an unanswered prediction and at the end.
      const waiting = this.step.predict && this.answers[this.step.id] === undefined;
      if (!this.playing || this.atEnd || waiting) {
        this.playing = false;
        return;
      }
      this.next();
      if (this.playing && !this.atEnd) this.#schedule();
      else this.playing = false;
    }, STEP_MS / this.speed);
  }

  #arrived(): void {
    if (this.atEnd && this.step.outcome === 'success') {
      const now = isoNow();
      void recordFlow(this.flow.id, (old) => ({ ...old, completedAt: old.completedAt ?? now }));
    }
  }
}
