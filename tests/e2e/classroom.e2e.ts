/**
 * The classroom live market in real browsers: `npm run classroom`'s script on a free port serving
 * the build; the teacher's console and three students (two in Chinese, one in English, on phones)
 * play three rounds with a role rotation (轮流扮演) and an injected event; one student drops, a
 * bot covers, and the student comes back to the same seat; the session is exported and its JSON
 * opens in the class summary; axe finds nothing on the console or any student's view.
 * CLASSROOM_SHOTS=<folder> also saves screenshots of each view.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axe, openPage, useBrowser } from './browser.ts';

const browser = useBrowser();
let server: ChildProcess | undefined;
let origin = '';
let hostKey = '';
let code = '';
const snapshots = mkdtempSync(join(tmpdir(), 'classroom-e2e-'));
const shots = process.env.CLASSROOM_SHOTS;

beforeAll(async () => {
  server = spawn(
    process.execPath,
    [
      'node_modules/tsx/dist/cli.mjs',
      'scripts/classroom.ts',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--dist',
      inject('dist'),
      '--snapshots',
      snapshots,
      '--fresh',
      '--cover-after',
      '1',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  server.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the classroom server did not start:\n${out}`)),
      60_000,
    );
    server!.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const link = /http:\/\/[^\s/]+:(\d+)\/#\/classroom\/host\?key=([A-Za-z0-9_-]{32})/.exec(out);
      const joinCode = /Join code:\s+(\d{6})/.exec(out);
      if (link && joinCode) {
        origin = `http://127.0.0.1:${link[1]}`;
        hostKey = link[2]!;
        code = joinCode[1]!;
        clearTimeout(timer);
        resolve();
      }
    });
    server!.on('exit', (c) => reject(new Error(`the classroom server exited (${c}):\n${out}`)));
  });
}, 90_000);

afterAll(() => {
  server?.kill('SIGTERM');
  rmSync(snapshots, { recursive: true, force: true });
});

async function shot(page: Page, name: string): Promise<void> {
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** Whatever the role, one decision: a form's submit button, or the first purchase on offer. */
async function decide(page: Page, send: RegExp, buy: RegExp): Promise<void> {
  const submit = page.getByRole('button', { name: send });
  if (await submit.count()) return submit.first().click();
  await page.getByRole('button', { name: buy }).and(page.locator(':enabled')).first().click();
}

/** The role line a student's screen shows ("你的角色：卖家" / "Your role: Seller"). */
async function roleOf(page: Page): Promise<string> {
  return (await page.getByText(/^(你的角色：|Your role: )/).textContent())!.trim();
}

