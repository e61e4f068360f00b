/**
 * Line-chart geometry shared by the market charts (src/features/market/chart.ts draws them) and
 * the test oracle that checks them with d3-shape (tests/unit/chart-oracle.ts).
 */

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
