/**
 * `npm run classroom [-- --port 2567 --snapshots ./classroom-snapshots]`: the classroom live
 * market on this laptop. One HTTP server on one port serves the built app (dist/, built first if
 * it is missing) and the Colyseus rooms; it prints the addresses phones can reach, the join code,
 * a QR code of the join address, and the teacher's console link with the host key.
 * `--fresh` starts a new session instead of restoring the last unfinished one; `--cover-after 20`
 * is how many seconds a dropped student's seat waits before a bot covers for them.
 * Environment: CLASSROOM_PORT, CLASSROOM_SNAPSHOTS, CLASSROOM_HOST (the address to listen on).
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

const server = await startClassroomServer({
  port,
  host: listenOn,
  dist,
  snapshotDir,
  restore: !values.fresh,
  coverAfterMs: coverAfter * 1000,
});
const { code, hostKey } = server.room.settings;
const lan = lanAddresses();
const origins = (lan.length > 0 ? lan : ['127.0.0.1']).map((a) => `http://${a}:${server.port}`);
const main = origins[0]!;

console.log('');
console.log('电商教学模拟器 · 课堂实时市场 / Classroom live market');
console.log(
  server.restored
    ? `已从快照恢复 / Restored from ${snapshotDir}`
    : `快照 / Snapshots: ${snapshotDir}`,
);
console.log('');
if (lan.length === 0)
  console.log(
    '没有找到局域网地址：手机无法连接。/ No LAN address found: phones cannot reach this laptop.',
  );
console.log('学生用手机打开 / Students open:');
for (const o of origins) console.log(`  ${o}`);
console.log('');
console.log(`加入码 / Join code:  ${code}`);
console.log('');
console.log(terminalQr(joinAddress(main, code)));
console.log(`  ${joinAddress(main, code)}`);
console.log('');
console.log('教师控制台（不要投影）/ Teacher console (keep it off the projector):');
console.log(`  ${hostAddress(main, hostKey)}`);
console.log('');
console.log(
  '按 Ctrl+C 结束（每轮结束时已保存快照）/ Ctrl+C stops (a snapshot is saved after every round).',
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  server.room.save();
  await server.room.saved();
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
