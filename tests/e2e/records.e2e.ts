/**
 * The ways a student's record was lost or bent (issue 15), each on the production build: two tabs
 * of one profile, data damaged while a page is open, a full storage, a killed browser, a shortened
 * flow from a link, poisoned and future-dated progress files, an endless address, bad hash links.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import {
  CHROMIUM_PATH,
  openPage,
  readStored,
  storedWithPrefix,
  useBrowser,
  writeStored,
} from './browser.ts';

const base = inject('baseURL');
const browser = useBrowser();

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const profiles: string[] = [];
function profileDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ecsim-profile-'));
  profiles.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
});

const quiz = (id: string) =>
  readFileSync('scenarios/templates/quiz.yaml', 'utf8').replace('id: my-quiz', `id: ${id}`);

/** A linear flow of `n` steps ending in success, always with the id `teacher-flow`. */
function flow(n: number): string {
  const steps = Array.from({ length: n }, (_, k) => {
    const i = k + 1;
    return [
      `  - id: step-${i}`,
      `    title: { zh: 第${i}步, en: Step ${i} }`,
      '    from: user',
      '    to: platform',
      `    message: { zh: 消息${i}, en: Message ${i} }`,
      '    narration:',
      `      zh: 这是第${i}步。`,
      `      en: This is step ${i}.`,
      i < n ? `    next: step-${i + 1}` : '    outcome: success',
    ].join('\n');
  });
  return [
    'kind: flow',
    'id: teacher-flow',
    'order: 90',
    "title: { zh: 老师的流程, en: The teacher's flow }",
    'summary:',
    `  zh: ${n} 步的流程。`,
    `  en: A flow of ${n} steps.`,
    'roles:',
    '  - { id: user, name: { zh: 用户, en: User } }',
    '  - { id: platform, name: { zh: 电商平台, en: Platform } }',
    'initial: { order: none, amount: 99, stock: 3 }',
    'steps:',
    ...steps,
    '',
  ].join('\n');
}

const yamlFile = (name: string, text: string) => ({
  name,
  mimeType: 'text/yaml',
  buffer: Buffer.from(text),
});
const jsonFile = (name: string, value: unknown) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(JSON.stringify(value)),
});

async function keepFile(page: Page, name: string, text: string): Promise<void> {
  await page.locator('input[type=file][accept^=".yaml"]').setInputFiles(yamlFile(name, text));
  await page.getByRole('link', { name: 'Start' }).waitFor();
}

async function storedProgress(page: Page): Promise<Record<string, unknown> | null> {
  const raw = await readStored(page, 'ecsim.progress');
  return raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
}

/** Wait until the stored progress satisfies `test` (the save follows the click). */
async function untilStored(page: Page, test: (raw: string) => boolean): Promise<void> {
  await expect
    .poll(async () => test((await readStored(page, 'ecsim.progress')) ?? ''), { timeout: 10_000 })
    .toBe(true);
}

/** Make every write to browser storage fail as a full disk does. */
function fillStorage(page: Page): Promise<void> {
  return page.evaluate(() => {
    const full = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    IDBObjectStore.prototype.put = full;
    IDBObjectStore.prototype.add = full;
    Storage.prototype.setItem = full;
  });
}

describe('two tabs of one profile', () => {
  it('keep and remove files without overwriting each other', async () => {
    const context = await chromium.launchPersistentContext(profileDir(), {
      executablePath: CHROMIUM_PATH,
      args: FLAGS,
      locale: 'en',
    });
    try {
      const a = await context.newPage();
      const b = await context.newPage();
      await a.goto(`${base}#/authoring`);
      await b.goto(`${base}#/authoring`);
      await a.locator('main h1').waitFor();
      await b.locator('main h1').waitFor();
      await keepFile(a, 'a.yaml', quiz('quiz-from-a'));
      await keepFile(b, 'b.yaml', quiz('quiz-from-b'));
      await a.reload();
      await a.locator('ul.mine').waitFor();
      expect(await a.locator('ul.mine > li').count()).toBe(2);
      // B keeps a third file; A, which has not reloaded, removes its own: B's files stay.
      await keepFile(b, 'c.yaml', quiz('quiz-from-b-again'));
      await a
        .getByRole('button', { name: /^Remove/ })
        .first()
        .click();
      await b.reload();
      await b.locator('ul.mine').waitFor();
      const names = await b.locator('ul.mine > li .muted').allTextContents();
      expect(names.map((n) => n.replace(/^.*· /, '')).sort()).toEqual(['b.yaml', 'c.yaml']);
    } finally {
      await context.close();
    }
  });
});

