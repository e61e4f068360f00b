/**
 * Game mode: the student plays one role (the platform operator or one seller) for a number of
 * rounds, deciding between rounds; bots play everyone else. A second run with the same seed and no
 * student shows what the bots alone would have done. The one writer of the game's progress.
 */
import type { Market } from '../../content/schema.ts';
import type { Decision, MarketConfig } from '../../engine/market/config.ts';
import type { Metric } from '../../engine/market/metrics.ts';
import type { MarketRun } from './runner.svelte.ts';
import { summarize, type MetricView } from './view.ts';

export type GameDef = NonNullable<Market['game']>;

/** How a goal's metric is read at the end of a game. */
const GOAL_VIEW: Record<GameDef['goal']['metric'], MetricView> = {
  platformProfit: { metric: 'platformProfit', summary: 'last', unit: 'yuan' },
  playerProfit: { metric: 'playerProfit' as Metric, summary: 'last', unit: 'yuan' },
  gmv: { metric: 'gmv', summary: 'sum', unit: 'yuan' },
  orders: { metric: 'orders', summary: 'sum', unit: 'count' },
  fraudLosses: { metric: 'fraudLosses', summary: 'sum', unit: 'yuan' },
};

export class Game {
  readonly def: GameDef;
  readonly run: MarketRun;
  /** Rounds played so far. */
  round = $state(0);
  phase = $state<'deciding' | 'running' | 'done'>('deciding');
  roundDays = $state(0);
  readonly view: MetricView;

  constructor(def: GameDef, run: MarketRun) {
    this.def = def;
    this.run = run;
    this.view = GOAL_VIEW[def.goal.metric]!;
  }

  /** Start: the student's market and the bots-only market, same settings and seed. */
  async start(base: MarketConfig): Promise<void> {
    const player = this.def.role === 'seller' ? 0 : -1;
    this.roundDays = Math.max(1, Math.floor(base.days / this.def.rounds));
    this.round = 0;
    this.phase = 'deciding';
    await this.run.start([
      { ...base, player },
      { ...base, player: -1 },
    ]);
  }

  /** Apply the student's decision and play one round. */
  async play(decision: Decision): Promise<void> {
    if (this.phase !== 'deciding') return;
    this.phase = 'running';
    await this.run.decide(0, decision);
    const last = this.round === this.def.rounds - 1;
    await this.run.advance(last ? this.run.days - this.run.day : this.roundDays);
    this.round += 1;
    this.phase = this.round >= this.def.rounds ? 'done' : 'deciding';
  }

  /** The goal's metric for the student's run (0) and the bots-only run (1). */
  score(index: 0 | 1): number {
    const series = this.run.series[index];
    return series ? summarize(series, this.view, this.run.day) : 0;
  }

  get met(): boolean {
    const v = this.score(0);
    const { atLeast, atMost } = this.def.goal;
    return (atLeast === undefined || v >= atLeast) && (atMost === undefined || v <= atMost);
  }
}
