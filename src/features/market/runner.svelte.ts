/**
 * A marketplace run on the page: one or more configurations advanced together, day by day, in a
 * Web Worker (in the page itself where there is none). The one writer of what the charts show.
 */
import type { Decision, MarketConfig } from '../../engine/market/config.ts';
import type {
  InvariantReport,
  SceneDay,
  SceneSetup,
  Standing,
  WorkerReply,
  WorkerRequest,
} from './worker.ts';

/** A request without its generation: the run adds its own. */
type Request = WorkerRequest extends infer R
  ? R extends unknown
    ? Omit<R, 'generation'>
    : never
  : never;

export const SPEEDS = [1, 2, 5, 10, 30] as const;

/**
 * While a run plays, the figures (table, charts, progress) are redrawn at most this often (ms); the
 * scene gets every day the worker sends. Redrawing them for every tick kept the main thread busy
 * for a third of the run, in tasks long enough to delay a tap.
 */
export const SHOW_EVERY = 250;

export class MarketRun {
  configs = $state.raw<MarketConfig[]>([]);
  day = $state(0);
  series = $state.raw<Float64Array[]>([]);
  playing = $state(false);
  /** Days per tick while playing. */
  speed = $state<number>(5);
  readonly days = $derived(this.configs[0]?.days ?? 0);
  readonly done = $derived(this.day >= this.days && this.days > 0);
  /** Counts the runs started: what is drawn for one run is never carried into the next. */
  generation = $state(0);
  /** Debug mode: the worker checks the engine's invariants after every simulated day. */
  debug = $state(false);
  /** What the checks found (null while debug mode is off). */
  invariants = $state.raw<InvariantReport | null>(null);
  /** The market scene: the first configuration's map, and a sample of its last day. */
  scene = $state.raw<SceneSetup | null>(null);
  sceneDay = $state.raw<SceneDay | null>(null);
  /** Game mode: the student's shop among the sellers, per configuration. */
  standings = $state.raw<(Standing | null)[]>([]);

  #worker: Worker | null = null;
  #local: ((r: WorkerRequest) => WorkerReply) | null = null;
  #busy = false;
  /** Days asked for while the worker was busy: run them next, not drop them. */
  #pending = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  /** Set once the page is gone: nothing starts a worker after that. */
  #disposed = false;
  /** The newest answer not yet shown while playing, and when figures were last shown. */
  #held: WorkerReply | null = null;
  #heldTimer: ReturnType<typeof setTimeout> | undefined;
  #shownAt = -Infinity;
  /** Requests the worker has not answered yet, oldest first (it answers in order). */
  #waiting: { resolve: (r: WorkerReply) => void; reject: (e: Error) => void }[] = [];

  async start(configs: MarketConfig[]): Promise<void> {
    this.pause();
    this.#pending = 0;
    this.#drop();
    this.configs = configs;
    this.generation += 1;
    this.day = 0;
    this.series = configs.map(() => new Float64Array(0));
    this.invariants = null;
    this.scene = null;
    this.sceneDay = null;
    this.standings = [];
    await this.#send({
      type: 'init',
      configs: $state.snapshot(configs) as MarketConfig[],
      debug: this.debug,
    });
  }

  async advance(days: number): Promise<void> {
    // Once the page is gone its derived values are too: read nothing more.
    if (this.#disposed || this.done) return;
    this.#pending += days;
    while (!this.#busy && this.#pending > 0 && !this.done) {
      const n = this.#pending;
      this.#pending = 0;
      await this.#send({ type: 'advance', days: n });
    }
  }

  /** Game mode: the student's decision, applied to one configuration before the next round. */
  async decide(index: number, decision: Decision): Promise<void> {
    await this.#send({ type: 'decide', index, decision });
  }

  /** Turn debug mode on or off; checks run from the current day on. */
  async setDebug(on: boolean): Promise<void> {
    this.debug = on;
    await this.#send({ type: 'debug', on });
  }

  play(): void {
    if (this.done) return;
    this.playing = true;
    clearInterval(this.#timer);
    this.#timer = setInterval(() => {
      if (this.done) this.pause();
      else if (!this.#busy) void this.advance(this.speed); // never let work pile up
    }, 120);
  }

  pause(): void {
    this.playing = false;
    clearInterval(this.#timer);
    // What the worker has done is shown at once when the run stops.
    const held = this.#held;
    this.#drop();
    if (held) this.#show(held);
  }

  dispose(): void {
    this.#disposed = true;
    // Nothing held is shown on a page that is gone.
    this.#drop();
    this.pause();
    this.#worker?.terminate();
    this.#worker = null;
  }

  async #send(request: Request): Promise<void> {
    const generation = this.generation;
    this.#busy = true;
    try {
      const reply = await this.#post({ ...request, generation } as WorkerRequest);
      // An answer for a run that has since been replaced, or for a page that is gone, changes nothing.
      if (this.#disposed || !reply || reply.generation !== this.generation) return;
      if (reply.scene.setup) this.scene = reply.scene.setup;
      this.sceneDay = reply.scene.day;
      // Stop at the end, or at a broken invariant so the state that broke it can be looked at.
      const last = reply.day >= (this.configs[0]?.days ?? 0) || !!reply.invariants?.violation;
      const wait = this.#shownAt + SHOW_EVERY - performance.now();
      if (this.playing && !last && wait > 0) {
        // Playing: the figures catch up a little later, with the newest days.
        this.#held = reply;
        this.#heldTimer ??= setTimeout(() => {
          const held = this.#held;
          this.#drop();
          if (held && held.generation === this.generation && !this.#disposed) this.#show(held);
        }, wait);
      } else {
        this.#drop();
        this.#show(reply);
        if (last) this.pause();
      }
    } finally {
      this.#busy = false;
    }
    if (this.#pending > 0 && !this.#disposed) void this.advance(0);
  }

  /** Shows an answer's figures: the day reached, the counters, standings and checks. */
  #show(reply: WorkerReply): void {
    this.#shownAt = performance.now();
    this.day = reply.day;
    this.standings = reply.standings;
    this.series = reply.series;
    this.invariants = reply.invariants;
  }

  #drop(): void {
    clearTimeout(this.#heldTimer);
    this.#heldTimer = undefined;
    this.#held = null;
  }

  async #post(request: WorkerRequest): Promise<WorkerReply | null> {
    if (this.#disposed) return null;
    if (!this.#worker && !this.#local && typeof Worker !== 'undefined') {
      // Vite finds the worker by this exact `new URL(…, import.meta.url)` form.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (e: MessageEvent<WorkerReply>) => this.#waiting.shift()?.resolve(e.data);
      worker.onerror = (e) => {
        for (const w of this.#waiting.splice(0)) w.reject(new Error(e.message));
      };
      this.#worker = worker;
    }
    const worker = this.#worker;
    if (worker) {
      return new Promise((resolve, reject) => {
        this.#waiting.push({ resolve, reject });
        worker.postMessage(request);
      });
    }
    this.#local ??= (await import('./worker.ts')).handle;
    return this.#local(request);
  }
}
