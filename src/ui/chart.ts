/** Line-chart geometry: d3 computes scales, ticks and paths; the market charts draw them. */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';

export interface ChartLine {
  label: string;
  values: ArrayLike<number>;
}

export interface ChartGeometry {
  paths: string[];
  xTicks: { x: number; label: number }[];
  yTicks: { y: number; value: number }[];
}

export const CHART = { width: 320, height: 160, left: 44, right: 8, top: 8, bottom: 22 } as const;

/** The y axis runs from 0 (or below, for negative values) to the largest value (1 when none). */
export function yDomain(min: number, max: number): [number, number] {
  return [Math.min(0, min), max > 0 ? max : min < 0 ? 0 : 1];
}

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
