/**
 * `npm run classroom [-- --port 2567 --snapshots ./classroom-snapshots]`: the classroom live
 * market on this laptop. One HTTP server on one port serves the built app (dist/, built first if
 * it is missing) and the Colyseus rooms; it prints the addresses phones can reach, the join code,
 * a QR code of the join address, and the teacher's console link with the host key.
 * `--fresh` starts a new session instead of restoring the last unfinished one; `--cover-after 20`
 * is how many seconds a dropped student's seat waits before a bot covers for them.
 *
 * Several processes, one session: `--redis redis://host:6379` shares the rooms through Redis, and
 * `--public-address host:port` is where students' phones reach this process (default: its first
 * LAN address and the port). The first process holds the session; each other one is started with
 * `--join-existing`: it serves the app and takes joins for that session, prints its own address
 * and the join code, and no console link (the host key stays with the first process).
 * Environment: CLASSROOM_PORT, CLASSROOM_SNAPSHOTS, CLASSROOM_HOST (the address to listen on),
 * CLASSROOM_REDIS.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { hostAddress, joinAddress } from '../src/classroom/protocol.ts';
import { startClassroomServer } from '../server/classroom/server.ts';
import { lanAddresses, terminalQr } from '../server/classroom/terminal.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', short: 'p' },
    snapshots: { type: 'string' },
    host: { type: 'string' },
    dist: { type: 'string' },
    /** Start a new session even when the snapshot folder holds an unfinished one. */
    fresh: { type: 'boolean' },
    /** Seconds before a bot covers for a student whose connection dropped (default 20). */
    'cover-after': { type: 'string' },
    /** Share the session with other processes through this Redis (redis://host:port). */
    redis: { type: 'string' },
    /** host:port where phones reach this process (with --redis; default: first LAN address). */
    'public-address': { type: 'string' },
    /** Hold no room: serve the app and the joins of the session another process holds. */
    'join-existing': { type: 'boolean' },
  },
});
const port = Number(values.port ?? process.env.CLASSROOM_PORT ?? 2567);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Not a port: ${values.port ?? process.env.CLASSROOM_PORT}`);
  process.exit(2);
}
const snapshotDir = resolve(
  values.snapshots ?? process.env.CLASSROOM_SNAPSHOTS ?? 'classroom-snapshots',
);
const coverAfter = Number(values['cover-after'] ?? 20);
if (!Number.isFinite(coverAfter) || coverAfter < 0 || coverAfter > 3600) {
  console.error(`Not a number of seconds between 0 and 3600: ${values['cover-after']}`);
  process.exit(2);
}
const listenOn = values.host ?? process.env.CLASSROOM_HOST ?? '0.0.0.0';
const dist = resolve(values.dist ?? 'dist');
const redis = values.redis ?? process.env.CLASSROOM_REDIS;
const joinExisting = values['join-existing'] === true;
if (redis !== undefined && !/^rediss?:\/\/\S+$/.test(redis)) {
  console.error(`Not a Redis address (redis://host:port): ${redis}`);
  process.exit(2);
}
if (joinExisting && !redis) {
  console.error('--join-existing needs --redis <url>: the Redis the session is shared through.');
  process.exit(2);
}
const lan = lanAddresses();
let publicAddress = values['public-address'];
if (publicAddress !== undefined && !/^[\w.-]+:\d{1,5}$/.test(publicAddress)) {
  console.error(`Not a host:port: ${publicAddress}`);
  process.exit(2);
}
if (redis && !publicAddress) {
  // A process that holds no room needs none: every seat it reserves is in another process.
  if (port === 0 && !joinExisting) {
    console.error('--redis needs a fixed --port, or --public-address host:port.');
    process.exit(2);
  }
  if (port !== 0) publicAddress = `${lan[0] ?? '127.0.0.1'}:${port}`;
}

if (!existsSync(resolve(dist, 'index.html'))) {
  console.log(`No built app in ${dist}: building it first (npm run build)…`);
  const build = spawnSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--outDir', dist],
    {
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) {
    console.error('The build failed: run `npm run build`, then `npm run classroom` again.');
    process.exit(1);
  }
}

const common = { port, host: listenOn, dist, redis, publicAddress };
const server = joinExisting
  ? await startClassroomServer({ ...common, share: 'join' }).catch(refused)
  : await startClassroomServer({
      ...common,
      snapshotDir,
      restore: !values.fresh,
      coverAfterMs: coverAfter * 1000,
    }).catch(refused);
const origins = (lan.length > 0 ? lan : ['127.0.0.1']).map((a) => `http://${a}:${server.port}`);
const main = origins[0]!;
/** Redis' address without its password, for the screen. */
const redisShown = redis ? new URL(redis).host : '';

console.log('');
console.log('电商教学模拟器 · 课堂实时市场 / Classroom live market');
if ('room' in server)
  console.log(
    server.restored
      ? `已从快照恢复 / Restored from ${snapshotDir}`
      : `快照 / Snapshots: ${snapshotDir}`,
  );
if (redis)
  console.log(
    `通过 Redis 共享 / Shared through Redis: ${redisShown}` +
      (publicAddress ? ` · 本进程 / this process: ${publicAddress}` : ''),
  );
console.log('');
if (lan.length === 0)
  console.log(
    '没有找到局域网地址：手机无法连接。/ No LAN address found: phones cannot reach this laptop.',
  );
console.log('学生用手机打开 / Students open:');
for (const o of origins) console.log(`  ${o}`);
console.log('');

if ('room' in server) {
  const { code, hostKey } = server.room.settings;
  printCode(code);
  console.log('教师控制台（不要投影）/ Teacher console (keep it off the projector):');
  console.log(`  ${hostAddress(main, hostKey)}`);
  console.log('');
  console.log(
    '按 Ctrl+C 结束（每轮结束时已保存快照）/ Ctrl+C stops (a snapshot is saved after every round).',
  );
} else {
  const sessions = await server.sessions();
  if (sessions.length === 0) {
    console.error(
      `Redis 上没有课堂：先不带 --join-existing 启动一个。/ No classroom session on the Redis at ${redisShown}: start one first without --join-existing.`,
    );
    await server.close();
    process.exit(1);
  }
  if (sessions.length === 1) printCode(sessions[0]!.code);
  else {
    console.log('Redis 上有几个课堂 / Sessions on this Redis:');
    for (const s of sessions) console.log(`  加入码 / Join code:  ${s.code}`);
    console.log('');
  }
  console.log(
    '教师控制台：用第一个进程打印的链接。/ Teacher console: use the link the first process printed.',
  );
  console.log('');
  console.log(
    '按 Ctrl+C 结束本进程（课堂在第一个进程中继续）/ Ctrl+C stops this process (the session goes on in the first one).',
  );
}

function printCode(code: string): void {
  console.log(`加入码 / Join code:  ${code}`);
  console.log('');
  console.log(terminalQr(joinAddress(main, code)));
  console.log(`  ${joinAddress(main, code)}`);
  console.log('');
}

function refused(e: unknown): never {
  console.error(`无法启动 / Could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  if ('room' in server) {
    server.room.save();
    await server.room.saved();
  }
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