describe('progress damaged while a page is open', () => {
  it('is kept aside before the next change is saved', async () => {
    const { context, page, errors } = await openPage(browser(), 'en');
    await page.goto(`${base}#/lessons/models`);
    await page.getByRole('button', { name: 'Mark as read' }).click();
    await untilStored(page, (raw) => raw.includes('"models"'));
    const damaged = '{"format":"ecsim-progress","version":3,"lessons":{"mod';
    await writeStored(page, 'ecsim.progress', damaged);
    await page.goto(`${base}#/lessons/process`);
    await page.getByRole('button', { name: 'Mark as read' }).click();
    await untilStored(page, (raw) => raw.includes('"process"'));
    const aside = await storedWithPrefix(page, 'ecsim.progress.unreadable.');
    expect(aside.map(([, v]) => v)).toEqual([damaged]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('a full storage', () => {
  it('the editor says its draft is not saved', async () => {
    const { context, page } = await openPage(browser(), 'zh-CN');
    await page.goto(`${base}#/authoring/edit`);
    const area = page.locator('textarea#yaml');
    await area.waitFor();
    await expect.poll(() => area.inputValue()).toContain('kind:');
    await fillStorage(page);
    await area.press('End');
    await area.pressSequentially('# 新的一行');
    await page.getByRole('alert').getByText('草稿没能保存到浏览器里').waitFor({ timeout: 5000 });
    await context.close();
  });

  it('a lesson marked read says it is not saved', async () => {
    const { context, page } = await openPage(browser(), 'en');
    await page.goto(`${base}#/lessons/models`);
    await page.getByRole('button', { name: 'Mark as read' }).waitFor();
    await fillStorage(page);
    await page.getByRole('button', { name: 'Mark as read' }).click();
    await page.getByText(/Marked as read, but not saved/).waitFor({ timeout: 5000 });
    expect(await page.locator('.mark-read').getByText('✓ Read').count()).toBe(0);
    await context.close();
  });
});

/** Chromium started by the test on `dir`, so that it can be killed as a crash or dead battery would. */
async function startChromium(
  dir: string,
): Promise<{ process: ChildProcess; context: BrowserContext }> {
  const child = spawn(
    CHROMIUM_PATH,
    [...FLAGS, `--user-data-dir=${dir}`, '--remote-debugging-port=0', 'about:blank'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no DevTools endpoint: ${text}`)), 20_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const found = /DevTools listening on (ws:\/\/\S+)/.exec(text);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
  });
  const connected = await chromium.connectOverCDP(endpoint);
  return { process: child, context: connected.contexts()[0]! };
}

describe('a browser killed just after an answer', () => {
  it('keeps the answer once the app has saved it', async () => {
    const dir = profileDir();
    const first = await startChromium(dir);
    const page = await first.context.newPage();
    await page.goto(`${base}#/quiz/security`);
    await page.locator('article.question input').first().check();
    await page.locator('article.question button.primary').click();
    // The app has saved the answer (it reads back from storage): now the power goes.
    await untilStored(page, (raw) => raw.includes('"security"'));
    first.process.kill('SIGKILL');
    await new Promise<void>((resolve) => first.process.once('exit', () => resolve()));

    const second = await startChromium(dir);
    try {
      const again = await second.context.newPage();
      await again.goto(`${base}#/progress`);
      await again.locator('main h1').waitFor();
      const record = await storedProgress(again);
      expect(JSON.stringify(record?.quizzes ?? {})).toContain('"security"');
    } finally {
      second.process.kill('SIGKILL');
    }
  });
});

describe('a shortened flow from a link', () => {
  async function walkAndCheck(page: Page, steps: number): Promise<void> {
    await page.goto(`${base}#/flows/teacher-flow`);
    await page.locator('main h1').waitFor();
    await page.locator('main h1').focus();
    for (let i = 1; i < steps; i++) {
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(
        (h) => location.hash.startsWith(h),
        `#/flows/teacher-flow/step-${i + 1}`,
      );
    }
    await page.getByRole('button', { name: 'Check the order' }).click();
    await page
      .getByText(/steps are in the right place|All correct/)
      .first()
      .waitFor();
  }

  it('neither replaces the kept flow unasked nor wipes the record at "Check the order"', async () => {
    const { context, page, errors } = await openPage(browser(), 'en');
    await page.goto(`${base}#/authoring`);
    await keepFile(page, 'flow.yaml', flow(6));
    await walkAndCheck(page, 6);
    await untilStored(page, (raw) => raw.includes('"teacher-flow"'));
    // As if the student had put all six steps right, and read a lesson.
    const record = (await storedProgress(page))!;
    const at = new Date().toISOString();
    await writeStored(
      page,
      'ecsim.progress',
      JSON.stringify({
        ...record,
        lessons: { models: { readAt: at } },
        flows: { 'teacher-flow': { ordering: { best: 6, last: 6, total: 6, at } } },
      }),
    );
    await page.reload();

    await page.route('https://teacher.example/flow.yaml', (route) =>
      route.fulfill({ body: flow(3), contentType: 'text/yaml' }),
    );
    await page.goto(`${base}?scenario=${encodeURIComponent('https://teacher.example/flow.yaml')}`);
    // Asked first; the student accepts the teacher's new version.
    await page.getByRole('button', { name: 'Replace with the new version' }).click();
    await page.getByRole('link', { name: 'Start' }).waitFor();
    await walkAndCheck(page, 3);
    await untilStored(page, (raw) => raw.includes('"total":3'));

    await page.goto(`${base}#/progress`);
    await page.reload();
    await page.locator('main h1').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.getByText('1 of 4 sections read').waitFor();
    expect((await storedProgress(page))?.lessons).toHaveProperty('models');
    // The old version of the flow was kept aside, not lost.
    const replaced = await storedWithPrefix(page, 'ecsim.scenarios.replaced.');
    expect(replaced).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('progress files', () => {
  const now = new Date().toISOString();
  const progressFile = (extra: Record<string, unknown>) => ({
    format: 'ecsim-progress',
    version: 3,
    updatedAt: now,
    lessons: {},
    flows: {},
    quizzes: {},
    cases: {},
    learner: null,
    ...extra,
  });

  async function importFile(page: Page, value: unknown, name: string): Promise<void> {
    await page.getByLabel('Import progress').setInputFiles(jsonFile(name, value));
    await page
      .getByText(/^Imported:|^Could not import/)
      .last()
      .waitFor();
  }

  it('a poisoned file cannot make the record unreadable', async () => {
    const { context, page, errors } = await openPage(browser(), 'en');
    await page.goto(`${base}#/progress`);
    await page.locator('main h1').waitFor();
    const ordering = (best: number, total: number, at: string) => ({
      transaction: { ordering: { best, last: best, total, at } },
    });
    await importFile(
      page,
      progressFile({
        lessons: { models: { readAt: now } },
        flows: ordering(6, 6, '2026-01-01T00:00:00.000Z'),
      }),
      'mine.json',
    );
    await importFile(page, progressFile({ flows: ordering(2, 3, now) }), 'poisoned.json');
    await untilStored(page, (raw) => raw.includes('"total":3'));
    await page.reload();
    await page.locator('main h1').waitFor();
    await page.getByText('1 of 4 sections read').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a future-dated answer does not win over a later real one', async () => {
    const { context, page } = await openPage(browser(), 'en');
    await page.goto(`${base}#/progress`);
    await page.locator('main h1').waitFor();
    const answer = (correct: boolean, at: string) =>
      progressFile({
        quizzes: {
          security: { answers: { 'privacy-what': { correct, first: correct, tries: 1, at } } },
        },
      });
    await importFile(page, answer(false, '9999-12-31T23:59:59.000Z'), 'future.json');
    await importFile(page, answer(true, new Date().toISOString()), 'real.json');
    await expect
      .poll(async () => {
        const record = (await storedProgress(page)) as {
          quizzes?: Record<string, { answers: Record<string, { correct: boolean; at: string }> }>;
        } | null;
        return record?.quizzes?.security?.answers['privacy-what'];
      })
      .toMatchObject({ correct: true });
    const stored = (await readStored(page, 'ecsim.progress')) ?? '';
    expect(stored).not.toContain('9999');
    await context.close();
  });
});

describe('nine large links', () => {
  it('cannot crowd out progress: the kept list is capped and progress is still saved', async () => {
    const { context, page, errors } = await openPage(browser(), 'en');
    // Each file is just under the 256 KB cap; control characters take six characters in JSON.
    const big = (i: number) => `${quiz(`big-quiz-${i}`)}#${'\u0001'.repeat(250_000)}\n`;
    await page.route(/^https:\/\/teacher\.example\/big-\d+\.yaml$/, (route) => {
      const i = Number(/big-(\d+)/.exec(route.request().url())![1]);
      return route.fulfill({ body: big(i), contentType: 'text/yaml' });
    });
    for (let i = 1; i <= 9; i++) {
      await page.goto(
        `${base}?scenario=${encodeURIComponent(`https://teacher.example/big-${i}.yaml`)}`,
      );
      await page.locator('.open-result').waitFor();
    }
    // The last ones were refused as too many, not kept half-way.
    await page.getByText('Too many scenarios are kept in this browser').waitFor();
    await page.goto(`${base}#/lessons/models`);
    await page.getByRole('button', { name: 'Mark as read' }).click();
    await untilStored(page, (raw) => raw.includes('"models"'));
    await page.reload();
    await page.getByRole('button', { name: 'Mark as unread' }).waitFor();
    const list = (await readStored(page, 'ecsim.scenarios')) ?? '';
    expect(2 * list.length).toBeLessThanOrEqual(4_000_000);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('an address that never stops sending', () => {
  let server: Server | undefined;
  afterAll(
    () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
  );

  it('is cut off at the size cap, with a message, and the page stays usable', async () => {
    server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/yaml', 'access-control-allow-origin': '*' });
      const line = `# ${'x'.repeat(1000)}\n`;
      const send = () => {
        while (res.write(line)) {
          /* fill the socket's buffer */
        }
      };
      res.on('drain', send);
      req.on('close', () => res.destroy());
      send();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const { context, page } = await openPage(browser(), 'en');
    const started = Date.now();
    await page.goto(
      `${base}?scenario=${encodeURIComponent(`http://127.0.0.1:${port}/endless.yaml`)}`,
    );
    await page
      .getByRole('alert')
      .getByText(/too large/)
      .waitFor({ timeout: 20_000 });
    expect(Date.now() - started).toBeLessThan(20_000);
    server.closeAllConnections();
    await context.close();
  });
});

describe('malformed hash links', () => {
  it.each(['#/quiz/%', '#/lessons/%E0%A4%A', '#/%', '#/flows/%zz'])(
    '%s gives a page',
    async (hash) => {
      const { context, page, errors } = await openPage(browser(), 'en');
      await page.goto(`${base}${hash}`);
      await page.locator('main h1').waitFor({ timeout: 10_000 });
      expect(errors).toEqual([]);
      // A later bad hash, by hashchange, moves on too.
      await page.evaluate(() => (location.hash = '#/quiz/%'));
      await page.waitForFunction(() => document.querySelector('main h1')?.textContent?.length);
      await page.evaluate(() => (location.hash = '#/progress'));
      await page.getByRole('heading', { level: 1, name: 'My progress' }).waitFor();
      expect(errors).toEqual([]);
      await context.close();
    },
  );
});
