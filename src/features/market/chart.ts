/**
 * A day-by-day chart that grows while a run plays: the same geometry as the shared chart
 * (src/ui/chart.ts, a test compares them), but each update only adds the new days to the paths.
 * The whole chart is rebuilt only when the y axis rescales, the run restarts, or the lines change.
 * A day with nothing to measure (NaN) is a gap in its line, as d3's `line().defined()` draws it.
 */
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { CHART, type ChartGeometry, yDomain } from '../../ui/chart.ts';

/** d3's paths round coordinates to 3 decimals (`line().digits(3)`); these do the same. */
const round = (v: number): number => Math.round(v * 1000) / 1000;

export class GrowingChart {
  #days = -1;
  #lines = -1;
  /** Days drawn so far, and the smallest and largest values among them. */
  #count = 0;
  #min = 0;
  #max = 0;
  #x: ScaleLinear<number, number> | null = null;
  #y: ScaleLinear<number, number> | null = null;
  #domain: [number, number] = [Number.NaN, Number.NaN];
  /** The paths so far, without d3's closing `Z` for a last segment of one point. */
  #paths: string[] = [];
  /** Points in each path's last segment (0 after a gap). */
  #segment: number[] = [];
  #xTicks: ChartGeometry['xTicks'] = [];
  #yTicks: ChartGeometry['yTicks'] = [];

  /** The geometry for the first `count` days of each line, out of `days`. */
  geometry(lines: readonly ArrayLike<number>[], days: number, count: number): ChartGeometry {
    if (days !== this.#days || lines.length !== this.#lines || count < this.#count) {
      this.#reset(lines.length, days);
    }
    let min = this.#min;
    let max = this.#max;
    for (const values of lines) {
      for (let d = this.#count; d < count; d++) {
        const v = values[d] ?? 0;
        if (v > max) max = v;
        if (v < min) min = v;
      }
    }
    if (!this.#y || !Object.is(max, this.#max) || !Object.is(min, this.#min)) {
      const y = scaleLinear()
        .domain(yDomain(min, max))
        .nice(4)
        .range([CHART.height - CHART.bottom, CHART.top]);
      const [lo, hi] = y.domain() as [number, number];
      if (!this.#y || !Object.is(lo, this.#domain[0]) || !Object.is(hi, this.#domain[1])) {
        // The y axis rescaled: every point moves.
        this.#y = y;
        this.#domain = [lo, hi];
        this.#yTicks = y.ticks(4).map((t) => ({ y: y(t), value: t }));
        this.#paths = lines.map(() => '');
        this.#segment = lines.map(() => 0);
        this.#count = 0;
      }
    }
    this.#min = min;
    this.#max = max;
    const x = this.#x!;
    const yScale = this.#y;
    for (let i = 0; i < lines.length; i++) {
      const values = lines[i]!;
      let path = this.#paths[i]!;
      let segment = this.#segment[i]!;
      for (let d = this.#count; d < count; d++) {
        const v = values[d] ?? 0;
        if (Number.isNaN(v)) {
          if (segment === 1) path += 'Z';
          segment = 0;
          continue;
        }
        path += `${segment === 0 ? 'M' : 'L'}${round(x(d))},${round(yScale(v))}`;
        segment++;
      }
      this.#paths[i] = path;
      this.#segment[i] = segment;
    }
    this.#count = count;
    return {
      paths: this.#paths.map((p, i) => (this.#segment[i] === 1 ? `${p}Z` : p)),
      xTicks: this.#xTicks,
      yTicks: this.#yTicks,
    };
  }

  #reset(lines: number, days: number): void {
    this.#days = days;
    this.#lines = lines;
    this.#count = 0;
    this.#min = 0;
    this.#max = 0;
    this.#domain = [Number.NaN, Number.NaN];
    this.#y = null;
    const x = scaleLinear()
      .domain([0, Math.max(1, days - 1)])
      .range([CHART.left, CHART.width - CHART.right]);
    this.#x = x;
    this.#xTicks = x.ticks(5).map((t) => ({ x: x(t), label: t + 1 }));
    this.#paths = Array.from({ length: lines }, () => '');
    this.#segment = Array.from({ length: lines }, () => 0);
  }
}
