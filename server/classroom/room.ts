/**
 * The classroom room (Colyseus 0.16): one session of the live market. Students join with the
 * join code and a name, the teacher's console with the host key; every message is checked with
 * the protocol's zod schemas before anything is done with it (a malformed one is refused with a
 * `rejected` message, logged, and the connection kept); intents queue until the round boundary,
 * where the session applies them and steps the engine. Bots play every seat nobody holds, and
 * cover for a student who dropped after `coverAfterMs`; the student gets the seat back on
 * reconnection (Colyseus' reconnection token, or their seat token after a server restart).
 *
 * Rooms are only created by the server itself (`prepareRoom` hands out a one-time ticket, kept in
 * the process that asked, which is where the room is made): a client asking the matchmaker to
 * create one is refused.
 */
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ArraySchema } from '@colyseus/schema';
import { Room, ServerError, type Client, type Delayed } from '@colyseus/core';
import {
  HostJoinOptions,
  HostMessage,
  Intent,
  JoinOptions,
  MSG,
  RATE_LIMIT_PER_SECOND,
  type HostView,
  type JoinError,
  type Rejected,
  type RejectCode,
} from '../../src/classroom/protocol.ts';
import { hostKeyDigest } from './listings.ts';
import { scenarios } from './scenarios.ts';
import { Session, settingsFrom, type Snapshot, type Student } from './session.ts';
import { ClassroomState, StandingState, StudentState } from './state.ts';

export interface ClassroomRoomSettings {
  code: string;
  hostKey: string;
  /** Folder for the round snapshots; none: no snapshots. */
  snapshotDir?: string;
  /** Restore this session instead of starting a new one. */
  restore?: Snapshot;
  /** A dropped student's seat is covered by a bot after this long (default 20 s). */
  coverAfterMs?: number;
  /** How long Colyseus keeps a dropped client's reconnection token (default 1 h). */
  reconnectSeconds?: number;
  /** One countdown second, in ms (default 1000; shorter in tests). */
  tickMs?: number;
  seed?: number;
}

const tickets = new Map<string, ClassroomRoomSettings>();

/**
 * A one-time ticket to create a room with these settings in this process, and what the room's
 * listing keeps to be found by: the join code and the host key's digest (the options of
 * `matchMaker.createRoom(ROOM_NAME, …)`).
 */
export function prepareRoom(settings: ClassroomRoomSettings): {
  ticket: string;
  code: string;
  hostKey: string;
} {
  const ticket = token();
  tickets.set(ticket, settings);
  return { ticket, code: settings.code, hostKey: hostKeyDigest(settings.hostKey) };
}

/** URL-safe random text, 32 characters. */
export function token(): string {
  return randomBytes(24).toString('base64url');
}

/** A six-digit join code. */
export function joinCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

interface Auth {
  host: boolean;
  name?: string;
  seatToken?: string;
}

interface UserData {
  studentId?: string;
  /** Messages this second, when the second began, and whether it was warned. */
  window: number;
  count: number;
  warned: boolean;
}

const log = (...args: unknown[]) => console.warn('[classroom]', ...args);

export class ClassroomRoom extends Room<ClassroomState, unknown, UserData, Auth> {
  override autoDispose = false;
  override maxClients = 400;
  settings!: Required<Omit<ClassroomRoomSettings, 'snapshotDir' | 'restore' | 'seed'>> &
    Pick<ClassroomRoomSettings, 'snapshotDir'>;
  session!: Session;
  readonly hosts = new Set<Client>();
  /** The live client of each student. */
  readonly clientOf = new Map<string, Client<UserData, Auth>>();
  readonly coverTimers = new Map<string, Delayed>();
  #saving: Promise<void> = Promise.resolve();
  #standings = '';

