/**
 * The classroom room over real WebSockets (@colyseus/testing's client kit against the classroom
 * server on a free port): joining, roles, rounds, intents applied, bots covering, reconnection,
 * the host leaving and coming back, snapshots, and every kind of hostile message.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ColyseusTestServer } from '@colyseus/testing';
import { Client, type Room as ClientRoom, type SeatReservation } from 'colyseus.js';
import { startClassroomServer, type ClassroomServer } from '../../server/classroom/server.ts';
import { Session, type Snapshot } from '../../server/classroom/session.ts';
import {
  LIMITS,
  MSG,
  type HostView,
  type PrivateView,
  type Rejected,
} from '../../src/classroom/protocol.ts';

let server: ClassroomServer;
let kit: ColyseusTestServer;
let dir: string;
const clients: ClientRoom[] = [];

async function start(): Promise<void> {
  server = await startClassroomServer({
    port: 0,
    host: '127.0.0.1',
    snapshotDir: dir,
    coverAfterMs: 200,
    tickMs: 10,
  });
  kit = new ColyseusTestServer(server.game);
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'classroom-'));
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await start();
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.removeAllListeners();
  await server.close();
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A client that records every message it gets. */
function record(room: ClientRoom) {
  const got: { private: PrivateView[]; rejected: Rejected[]; other: [string, unknown][] } = {
    private: [],
    rejected: [],
    other: [],
  };
  room.onMessage('*', (type, message) => {
    if (type === MSG.private) got.private.push(message as PrivateView);
    else if (type === MSG.rejected) got.rejected.push(message as Rejected);
    else got.other.push([String(type), message]);
  });
  clients.push(room);
  return got;
}

async function student(name: string, extra: Record<string, unknown> = {}) {
  const room = await kit.sdk.join('classroom', { code: server.room.settings.code, name, ...extra });
  const got = record(room);
  await until(() => got.private.length > 0);
  return { room, got, last: () => got.private.at(-1)! };
}

async function host() {
  const room = await kit.sdk.join('classroom', { hostKey: server.room.settings.hostKey });
  const got = record(room);
  const send = (action: string, more: Record<string, unknown> = {}) =>
    room.send(MSG.host, { action, key: server.room.settings.hostKey, ...more });
  return { room, got, send };
}

const session = () => server.room.session;

