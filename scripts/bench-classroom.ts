/**
 * `npm run bench:classroom [-- --rooms 4 --students 60 --seconds 30]`: the classroom server under
 * a class's load, on loopback. The server runs in its own process (this script, forked with
 * `--serve`); the simulated students are colyseus.js clients in this one, each acting every 2–4
 * seconds with an intent its role allows, while rounds (a 10-second countdown, 7 simulated days)
 * come and go. Prints clients and rooms; p50/p95/p99 of the time from a decision sent to its
 * effect (the student's queued-intent count in the public state) seen by every client in its
 * room; the server's CPU and memory; and the time to compute a round of 7 simulated days with
 * 10,000 bot buyers (goal ≤ 100 ms). Bounded: at most 8 rooms × 100 students, 120 seconds.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Client, type Room } from 'colyseus.js';
import { preset } from '../src/engine/market/config.ts';
import { MarketSim } from '../src/engine/market/sim.ts';
import { MSG, type Intent, type PrivateView } from '../src/classroom/protocol.ts';

const { values } = parseArgs({
  options: {
    serve: { type: 'boolean' },
    rooms: { type: 'string' },
    students: { type: 'string' },
    seconds: { type: 'string' },
  },
});

interface RoomInfo {
  roomId: string;
  code: string;
  hostKey: string;
}
interface ServerStats {
  cpuMs: number;
  rssMB: number;
  heapMB: number;
  roundMs: number[];
}

if (values.serve) await serve();
else await bench();

/** The server side: rooms on a free port; reports its rooms, then its CPU and memory on request. */
async function serve(): Promise<void> {
  const { startClassroomServer } = await import('../server/classroom/server.ts');
  const rooms = Number(process.env.BENCH_ROOMS ?? 4);
  const server = await startClassroomServer({ port: 0, host: '127.0.0.1' });
  const all = [server.room];
  for (let k = 1; k < rooms; k++) all.push(await server.openRoom());
  const roundMs: number[] = [];
  for (const room of all) {
    const end = room.endRound.bind(room);
    room.endRound = () => {
      const t0 = performance.now();
      end();
      roundMs.push(performance.now() - t0);
    };
  }
  const cpu0 = process.cpuUsage();
  process.send!({
    port: server.port,
    rooms: all.map((r) => ({ roomId: r.roomId, ...r.settings })),
  });
  process.on('message', async (m: { stats?: boolean; stop?: boolean }) => {
    if (m.stats) {
      const cpu = process.cpuUsage(cpu0);
      const mem = process.memoryUsage();
      const stats: ServerStats = {
        cpuMs: (cpu.user + cpu.system) / 1000,
        rssMB: mem.rss / 2 ** 20,
        heapMB: mem.heapUsed / 2 ** 20,
        roundMs,
      };
      process.send!({ stats });
    }
    if (m.stop) {
      await server.close();
      process.exit(0);
    }
  });
}

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** A seeded source for the students' choices (no Math.random). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function intentFor(view: PrivateView, rand: () => number): Intent | null {
  const h = view.holdings;
  switch (h?.role) {
    case 'seller':
      return {
        role: 'seller',
        price: Math.round(80 + 60 * rand()),
        restock: Math.floor(5 * rand()),
      };
    case 'platform':
      return { role: 'platform', commission: Math.round(100 * (0.02 + 0.1 * rand())) / 100 };
    case 'courier':
      return { role: 'courier', capacity: 300 + Math.floor(200 * rand()), price: 6 + 4 * rand() };
    case 'buyer': {
      const offer = h.offers[Math.floor(rand() * h.offers.length)];
      if (offer && h.spent + offer.price * 2 < h.budget)
        return { role: 'buyer', action: 'buy', seller: offer.seller, units: 1 };
      const order = h.orders.find((o) => o.status === 'delivered' && !o.rated);
      return order ? { role: 'buyer', action: 'rate', order: order.id, good: rand() < 0.8 } : null;
    }
    case undefined:
      return null;
    default: {
      const unknown: never = h;
      throw new Error(`no intent for the holdings ${JSON.stringify(unknown)}`);
    }
  }
}

