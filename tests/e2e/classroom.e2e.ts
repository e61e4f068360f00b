/**
 * The classroom live market in real browsers: `npm run classroom`'s script on a free port serving
 * the build, the teacher's console and two students (one in Chinese on a phone, one in English)
 * play one round; each sees the results; axe finds nothing on any of the three pages.
 * CLASSROOM_SHOTS=<folder> also saves screenshots of each view.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

it('a teacher and two students (zh, en) play one round and each sees the results', async () => {
  const teacher = await openPage(browser(), 'zh-CN');
  const zh = await openPage(browser(), 'zh-CN');
  const en = await openPage(browser(), 'en');
  await zh.page.setViewportSize({ width: 390, height: 844 });
  await en.page.setViewportSize({ width: 390, height: 844 });

  await teacher.page.goto(`${origin}/#/classroom/host?key=${hostKey}`);
  await expect
    .poll(() => teacher.page.getByText(code, { exact: true }).count(), { timeout: 20_000 })
    .toBe(1);

  await zh.page.goto(`${origin}/#/classroom/join?code=${code}`);
  await zh.page.getByLabel('你的名字').fill('小明');
  await zh.page.getByRole('button', { name: '加入', exact: true }).click();
  await zh.page.getByText('请等待老师开始第一轮。').waitFor();
  await en.page.goto(`${origin}/#/classroom/join?code=${code}`);
  await en.page.getByLabel('Your name').fill('Ann');
  await en.page.getByRole('button', { name: 'Join', exact: true }).click();
  await en.page.getByText('Waiting for the teacher to start the first round.').waitFor();
  await shot(zh.page, 'student-lobby-zh');

  const t = teacher.page;
  await t.getByRole('heading', { name: '学生（2 人中 2 人在线）' }).waitFor();
  await t.getByLabel('每轮倒计时（秒）').fill('600');
  await t.getByLabel('每轮模拟天数').fill('3');
  await t.getByRole('button', { name: '保存设置' }).click();
  await t.getByRole('button', { name: '自动分配角色' }).click();
  await zh.page.getByText(/^你的角色：/).waitFor();
  await en.page.getByText(/^Your role: /).waitFor();
  await t.getByRole('button', { name: '开始第 1 轮' }).click();
  await zh.page.getByText(/剩余 \d+:\d\d/).waitFor();
  await en.page.getByText(/\d+:\d\d left/).waitFor();

  await decide(zh.page, /^提交决策$/, /^向.*购买$/);
  await decide(en.page, /^Send decision$/, /^Buy from /);
  await zh.page.getByText(/有 1 项决策等本轮结束时生效/).waitFor();
  await en.page.getByText(/1 decision waiting for the end of the round/).waitFor();
  await shot(zh.page, 'student-round-zh');
  await shot(en.page, 'student-round-en');

  await t.getByRole('button', { name: '立即结束本轮' }).click();
  await zh.page.getByRole('heading', { name: '第 1 轮结果' }).waitFor();
  await en.page.getByRole('heading', { name: 'After round 1' }).waitFor();
  await zh.page.getByText(/你在 \d+ 位.*中排第 \d+ 名/).waitFor();
  await en.page.getByText(/You rank \d+ of \d+/).waitFor();
  await t.getByRole('heading', { name: '第 1 轮后的数据看板' }).waitFor();
  await expect.poll(() => t.getByText('成交总额 GMV（元）').count()).toBe(1);
  await shot(zh.page, 'student-results-zh');
  await shot(en.page, 'student-results-en');
  await shot(t, 'console-zh');

  for (const w of [teacher, zh, en]) expect(await axe(w.page)).toEqual([]);

  await t.getByRole('button', { name: '结束课堂' }).click();
  await t.getByRole('button', { name: '是', exact: true }).click();
  await t.getByRole('heading', { name: '课后讨论' }).waitFor();
  await zh.page.getByText('本节课已结束，谢谢参与！').waitFor();
  await shot(t, 'console-debrief-zh');
  expect(await axe(t)).toEqual([]);
  await t.getByRole('button', { name: 'English' }).click();
  await t.getByRole('heading', { name: 'Debrief' }).waitFor();
  await shot(t, 'console-debrief-en');
  for (const w of [teacher, zh, en]) {
    expect(w.errors).toEqual([]);
    await w.context.close();
  }
}, 180_000);
