/**
 * Seeded UI fuzz (after PhET's `?fuzz`): for each seed, the app's own PRNG (createRandom) picks
 * routes and random actions on the enabled, visible controls in the header and `main` — clicks,
 * checkboxes and radios, select options, random text (Chinese, YAML-ish, HTML payloads), keys, the
 * language switch, a reload now and then — against the production build in headless Chromium.
 *
 * Some steps do real work as a student would: answer a question, mark a section read, keep a file.
 *
 * A run fails on any page error, console error or failed request, on any `alert` (or a `confirm` or
 * `prompt` the app does not ask itself), on an invariant violation shown by the Marketplace's debug
 * panel (`debug=1`), if the saved progress loses an entry the student did not remove ("mark as
 * unread", "clear this set's answers"), and if it no longer reads as a valid record afterwards.
 * The failure names the seed, the step and the last actions.
 *
 * Each seed runs exactly ACTIONS steps, however slow the machine (no time cap: a slower machine
 * replays the same steps, only later).
 * The same seed makes the same choices on the same page: controls are taken in DOM order, each list
 * is read once the page has settled, and only the PRNG chooses. So a failure replays by its seed:
 *
 *   FUZZ_SEED=12345 npx vitest run --project e2e tests/e2e/fuzz.e2e.ts -t 'seed 12345:'
 *
 * Without `-t` the fixed seeds run too. FUZZ_ACTIONS=500 runs longer; FUZZ_VERBOSE=1 prints every
 * action with its time.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { ElementHandle, Page } from 'playwright-core';
import { openPage, readStored, storedWithPrefix, useBrowser, writeStored } from './browser.ts';
import { createRandom, type Random } from '../../src/engine/random.ts';
import { PROGRESS_FORMAT, emptyRecord, readRecord } from '../../src/state/progress/record.ts';

const base = inject('baseURL');
const browser = useBrowser();

/** Between them: the Marketplace run and stepped in debug mode, the editor, cases and quizzes. */
const FIXED_SEEDS = [4, 9, 987654321];
const extra = process.env.FUZZ_SEED;
if (extra !== undefined && !/^\d+$/.test(extra))
  throw new Error(`FUZZ_SEED=${extra}: not a number`);
const SEEDS = [...new Set(extra ? [...FIXED_SEEDS, Number(extra)] : FIXED_SEEDS)];
const DEFAULT_ACTIONS = 45;
const ACTIONS = Number(process.env.FUZZ_ACTIONS) || DEFAULT_ACTIONS;
/** The test's limit, generous: a run normally takes 150–250 ms an action, real work more. */
const SEED_TIMEOUT_MS = ACTIONS * 2000 + 60_000;
const ACTION_TIMEOUT = 500;
const LOG_TAIL = 20;
const VERBOSE = Boolean(process.env.FUZZ_VERBOSE);

const ROUTES = [
  '#/',
  '#/lessons',
  '#/lessons/process',
  '#/flows',
  '#/flows/payment',
  // The Marketplace checks its invariants in debug mode: twice as likely as other pages.
  '#/market?debug=1',
  '#/market?debug=1',
  '#/market/c2c-escrow-fraud?debug=1',
  '#/market/c2c-escrow-fraud?debug=1',
  '#/quiz',
  '#/quiz/security',
  '#/quiz/phishing-link',
  '#/authoring',
  '#/authoring/edit',
  '#/progress',
  '#/class',
];

const KEYS = [
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Space',
  'Enter',
  'Home',
  'End',
  'Tab',
  'Shift+Tab',
  'Escape',
];

const TEXTS = [
  '',
  'a',
  '你好，世界',
  '王小明 2024级电商1班',
  '电子商务 B2C 测试 ¥100',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '[click](javascript:alert(1))',
  '{{constructor.constructor("alert(1)")()}}',
  'kind: quiz\nid: fuzz\ntitle:\n  zh: 测验\n  en: Quiz\nquestions: []\n',
  'a: &a [1, 2]\nb: [*a, *a, *a]\n',
  '__proto__:\n  polluted: 1\n',
  '<<: {x: 1}\n- ]\n  : :',
  '%%{init: {"securityLevel": "loose"}}%%\ngraph TD; A-->B',
  'https://example.com/x.yaml',
  '#/open?url=javascript:alert(1)',
  '🙂 ☃ \u200b\u202e RTL',
  '   ',
  'x'.repeat(3000),
];

