/**
 * Web Worker: runs marketplace simulations off the main thread. The page asks it to advance some
 * days; it answers with copies of the raw counters so far (typed arrays, transferred, not cloned),
 * a small sample of the last day's orders for the market scene, and, in game mode, where the
 * student's shop stands. In debug mode it also checks the engine's invariants after every day.
 * Every reply carries the generation of the run it belongs to, so the page drops stale ones.
 */
import { EVENT_FIELDS, MarketSim } from '../../engine/market/sim.ts';
import type { Decision, MarketConfig } from '../../engine/market/config.ts';
import { checkInvariants, type Violation } from '../../engine/market/invariants.ts';
import { RAW_COUNT } from '../../engine/market/metrics.ts';

export type WorkerRequest = { generation: number } & (
  | { type: 'init'; configs: MarketConfig[]; debug?: boolean }
  | { type: 'advance'; days: number }
  | { type: 'decide'; index: number; decision: Decision }
  | { type: 'debug'; on: boolean }
);

/** Debug mode's findings: days checked in every configuration, and the first violation. */
export interface InvariantReport {
  days: number;
  /** `run` is the configuration's index. */
  violation: (Violation & { run: number }) | null;
}

/** The map of the first configuration, sent once per run: where sellers and buyers are. */
export interface SceneSetup {
  /** Sellers' positions (x, y pairs on the unit square), and which are the platform's own. */
  sellers: Float32Array;
  own: Uint8Array;
  /** A sample of the buyers' positions (x, y pairs), to draw as dots. */
  buyers: Float32Array;
  /** How far a buyer reaches (offline shops, O2O merchants); 0 online. */
  radius: number;
  online: boolean;
  o2o: boolean;
}

/** Fields of one order in `SceneDay.orders`. */
export const SCENE_FIELDS = 6;

/** What the scene shows of the last day advanced. */
export interface SceneDay {
  /** The day (counting from 1) the orders are from. */
  day: number;
  /** Sampled orders: kind (index in EVENT_KINDS), buyer x, y, seller x, y, days to deliver. */
  orders: Float32Array;
  /** Which sellers trade now. */
  active: Uint8Array;
  /** Parcels waiting for a courier, and the couriers' capacity per day. */
  backlog: number;
  capacity: number;
  escrow: boolean;
}

/** Game mode: the student's shop among the sellers now. */
export interface Standing {
  /** 1 = most profit so far; among `of` active sellers. */
  rank: number;
  of: number;
  stock: number;
  price: number;
  /** Units the shop has sold since the start. */
  unitsSold: number;
}

export interface WorkerReply {
  type: 'progress';
  generation: number;
  day: number;
  series: Float64Array[];
  /** Null unless debug mode is on. */
  invariants: InvariantReport | null;
  /** The first configuration's map (on `init` only) and last day. */
  scene: { setup: SceneSetup | null; day: SceneDay | null };
  /** Per configuration: the student's shop, where one is played. */
  standings: (Standing | null)[];
}

let sims: MarketSim[] = [];
/** Debug mode: the day each configuration's checks began, and what each found first. */
let watch: { since: number[]; found: (Violation | null)[] } | null = null;
/** The most buyers the scene draws. */
const SCENE_BUYERS = 600;

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

export function sceneSetup(sim: MarketSim): SceneSetup {
  const S = sim.config.sellers;
  const sellers = new Float32Array(S * 2);
  for (let j = 0; j < S; j++) {
    sellers[2 * j] = sim.sx[j]!;
    sellers[2 * j + 1] = sim.sy[j]!;
  }
  const B = sim.config.buyers;
  const n = Math.min(B, SCENE_BUYERS);
  const buyers = new Float32Array(n * 2);
  for (let k = 0; k < n; k++) {
    const i = Math.floor((k * B) / n);
    buyers[2 * k] = sim.bx[i]!;
    buyers[2 * k + 1] = sim.by[i]!;
  }
  return {
    sellers,
    own: sim.own.slice(),
    buyers,
    radius: sim.radius,
    online: sim.config.online,
    o2o: sim.config.model === 'O2O',
  };
}

export function sceneDay(sim: MarketSim): SceneDay {
  const orders = new Float32Array(sim.eventCount * SCENE_FIELDS);
  for (let e = 0; e < sim.eventCount; e++) {
    const at = e * EVENT_FIELDS;
    const i = sim.events[at + 1]!;
    const j = sim.events[at + 2]!;
    orders.set(
      [sim.events[at]!, sim.bx[i]!, sim.by[i]!, sim.sx[j]!, sim.sy[j]!, sim.events[at + 3]!],
      e * SCENE_FIELDS,
    );
  }
  return {
    day: sim.day,
    orders,
    active: sim.active.slice(),
    backlog: sim.backlog + sim.ownBacklog,
    capacity: sim.config.capacity,
    escrow: sim.config.online && sim.config.escrow,
  };
}

/** The student's shop: its rank by profit so far among the sellers trading now. */
export function standing(sim: MarketSim): Standing | null {
  const j = sim.config.player;
  if (j < 0) return null;
  const worth = (k: number) => sim.cash[k]! + sim.stock[k]! * sim.cost[k]!;
  const mine = worth(j);
  let rank = 1;
  let of = 0;
  for (let k = 0; k < sim.config.sellers; k++) {
    if (!sim.active[k]) continue;
    of++;
    if (k !== j && worth(k) > mine) rank++;
  }
  return { rank, of, stock: sim.stock[j]!, price: sim.price[j]!, unitsSold: sim.unitsSold[j]! };
}

function reply(generation: number, setup: boolean): WorkerReply {
  const day = Math.min(...sims.map((s) => s.day));
  const first = sims[0];
  return {
    type: 'progress',
    generation,
    day,
    series: sims.map((s) => s.series.slice(0, day * RAW_COUNT)),
    invariants: report(),
    scene: {
      setup: setup && first ? sceneSetup(first) : null,
      day: first && first.day > 0 ? sceneDay(first) : null,
    },
    standings: sims.map(standing),
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
  return reply(request.generation, request.type === 'init');
}

function transfers(out: WorkerReply): Transferable[] {
  const list: Transferable[] = out.series.map((s) => s.buffer);
  const { setup, day } = out.scene;
  if (setup) list.push(setup.sellers.buffer, setup.own.buffer, setup.buyers.buffer);
  if (day) list.push(day.orders.buffer, day.active.buffer);
  return list;
}

const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage?: (message: WorkerReply, transfer: Transferable[]) => void;
  document?: unknown;
};
if (typeof scope.document === 'undefined' && typeof scope.postMessage === 'function') {
  scope.onmessage = (e) => {
    const out = handle(e.data);
    scope.postMessage!(out, transfers(out));
  };
}
