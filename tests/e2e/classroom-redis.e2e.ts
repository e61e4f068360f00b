/**
 * The classroom beyond one machine: two `npm run classroom` processes sharing one Redis (Debian's
 * redis-server on a free port, saving nothing). Process A holds the session; B was started with
 * `--join-existing` and holds no room. Students join through either process (colyseus.js in Node,
 * and Chromium loading the app from B), the teacher's console through B: everyone is in A's one
 * room, a round counts both students' decisions, a reconnection through B gets the seat back, a
 * wrong code through B is refused, and only A writes snapshots. Redis holds one listing, A's,
 * with the join code and a digest of the host key, never the key.
 * REDIS_SERVER=<path> runs another redis-server binary.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { Client, type Room, type SeatReservation } from 'colyseus.js';
import { MSG, type HostView, type PrivateView } from '../../src/classroom/protocol.ts';
import { openPage, useBrowser } from './browser.ts';

const REDIS_SERVER = process.env.REDIS_SERVER || 'redis-server';
const browser = useBrowser();
const children: ChildProcess[] = [];
const snapshotsA = mkdtempSync(join(tmpdir(), 'classroom-a-'));
const snapshotsB = mkdtempSync(join(tmpdir(), 'classroom-b-'));
const rooms: Room[] = [];
let portRedis = 0;
let portA = 0;
let portB = 0;
let code = '';
let hostKey = '';
let outB = '';

/** A port nobody listens on now (the processes are told theirs before they start). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Start a process and wait until its output matches `ready`; returns the output so far. */
function start(command: string, args: string[], ready: RegExp, what: string): Promise<string> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${out}`)), 60_000);
    const seen = (d: Buffer) => {
      out += d.toString();
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    };
    child.stdout!.on('data', seen);
    child.stderr!.on('data', seen);
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        e.code === 'ENOENT'
          ? new Error(
              `${command} not found: install Debian's redis-server ("sudo apt-get install redis-server"; npm run test:e2e does it as root), or set REDIS_SERVER.`,
            )
          : e,
      );
    });
    child.on('exit', (c) => reject(new Error(`${what} exited (${c}):\n${out}`)));
  });
}

const classroom = (port: number, ...more: string[]) => [
  '--import',
  'tsx',
  'scripts/classroom.ts',
  '--port',
  String(port),
  '--host',
  '127.0.0.1',
  '--dist',
  inject('dist'),
  '--public-address',
  `127.0.0.1:${port}`,
  ...more,
];