/**
 * Addresses for a URL field. Only absolute ones: the app resolves any other text against its own
 * address, and the 404 a nonsense address gets is the browser's console error, not the app's.
 * Other origins are answered by the test (an empty file), never by the network.
 */
const URLS = [
  'https://example.com/scenario.yaml',
  'http://example.com/a%20b.yaml?x=1#y',
  'https://例子.测试/场景.yaml',
  'javascript:alert(1)',
  'data:text/plain,kind: quiz',
  'ftp://example.com/x.yaml',
  'https://',
];

const NUMBERS = ['0', '1', '-1', '7', '42', '3.5', '-0', '1e9', '99999999', '0.0001', '', '007'];

const CHARS = 'abcXYZ019 -_:#&*!?<>"\'/\\{}[]()\n\t电子商务支付物流订单退货。，、中文测验你好🙂é€¥';

/** The texts the app itself may `confirm` (the editor, before replacing text with a template). */
const OWN_CONFIRMS = ['zh-CN', 'en'].map(
  (lang) =>
    (
      JSON.parse(readFileSync(`src/i18n/authoring/${lang}.json`, 'utf8')) as {
        editor: { replaceConfirm: string };
      }
    ).editor.replaceConfirm,
);

/** Controls that remove saved progress on purpose: a loss right after one of them is the student's. */
const REMOVERS = ['zh-CN', 'en'].flatMap((lang) => {
  const core = JSON.parse(readFileSync(`src/i18n/lesson/${lang}.json`, 'utf8')) as {
    lesson: { markUnread: string };
  };
  const quiz = JSON.parse(readFileSync(`src/i18n/quiz/${lang}.json`, 'utf8')) as {
    quiz: { restart: string };
  };
  return [core.lesson.markUnread, quiz.quiz.restart];
});

/** The entries of a saved progress record, as keys (what must never silently disappear). */
function entriesOf(raw: string | null): Set<string> {
  const read = readRecord(raw);
  if (read.status !== 'ok') return new Set();
  const r = read.record;
  return new Set([
    ...Object.keys(r.lessons).map((id) => `lessons/${id}`),
    ...Object.keys(r.flows).map((id) => `flows/${id}`),
    ...Object.entries(r.quizzes).flatMap(([set, q]) =>
      Object.keys(q.answers).map((id) => `quizzes/${set}/${id}`),
    ),
    ...Object.keys(r.cases).map((id) => `cases/${id}`),
  ]);
}

const KEPT_QUIZ = readFileSync('scenarios/templates/quiz.yaml', 'utf8');
const LESSON_IDS = ['process', 'models', 'platforms', 'security-law'];

type Kind = 'click' | 'check' | 'select' | 'text' | 'number' | 'other';

interface Control {
  kind: Kind;
  /** A link: it leaves the page, so it is picked less often than the page's own controls. */
  link: boolean;
  /** In the header (the same on every page, so picked less often than those in main). */
  header: boolean;
  label: string;
  options: number;
}

interface PageState {
  dialogs: string[];
  violation: string | null;
  hash: string;
  inApp: boolean;
}

/** Records calls to alert, confirm and prompt, then lets the browser raise them (dismissed). */
function installDialogTrap(): void {
  const w = window as unknown as Record<string, unknown> & { __fuzzDialogs: string[] };
  w.__fuzzDialogs = [];
  for (const name of ['alert', 'confirm', 'prompt'] as const) {
    const original = window[name] as (...args: unknown[]) => unknown;
    w[name] = function (this: unknown, ...args: unknown[]) {
      w.__fuzzDialogs.push(`${name}(${String(args[0] ?? '')})`);
      return original.apply(this, args);
    };
  }
}