async function bench(): Promise<void> {
  const roomsN = Math.min(8, Math.max(1, Number(values.rooms ?? 4)));
  const perRoom = Math.min(100, Math.max(1, Number(values.students ?? 60)));
  const seconds = Math.min(120, Math.max(5, Number(values.seconds ?? 30)));

  // A round of 7 simulated days with 10,000 bot buyers, on its own: as a room computes it, the
  // class's market and the bots-only run beside it (server/classroom/session.ts).
  const roundTimes: number[] = [];
  const config = preset('B2C', { buyers: 10_000, days: 7 * 12, seed: 1 });
  const sims = [new MarketSim(config), new MarketSim({ ...config, events: [...config.events] })];
  for (let r = 0; r < 12; r++) {
    const t0 = performance.now();
    for (const sim of sims) for (let d = 0; d < 7; d++) sim.step();
    roundTimes.push(performance.now() - t0);
  }
  const warm = roundTimes.slice(2).sort((a, b) => a - b);

  const child: ChildProcess = fork(process.argv[1]!, ['--serve'], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_ROOMS: String(roomsN) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const killer = setTimeout(
    () => {
      console.error('The benchmark ran over its time limit.');
      child.kill('SIGKILL');
      process.exit(1);
    },
    (seconds + 90) * 1000,
  );
  const info = await new Promise<{ port: number; rooms: RoomInfo[] }>((resolve) =>
    child.once('message', (m) => resolve(m as { port: number; rooms: RoomInfo[] })),
  );
  const endpoint = `ws://127.0.0.1:${info.port}`;

  type Pending = { sent: number; round: number; want: number; seen: Set<Room> };
  const latencies: number[] = [];
  let crossed = 0;
  let rejected = 0;
  const all: Room[] = [];
  const timers: NodeJS.Timeout[] = [];

  for (const [k, r] of info.rooms.entries()) {
    const client = new Client(endpoint);
    const host = await client.joinById(r.roomId, { hostKey: r.hostKey });
    const key = r.hostKey;
    host.onMessage(MSG.hostView, () => undefined);
    // A start sent twice (two patches in review) is refused as out of phase: not a student's.
    host.onMessage(MSG.rejected, () => undefined);
    host.send(MSG.host, {
      action: 'configure',
      key,
      scenario: 'b2c-shop',
      roles: ['seller', 'buyer', 'platform', 'courier'],
      daysPerRound: 7,
      countdownSeconds: 10,
      rounds: 20,
    });
    const inRoom: Room[] = [host];
    const pending = new Map<string, Pending[]>();
    const students: {
      room: Room;
      view: PrivateView | null;
      sentThisRound: number;
      round: number;
    }[] = [];
    // Join in small batches, as a class does.
    for (let i = 0; i < perRoom; i += 10) {
      await Promise.all(
        Array.from({ length: Math.min(10, perRoom - i) }, async (_, b) => {
          const room = await new Client(endpoint).joinById(r.roomId, {
            code: r.code,
            name: `学生${i + b + 1}`,
          });
          const s = { room, view: null as PrivateView | null, sentThisRound: 0, round: 0 };
          room.onMessage(MSG.private, (v: PrivateView) => (s.view = v));
          room.onMessage(MSG.rejected, () => rejected++);
          students.push(s);
          inRoom.push(room);
        }),
      );
    }
    // Every client checks, on each patch, which decisions it can now see.
    for (const room of inRoom) {
      room.onStateChange((state) => {
        for (const [id, list] of pending) {
          const row = state.students.get(id);
          for (let p = list.length - 1; p >= 0; p--) {
            const d = list[p]!;
            if (state.round !== d.round) {
              list.splice(p, 1);
              crossed++;
              continue;
            }
            if (row && row.pending >= d.want && !d.seen.has(room)) {
              d.seen.add(room);
              if (d.seen.size === inRoom.length) {
                latencies.push(performance.now() - d.sent);
                list.splice(p, 1);
              }
            }
          }
        }
      });
    }
    all.push(...inRoom);
    host.send(MSG.host, { action: 'autoAssign', key });
    host.send(MSG.host, { action: 'start', key });
    // Start the next round as soon as one ends: the class keeps going.
    host.onStateChange((state) => {
      if (state.phase === 'review') host.send(MSG.host, { action: 'start', key });
    });
    const rand = lcg(1000 + k);
    for (const s of students) {
      const act = () => {
        const state = s.room.state as { round: number; phase: string };
        const id = s.view?.studentId;
        if (s.view && id && state.phase === 'round') {
          if (state.round !== s.round) {
            s.round = state.round;
            s.sentThisRound = 0;
          }
          const intent = intentFor(s.view, rand);
          if (intent && s.sentThisRound < 20) {
            s.sentThisRound++;
            const list = pending.get(id) ?? [];
            list.push({
              sent: performance.now(),
              round: state.round,
              want: s.sentThisRound,
              seen: new Set(),
            });
            pending.set(id, list);
            s.room.send(MSG.intent, intent);
          }
        }
        timers.push(setTimeout(act, 2000 + 2000 * rand()));
      };
      timers.push(setTimeout(act, 3000 * rand()));
    }
  }

  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  for (const t of timers) clearTimeout(t);
  const elapsed = (performance.now() - t0) / 1000;
  child.send({ stats: true });
  const stats = await new Promise<ServerStats>((resolve) =>
    child.on('message', (m) => {
      if ((m as { stats?: ServerStats }).stats) resolve((m as { stats: ServerStats }).stats);
    }),
  );
  await Promise.all(all.map((room) => room.leave().catch(() => undefined)));
  child.send({ stop: true });
  await new Promise((r) => child.once('exit', r));
  clearTimeout(killer);

  const sorted = latencies.sort((a, b) => a - b);
  const rounds = [...stats.roundMs].sort((a, b) => a - b);
  const f = (x: number) => x.toFixed(1);
  console.log(
    `clients: ${all.length} (${roomsN} rooms × ${perRoom} students + ${roomsN} consoles)`,
  );
  console.log(
    `rooms: ${roomsN}; run: ${elapsed.toFixed(0)} s; decisions measured: ${sorted.length}` +
      ` (${crossed} crossed a round boundary, ${rejected} refused)`,
  );
  console.log(
    `decision → seen by every client in its room: p50 ${f(pct(sorted, 50))} ms, ` +
      `p95 ${f(pct(sorted, 95))} ms, p99 ${f(pct(sorted, 99))} ms`,
  );
  console.log(
    `server CPU: ${f(stats.cpuMs / 1000)} s over ${elapsed.toFixed(0)} s ` +
      `(${f((100 * stats.cpuMs) / 1000 / elapsed)} % of one core); memory: RSS ${f(stats.rssMB)} MB, heap ${f(stats.heapMB)} MB`,
  );
  console.log(
    `room round boundaries (2,000 buyers, 7 days, ${rounds.length} rounds): median ${f(pct(rounds, 50))} ms, max ${f(rounds.at(-1) ?? Number.NaN)} ms`,
  );
  console.log(
    `a round of 7 days with 10,000 bot buyers (the market and its bots-only run): median ${f(pct(warm, 50))} ms ` +
      `(range ${f(warm[0]!)}–${f(warm.at(-1)!)} ms over ${warm.length} rounds; goal ≤ 100 ms)`,
  );
  process.exit(0);
}
