/**
 * Game mode: the student plays one role (the platform operator or one seller) for a number of
 * rounds, deciding between rounds; bots play everyone else. A second run with the same seed and no
 * student shows what the bots alone would have done (for a seller: the computer running the
 * student's shop). The one writer of the game's progress.
 */
import type { Market } from '../../content/schema.ts';
import type { Decision, MarketConfig } from '../../engine/market/config.ts';
import { METRIC_DEFS, metricOver, type Metric } from '../../engine/market/metrics.ts';
import type { MarketRun } from './runner.svelte.ts';
import type { MetricView } from './view.ts';

export type GameDef = NonNullable<Market['game']>;

/** What a player needs to see after a round. */
export interface RoundSummary {
  round: number;
  /** Seller: units sold this round, stock left, rank by profit so far among `of` sellers. */
  sold: number;
  stock: number;
  rank: number;
  of: number;
  /** Platform: GMV and fraud losses this round. */
  gmv: number;
  fraud: number;
  /** The role's profit (shop's or platform's) this round, so far, and the bots' so far. */
  profitRound: number;
  profitTotal: number;
  botsTotal: number;
}

export class Game {
  readonly def: GameDef;
  readonly run: MarketRun;
  /** Rounds played so far. */
  round = $state(0);
  phase = $state<'deciding' | 'running' | 'done'>('deciding');
  roundDays = $state(0);
  /** One summary per round played. */
  rounds = $state.raw<RoundSummary[]>([]);
  readonly view: MetricView;

  constructor(def: GameDef, run: MarketRun) {
    this.def = def;
    this.run = run;
    const metric: Metric = def.goal.metric;
    this.view = { metric, ...METRIC_DEFS[metric] };
  }

  /** The role's profit: the student's shop, or the platform. */
  get profitMetric(): Metric {
    return this.def.role === 'seller' ? 'playerProfit' : 'platformProfit';
  }

  /**
   * Start: the student's market and the bots-only market, same settings and seed; in the
   * bots-only market the computer runs the student's shop (seller 0), and its profit is followed.
   */
  async start(base: MarketConfig): Promise<void> {
    const seller = this.def.role === 'seller';
    this.roundDays = Math.max(1, Math.floor(base.days / this.def.rounds));
    this.round = 0;
    this.rounds = [];
    this.phase = 'deciding';
    await this.run.start([
      { ...base, player: seller ? 0 : -1, follow: -1 },
      { ...base, player: -1, follow: seller ? 0 : -1 },
    ]);
  }

  /** Apply the student's decision and play one round. */
  async play(decision: Decision): Promise<void> {
    if (this.phase !== 'deciding') return;
    this.phase = 'running';
    await this.run.decide(0, decision);
    const from = this.run.day;
    const last = this.round === this.def.rounds - 1;
    await this.run.advance(last ? this.run.days - this.run.day : this.roundDays);
    this.round += 1;
    this.rounds = [...this.rounds, this.#summary(from)];
    this.phase = this.round >= this.def.rounds ? 'done' : 'deciding';
  }

  #summary(from: number): RoundSummary {
    const [mine, bots] = this.run.series;
    const to = this.run.day;
    const over = (s: Float64Array | undefined, m: Metric, a: number, b: number) =>
      (s && metricOver(s, m, a, b)) ?? 0;
    const profit = this.profitMetric;
    // A level (the shop's profit so far) or a total (the platform's): this round is the change.
    const level = METRIC_DEFS[profit].summary === 'last';
    const total = over(mine, profit, 0, to);
    const before = from > 0 ? over(mine, profit, 0, from) : 0;
    const standing = this.run.standings[0];
    const soldBefore = this.rounds.reduce((a, r) => a + r.sold, 0);
    return {
      round: this.round,
      sold: (standing?.unitsSold ?? 0) - soldBefore,
      stock: standing?.stock ?? 0,
      rank: standing?.rank ?? 0,
      of: standing?.of ?? 0,
      gmv: over(mine, 'gmv', from, to),
      fraud: over(mine, 'fraudLosses', from, to),
      profitRound: level ? total - before : over(mine, profit, from, to),
      profitTotal: total,
      botsTotal: over(bots, profit, 0, to),
    };
  }

  /** The goal's metric for the student's run (0) and the bots-only run (1). */
  score(index: 0 | 1): number {
    const series = this.run.series[index];
    if (!series || this.run.day === 0) return 0;
    return metricOver(series, this.view.metric, 0, this.run.day) ?? 0;
  }

  get met(): boolean {
    const v = this.score(0);
    const { atLeast, atMost } = this.def.goal;
    return (atLeast === undefined || v >= atLeast) && (atMost === undefined || v <= atMost);
  }
}