/**
 * The controls a student could use now, in DOM order (header first, then main), described; kept
 * in `window.__fuzzControls` for the action that follows. Waits (up to a second) until nothing in
 * main is loading and the list has stayed the same for 50 ms, so that the same seed sees the same
 * list however fast the machine is.
 */
async function scanControls(): Promise<Control[]> {
  const collect = (): Element[] => {
    const roots = [
      document.querySelector('header.site-header'),
      document.querySelector('main'),
    ].filter((r): r is Element => r !== null);
    const selector = [
      'a[href]',
      'button',
      'summary',
      'select',
      'textarea',
      'input',
      '[role="button"]',
      '[role="tab"]',
      '[role="checkbox"]',
      '[role="radio"]',
      '[role="switch"]',
      '[role="option"]',
    ].join(',');
    const els: Element[] = [];
    for (const root of roots) {
      for (const el of root.querySelectorAll(selector)) {
        if (el.closest('[inert]')) continue;
        if (el.matches(':disabled') || el.getAttribute('aria-disabled') === 'true') continue;
        if (!el.checkVisibility({ visibilityProperty: true }) || el.getClientRects().length === 0)
          continue;
        if (el instanceof HTMLInputElement && ['file', 'hidden'].includes(el.type)) continue;
        if (el instanceof HTMLAnchorElement) {
          // Stay in the app: no other origin, no new tab.
          const url = new URL(el.href, location.href);
          if (url.origin !== location.origin || (el.target && el.target !== '_self')) continue;
        }
        els.push(el);
      }
    }
    return els;
  };
  const describe = (els: Element[]): Control[] =>
    els.map((el) => {
      const tag = el.tagName.toLowerCase();
      const role = el.getAttribute('role');
      let kind: Kind = 'click';
      let options = 0;
      if (el instanceof HTMLSelectElement) {
        kind = 'select';
        options = el.options.length;
      } else if (el instanceof HTMLTextAreaElement) kind = 'text';
      else if (el instanceof HTMLInputElement) {
        const type = el.type;
        if (type === 'checkbox' || type === 'radio') kind = 'check';
        else if (type === 'number') kind = 'number';
        else if (['submit', 'button', 'reset', 'image'].includes(type)) kind = 'click';
        else if (['text', 'search', 'url', 'email', 'tel', 'password'].includes(type))
          kind = 'text';
        else kind = 'other';
      } else if (role === 'checkbox' || role === 'radio' || role === 'switch') kind = 'check';
      const text = (
        el.getAttribute('aria-label') ||
        (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement
          ? el.labels?.[0]?.textContent || el.name || el.placeholder
          : el.textContent) ||
        ''
      )
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 40);
      const type = el instanceof HTMLInputElement ? `[${el.type}]` : '';
      const href = el instanceof HTMLAnchorElement ? ` ${el.getAttribute('href')}` : '';
      return {
        kind,
        link: el instanceof HTMLAnchorElement,
        header: el.closest('header') !== null,
        options,
        label: `${tag}${type} "${text}"${href}`,
      };
    });
  const signature = (controls: Control[]): string => controls.map((c) => c.label).join('\n');
  const busy = (): boolean => document.querySelector('main [aria-busy="true"]') !== null;
  let els = collect();
  let controls = describe(els);
  const start = performance.now();
  while (performance.now() - start < 1000) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const again = collect();
    const described = describe(again);
    const same = signature(described) === signature(controls);
    els = again;
    controls = described;
    if (same && !busy()) break;
  }
  (window as unknown as { __fuzzControls: Element[] }).__fuzzControls = els;
  return controls;
}

/**
 * Where to click control `index` of the last scan: scrolled into view, the middle of its first box,
 * if that point reaches it (or its label); a string says why not (gone, covered).
 */
