/**
 * Web Worker: runs marketplace simulations off the main thread. The page asks it to advance some
 * days; it answers with copies of the metrics so far (typed arrays, transferred, not cloned). In
 * debug mode it also checks the engine's invariants after every simulated day.
 */
import { MarketSim } from '../../engine/market/sim.ts';
import type { Decision, MarketConfig } from '../../engine/market/config.ts';
import { checkInvariants, type Violation } from '../../engine/market/invariants.ts';
import { METRIC_COUNT } from '../../engine/market/metrics.ts';

export type WorkerRequest =
  | { type: 'init'; configs: MarketConfig[]; debug?: boolean }
  | { type: 'advance'; days: number }
  | { type: 'decide'; index: number; decision: Decision }
  | { type: 'debug'; on: boolean };

/** Debug mode's findings: days checked in every configuration, and the first violation. */
export interface InvariantReport {
  days: number;
  /** `run` is the configuration's index. */
  violation: (Violation & { run: number }) | null;
}

export interface WorkerReply {
  type: 'progress';
  day: number;
  series: Float64Array[];
  /** Null unless debug mode is on. */
  invariants: InvariantReport | null;
}

let sims: MarketSim[] = [];
/** Debug mode: the day each configuration's checks began, and what each found first. */
let watch: { since: number[]; found: (Violation | null)[] } | null = null;

function startWatching(): void {
  watch = { since: sims.map((s) => s.day), found: sims.map(() => null) };
  // The state as it stands (a run's totals so far) is checked at once; the days before, not.
  sims.forEach((sim, i) => check(i, sim.day));
}

function check(i: number, fromDay: number): void {
  if (watch && !watch.found[i]) watch.found[i] = checkInvariants(sims[i]!, fromDay);
}

function report(): InvariantReport | null {
  if (!watch) return null;
  const { since, found } = watch;
  let violation: InvariantReport['violation'] = null;
  for (let run = 0; run < found.length; run++) {
    const v = found[run];
    if (v && (!violation || v.day < violation.day)) violation = { ...v, run };
  }
  const days = Math.min(...sims.map((s, i) => s.day - since[i]!));
  return { days: Number.isFinite(days) ? days : 0, violation };
}

function reply(): WorkerReply {
  const day = Math.min(...sims.map((s) => s.day));
  return {
    type: 'progress',
    day,
    series: sims.map((s) => s.series.slice(0, day * METRIC_COUNT)),
    invariants: report(),
  };
}

/** The worker's logic, also used in the page itself where workers are unavailable (tests). */
export function handle(request: WorkerRequest): WorkerReply {
  if (request.type === 'init') {
    sims = request.configs.map((c) => new MarketSim(c));
    watch = null;
    if (request.debug) startWatching();
  } else if (request.type === 'debug') {
    if (!request.on) watch = null;
    else if (!watch) startWatching();
  } else if (request.type === 'decide') {
    sims[request.index]?.decide(request.decision);
    // A decision moves money and stock (a restock is paid for): check the state it leaves.
    if (sims[request.index]) check(request.index, sims[request.index]!.day);
  } else {
    sims.forEach((sim, i) => {
      for (let k = 0; k < request.days && sim.day < sim.config.days; k++) {
        sim.step();
        check(i, sim.day - 1);
      }
    });
  }
  return reply();
}

const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage?: (message: WorkerReply, transfer: Transferable[]) => void;
  document?: unknown;
};
if (typeof scope.document === 'undefined' && typeof scope.postMessage === 'function') {
  scope.onmessage = (e) => {
    const out = handle(e.data);
    scope.postMessage!(
      out,
      out.series.map((s) => s.buffer),
    );
  };
}
