/**
 * The classroom server: one HTTP server on one port serving the built app (dist/) and the
 * Colyseus rooms (WebSocket transport on the same server), and the room snapshots restored on
 * start. Used by `npm run classroom` (scripts/classroom.ts), the tests and the benchmark.
 *
 * Several processes (on one machine or several) can share one classroom through Redis: the room
 * listings and the messages between processes go through it (`@colyseus/redis-driver`,
 * `@colyseus/redis-presence`). One process holds the session's room (`share: 'own'`, the
 * default); the others (`share: 'join'`) hold none: they serve the app and take joins, and the
 * matchmaker reserves the seat in the room's process, whose `publicAddress` the seat reservation
 * carries, so the client opens its WebSocket there.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { LocalDriver, matchMaker, Server } from '@colyseus/core';
import { RedisDriver } from '@colyseus/redis-driver';
import { RedisPresence } from '@colyseus/redis-presence';
import { WebSocketTransport } from '@colyseus/ws-transport';
import sirv from 'sirv';
import { ROOM_NAME } from '../../src/classroom/protocol.ts';
import { ClassroomListings, LISTING_FILTER } from './listings.ts';
import { ClassroomRoom, joinCode, prepareRoom, token, type ClassroomRoomSettings } from './room.ts';
import type { Snapshot } from './session.ts';

export interface ClassroomServerOptions {
  port: number;
  host?: string;
  /** The built app to serve (none: rooms only). */
  dist?: string;
  snapshotDir?: string;
  /** Restore the newest unfinished session from the snapshot folder (default true). */
  restore?: boolean;
  coverAfterMs?: number;
  tickMs?: number;
  /** A redis:// URL: rooms shared with the other processes on the same Redis. */
  redis?: string;
  /**
   * host:port where clients reach this process, put in its rooms' seat reservations: a client
   * that joined through another process opens its WebSocket here.
   */
  publicAddress?: string;
  /**
   * 'own' (default): this process holds the session's room, restored or new. 'join' (needs
   * `redis`): it holds none, and serves the app and the joins of a session another process holds.
   */
  share?: 'own' | 'join';
}

interface ClassroomProcess {
  http: HttpServer;
  game: Server;
  port: number;
  close(): Promise<void>;
}

export interface ClassroomServer extends ClassroomProcess {
  /** The session's room, restored or new. */
  room: ClassroomRoom;
  restored: boolean;
  /** Another room on this server (the benchmark runs several). */
  openRoom(settings?: Partial<ClassroomRoomSettings>): Promise<ClassroomRoom>;
}

/** A session open in some process on the shared Redis. */
export interface SharedSession {
  roomId: string;
  code: string;
  /** Where its process takes WebSockets (none: wherever the client asked). */
  publicAddress?: string;
}

export interface ClassroomRelay extends ClassroomProcess {
  /** The sessions open on the shared Redis, oldest first. */
  sessions(): Promise<SharedSession[]>;
}

/** The newest snapshot of a session not yet ended, if any. */
export function latestSnapshot(dir: string): Snapshot | null {
  if (!existsSync(dir)) return null;
  let best: Snapshot | null = null;
  for (const f of readdirSync(dir)) {
    if (!/^classroom-\d{6}\.json$/.test(f)) continue;
    try {
      const snap = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Snapshot;
      if (snap.version !== 1 || !Array.isArray(snap.log) || snap.phase === 'ended') continue;
      if (!best || snap.savedAt > best.savedAt) best = snap;
    } catch {
      console.warn(`[classroom] unreadable snapshot ${f}: skipped`);
    }
  }
  return best;
}

export function startClassroomServer(
  o: ClassroomServerOptions & { share: 'join' },
): Promise<ClassroomRelay>;
export function startClassroomServer(
  o: ClassroomServerOptions & { share?: 'own' },
): Promise<ClassroomServer>;
export async function startClassroomServer(
  o: ClassroomServerOptions,
): Promise<ClassroomServer | ClassroomRelay> {
  if (o.share === 'join' && !o.redis)
    throw new Error('joining a shared session needs the Redis it is shared through');
  if (o.redis) await reachRedis(o.redis);
  const serve = o.dist && existsSync(o.dist) ? sirv(o.dist, { single: false, etag: true }) : null;
  const http = createServer((req, res) => {
    if (serve) return serve(req, res, () => notFound(res));
    notFound(res);
  });
  const game = new Server({
    // A teacher's market file comes with the settings (LIMITS.marketFile characters, up to three
    // bytes each); Colyseus's default limit is 4 KB a message.
    transport: new WebSocketTransport({ server: http, maxPayload: 96 * 1024 }),
    greet: false,
    gracefullyShutdown: false,
    presence: o.redis ? new RedisPresence(o.redis) : undefined,
    driver: new ClassroomListings(o.redis ? new RedisDriver(o.redis) : new LocalDriver()),
    publicAddress: o.publicAddress,
    // A room is made where its ticket is kept: here (the matchmaker would pick the process with
    // the fewest rooms).
    selectProcessIdToCreateRoom: () => Promise.resolve(matchMaker.processId),
  });
  game.define(ROOM_NAME, ClassroomRoom).filterBy(LISTING_FILTER);
  await game.listen(o.port, o.host);
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  // The test kit reads the port from here.
  (game as unknown as { port: number }).port = port;
  const close = async () => {
    await Promise.all(
      matchMaker.disconnectAll().map((p) => Promise.resolve(p).catch(() => undefined)),
    );
    await game.gracefullyShutdown(false);
  };

  if (o.share === 'join') {
    const sessions = async (): Promise<SharedSession[]> => {
      const listings = await matchMaker.query({ name: ROOM_NAME });
      return [...listings]
        .sort((a, b) => +new Date(a.createdAt as string) - +new Date(b.createdAt as string))
        .map((l) => ({
          roomId: l.roomId,
          code: String(l.code),
          ...(l.publicAddress ? { publicAddress: l.publicAddress } : {}),
        }));
    };
    return { http, game, port, sessions, close };
  }

  const openRoom = async (settings: Partial<ClassroomRoomSettings> = {}) => {
    const ticket = prepareRoom({
      code: joinCode(),
      hostKey: token(),
      snapshotDir: o.snapshotDir,
      coverAfterMs: o.coverAfterMs,
      tickMs: o.tickMs,
      ...settings,
    });
    const listing = await matchMaker.createRoom(ROOM_NAME, ticket);
    return matchMaker.getLocalRoomById(listing.roomId) as ClassroomRoom;
  };
  const snap = o.snapshotDir && o.restore !== false ? latestSnapshot(o.snapshotDir) : null;
  const room = await openRoom(
    snap ? { code: snap.joinCode, hostKey: snap.hostKey, restore: snap } : {},
  );
  return { http, game, port, room, restored: snap !== null, openRoom, close };
}

/** Fails at once when nothing answers at the Redis address (its client would wait for ever). */
function reachRedis(url: string, timeoutMs = 3000): Promise<void> {
  const u = new URL(url);
  const host = u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  const port = Number(u.port || 6379);
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    const fail = (why: string) => {
      socket.destroy();
      reject(new Error(`no Redis answers at ${host}:${port} (${why}): is redis-server running?`));
    };
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('timeout', () => fail('timed out'));
    socket.once('error', (e) => fail(e.message));
  });
}

function notFound(res: import('node:http').ServerResponse): void {
  res.statusCode = 404;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end('Not found');
}
