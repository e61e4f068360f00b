/**
 * The classroom server: one HTTP server on one port serving the built app (dist/) and the
 * Colyseus rooms (WebSocket transport on the same server), and the room snapshots restored on
 * start. Used by `npm run classroom` (scripts/classroom.ts), the tests and the benchmark.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { matchMaker, Server } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import sirv from 'sirv';
import { ROOM_NAME } from '../../src/classroom/protocol.ts';
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
}

export interface ClassroomServer {
  http: HttpServer;
  game: Server;
  port: number;
  /** The session's room, restored or new. */
  room: ClassroomRoom;
  restored: boolean;
  /** Another room on this server (the benchmark runs several). */
  openRoom(settings?: Partial<ClassroomRoomSettings>): Promise<ClassroomRoom>;
  close(): Promise<void>;
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

export async function startClassroomServer(o: ClassroomServerOptions): Promise<ClassroomServer> {
  const serve = o.dist && existsSync(o.dist) ? sirv(o.dist, { single: false, etag: true }) : null;
  const http = createServer((req, res) => {
    if (serve) return serve(req, res, () => notFound(res));
    notFound(res);
  });
  const game = new Server({
    transport: new WebSocketTransport({ server: http }),
    greet: false,
    gracefullyShutdown: false,
  });
  game.define(ROOM_NAME, ClassroomRoom);
  await game.listen(o.port, o.host);
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  // The test kit reads the port from here.
  (game as unknown as { port: number }).port = port;

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
  return {
    http,
    game,
    port,
    room,
    restored: snap !== null,
    openRoom,
    close: async () => {
      await Promise.all(
        matchMaker.disconnectAll().map((p) => Promise.resolve(p).catch(() => undefined)),
      );
      await game.gracefullyShutdown(false);
    },
  };
}

function notFound(res: import('node:http').ServerResponse): void {
  res.statusCode = 404;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end('Not found');
}