  override onCreate(options: { ticket?: unknown }): void {
    const ticket = typeof options?.ticket === 'string' ? options.ticket : '';
    const s = tickets.get(ticket);
    if (!s) throw new ServerError(403, 'rooms are created by the classroom server');
    tickets.delete(ticket);
    this.settings = {
      code: s.code,
      hostKey: s.hostKey,
      snapshotDir: s.snapshotDir,
      coverAfterMs: s.coverAfterMs ?? 20_000,
      reconnectSeconds: s.reconnectSeconds ?? 3600,
      tickMs: s.tickMs ?? 1000,
    };
    this.session = s.restore
      ? Session.restore(s.restore)
      : new Session(s.seed ?? randomInt(1, 2 ** 31 - 1));
    this.state = new ClassroomState();
    this.state.hostConnected = false;
    this.sync();

    this.onMessage(MSG.host, (client, message: unknown) => {
      if (this.#limited(client, MSG.host)) return;
      this.#onHost(client, message);
    });
    this.onMessage(MSG.intent, (client, message: unknown) => {
      if (this.#limited(client, MSG.intent)) return;
      this.#onIntent(client, message);
    });
    this.onMessage(MSG.view, (client) => {
      if (this.#limited(client, MSG.view)) return;
      const id = client.userData?.studentId;
      const student = id ? this.session.students.get(id) : undefined;
      if (student) client.send(MSG.private, this.session.privateView(student));
      else if (this.hosts.has(client)) client.send(MSG.hostView, this.#hostView());
      else this.#reject(client, MSG.view, 'noSeat');
    });
    this.onMessage('*', (client, type, _message) => {
      if (this.#limited(client, String(type))) return;
      log(`unknown message type from ${client.sessionId}:`, String(type).slice(0, 40));
      this.#reject(client, String(type).slice(0, 40), 'malformed');
    });
    this.clock.setInterval(() => this.#tick(), this.settings.tickMs);
  }

  override onAuth(_client: Client, options: unknown): Auth {
    const refuse = (e: JoinError): never => {
      throw new ServerError(4403, e);
    };
    if (options && typeof options === 'object' && 'hostKey' in options) {
      const host = HostJoinOptions.safeParse(options);
      if (!host.success || !sameSecret(host.data.hostKey, this.settings.hostKey))
        return refuse('badHostKey');
      return { host: true };
    }
    const code = (options as { code?: unknown } | null)?.code;
    if (typeof code !== 'string' || !sameSecret(code, this.settings.code)) return refuse('badCode');
    const join = JoinOptions.safeParse(options);
    if (!join.success) return refuse('badName');
    const known = join.data.seatToken ? this.session.byToken(join.data.seatToken) : undefined;
    if (this.session.phase === 'ended' && !known) return refuse('ended');
    return { host: false, name: join.data.name, seatToken: known ? known.seatToken : undefined };
  }

  override onJoin(client: Client<UserData, Auth>, _options: unknown, auth: Auth): void {
    client.userData = { window: 0, count: 0, warned: false };
    if (auth.host) {
      this.hosts.add(client);
      this.state.hostConnected = true;
      // Held until the client has joined; a client whose handlers came late asks again (MSG.view).
      client.send(MSG.hostView, this.#hostView());
      return;
    }
    let student = auth.seatToken ? this.session.byToken(auth.seatToken) : undefined;
    if (student) {
      // The seat back: a newer connection replaces an older one still open.
      const old = this.clientOf.get(student.id);
      if (old && old !== client) old.leave(4000);
      student.name = auth.name ?? student.name;
    } else student = this.session.addStudent(token().slice(0, 12), auth.name ?? '?', token());
    client.userData.studentId = student.id;
    this.#present(student, client);
  }

  #hostView(): HostView {
    return {
      joinCode: this.settings.code,
      scenarios: [...scenarios().keys()],
      seed: this.session.seed,
      comparison: this.session.comparison(),
      decisions: this.session.decisions(),
    };
  }

  #present(student: Student, client: Client<UserData, Auth>): void {
    this.coverTimers.get(student.id)?.clear();
    this.coverTimers.delete(student.id);
    student.connected = true;
    student.covered = false;
    this.clientOf.set(student.id, client);
    this.sync();
    client.send(MSG.private, this.session.privateView(student));
  }

  override async onLeave(client: Client<UserData, Auth>, consented: boolean): Promise<void> {
    if (this.hosts.delete(client)) {
      this.state.hostConnected = this.hosts.size > 0;
      return;
    }
    const id = client.userData?.studentId;
    const student = id ? this.session.students.get(id) : undefined;
    if (!student || this.clientOf.get(student.id) !== client) return;
    this.clientOf.delete(student.id);
    student.connected = false;
    this.coverTimers.set(
      student.id,
      this.clock.setTimeout(() => {
        this.coverTimers.delete(student.id);
        if (!student.connected) {
          student.covered = true;
          this.sync();
        }
      }, this.settings.coverAfterMs),
    );
    this.sync();
    if (consented) return;
    try {
      const back = await this.allowReconnection(client, this.settings.reconnectSeconds);
      this.#present(student, back);
    } catch {
      // Not back in time: the seat stays, covered by a bot, until they join with their seat token.
    }
  }

  override onDispose(): Promise<void> {
    return this.#saving;
  }

  /** At most RATE_LIMIT_PER_SECOND messages a second per client; the rest is dropped, warned once. */
  #limited(client: Client<UserData, Auth>, type: string): boolean {
    const u = client.userData;
    if (!u) return true;
    const now = Date.now();
    if (now - u.window >= 1000) {
      u.window = now;
      u.count = 0;
      u.warned = false;
    }
    if (++u.count <= RATE_LIMIT_PER_SECOND) return false;
    if (!u.warned) {
      u.warned = true;
      log(`rate limit: dropping messages from ${client.sessionId} for the rest of this second`);
      this.#reject(client, type, 'rateLimited');
    }
    return true;
  }

  #reject(client: Client, type: string, code: RejectCode, fields?: string[]): void {
    const r: Rejected = fields ? { code, type, fields } : { code, type };
    client.send(MSG.rejected, r);
  }

  #onHost(client: Client<UserData, Auth>, message: unknown): void {
    const key = (message as { key?: unknown } | null)?.key;
    if (typeof key !== 'string' || !sameSecret(key, this.settings.hostKey)) {
      log(`host message without the host key from ${client.sessionId}`);
      return this.#reject(client, MSG.host, 'notHost');
    }
    const parsed = HostMessage.safeParse(message);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join('.')).slice(0, 10);
      log(`malformed host message from ${client.sessionId}:`, fields.join(', '));
      return this.#reject(client, MSG.host, 'malformed', fields);
    }
    const m = parsed.data;
    const s = this.session;
    let outcome: ReturnType<Session['assign']> = { ok: true };
    switch (m.action) {
      case 'configure':
        outcome = s.configure(settingsFrom(m));
        break;
      case 'assign':
        outcome = s.assign(m.student, m.role);
        break;
      case 'autoAssign':
        outcome = s.autoAssign();
        break;
      case 'rotate':
        outcome = s.rotate();
        break;
      case 'start':
        if (s.phase === 'paused') s.phase = 'round';
        else if (s.phase === 'lobby' || s.phase === 'review') {
          s.phase = 'round';
          this.state.countdown = s.settings.countdownSeconds;
        } else outcome = { ok: false, code: 'wrongPhase' };
        break;
      case 'pause':
        if (s.phase === 'round') s.phase = 'paused';
        else outcome = { ok: false, code: 'wrongPhase' };
        break;
      case 'advance':
        if (s.phase === 'round' || s.phase === 'paused') this.endRound();
        else outcome = { ok: false, code: 'wrongPhase' };
        break;
      case 'inject':
        outcome = s.inject(m.event, m.magnitude, m.days);
        break;
      case 'end':
        s.phase = 'ended';
        this.save();
        break;
    }
    if (!outcome.ok) return this.#reject(client, MSG.host, outcome.code);
    this.sync();
    // Roles and seats may have changed: everyone's private view.
    if (
      m.action === 'assign' ||
      m.action === 'autoAssign' ||
      m.action === 'rotate' ||
      m.action === 'configure'
    )
      this.sendPrivateViews();
  }

