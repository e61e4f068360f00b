/**
 * The run on the page while it plays: the scene gets every day the worker sends, the figures
 * (table, charts, progress) at most every SHOW_EVERY ms, and all of them at once on pause and at
 * the end. (Without a Worker here, the run calls the worker's logic in the page.)
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MarketRun, SHOW_EVERY } from '../../src/features/market/runner.svelte.ts';
import { preset } from '../../src/engine/market/config.ts';

const TICK = 120;

describe('a playing run', () => {
  beforeEach(() => {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'],
    });
  });
  afterEach(() => vi.useRealTimers());

  async function started(days = 40): Promise<MarketRun> {
    const run = new MarketRun();
    await run.start([preset('B2C', { buyers: 300, sellers: 20, days, seed: 3 })]);
    run.speed = 1;
    return run;
  }

  it('moves the scene every tick but redraws the figures at most every SHOW_EVERY ms', async () => {
    const run = await started();
    run.play();
    /** When each figure day first appeared, and each scene day (sampled every 5 ms). */
    const figureChanges: number[] = [];
    const sceneDays: number[] = [];
    let lastDay = run.day;
    for (let at = 5; at <= TICK * 16; at += 5) {
      await vi.advanceTimersByTimeAsync(5);
      const scene = run.sceneDay?.day ?? 0;
      if (scene !== (sceneDays.at(-1) ?? 0)) sceneDays.push(scene);
      if (run.day !== lastDay) {
        figureChanges.push(performance.now());
        lastDay = run.day;
      }
      // The figures never run ahead of the scene, and lag it by at most the days of one wait.
      expect(run.day).toBeLessThanOrEqual(scene);
      expect(scene - run.day).toBeLessThanOrEqual(Math.ceil(SHOW_EVERY / TICK) + 1);
    }
    // One new day in the scene per tick.
    expect(sceneDays).toEqual(sceneDays.map((_, i) => i + 1));
    // Fewer redraws of the figures than days, spaced at least SHOW_EVERY apart.
    expect(figureChanges.length).toBeGreaterThan(3);
    expect(figureChanges.length).toBeLessThan(sceneDays.length * 0.7);
    for (let i = 1; i < figureChanges.length; i++) {
      expect(figureChanges[i]! - figureChanges[i - 1]!).toBeGreaterThanOrEqual(SHOW_EVERY);
    }
    expect(run.series[0]!.length).toBeGreaterThan(0);
    run.dispose();
  });

  it('shows every day the worker has run as soon as the run is paused', async () => {
    const run = await started();
    run.play();
    await vi.advanceTimersByTimeAsync(TICK * 5 + 10);
    run.pause();
    expect(run.day).toBe(run.sceneDay?.day);
    const { day } = run;
    await vi.advanceTimersByTimeAsync(SHOW_EVERY * 4);
    expect(run.day).toBe(day);
    run.dispose();
  });

  it('shows the last day at once, and stops there', async () => {
    const run = await started(12);
    run.play();
    await vi.advanceTimersByTimeAsync(TICK * 13);
    expect(run.day).toBe(12);
    expect(run.done).toBe(true);
    expect(run.playing).toBe(false);
  });

  it('stepping while paused shows each day at once', async () => {
    const run = await started();
    for (let d = 1; d <= 4; d++) {
      await run.advance(1);
      expect(run.day).toBe(d);
      expect(run.sceneDay?.day).toBe(d);
    }
    run.dispose();
  });
});