it('a teacher and three students (zh, en) play three rounds with a rotation, an event, a drop and a return; the export opens in the class summary', async () => {
  const teacher = await openPage(browser(), 'zh-CN');
  const ming = await openPage(browser(), 'zh-CN');
  const ann = await openPage(browser(), 'en');
  const hua = await openPage(browser(), 'zh-CN');
  const students = [ming, ann, hua];
  for (const s of students) await s.page.setViewportSize({ width: 390, height: 844 });

  const t = teacher.page;
  // The teacher's own market file, kept in the console's browser by opening it on the authoring
  // page: the session runs it (the built-in B2C shop under another name, with its own question).
  const mine = readFileSync('scenarios/market/b2c-shop.yaml', 'utf8')
    .replace('id: b2c-shop', 'id: our-class-market')
    .replace(/^title:.*(\n {2}.*)*$/m, 'title: { zh: 我们班的网店, en: Our class shop }')
    .replace(
      /^questions:\n/m,
      'questions:\n  - { zh: 我们班的定价和电脑有什么不同？, en: How did our prices differ from the bots? }\n',
    );
  await t.goto(`${origin}/#/authoring`);
  await t.locator('input[type=file][accept^=".yaml"]').setInputFiles({
    name: 'our-class-market.yaml',
    mimeType: 'text/yaml',
    buffer: Buffer.from(mine),
  });
  await t.getByRole('link', { name: '开始' }).waitFor();
  await t.goto(`${origin}/#/classroom/host?key=${hostKey}`);
  await expect.poll(() => t.getByText(code, { exact: true }).count(), { timeout: 20_000 }).toBe(1);

  const join = async (w: (typeof students)[number], name: string, zh: boolean) => {
    await w.page.goto(`${origin}/#/classroom/join?code=${code}`);
    await w.page.getByLabel(zh ? '你的名字' : 'Your name').fill(name);
    await w.page.getByRole('button', { name: zh ? '加入' : 'Join', exact: true }).click();
    await w.page
      .getByText(
        zh ? '请等待老师开始第一轮。' : 'Waiting for the teacher to start the first round.',
      )
      .waitFor();
  };
  await join(ming, '小明', true);
  await join(ann, 'Ann', false);
  await join(hua, '李华', true);
  await shot(ming.page, 'student-lobby-zh');
  await shot(ann.page, 'student-lobby-en');

  await t.getByRole('heading', { name: '学生（3 人中 3 人在线）' }).waitFor();
  await t.getByLabel('每轮倒计时（秒）').fill('600');
  await t.getByLabel('每轮模拟天数').fill('3');
  await t.getByLabel('轮数').fill('3');
  await t.getByLabel('场景', { exact: true }).selectOption({ label: '我们班的网店' });
  await t.getByRole('button', { name: '保存设置' }).click();
  await t.getByLabel('小明 的角色').selectOption({ label: '卖家' });
  await t.getByLabel('Ann 的角色').selectOption({ label: '买家' });
  await t.getByLabel('李华 的角色').selectOption({ label: '平台运营方' });
  await expect.poll(() => roleOf(ming.page)).toBe('你的角色：卖家');
  await expect.poll(() => roleOf(ann.page)).toBe('Your role: Buyer');
  await expect.poll(() => roleOf(hua.page)).toBe('你的角色：平台运营方');

  const decideAll = async () => {
    for (const w of students) {
      const zh = w !== ann;
      await decide(w.page, zh ? /^提交决策$/ : /^Send decision$/, zh ? /^向.*购买$/ : /^Buy from /);
      await w.page
        .getByText(
          zh ? /有 1 项决策等本轮结束时生效/ : /1 decision waiting for the end of the round/,
        )
        .waitFor();
    }
  };
  const endRound = async (n: number) => {
    await t.getByRole('button', { name: '立即结束本轮' }).click();
    await ming.page.getByRole('heading', { name: `第 ${n} 轮结果` }).waitFor();
    await ann.page.getByRole('heading', { name: `After round ${n}` }).waitFor();
    await hua.page.getByRole('heading', { name: `第 ${n} 轮结果` }).waitFor();
  };

  // Round 1.
  await t.getByRole('button', { name: '开始第 1 轮' }).click();
  await ming.page.getByText(/剩余 \d+:\d\d/).waitFor();
  await ann.page.getByText(/\d+:\d\d left/).waitFor();
  await shot(ming.page, 'student-seller-zh');
  await shot(ann.page, 'student-buyer-en');
  await shot(hua.page, 'student-platform-zh');
  await decideAll();
  for (const w of [teacher, ...students]) expect(await axe(w.page)).toEqual([]);
  await endRound(1);
  // Each sees what they made this round, apart from the seat's total and its standing.
  await ming.page.getByText(/第 1 轮你的利润：/).waitFor();
  await ming.page.getByText(/这个席位在 \d+ 个.*席位中排第 \d+ 名/).waitFor();
  await ann.page.getByText(/Your surplus in round 1: /).waitFor();
  await ann.page.getByText(/This seat ranks \d+ of \d+/).waitFor();
  await t.getByRole('heading', { name: '第 1 轮后的数据看板' }).waitFor();
  await shot(ming.page, 'student-results-zh');
  await shot(ann.page, 'student-results-en');
  await shot(t, 'console-zh');
  for (const w of [teacher, ...students]) expect(await axe(w.page)).toEqual([]);

  // Between rounds: everyone takes the role of the one before them; a surge is announced.
  await t.getByRole('button', { name: '轮换角色' }).click();
  await expect.poll(() => roleOf(ming.page)).toBe('你的角色：平台运营方');
  await expect.poll(() => roleOf(ann.page)).toBe('Your role: Seller');
  await expect.poll(() => roleOf(hua.page)).toBe('你的角色：买家');
  await t.getByLabel('事件', { exact: true }).selectOption('surge');
  await t.getByRole('button', { name: '插入事件' }).click();
  await t.getByText(/下一轮开始，持续 3 天/).waitFor();
  await shot(t, 'console-event-zh');

  // Round 2: Ann decides, then her phone drops; a bot covers; she comes back to the same seat.
  await t.getByRole('button', { name: '开始第 2 轮' }).click();
  await decideAll();
  await shot(ming.page, 'student-platform-zh-2');
  await shot(ann.page, 'student-seller-en');
  await shot(hua.page, 'student-buyer-zh');
  const before = await ann.page.locator('main').getByRole('definition').allTextContents();
  await ann.page.goto('about:blank');
  await t.getByText('离线，由电脑代玩').waitFor({ timeout: 20_000 });
  await ann.page.goto(`${origin}/#/classroom/join?code=${code}`);
  await expect.poll(() => roleOf(ann.page), { timeout: 20_000 }).toBe('Your role: Seller');
  await ann.page.getByText(/1 decision waiting for the end of the round/).waitFor();
  expect(await ann.page.locator('main').getByRole('definition').allTextContents()).toEqual(before);
  await expect.poll(() => t.getByText('离线，由电脑代玩').count()).toBe(0);
  await endRound(2);

  // Round 3 ends the session.
  await t.getByRole('button', { name: '轮换角色' }).click();
  await expect.poll(() => roleOf(ann.page)).toBe('Your role: Platform operator');
  // Ming runs the courier network this round (one seat, free until now).
  await t.getByLabel('小明 的角色').selectOption({ label: '快递公司' });
  await expect.poll(() => roleOf(ming.page)).toBe('你的角色：快递公司');
  await t.getByRole('button', { name: '开始第 3 轮' }).click();
  await decideAll();
  await shot(ann.page, 'student-platform-en');
  await shot(hua.page, 'student-seller-zh-3');
  await shot(ming.page, 'student-courier-zh');
  expect(await axe(ming.page)).toEqual([]);
  // The courier's screen in English too: the language switch is in the phone's menu.
  const switchLanguage = async (menu: string, lang: string) => {
    const button = ming.page.getByRole('button', { name: menu });
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
    await ming.page.getByRole('button', { name: lang }).click();
  };
  await switchLanguage('菜单', 'English');
  await expect.poll(() => roleOf(ming.page)).toBe('Your role: Courier company');
  await shot(ming.page, 'student-courier-en');
  expect(await axe(ming.page)).toEqual([]);
  await switchLanguage('Menu', '中文');
  await expect.poll(() => roleOf(ming.page)).toBe('你的角色：快递公司');
  await t.getByRole('button', { name: '立即结束本轮' }).click();
  await t.getByRole('heading', { name: '课后讨论' }).waitFor();
  // The debrief asks the teacher's file's own question: the session ran that file.
  await t.getByText('我们班的定价和电脑有什么不同？').waitFor();
  await ming.page.getByText('本节课已结束，谢谢参与！').waitFor();
  await t.getByRole('row', { name: /^卖家 1 / }).waitFor();
  await shot(t, 'console-debrief-zh');
  for (const w of [teacher, ...students]) expect(await axe(w.page)).toEqual([]);

  // The export: every decision, and the comparison with the bots-only run.
  const [download] = await Promise.all([
    t.waitForEvent('download'),
    t.getByRole('button', { name: '下载 JSON' }).click(),
  ]);
  const file = readFileSync((await download.path())!);
  const exported = JSON.parse(file.toString('utf8')) as {
    rounds: unknown[];
    decisions: { round: number; name: string }[];
    comparison: { roles: { role: string }[] };
  };
  expect(exported.rounds).toHaveLength(3);
  expect(new Set(exported.decisions.map((d) => d.round))).toEqual(new Set([1, 2, 3]));
  expect(exported.decisions.filter((d) => d.name === 'Ann')).toHaveLength(3);
  // The seats students hold at the end: Ming moved from buying to the courier network.
  expect(exported.comparison.roles.map((r) => r.role).sort()).toEqual([
    'courier',
    'platform',
    'seller',
  ]);
  await t.getByRole('button', { name: 'English' }).click();
  await t.getByRole('heading', { name: 'Debrief' }).waitFor();
  await shot(t, 'console-debrief-en');

  // …which the class summary reads.
  await t.goto(`${origin}/#/class`);
  await t.locator('input[type=file]').setInputFiles({
    name: `classroom-${code}.json`,
    mimeType: 'application/json',
    buffer: file,
  });
  await t.getByRole('heading', { name: `Classroom market ${code}` }).waitFor();
  await t.getByRole('row', { name: /^Ann Buyer Seller Platform operator / }).waitFor();
  expect(await axe(t)).toEqual([]);
  for (const w of [teacher, ...students]) {
    expect(w.errors).toEqual([]);
    await w.context.close();
  }
}, 300_000);
