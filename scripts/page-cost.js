/**
 * What a page costs to load, in figures that do not depend on Lighthouse's simulation: the main
 * thread's task time during load at 1× CPU (CPU time of every task from navigation until the page
 * has been quiet for a while, read from a performance trace), and the JavaScript it loads (KB as
 * parsed, and gzipped as sent). Shared by scripts/budget.js (which holds pages to recorded
 * budgets) and scripts/lighthouse.js (which prints them beside the scores).
 *
 * CPU time is counted, not time by the clock, so another program on the machine inflates it
 * little. It still depends on the processor, so task times are also given in units of a fixed
 * piece of work (`calibrate`) measured on the same machine at the same time.
 */
import { gzipSync } from 'node:zlib';
import { launchChromium } from './measure-lib.js';

/** The pages measured, by a short name: the ones a student or teacher opens first. */
export const PAGES = {
  home: '#/',
  lesson: '#/lessons/process',
  flows: '#/flows/transaction',
  market: '#/market',
  quiz: '#/quiz/security',
  case: '#/quiz/phishing-link',
  progress: '#/progress',
  authoring: '#/authoring',
  class: '#/class',
};

/**
 * The unit of task time: script, a long Chinese and English page laid out, styles. A page's task
 * time divided by this work's changes less from one machine (or moment) to another than either.
 */
const CALIBRATION = `<!doctype html><html lang="zh-CN"><body><script>
  let x = 0;
  for (let i = 0; i < 3e6; i++) x = (x * 31 + i) % 1000003;
  const words = '电子商务交易流程 order payment 物流配送 logistics 平台 platform ';
  for (let i = 0; i < 1500; i++) {
    const p = document.createElement('p');
    p.textContent = words.repeat(1 + (i % 4)) + x;
    p.style.margin = (i % 7) + 'px';
    document.body.append(p);
  }
  document.body.offsetHeight;
</script></body></html>`;

/** @param {number[]} xs */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/**
 * Trace the page's renderer; the function returned stops and gives the events.
 * @param {import('playwright-core').CDPSession} cdp
 */
async function startTrace(cdp) {
  /** @type {any[]} */
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['disabled-by-default-devtools.timeline'] },
  });
  return async () => {
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await done;
    return events;
  };
}

/**
 * CPU time of the tasks of the renderer that parsed a document (headless Chromium runs renderers
 * of its own, for its built-in pages, in the same trace).
 * @param {any[]} events @param {(url: string) => boolean} isPage
 */
function taskTime(events, isPage) {
  const own = events.find(
    (e) => e.name === 'ParseHTML' && isPage(String(e.args?.beginData?.url ?? '')),
  );
  if (!own) throw new Error('the page was not found in the trace');
  return events
    .filter((e) => e.pid === own.pid && e.tid === own.tid && e.name === 'RunTask' && e.ph === 'X')
    .reduce((a, e) => a + (e.tdur ?? e.dur) / 1000, 0);
}

/**
 * The calibration work's CPU time on this machine now (ms, median of `runs`).
 * @param {import('playwright-core').Browser} browser
 */
export async function calibrate(browser, runs = 5) {
  /** @type {number[]} */
  const times = [];
  for (let r = 0; r < runs; r++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const stop = await startTrace(await context.newCDPSession(page));
    await page.setContent(CALIBRATION, { waitUntil: 'load' });
    await page.waitForTimeout(200);
    times.push(taskTime(await stop(), () => true));
    await context.close();
  }
  return median(times);
}

/**
 * @typedef {{ taskMs: number, taskMin: number, taskMax: number, units: number, jsKB: number, jsGzKB: number, scripts: number }} PageCost
 */

/**
 * Load each page `runs` times in a fresh context: the median task time, and the JS.
 * @param {string} base the served build's address, ending in `/`
 * @param {Record<string, string>} pages name → hash
 * @param {{ runs?: number, quietMs?: number, log?: (line: string) => void }} [options]
 * @returns {Promise<{ unit: number, pages: Record<string, PageCost> }>}
 */
export async function measurePages(base, pages, { runs = 3, quietMs = 1500, log } = {}) {
  const browser = await launchChromium();
  /** @type {Record<string, PageCost>} */
  const out = {};
  try {
    const unit = await calibrate(browser);
    log?.(`  calibration work: ${unit.toFixed(0)} ms of CPU time = 1 unit`);
    for (const [name, hash] of Object.entries(pages)) {
      /** @type {number[]} */
      const times = [];
      let js = { kb: 0, gz: 0, count: 0 };
      for (let r = 0; r < runs; r++) {
        const one = await measureOnce(browser, `${base}${hash}`, quietMs);
        times.push(one.taskMs);
        js = one.js;
      }
      const cost = {
        taskMs: median(times),
        taskMin: Math.min(...times),
        taskMax: Math.max(...times),
        units: median(times) / unit,
        jsKB: js.kb,
        jsGzKB: js.gz,
        scripts: js.count,
      };
      out[name] = cost;
      log?.(
        `  ${name.padEnd(10)} task time ${cost.taskMs.toFixed(0).padStart(4)} ms ` +
          `(${cost.taskMin.toFixed(0)}–${cost.taskMax.toFixed(0)}) = ${cost.units.toFixed(2)} units, ` +
          `JS ${js.kb.toFixed(0)} KB parsed, ${js.gz.toFixed(1)} KB gzip, ${js.count} files`,
      );
    }
    return { unit, pages: out };
  } finally {
    await browser.close();
  }
}

/**
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @param {number} quietMs
 */
async function measureOnce(browser, url, quietMs) {
  // A phone-sized window, as Lighthouse's mobile run uses, in the default language.
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 412, height: 823 },
    deviceScaleFactor: 1.75,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  /** @type {Map<string, { size: number, gz: number }>} script address → bytes parsed, gzipped */
  const scripts = new Map();
  page.on('response', async (res) => {
    if (res.request().resourceType() !== 'script' && !/\.m?js(\?|$)/.test(res.url())) return;
    try {
      const body = await res.body();
      scripts.set(res.url(), { size: body.length, gz: gzipSync(body).length });
    } catch {
      // A response without a body (a redirect): nothing was parsed.
    }
  });
  const stop = await startTrace(cdp);
  await page.goto(url, { waitUntil: 'load' });
  // Work after load (lazy chunks, the first drawing) counts too: wait until no long task has
  // run for `quietMs`.
  await page.evaluate(
    (quiet) =>
      new Promise((resolve) => {
        let last = performance.now();
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) last = Math.max(last, e.startTime + e.duration);
        }).observe({ type: 'longtask', buffered: true });
        const check = () => {
          if (performance.now() - last >= quiet) resolve(undefined);
          else setTimeout(check, 100);
        };
        setTimeout(check, 100);
      }),
    quietMs,
  );
  const events = await stop();
  const site = url.split('#')[0] ?? url;
  const taskMs = taskTime(events, (u) => u.startsWith(site));
  await context.close();
  const all = [...scripts.values()];
  return {
    taskMs,
    js: {
      kb: all.reduce((a, b) => a + b.size, 0) / 1024,
      gz: all.reduce((a, b) => a + b.gz, 0) / 1024,
      count: all.length,
    },
  };
}