beforeAll(async () => {
  portRedis = await freePort();
  [portA, portB] = [await freePort(), await freePort()];
  await start(
    REDIS_SERVER,
    ['--port', String(portRedis), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    /Ready to accept connections/,
    'redis-server',
  );
  const redis = `redis://127.0.0.1:${portRedis}`;
  const outA = await start(
    process.execPath,
    classroom(portA, '--redis', redis, '--snapshots', snapshotsA, '--fresh'),
    /Ctrl\+C/,
    'process A',
  );
  code = /Join code:\s+(\d{6})/.exec(outA)![1]!;
  hostKey = /#\/classroom\/host\?key=([\w-]{32})/.exec(outA)![1]!;
  outB = await start(
    process.execPath,
    classroom(portB, '--redis', redis, '--snapshots', snapshotsB, '--join-existing'),
    /Ctrl\+C/,
    'process B',
  );
}, 90_000);

afterAll(async () => {
  for (const r of rooms.splice(0)) r.removeAllListeners();
  // The classroom processes first (they leave Redis tidy), then Redis.
  for (const child of children.reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const late = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(late);
  }
  rmSync(snapshotsA, { recursive: true, force: true });
  rmSync(snapshotsB, { recursive: true, force: true });
}, 60_000);

async function until(cond: () => boolean, what: string, ms = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A room with its private views and host views kept. */
function watch(room: Room) {
  rooms.push(room);
  const got = { private: [] as PrivateView[], host: [] as HostView[], rejected: [] as unknown[] };
  room.onMessage(MSG.private, (v: PrivateView) => got.private.push(v));
  room.onMessage(MSG.hostView, (v: HostView) => got.host.push(v));
  room.onMessage(MSG.rejected, (r: unknown) => got.rejected.push(r));
  return got;
}

interface Row {
  id: string;
  name: string;
  connected: boolean;
  pending: number;
  role: string;
}
/** The students in a client's copy of the public state (none before its first sync). */
const students = (room: Room): Row[] =>
  Object.values(
    (room.state as { toJSON?(): { students?: Record<string, Row> } }).toJSON?.().students ?? {},
  );

/** One command to the test's Redis; its raw reply (RESP) as text. */
function redisReply(...args: string[]): Promise<string> {
  const command = (words: string[]) =>
    `*${words.length}\r\n${words.map((w) => `$${Buffer.byteLength(w)}\r\n${w}\r\n`).join('')}`;
  return new Promise((resolve, reject) => {
    let out = '';
    const socket = connect(portRedis, '127.0.0.1');
    socket.on('data', (d: Buffer) => (out += d.toString()));
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
    // Redis answers both, then closes the connection.
    socket.write(command(args) + command(['QUIT']));
  });
}

it('Redis lists the session with its code and a digest of its host key, never the key', async () => {
  const listings = await redisReply('HGETALL', 'roomcaches');
  // One room in all (A's; B holds none): one field and its value.
  expect(listings.startsWith('*2\r\n')).toBe(true);
  expect(listings).toContain(`"code":"${code}"`);
  expect(listings).toContain(`"publicAddress":"127.0.0.1:${portA}"`);
  expect(listings).toMatch(/"hostKey":"[0-9a-f]{64}"/);
  expect(listings).not.toContain(hostKey);
});

it('B holds no room and prints its own address, the join code and no host key', () => {
  expect(outB).toContain(`Join code:  ${code}`);
  expect(outB).toMatch(new RegExp(`http://[\\d.]+:${portB}/#/classroom/join\\?code=${code}`));
  expect(outB).not.toMatch(/key=/);
  expect(outB).toContain('Teacher console: use the link the first process printed.');
});

it('two processes, one Redis: students join through A and B, the teacher through B; one room plays a round', async () => {
  const viaA = new Client(`ws://127.0.0.1:${portA}`);
  const viaB = new Client(`ws://127.0.0.1:${portB}`);
  const ming = await viaA.join('classroom', { code, name: '小明' });
  const mingGot = watch(ming);

  // Through B: the seat is reserved in A's room, and the answer sends the WebSocket to A.
  const res = await fetch(`http://127.0.0.1:${portB}/matchmake/join/classroom`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, name: 'Ann' }),
  });
  const reservation = (await res.json()) as SeatReservation & {
    room: { publicAddress?: string };
  };
  expect(reservation.room.publicAddress).toBe(`127.0.0.1:${portA}`);
  expect(reservation.room).not.toHaveProperty('code');
  const ann = await viaB.consumeSeatReservation(reservation);
  const annGot = watch(ann);

  const host = await viaB.join('classroom', { hostKey });
  const hostGot = watch(host);
  expect(new Set([ming.roomId, ann.roomId, host.roomId]).size).toBe(1);
  await until(() => students(host).length === 2, 'both students in the state');
  expect(students(host).map((s) => s.name)).toEqual(['小明', 'Ann']);

  await expect(
    viaB.join('classroom', { code: code === '000000' ? '000001' : '000000', name: 'X' }),
  ).rejects.toThrow(/badCode/);

  await until(() => mingGot.private.length > 0 && annGot.private.length > 0, 'private views');
  const send = (action: string, more: object = {}) =>
    host.send(MSG.host, { action, key: hostKey, ...more });
  send('assign', { student: mingGot.private[0]!.studentId, role: 'seller' });
  send('assign', { student: annGot.private[0]!.studentId, role: 'platform' });
  await until(
    () => mingGot.private.at(-1)?.role === 'seller' && annGot.private.at(-1)?.role === 'platform',
    'roles',
  );
  send('start');
  await until(() => (host.state as { phase: string }).phase === 'round', 'round 1');
  ming.send(MSG.intent, { role: 'seller', price: 120 });
  ann.send(MSG.intent, { role: 'platform', commission: 0.08 });
  await until(() => students(host).every((s) => s.pending === 1), 'both decisions queued');
  send('advance');
  await until(() => (hostGot.host.at(-1)?.decisions.length ?? 0) === 2, 'the round applied');
  expect(hostGot.host.at(-1)!.decisions.map((d) => [d.name, d.intent])).toEqual([
    ['小明', { role: 'seller', price: 120 }],
    ['Ann', { role: 'platform', commission: 0.08 }],
  ]);
  expect(mingGot.rejected).toEqual([]);
  expect(annGot.rejected).toEqual([]);

  // Ann's connection drops; through B she takes her seat back in A's room.
  const token = ann.reconnectionToken;
  ann.removeAllListeners();
  await ann.leave(false);
  await until(() => students(host).some((s) => s.name === 'Ann' && !s.connected), 'Ann away');
  const back = await viaB.reconnect(token);
  const backGot = watch(back);
  expect(back.roomId).toBe(host.roomId);
  await until(() => backGot.private.length > 0, 'Ann back');
  expect(backGot.private.at(-1)).toMatchObject({ name: 'Ann', role: 'platform' });
  await until(() => students(host).every((s) => s.connected), 'everyone connected');

  // The round's snapshot is A's alone.
  await until(() => readdirSync(snapshotsA).includes(`classroom-${code}.json`), 'A saved');
  expect(readdirSync(snapshotsB)).toEqual([]);
  for (const r of [ming, back, host]) await r.leave(true);
});

it('a phone loads the app from B and plays in the session A holds', async () => {
  const host = await new Client(`ws://127.0.0.1:${portA}`).join('classroom', { hostKey });
  watch(host);
  const phone = await openPage(browser(), 'en');
  try {
    const p = phone.page;
    await p.setViewportSize({ width: 390, height: 844 });
    await p.goto(`http://127.0.0.1:${portB}/#/classroom/join?code=${code}`);
    await p.getByLabel('Your name').fill('Lei');
    await p.getByRole('button', { name: 'Join', exact: true }).click();
    await p.getByText('Your teacher will give you a role soon.').waitFor();
    await until(
      () => students(host).some((s) => s.name === 'Lei' && s.connected),
      'Lei in the room',
    );
    const lei = students(host).find((s) => s.name === 'Lei')!;
    host.send(MSG.host, { action: 'assign', key: hostKey, student: lei.id, role: 'buyer' });
    await p.getByText('Your role: Buyer').waitFor();
    expect(phone.errors).toEqual([]);
  } finally {
    await phone.context.close();
    await host.leave(true);
  }
});