function pointAt(index: number): { x: number; y: number } | string {
  const el = (window as unknown as { __fuzzControls: Element[] }).__fuzzControls[index];
  if (!el || !el.isConnected) return 'detached';
  const rect = () => el.getClientRects()[0];
  let box = rect();
  if (!box) return 'hidden';
  if (box.top < 0 || box.bottom > innerHeight || box.left < 0 || box.right > innerWidth) {
    el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
    box = rect();
    if (!box) return 'hidden';
  }
  const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
  const hit = document.elementFromPoint(x, y);
  if (!hit) return 'off screen';
  const labels =
    el instanceof HTMLInputElement || el instanceof HTMLSelectElement ? [...(el.labels ?? [])] : [];
  if (el.contains(hit) || labels.some((l) => l.contains(hit))) return { x, y };
  return `covered by ${hit.tagName.toLowerCase()}${hit.className ? `.${String(hit.className).split(' ')[0]}` : ''}`;
}

function readState(): PageState {
  const w = window as unknown as { __fuzzDialogs?: string[] };
  const broken = document.querySelector('.debug-panel [data-testid="invariants"].error');
  return {
    dialogs: (w.__fuzzDialogs ?? []).splice(0),
    violation: broken ? (broken.textContent ?? '').replace(/\s+/g, ' ').trim() : null,
    hash: location.hash,
    inApp: document.querySelector('main#main') !== null,
  };
}

