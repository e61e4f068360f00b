/**
 * Web Worker: runs marketplace simulations off the main thread. The page asks it to advance some
 * days; it answers with copies of the metrics so far (typed arrays, transferred, not cloned).
 */
import { MarketSim } from '../../engine/market/sim.ts';
import type { Decision, MarketConfig } from '../../engine/market/config.ts';
import { METRIC_COUNT } from '../../engine/market/metrics.ts';

export type WorkerRequest =
  | { type: 'init'; configs: MarketConfig[] }
  | { type: 'advance'; days: number }
  | { type: 'decide'; index: number; decision: Decision };
export interface WorkerReply {
  type: 'progress';
  day: number;
  series: Float64Array[];
}

let sims: MarketSim[] = [];

function reply(): WorkerReply {
  const day = Math.min(...sims.map((s) => s.day));
  return { type: 'progress', day, series: sims.map((s) => s.series.slice(0, day * METRIC_COUNT)) };
}

/** The worker's logic, also used in the page itself where workers are unavailable (tests). */
export function handle(request: WorkerRequest): WorkerReply {
  if (request.type === 'init') sims = request.configs.map((c) => new MarketSim(c));
  else if (request.type === 'decide') sims[request.index]?.decide(request.decision);
  else
    for (const sim of sims)
      for (let k = 0; k < request.days && sim.day < sim.config.days; k++) sim.step();
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
