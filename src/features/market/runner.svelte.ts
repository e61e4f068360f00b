/**
 * A marketplace run on the page: one or more configurations advanced together, day by day, in a
 * Web Worker (in the page itself where there is none). The one writer of what the charts show.
 */
import type { Decision, MarketConfig } from '../../engine/market/config.ts';
import type { WorkerReply, WorkerRequest } from './worker.ts';

export const SPEEDS = [1, 2, 5, 10, 30] as const;

export class MarketRun {
  configs = $state.raw<MarketConfig[]>([]);
  day = $state(0);
  series = $state.raw<Float64Array[]>([]);
  playing = $state(false);
  /** Days per tick while playing. */
  speed = $state<number>(5);
  readonly days = $derived(this.configs[0]?.days ?? 0);
  readonly done = $derived(this.day >= this.days && this.days > 0);

  #worker: Worker | null = null;
  #local: ((r: WorkerRequest) => WorkerReply) | null = null;
  #busy = false;
  /** Days asked for while the worker was busy: run them next, not drop them. */
  #pending = 0;
  #timer: ReturnType<typeof setInterval> | undefined;

  async start(configs: MarketConfig[]): Promise<void> {
    this.pause();
    this.#pending = 0;
    this.configs = configs;
    this.day = 0;
    this.series = configs.map(() => new Float64Array(0));
    await this.#send({ type: 'init', configs: $state.snapshot(configs) as MarketConfig[] });
  }

  async advance(days: number): Promise<void> {
    if (this.done) return;
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
  }

  dispose(): void {
    this.pause();
    this.#worker?.terminate();
    this.#worker = null;
  }

  async #send(request: WorkerRequest): Promise<void> {
    this.#busy = true;
    try {
      const reply = await this.#post(request);
      this.day = reply.day;
      this.series = reply.series;
      if (this.done) this.pause();
    } finally {
      this.#busy = false;
    }
    if (this.#pending > 0) void this.advance(0);
  }

  async #post(request: WorkerRequest): Promise<WorkerReply> {
    if (!this.#worker && !this.#local && typeof Worker !== 'undefined') {
      // Vite finds the worker by this exact `new URL(…, import.meta.url)` form.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      this.#worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    }
    const worker = this.#worker;
    if (worker) {
      return new Promise((resolve, reject) => {
        worker.onmessage = (e: MessageEvent<WorkerReply>) => resolve(e.data);
        worker.onerror = (e) => reject(new Error(e.message));
        worker.postMessage(request);
      });
    }
    this.#local ??= (await import('./worker.ts')).handle;
    return this.#local(request);
  }
}