describe('joining', () => {
  it('refuses a student without the right join code', async () => {
    const wrong = server.room.settings.code === '000000' ? '000001' : '000000';
    await expect(kit.sdk.join('classroom', { code: wrong, name: 'Li' })).rejects.toThrow(/badCode/);
    await expect(kit.sdk.join('classroom', { name: 'Li' })).rejects.toThrow(/badCode/);
    await expect(kit.sdk.joinById(server.room.roomId, { code: wrong, name: 'Li' })).rejects.toThrow(
      /badCode/,
    );
    expect(session().students.size).toBe(0);
  });

  it('refuses the console without the host key, and a client creating rooms', async () => {
    await expect(kit.sdk.join('classroom', { hostKey: 'x'.repeat(32) })).rejects.toThrow(
      /badHostKey/,
    );
    await expect(
      kit.sdk.create('classroom', { code: '123456', hostKey: 'y'.repeat(32) }),
    ).rejects.toThrow();
    expect(server.room.state.hostConnected).toBe(false);
  });

  it('keeps names plain text, trimmed and at most 24 characters', async () => {
    const a = await student('  王\u202e小明 <b>  ');
    expect(a.last().name).toBe('王小明 b');
    await expect(
      kit.sdk.join('classroom', { code: server.room.settings.code, name: 'x'.repeat(25) }),
    ).rejects.toThrow(/badName/);
    await expect(
      kit.sdk.join('classroom', { code: server.room.settings.code, name: ' \u200b ' }),
    ).rejects.toThrow(/badName/);
    const ok = await student('一二三四五六七八九十一二三四五六七八九十一二三四');
    expect([...ok.last().name].length).toBe(24);
  });

  it('sends a join to the room of its code or host key when several are open, and never answers with either', async () => {
    const other = await server.openRoom();
    const first = server.room.settings.code;
    const second = other.settings.code;
    const a = await kit.sdk.join('classroom', { code: second, name: 'Li' });
    const b = await kit.sdk.join('classroom', { code: first, name: 'Wang' });
    const console2 = await kit.sdk.join('classroom', { hostKey: other.settings.hostKey });
    const console1 = await kit.sdk.join('classroom', { hostKey: server.room.settings.hostKey });
    for (const r of [a, b, console1, console2]) record(r);
    expect(a.roomId).toBe(other.roomId);
    expect(b.roomId).toBe(server.room.roomId);
    expect(console2.roomId).toBe(other.roomId);
    expect(console1.roomId).toBe(server.room.roomId);
    const unknown = ['000000', '000001', '000002'].find((c) => c !== first && c !== second)!;
    await expect(kit.sdk.join('classroom', { code: unknown, name: 'Li' })).rejects.toThrow(
      /badCode/,
    );
    // The matchmaker's answers (seat reservations) name the room, never its code.
    const answer = async (options: object) => {
      const res = await fetch(`http://127.0.0.1:${server.port}/matchmake/join/classroom`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(options),
      });
      return (await res.json()) as SeatReservation & { error?: string };
    };
    const withCode = await answer({ code: second, name: 'Zhao' });
    const withoutCode = await answer({ name: 'Zhao' });
    for (const { room } of [withCode, withoutCode]) {
      expect(room.roomId).toMatch(/\w/);
      expect(Object.keys(room)).not.toContain('code');
      expect(Object.keys(room)).not.toContain('hostKey');
      expect(JSON.stringify(room)).not.toContain(first);
      expect(JSON.stringify(room)).not.toContain(second);
    }
    const client = new Client(`ws://127.0.0.1:${server.port}`);
    record(await client.consumeSeatReservation(withCode));
    await expect(client.consumeSeatReservation(withoutCode)).rejects.toThrow(/badCode/);
    expect((await answer({ code: unknown, name: 'Li' })).error).toBe('badCode');
    expect(other.session.students.size).toBe(2);
  });
});