function pickWeighted<T extends string>(rng: Random, weights: Record<T, number>): T {
  const entries = Object.entries(weights) as [T, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = rng.next() * total;
  for (const [key, w] of entries) {
    r -= w;
    if (r < 0) return key;
  }
  return entries[entries.length - 1]![0];
}

function pick<T>(rng: Random, items: readonly T[]): T {
  return items[rng.int(0, items.length - 1)]!;
}

function randomText(rng: Random, multiline: boolean): string {
  if (rng.next() < 0.5) return pick(rng, TEXTS);
  const length = rng.int(1, 40);
  let s = '';
  for (let i = 0; i < length; i++) s += pick(rng, [...CHARS]);
  return multiline ? s : s.replace(/\n/g, ' ');
}

/** Waits for a route's heading; a page that never shows one is reported by its errors, if any. */
async function settle(page: Page): Promise<void> {
  await page
    .locator('main h1')
    .first()
    .waitFor({ timeout: 5_000 })
    .catch(() => undefined);
}

async function runSeed(seed: number): Promise<string> {
  const rng = createRandom(seed);
  const lang = rng.next() < 0.5 ? 'zh-CN' : 'en';
  const { context, page, errors } = await openPage(browser(), lang);
  const origin = new URL(base).origin;
  const log: string[] = [];
  const routesSeen = new Set<string>();
  let step = 0;
  let afterRun = false;

  const fail = (reason: string): never => {
    const tail = log.slice(-LOG_TAIL).join('\n  ');
    const steps = afterRun ? step - 1 : step;
    throw new Error(
      `fuzz seed ${seed} failed ${afterRun ? `after the run (${steps} steps)` : `at step ${steps}`}: ${reason}\n` +
        `replay: ${steps > DEFAULT_ACTIONS ? `FUZZ_ACTIONS=${steps} ` : ''}FUZZ_SEED=${seed} npx vitest run --project e2e tests/e2e/fuzz.e2e.ts -t 'seed ${seed}:'\n` +
        `last ${Math.min(LOG_TAIL, log.length)} actions:\n  ${tail}`,
    );
  };

  // Nothing may leave the machine; a new tab (none expected) is closed at once.
  await context.route(
    (url) => url.origin !== origin,
    (route) => route.fulfill({ status: 204, body: '' }),
  );
  context.on('page', (p) => {
    if (p !== page) void p.close();
  });
  await page.addInitScript(installDialogTrap);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    if (d.type() === 'beforeunload') {
      void d.accept();
      return;
    }
    dialogs.push(`${d.type()}(${d.message()})`);
    void d.dismiss();
  });
  // A file chooser (Enter on a file input) is intercepted and left unanswered.
  page.on('filechooser', () => undefined);

  // Start from saved progress, so that keeping it intact means something.
  await page.goto(`${base}#/`);
  await settle(page);
  const seeded = {
    ...emptyRecord(new Date().toISOString()),
    lessons: { models: { readAt: new Date().toISOString() } },
  };
  await writeStored(page, 'ecsim.progress', JSON.stringify(seeded));
  await page.reload();
  await settle(page);

  const visit = async (route: string): Promise<void> => {
    log.push(`${step}: visit ${route}`);
    await page.goto(`${base}${route}`);
    await settle(page);
  };

  const state = async (): Promise<PageState> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await page.evaluate(readState);
      } catch (e) {
        // A navigation in progress destroys the context: ask the next document.
        if (attempt >= 10) throw e;
        await page.waitForTimeout(100);
      }
    }
  };

  /** Real work, as a student would do it: the app must keep every bit of it. */
  const work = async (): Promise<void> => {
    const kind = pick(rng, ['answer', 'read', 'keep'] as const);
    if (kind === 'answer') {
      log.push(`${step}: work: answer a question of #/quiz/security`);
      await visit('#/quiz/security');
      const option = page.locator('article.question input').first();
      await option.check({ timeout: ACTION_TIMEOUT * 4 });
      await page
        .locator('article.question button.primary')
        .first()
        .click({ timeout: ACTION_TIMEOUT * 4 });
    } else if (kind === 'read') {
      const id = pick(rng, LESSON_IDS);
      log.push(`${step}: work: mark #/lessons/${id} read`);
      await visit(`#/lessons/${id}`);
      const mark = page.locator('.mark-read button.primary');
      if ((await mark.count()) > 0) await mark.click({ timeout: ACTION_TIMEOUT * 4 });
    } else {
      const id = `fuzz-quiz-${rng.int(1, 3)}`;
      log.push(`${step}: work: keep a question set file (${id})`);
      await visit('#/authoring');
      await page.locator('input[type=file][accept^=".yaml"]').setInputFiles({
        name: `${id}.yaml`,
        mimeType: 'text/yaml',
        buffer: Buffer.from(KEPT_QUIZ.replace('id: my-quiz', `id: ${id}`)),
      });
      await page.locator('.open-result').waitFor({ timeout: ACTION_TIMEOUT * 10 });
    }
  };

  let leftApp = true; // visit a route first
  let onRoute = 0;
  let savedEntries = entriesOf(await readStored(page, 'ecsim.progress'));
  const started = Date.now();
  try {
    for (step = 1; step <= ACTIONS; step++) {
      const before = errors.length;
      const stepStart = Date.now();
      // Every ninth step is real work, so every seed answers, reads and keeps files.
      let action =
        step % 9 === 0
          ? 'work'
          : leftApp || onRoute <= 0
            ? 'route'
            : pickWeighted(rng, {
                click: 46,
                check: 9,
                select: 8,
                text: 12,
                key: 14,
                lang: 3,
                route: 6,
                reload: 2,
                work: 6,
              });
      try {
        if (action === 'work') {
          await work();
          onRoute = rng.int(3, 10);
        } else if (action === 'route') {
          await visit(pick(rng, ROUTES));
          onRoute = rng.int(6, 24);
        } else if (action === 'reload') {
          log.push(`${step}: reload`);
          await page.reload();
          await settle(page);
        } else if (action === 'lang') {
          const button = page.locator('header .lang-switch button[aria-pressed="false"]');
          log.push(`${step}: switch language`);
          await button.click({ timeout: ACTION_TIMEOUT }).catch(() => undefined);
        } else {
          const controls = await page.evaluate(scanControls);
          const wanted: Kind[] =
            action === 'click'
              ? ['click']
              : action === 'check'
                ? ['check']
                : action === 'select'
                  ? ['select']
                  : action === 'text'
                    ? ['text', 'number']
                    : ['click', 'check', 'select', 'text', 'number', 'other'];
          let indices = controls.flatMap((c, i) => (wanted.includes(c.kind) ? [i] : []));
          if (indices.length === 0 && action !== 'key') {
            // Nothing of that kind here: click something instead.
            action = 'click';
            indices = controls.flatMap((c, i) => (c.kind === 'click' ? [i] : []));
          }
          // Mostly the page's own controls, so that a run gets deep into a page before it leaves.
          const split = (test: (c: Control) => boolean, p: number): void => {
            const yes = indices.filter((i) => test(controls[i]!));
            const no = indices.filter((i) => !test(controls[i]!));
            if (yes.length > 0 && no.length > 0) indices = rng.next() < p ? yes : no;
          };
          split((c) => c.header, 0.08);
          if (action === 'click') split((c) => c.link, 0.2);
          const index = indices.length > 0 ? pick(rng, indices) : -1;
          const control = controls[index];
          const target = control ? `${control.label} (#${index} of ${controls.length})` : '';
          const handle = async (): Promise<ElementHandle> =>
            (await page.evaluateHandle(
              (i) => (window as unknown as { __fuzzControls: Element[] }).__fuzzControls[i]!,
              index,
            )) as ElementHandle;
          /** Click as a pointer would, where the control shows; false if it cannot be reached. */
          const click = async (): Promise<boolean> => {
            const point = await page.evaluate(pointAt, index);
            if (typeof point === 'string') {
              log[log.length - 1] += ` (skipped: ${point})`;
              return false;
            }
            await page.mouse.click(point.x, point.y);
            return true;
          };
          if (action === 'key') {
            const key = pick(rng, KEYS);
            const focusFirst = control !== undefined && rng.next() < 0.5;
            log.push(`${step}: press ${key}${focusFirst ? ` on ${target}` : ' (focused element)'}`);
            if (focusFirst) await (await handle()).focus().catch(() => undefined);
            // Enter or Space on a link out of the app would leave it: a student's choice, not ours.
            const outLink = await page.evaluate(() => {
              const a = document.activeElement;
              return a instanceof HTMLAnchorElement && new URL(a.href).origin !== location.origin;
            });
            if (!(outLink && (key === 'Enter' || key === 'Space')))
              await page.keyboard.press(key).catch(() => undefined);
          } else if (control) {
            if (control.kind === 'select') {
              const option = rng.int(0, Math.max(0, control.options - 1));
              log.push(`${step}: select option ${option} in ${target}`);
              await (
                await handle()
              )
                .selectOption({ index: option }, { timeout: ACTION_TIMEOUT })
                .catch(() => undefined);
            } else if (control.kind === 'text' || control.kind === 'number') {
              const multiline = control.label.startsWith('textarea');
              const text =
                control.kind === 'number'
                  ? pick(rng, NUMBERS)
                  : control.label.startsWith('input[url]')
                    ? pick(rng, URLS)
                    : randomText(rng, multiline);
              const append = rng.next() < 0.3;
              const submit = rng.next() < 0.2;
              log.push(
                `${step}: ${append ? 'append' : 'fill'} ${JSON.stringify(text.slice(0, 60))}${text.length > 60 ? `…(${text.length})` : ''}${submit ? ' + Enter' : ''} in ${target}`,
              );
              try {
                const el = await handle();
                if (append) {
                  await el.focus();
                  await page.keyboard.press('End');
                  await page.keyboard.insertText(text);
                } else await el.fill(text, { timeout: ACTION_TIMEOUT });
                if (submit) await page.keyboard.press('Enter');
              } catch {
                // Detached or covered: not the app's fault.
              }
            } else if (control.kind === 'check') {
              log.push(`${step}: toggle ${target}`);
              if (!(await click())) {
                // Out of the pointer's reach: as a keyboard user would.
                await (await handle()).focus().catch(() => undefined);
                await page.keyboard.press('Space');
              }
            } else {
              log.push(`${step}: click ${target}`);
              await click();
            }
          } else {
            log.push(`${step}: nothing to ${action}`);
          }
        }
      } catch (e) {
        // A control that went away under the action, a navigation that replaced the document:
        // the driver's problem, not the app's. The page's own errors are checked below.
        if (page.isClosed()) throw e;
        log.push(`${step}: (${action} not done: ${String(e).split('\n')[0]})`);
      }
      onRoute--;
      await page.waitForTimeout(rng.int(50, 150));
      if (VERBOSE) log[log.length - 1] += `  [${Date.now() - stepStart} ms]`;

      const now = await state();
      routesSeen.add(now.hash.split('?')[0] || '#/');
      leftApp = !page.url().startsWith(base) || !now.inApp;
      if (errors.length > before) fail(errors.slice(before).join('\n'));
      // The trap and the browser both see a dialog: each is reported once.
      const raised = [...new Set([...now.dialogs, ...dialogs.splice(0)])];
      const own = (d: string): boolean => OWN_CONFIRMS.some((text) => d === `confirm(${text})`);
      if (raised.some(own)) log[log.length - 1] += ' (the editor asked to confirm: dismissed)';
      const alerts = raised.filter((d) => !own(d));
      if (alerts.length > 0) fail(`dialog raised: ${alerts.join('; ')}`);
      if (now.violation) fail(`invariant violated in debug panel: ${now.violation}`);
      // Saved progress never loses an entry, unless the student removed it in the last steps
      // (saving follows the click, so a removal may be stored a step or two later).
      const entries = entriesOf(await readStored(page, 'ecsim.progress'));
      const lost = [...savedEntries].filter((e) => !entries.has(e));
      // A key pressed on whatever has focus may have been one of those controls too.
      const removed = log
        .slice(-4)
        .some(
          (line) =>
            REMOVERS.some((r) => line.includes(`"${r}`)) ||
            /press (Enter|Space) \(focused element\)/.test(line),
        );
      if (lost.length > 0 && !removed) fail(`saved progress lost ${lost.join(', ')}`);
      savedEntries = entries;
    }
    const actions = step - 1;
    afterRun = true;
    if (VERBOSE) console.log(`fuzz seed ${seed}:\n  ${log.join('\n  ')}`);

    // The app still works, and saved progress is still a valid record (the fuzz may have changed
    // what it says, never its shape).
    await page.goto(`${base}#/progress`);
    const shown = await page
      .locator('main h1')
      .first()
      .waitFor({ timeout: 15_000 })
      .then(() => true)
      .catch(() => false);
    if (!shown) fail('My progress shows no heading after the run');
    const saved = {
      raw: await readStored(page, 'ecsim.progress'),
      aside: (await storedWithPrefix(page, 'ecsim.progress.unreadable.')).map(([k]) => k),
    };
    let format: unknown;
    try {
      format = (JSON.parse(saved.raw ?? 'null') as { format?: unknown } | null)?.format;
    } catch (e) {
      fail(`saved progress is not JSON: ${String(e)}`);
    }
    if (format !== PROGRESS_FORMAT) fail(`saved progress has format ${String(format)}`);
    const read = readRecord(saved.raw);
    if (read.status !== 'ok') fail(`saved progress does not read back: ${JSON.stringify(read)}`);
    if (saved.aside.length > 0)
      fail(`progress was set aside as unreadable: ${saved.aside.join(', ')}`);
    if (errors.length > 0) fail(errors.join('\n'));
    return `fuzz seed ${seed}: ${actions} actions on ${routesSeen.size} routes in ${lang}, 0 errors (${((Date.now() - started) / 1000).toFixed(1)} s)`;
  } finally {
    await context.close();
  }
}

describe('seeded UI fuzz', () => {
  it.each(SEEDS)(
    'seed %i: random actions raise no error, alert or broken invariant',
    async (seed) => {
      let summary: string;
      try {
        summary = await runSeed(seed);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        console.log(
          message.startsWith('fuzz seed')
            ? message.split('\n')[0]
            : `fuzz seed ${seed}: ${message}`,
        );
        throw e;
      }
      console.log(summary);
      expect(summary).toContain('0 errors');
    },
    SEED_TIMEOUT_MS,
  );
});
