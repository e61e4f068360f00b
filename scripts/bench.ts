/**
 * `npm run bench`: speed of the marketplace engine in Node, a whole run from the configuration
 * (placing the agents, finding who can reach whom) to the last day. Prints numbers; asserts
 * nothing. Budgets (issue): ≥ 10 million agent-days per second for every business model; a year
 * of 10,000 buyers and 1,000 sellers in ≤ 0.5 s; cost linear in buyers up to 100,000.
 */
import { preset, type BusinessModel } from '../src/engine/market/config.ts';
import { MarketSim } from '../src/engine/market/sim.ts';

/** Milliseconds for a whole run, and for its setup alone. */
function time(
  model: BusinessModel,
  buyers: number,
  sellers: number,
  days: number,
): { ms: number; setup: number } {
  const start = performance.now();
  const sim = new MarketSim(preset(model, { buyers, sellers, days, seed: 42 }));
  const setup = performance.now() - start;
  sim.run();
  return { ms: performance.now() - start, setup };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

time('B2C', 10_000, 1_000, 30); // warm up the JIT
console.log('Marketplace engine, setup and full daily loop (Node', process.version + ')');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
for (const model of ['B2C', 'C2C', 'B2B', 'O2O'] as const) {
  const runs = Array.from({ length: RUNS }, () => time(model, 10_000, 1_000, 365));
  const times = runs.map((run) => run.ms).sort((a, b) => a - b);
  const ms = median(times);
  const setup = median(runs.map((run) => run.setup));
  const agentDays = (10_000 + 1_000) * 365;
  const rate = (t: number) => (agentDays / t / 1000).toFixed(1);
  console.log(
    `  ${model}: a year of 10,000 buyers and 1,000 sellers in ${ms.toFixed(0)} ms` +
      ` (median of ${RUNS}, range ${times[0]!.toFixed(0)}–${times.at(-1)!.toFixed(0)} ms; setup ${setup.toFixed(0)} ms)` +
      ` = ${rate(ms)} million agent-days/s (range ${rate(times.at(-1)!)}–${rate(times[0]!)})`,
  );
}
console.log('  Scaling (B2C, 1,000 sellers, 365 days):');
for (const buyers of [10_000, 30_000, 100_000]) {
  const ms = median([0, 1, 2].map(() => time('B2C', buyers, 1_000, 365).ms));
  console.log(
    `    ${String(buyers).padStart(7)} buyers: ${ms.toFixed(0).padStart(5)} ms, ${((ms * 1e6) / (buyers * 365)).toFixed(1)} ns per buyer-day`,
  );
}