describe('messages', () => {
  it('refuses host messages without the host key', async () => {
    const s = await student('Li');
    s.room.send(MSG.host, { action: 'start', key: 'z'.repeat(32) });
    s.room.send(MSG.host, { action: 'end' });
    await until(() => s.got.rejected.length === 2);
    expect(s.got.rejected.map((r) => r.code)).toEqual(['notHost', 'notHost']);
    expect(session().phase).toBe('lobby');
  });

  it('rejects malformed messages, logs them and keeps the connection', async () => {
    const h = await host();
    h.send('assign', { student: (await student('A')).last().studentId, role: 'seller' });
    const s = await student('B');
    h.send('assign', { student: s.last().studentId, role: 'platform' });
    await until(() => s.last().role === 'platform');
    s.room.send(MSG.intent, { role: 'platform', commission: 0.9 });
    s.room.send(MSG.intent, { role: 'platform', commission: 0.1, extra: 1 });
    s.room.send(MSG.intent, 'drop table');
    s.room.send('nonsense', { a: 1 });
    h.send('inject', { event: 'surge', magnitude: 1000, days: 3 });
    await until(() => s.got.rejected.length === 4 && h.got.rejected.length === 1);
    expect(s.got.rejected.map((r) => r.code)).toEqual([
      'malformed',
      'malformed',
      'malformed',
      'malformed',
    ]);
    expect(s.got.rejected[0]!.fields).toEqual(['commission']);
    expect(h.got.rejected[0]).toMatchObject({ code: 'malformed', fields: ['magnitude'] });
    expect(console.warn).toHaveBeenCalledWith(
      '[classroom]',
      expect.stringMatching(/malformed intent/),
      'commission',
    );
    // Still connected, and heard.
    s.room.send(MSG.intent, { role: 'platform', commission: 0.12 });
    await until(() => s.last().queued.length === 1);
    expect(s.last().queued[0]).toEqual({ role: 'platform', commission: 0.12 });
  });

  it('sends a client its view again when it asks', async () => {
    const s = await student('Li');
    const h = await host();
    s.room.send(MSG.view);
    h.room.send(MSG.view);
    await until(() => s.got.private.length === 2);
    await until(() => h.got.other.filter(([t]) => t === MSG.hostView).length === 2);
    expect(s.got.private[1]).toEqual(s.got.private[0]);
    expect(h.got.other[1]![1]).toMatchObject({ joinCode: server.room.settings.code });
  });

  it('lets a student act only for their own seat', async () => {
    const h = await host();
    const a = await student('A');
    const b = await student('B');
    h.send('assign', { student: a.last().studentId, role: 'seller' });
    h.send('assign', { student: b.last().studentId, role: 'buyer' });
    await until(() => a.last().role === 'seller' && b.last().role === 'buyer');
    a.room.send(MSG.intent, { role: 'platform', commission: 0.4 });
    a.room.send(MSG.intent, { role: 'buyer', action: 'buy', seller: 1, units: 1 });
    b.room.send(MSG.intent, { role: 'seller', price: 1 });
    b.room.send(MSG.intent, { role: 'buyer', action: 'rate', order: 0, good: false });
    await until(() => a.got.rejected.length === 2 && b.got.rejected.length === 2);
    expect(a.got.rejected.map((r) => r.code)).toEqual(['notYourRole', 'notYourRole']);
    expect(b.got.rejected.map((r) => r.code)).toEqual(['notYourRole', 'unknownOrder']);
    expect(session().queued.size).toBe(0);
  });

  it('rate-limits a flooding client: the rest of the second is dropped, with one warning', async () => {
    const s = await student('Flood');
    for (let k = 0; k < 80; k++) s.room.send(MSG.intent, { role: 'nobody' });
    await until(() => s.got.rejected.some((r) => r.code === 'rateLimited'));
    await new Promise((r) => setTimeout(r, 200));
    const codes = s.got.rejected.map((r) => r.code);
    expect(codes.filter((c) => c === 'rateLimited')).toHaveLength(1);
    expect(codes.filter((c) => c === 'malformed').length).toBeLessThanOrEqual(20);
    // A second later the client is heard again.
    await new Promise((r) => setTimeout(r, 1000));
    const before = s.got.rejected.length;
    s.room.send(MSG.intent, { role: 'nobody' });
    await until(() => s.got.rejected.length === before + 1);
    expect(s.got.rejected.at(-1)!.code).toBe('malformed');
  });
});

