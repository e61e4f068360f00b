/**
 * The test oracle for the market charts: the whole geometry of a chart computed at once with d3's
 * scales and d3-shape's line generator. The app draws growing charts (src/features/market/chart.ts)
 * and never ships d3-shape; the tests compare the two.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { CHART, yDomain, type ChartGeometry, type ChartLine } from '../../src/ui/chart.ts';

/** Lines of daily values; NaN marks a day with nothing to measure, drawn as a gap. */
export function chartGeometry(
  lines: readonly ChartLine[],
  days: number,
  count: number,
): ChartGeometry {
  let max = 0;
  let min = 0;
  for (const l of lines) {
    for (let d = 0; d < count; d++) {
      const v = l.values[d] ?? 0;
      if (v > max) max = v;
      if (v < min) min = v;
    }
  }
  const x = scaleLinear()
    .domain([0, Math.max(1, days - 1)])
    .range([CHART.left, CHART.width - CHART.right]);
  const y = scaleLinear()
    .domain(yDomain(min, max))
    .nice(4)
    .range([CHART.height - CHART.bottom, CHART.top]);
  const path = line<number>()
    .defined((v) => !Number.isNaN(v))
    .x((_, i) => x(i))
    .y((v) => y(v));
  return {
    paths: lines.map((l) => path(Array.from({ length: count }, (_, d) => l.values[d] ?? 0)) ?? ''),
    xTicks: x.ticks(5).map((t) => ({ x: x(t), label: t + 1 })),
    yTicks: y.ticks(4).map((t) => ({ y: y(t), value: t })),
  };
}