  #onIntent(client: Client<UserData, Auth>, message: unknown): void {
    const id = client.userData?.studentId;
    if (!id) return this.#reject(client, MSG.intent, 'noSeat');
    const parsed = Intent.safeParse(message);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join('.')).slice(0, 10);
      log(`malformed intent from ${client.sessionId}:`, fields.join(', '));
      return this.#reject(client, MSG.intent, 'malformed', fields);
    }
    const outcome = this.session.queue(id, parsed.data);
    if (!outcome.ok) return this.#reject(client, MSG.intent, outcome.code);
    const student = this.session.students.get(id)!;
    const st = this.state.students.get(id);
    if (st) st.pending = Math.min(255, this.session.queued.get(id)?.length ?? 0);
    client.send(MSG.private, this.session.privateView(student));
  }

  #tick(): void {
    if (this.session.phase !== 'round') return;
    if (this.state.countdown > 0) this.state.countdown--;
    // The countdown decides: a round never waits for anyone.
    if (this.state.countdown === 0) this.endRound();
  }

  /** The round boundary: apply, step, publish, save. */
  endRound(): void {
    this.session.completeRound();
    this.state.countdown = 0;
    this.sync(true);
    this.sendPrivateViews();
    // The console's debrief and export: the comparison with the bots-only run and the decisions.
    if (this.hosts.size > 0) {
      const view = this.#hostView();
      for (const host of this.hosts) host.send(MSG.hostView, view);
    }
    this.save();
  }

  sendPrivateViews(): void {
    const standings = this.session.standings();
    for (const [id, client] of this.clientOf) {
      const s = this.session.students.get(id);
      if (s) client.send(MSG.private, this.session.privateView(s, standings));
    }
  }

  /** Write the session's snapshot (atomically: a temporary file renamed over the last one). */
  save(): void {
    const dir = this.settings.snapshotDir;
    if (!dir) return;
    const snap = this.session.snapshot(this.settings.code, this.settings.hostKey);
    const text = JSON.stringify(snap);
    const file = join(dir, `classroom-${this.settings.code}.json`);
    this.#saving = this.#saving.then(async () => {
      try {
        await mkdir(dir, { recursive: true });
        await writeFile(`${file}.tmp`, text, { mode: 0o600 });
        await rename(`${file}.tmp`, file);
      } catch (e) {
        log('could not write the snapshot:', e);
      }
    });
  }

  /** Wait for snapshots written so far. */
  saved(): Promise<void> {
    return this.#saving;
  }

  /** The public state from the session (schema sends only what changed). */
  sync(results = false): void {
    const st = this.state;
    const s = this.session;
    st.phase = s.phase;
    st.round = s.round;
    st.rounds = s.settings.rounds;
    st.daysPerRound = s.settings.daysPerRound;
    st.countdownSeconds = s.settings.countdownSeconds;
    st.scenario = s.settings.scenario;
    st.model = s.sim.config.model;
    if (st.roles.join() !== s.settings.roles.join())
      st.roles = new ArraySchema<string>(...s.settings.roles);
    for (const [id, student] of s.students) {
      let row = st.students.get(id);
      if (!row) {
        row = new StudentState();
        row.id = id;
        st.students.set(id, row);
      }
      row.name = student.name;
      row.role = student.role;
      row.seat = student.seat;
      row.connected = student.connected;
      row.covered = student.covered;
      row.pending = Math.min(255, s.queued.get(id)?.length ?? 0);
    }
    const events = s.sim.config.events
      .filter((e) => e.end >= s.sim.day)
      .map((e) => `${e.type}:${e.start}:${e.end}:${e.magnitude}`)
      .concat(s.pendingEvents.map((e) => `${e.type}:next:${e.end - e.start + 1}:${e.magnitude}`));
    if (st.events.join() !== events.join()) st.events = new ArraySchema<string>(...events);
    const standings = s.standings();
    const text = JSON.stringify(standings);
    if (text !== this.#standings) {
      this.#standings = text;
      st.standings = new ArraySchema(
        ...standings.map((r) => {
          const row = new StandingState();
          Object.assign(row, r);
          return row;
        }),
      );
    }
    if (results || st.metrics.size === 0) for (const [m, v] of s.metrics()) st.metrics.set(m, v);
  }
}