describe('rounds', () => {
  it('applies intents at the round boundary, steps the engine and publishes results', async () => {
    const h = await host();
    h.send('configure', {
      scenario: 'b2c-shop',
      roles: ['seller', 'buyer', 'platform', 'courier'],
      daysPerRound: 3,
      countdownSeconds: 600,
      rounds: 3,
    });
    const people = [await student('P'), await student('C'), await student('S'), await student('B')];
    h.send('autoAssign');
    await until(() => people.every((p) => p.last().role !== ''));
    expect(people.map((p) => p.last().role)).toEqual(['platform', 'courier', 'seller', 'buyer']);
    const [platform, courier, seller, buyer] = people as [
      (typeof people)[0],
      (typeof people)[0],
      (typeof people)[0],
      (typeof people)[0],
    ];
    platform.room.send(MSG.intent, { role: 'platform', commission: 0.12, escrow: false });
    courier.room.send(MSG.intent, { role: 'courier', capacity: 250, price: 9 });
    seller.room.send(MSG.intent, { role: 'seller', price: 111, restock: 20 });
    const shop = seller.last().holdings!;
    if (shop.role !== 'seller') throw new Error('not a seller');
    buyer.room.send(MSG.intent, { role: 'buyer', action: 'buy', seller: shop.shop, units: 1 });
    await until(() => [...server.room.state.students.values()].every((s) => s.pending === 1));
    // Queued, not applied: the engine has not changed yet.
    expect(session().sim.config.commission).toBe(0.05);
    h.send('start');
    await until(() => session().phase === 'round');
    h.send('advance');
    await until(() => session().phase === 'review');
    const sim = session().sim;
    expect(sim.day).toBe(3);
    expect(sim.config.commission).toBe(0.12);
    expect(sim.config.escrow).toBe(false);
    expect(sim.config.capacity).toBe(250);
    expect(sim.config.shippingCost).toBe(9);
    expect(sim.price[shop.shop]).toBe(111);
    expect(sim.humanOrders).toHaveLength(1);
    await until(() => buyer.last().holdings?.role === 'buyer' && buyer.last().rank > 0);
    const mine = buyer.last().holdings;
    if (mine?.role !== 'buyer') throw new Error('not a buyer');
    expect(mine.orders).toHaveLength(1);
    expect(mine.orders[0]!.seller).toBe(shop.shop);
    expect(mine.offers.length).toBeGreaterThan(0);
    // Everyone sees the round's results.
    await until(() => h.room.state.round === 1);
    expect(h.room.state.phase).toBe('review');
    expect(h.room.state.standings.length).toBe(4);
    expect(h.room.state.metrics.get('orders')).toBeGreaterThan(0);
    const sold = seller.last().holdings;
    expect(sold?.role === 'seller' && sold.price).toBe(111);
    // The console gets the decisions and the comparison with the bots-only run on the same seed.
    const views = () =>
      h.got.other.filter(([type]) => type === MSG.hostView).map(([, v]) => v as HostView);
    await until(() => views().some((v) => v.comparison !== null));
    const view = views().at(-1)!;
    expect(view.seed).toBe(session().seed);
    expect(view.decisions.map((d) => [d.round, d.role])).toEqual([
      [1, 'platform'],
      [1, 'courier'],
      [1, 'seller'],
      [1, 'buyer'],
    ]);
    expect(view.comparison!.roles.map((r) => r.role)).toEqual([
      'seller',
      'buyer',
      'platform',
      'courier',
    ]);
    expect(session().botsOnly.day).toBe(3);
    expect(session().botsOnly.config.commission).toBe(0.05);
  });

  it('never waits for a missing human: the countdown ends the round', async () => {
    const h = await host();
    h.send('configure', {
      scenario: 'c2c-secondhand',
      roles: ['seller', 'buyer'],
      daysPerRound: 2,
      countdownSeconds: 10,
      rounds: 2,
    });
    const a = await student('A');
    h.send('autoAssign');
    await until(() => a.last().role === 'seller');
    await a.room.leave(false);
    h.send('start');
    await until(() => session().phase === 'review', 5000);
    expect(session().round).toBe(1);
    expect(session().sim.day).toBe(2);
  });

  it('applies an injected event from the next round on, and shows it to everyone', async () => {
    const h = await host();
    h.send('inject', { event: 'logisticsDisruption', magnitude: 0.5, days: 3 });
    await until(() => h.room.state.events?.length === 1);
    expect(h.room.state.events[0]).toBe('logisticsDisruption:next:3:0.5');
    h.send('start');
    await until(() => session().phase === 'round');
    h.send('advance');
    await until(() => session().phase === 'review');
    expect(session().sim.config.events).toContainEqual({
      type: 'logisticsDisruption',
      start: 0,
      end: 2,
      magnitude: 0.5,
    });
    expect(session().log[0]!.events).toHaveLength(1);
  });

  it('rotates roles between rounds (轮流扮演), seats staying with their shops', async () => {
    const h = await host();
    const a = await student('A');
    const b = await student('B');
    h.send('assign', { student: a.last().studentId, role: 'seller' });
    h.send('assign', { student: b.last().studentId, role: 'buyer' });
    await until(() => a.last().role === 'seller' && b.last().role === 'buyer');
    const shop = a.last().holdings;
    h.send('rotate');
    await until(() => a.last().role === 'buyer' && b.last().role === 'seller');
    expect(b.last().holdings).toEqual(shop);
  });
});

