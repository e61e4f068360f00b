/**
 * Marketplace workers do not pile up: quick switches away from a running market and back leave at
 * most one worker alive, and leaving the page for good leaves none. Counted the way DevTools sees
 * them (Chrome DevTools Protocol, `Target.getTargets`), so a worker nothing references any more but
 * nobody terminated is counted too.
 */
import { describe, expect, inject, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { openPage, useBrowser } from './browser.ts';

const base = inject('baseURL');
const browser = useBrowser();

/** The built-in market scenarios: a new one each switch, so its file is still loading when left. */
const SCENARIOS = [
  'online-vs-offline',
  'b2b-procurement',
  'b2c-shop',
  'c2c-escrow-fraud',
  'c2c-secondhand',
  'double-eleven',
  'o2o-lunch-peak',
  'operating-models',
];
const RUN = 'Run';
const STEP = 'Step one day';

/** The dedicated workers alive in the browser whose script is the marketplace's worker. */
async function marketWorkers(cdp: CDPSession): Promise<string[]> {
  const { targetInfos } = await cdp.send('Target.getTargets');
  return targetInfos
    .filter((t) => t.type === 'worker' && /\/assets\/worker-[\w-]+\.js/.test(t.url))
    .map((t) => t.url);
}

/**
 * Open a scenario's market and leave it the moment the page is on screen, while its file is still
 * loading and its first run not yet started: a start that finishes after the page is gone must not
 * make a worker.
 */
function visitBriefly(page: Page, scenario: string): Promise<void> {
  return page.evaluate(
    (s) =>
      new Promise<void>((resolve) => {
        const leave = () => {
          observer.disconnect();
          location.hash = '#/';
          resolve();
        };
        const observer = new MutationObserver(() => {
          if (document.querySelector('.market-top')) leave();
        });
        observer.observe(document.body, { childList: true, subtree: true });
        location.hash = `#/market/${s}`;
      }),
    scenario,
  );
}

describe('marketplace workers', () => {
  it('eight quick switches away and back leave at most one worker, and leaving for good none', async () => {
    const { context, page, errors } = await openPage(browser(), 'en');
    const cdp = await context.newCDPSession(page);
    const controls = page.locator('.market-results .controls');
    const startRun = async () => {
      await controls.getByRole('button', { name: STEP }).click();
      await page
        .getByText(/Day 1 of/)
        .first()
        .waitFor();
      await controls.getByRole('button', { name: RUN }).click();
    };
    await page.goto(`${base}#/market/${SCENARIOS[0]}`);
    await startRun();
    expect(await marketWorkers(cdp)).toHaveLength(1);

    for (const scenario of [...SCENARIOS.slice(1), SCENARIOS[0]!]) {
      // Away from the running market, a glance at another one, and back to it to start a run.
      await page.evaluate(() => (location.hash = '#/'));
      await visitBriefly(page, scenario);
      await page.evaluate((s) => (location.hash = `#/market/${s}`), scenario);
      await startRun();
    }
    // Workers of the pages left behind go as they are terminated: poll, do not sleep.
    await expect
      .poll(async () => (await marketWorkers(cdp)).length, { timeout: 10_000 })
      .toBeLessThanOrEqual(1);

    // Leaving the marketplace for good: no worker stays.
    await page.evaluate(() => (location.hash = '#/'));
    await page.locator('main h1').first().waitFor();
    await expect.poll(async () => (await marketWorkers(cdp)).length, { timeout: 10_000 }).toBe(0);

    expect(errors).toEqual([]);
    await cdp.detach();
    await context.close();
  });
});
