/**
 * A day-by-day chart that grows while a run plays: the same geometry as the shared chart
 * (src/ui/chart.ts, a test compares them), but each update only adds the new days to the paths.
 * The whole chart is rebuilt only when the y axis rescales, the run restarts, or the lines change.
 */
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { CHART, type ChartGeometry } from '../../ui/chart.ts';

/** d3's paths round coordinates to 3 decimals (`line().digits(3)`); these do the same. */
const round = (v: number): number => Math.round(v * 1000) / 1000;

export class GrowingChart {
  #days = -1;
  #lines = -1;
  /** Days drawn so far, and the largest value among them (as the shared chart computes it). */
  #count = 0;
  #max = 0;
  #x: ScaleLinear<number, number> | null = null;
  #y: ScaleLinear<number, number> | null = null;
  #top = Number.NaN;
  /** The paths so far, without d3's closing `Z` for a line of one point. */
  #paths: string[] = [];
  #xTicks: ChartGeometry['xTicks'] = [];
  #yTicks: ChartGeometry['yTicks'] = [];

  /** The geometry for the first `count` days of each line, out of `days`. */
  geometry(lines: readonly ArrayLike<number>[], days: number, count: number): ChartGeometry {
    if (days !== this.#days || lines.length !== this.#lines || count < this.#count) {
      this.#reset(lines.length, days);
    }
    let max = this.#max;
    for (const values of lines) {
      for (let d = this.#count; d < count; d++) max = Math.max(max, values[d] ?? 0);
    }
    if (!this.#y || !Object.is(max, this.#max)) {
      const y = scaleLinear()
        .domain([0, max > 0 ? max : 1])
        .nice(4)
        .range([CHART.height - CHART.bottom, CHART.top]);
      const top = y.domain()[1]!;
      if (!this.#y || !Object.is(top, this.#top)) {
        // The y axis rescaled: every point moves.
        this.#y = y;
        this.#top = top;
        this.#yTicks = y.ticks(4).map((t) => ({ y: y(t), value: t }));
        this.#paths = lines.map(() => '');
        this.#count = 0;
      }
    }
    this.#max = max;
    const x = this.#x!;
    const yScale = this.#y;
    for (let i = 0; i < lines.length; i++) {
      const values = lines[i]!;
      let d = this.#count;
      let path = this.#paths[i]!;
      for (; d < count; d++) {
        const px = round(x(d));
        const py = round(yScale(values[d] ?? 0));
        path += `${d === 0 ? 'M' : 'L'}${px},${py}`;
      }
      this.#paths[i] = path;
    }
    this.#count = count;
    return {
      paths: this.#paths.map((p) => (count === 1 ? `${p}Z` : p)),
      xTicks: this.#xTicks,
      yTicks: this.#yTicks,
    };
  }

  #reset(lines: number, days: number): void {
    this.#days = days;
    this.#lines = lines;
    this.#count = 0;
    this.#max = 0;
    this.#top = Number.NaN;
    this.#y = null;
    const x = scaleLinear()
      .domain([0, Math.max(1, days - 1)])
      .range([CHART.left, CHART.width - CHART.right]);
    this.#x = x;
    this.#xTicks = x.ticks(5).map((t) => ({ x: x(t), label: t + 1 }));
    this.#paths = Array.from({ length: lines }, () => '');
  }
}