describe("a teacher's own market file", () => {
  const file = (over = '') =>
    readFileSync('scenarios/templates/market.yaml', 'utf8')
      .replace('id: my-market', 'id: class-b2b')
      .replace('model: B2C', 'model: B2B')
      .replace('  days: 60', `  days: 60\n  capacity: 321${over}`);
  const settings = {
    roles: ['seller', 'buyer'],
    daysPerRound: 2,
    countdownSeconds: 10,
    rounds: 2,
  };

  it('runs the file the console sends, checked as the build checks its own', async () => {
    const h = await host();
    h.send('configure', {
      scenario: 'class-b2b',
      file: { name: 'class-b2b.yaml', text: file() },
      ...settings,
    });
    await until(() => h.room.state.scenario === 'class-b2b');
    expect(session().sim.config.model).toBe('B2B');
    expect(session().sim.config.capacity).toBe(321);
    expect(session().botsOnly.config.capacity).toBe(321);
    h.send('start');
    await until(() => session().phase === 'round');
    h.send('advance');
    await until(() => session().phase === 'review');
    expect(session().sim.day).toBe(2);
    expect(h.got.rejected).toEqual([]);
    // The snapshot carries the file: a restarted server runs the same market.
    await server.room.saved();
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    const snap = JSON.parse(readFileSync(join(dir, files[0]!), 'utf8')) as Snapshot;
    expect(snap.settings.file?.name).toBe('class-b2b.yaml');
    const restored = Session.restore(snap);
    expect(restored.sim.config.capacity).toBe(321);
    expect(restored.sim.day).toBe(2);
  });

  it('refuses a file that fails the checks, or names another scenario, and keeps the settings', async () => {
    const h = await host();
    const before = session().settings;
    h.send('configure', {
      scenario: 'class-b2b',
      file: { name: 'class-b2b.yaml', text: file('\n  capacity: 5') },
      ...settings,
    });
    h.send('configure', {
      scenario: 'b2c-shop',
      file: { name: 'class-b2b.yaml', text: file() },
      ...settings,
    });
    h.send('configure', {
      scenario: 'class-b2b',
      file: { name: 'x.yaml', text: 'kind: quiz\nid: class-b2b\n' },
      ...settings,
    });
    await until(() => h.got.rejected.length === 3);
    expect(h.got.rejected.map((r) => r.code)).toEqual([
      'badScenarioFile',
      'badScenarioFile',
      'badScenarioFile',
    ]);
    expect(session().settings).toBe(before);
    // Longer than the protocol allows: malformed, and the connection is kept.
    h.send('configure', {
      scenario: 'class-b2b',
      file: { name: 'class-b2b.yaml', text: `${file()}\n#${'x'.repeat(LIMITS.marketFile)}` },
      ...settings,
    });
    await until(() => h.got.rejected.length === 4);
    expect(h.got.rejected[3]).toMatchObject({ code: 'malformed', fields: ['file.text'] });
    expect(h.room.connection.isOpen).toBe(true);
  });
});

describe('reliability', () => {
  it('covers a dropped student with a bot, and gives the seat back with holdings intact', async () => {
    const h = await host();
    const a = await student('A');
    h.send('assign', { student: a.last().studentId, role: 'seller' });
    await until(() => a.last().role === 'seller');
    a.room.send(MSG.intent, { role: 'seller', price: 140 });
    h.send('start');
    await until(() => session().phase === 'round');
    h.send('advance');
    await until(() => a.last().rank > 0);
    const holdings = a.last().holdings;
    const token = a.room.reconnectionToken;
    const id = a.last().studentId;
    a.room.removeAllListeners();
    await a.room.leave(false);
    await until(() => session().students.get(id)!.covered, 3000);
    expect(h.room.state.students.get(id)?.connected).toBe(false);
    // While covered, the bot runs the shop at the next boundary.
    expect(session().nextEntry().seats[0]).toMatchObject({ student: id, held: false });
    const back = await kit.sdk.reconnect(token);
    const got = record(back);
    await until(() => got.private.length > 0);
    expect(got.private.at(-1)!.holdings).toEqual(holdings);
    expect(session().students.get(id)).toMatchObject({ connected: true, covered: false });
    expect(session().nextEntry().seats[0]).toMatchObject({ student: id, held: true });
  });

  it('lets the host leave and come back without ending the session', async () => {
    const h = await host();
    await student('A');
    h.send('start');
    await until(() => session().phase === 'round');
    await h.room.leave(true);
    await until(() => !server.room.state.hostConnected);
    await new Promise((r) => setTimeout(r, 100));
    expect(session().students.size).toBe(1);
    expect(['round', 'review']).toContain(session().phase);
    const again = await host();
    await until(() => again.got.other.some(([t]) => t === MSG.hostView));
    expect(server.room.state.hostConnected).toBe(true);
    again.send('pause');
    await until(() => session().phase === 'paused' || session().phase === 'review');
    expect(server.room.roomId).toBe(again.room.roomId);
  });
});

describe('snapshots', () => {
  it('restores a session from its last round snapshot: nothing decided in a completed round is lost', async () => {
    const h = await host();
    h.send('configure', {
      scenario: 'b2c-shop',
      roles: ['seller', 'buyer', 'platform'],
      daysPerRound: 4,
      countdownSeconds: 600,
      rounds: 4,
    });
    const s = await student('Seller');
    const b = await student('Buyer');
    const p = await student('Platform');
    h.send('assign', { student: s.last().studentId, role: 'seller' });
    h.send('assign', { student: b.last().studentId, role: 'buyer' });
    h.send('assign', { student: p.last().studentId, role: 'platform' });
    await until(() => p.last().role === 'platform' && b.last().role === 'buyer');
    const shop = s.last().holdings;
    if (shop?.role !== 'seller') throw new Error('not a seller');
    for (const round of [1, 2]) {
      s.room.send(MSG.intent, { role: 'seller', price: 100 + round * 10, restock: 5 });
      b.room.send(MSG.intent, { role: 'buyer', action: 'buy', seller: shop.shop, units: 1 });
      p.room.send(MSG.intent, { role: 'platform', commission: 0.05 + round / 100 });
      await until(() => session().queued.size === 3);
      h.send('start');
      await until(() => session().phase === 'round');
      h.send('advance');
      await until(() => session().round === round && session().phase === 'review');
    }
    // Queued in round 3, not completed: not in the snapshot.
    p.room.send(MSG.intent, { role: 'platform', commission: 0.3 });
    await until(() => session().queued.size === 1);
    await server.room.saved();
    const before = session();
    const series = Float64Array.from(before.sim.series);
    const seatToken = s.last().seatToken;
    const snap = JSON.parse(
      readFileSync(join(dir, `classroom-${server.room.settings.code}.json`), 'utf8'),
    ) as Snapshot;
    expect(snap.log).toHaveLength(2);
    expect(snap.log[1]!.intents.map((i) => i.intent.role).sort()).toEqual([
      'buyer',
      'platform',
      'seller',
    ]);

    for (const c of clients.splice(0)) c.removeAllListeners();
    const code = server.room.settings.code;
    await server.close();
    await start();
    expect(server.restored).toBe(true);
    expect(server.room.settings.code).toBe(code);
    const after = session();
    expect(after.round).toBe(2);
    expect(after.phase).toBe('review');
    expect(after.sim.day).toBe(8);
    expect(Float64Array.from(after.sim.series)).toEqual(series);
    expect(after.sim.price[shop.shop]).toBe(120);
    expect(after.sim.config.commission).toBeCloseTo(0.07);
    expect(after.sim.humanOrders.map((o) => o.status)).toEqual(
      before.sim.humanOrders.map((o) => o.status),
    );
    // The student rejoins with their seat token and finds their shop.
    const again = await student('Seller', { seatToken });
    expect(again.last()).toMatchObject({ role: 'seller', seatToken });
    expect(again.last().holdings).toMatchObject({ shop: shop.shop, price: 120 });
    expect(session().students.size).toBe(3);
  });
});
