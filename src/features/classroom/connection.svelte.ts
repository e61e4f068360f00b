/**
 * One browser's connection to the classroom room: the public state (schema sync, read as plain
 * data), this client's private view (student) or host details (teacher), the last refusal, and the
 * connection's status. After a drop it reconnects by itself, with backoff: first with Colyseus'
 * reconnection token, then (after a server restart, when that token is gone) by joining again with
 * the seat token or host key. Tokens are kept in sessionStorage, so a reloaded tab gets its seat
 * back too. The room itself comes from a `Gateway` (colyseus.js in the app, a fake in tests).
 */
import {
  JOIN_ERRORS,
  MSG,
  ROOM_NAME,
  type HostJoinOptions,
  type HostMessage,
  type HostView,
  type Intent,
  type JoinError,
  type JoinOptions,
  type Phase,
  type PrivateView,
  type PublicMetric,
  type PublicStanding,
  type PublicStudent,
  type Rejected,
  type Role,
} from '../../classroom/protocol.ts';

/** What this module needs of a colyseus.js Room. */
export interface RoomLike {
  readonly reconnectionToken: string;
  readonly state: unknown;
  onStateChange(cb: (state: unknown) => void): unknown;
  onMessage(type: string, cb: (message: never) => void): unknown;
  onLeave(cb: (code: number) => void): unknown;
  send(type: string, message?: unknown): void;
  leave(consented?: boolean): Promise<number>;
}

export interface Gateway {
  join(options: JoinOptions | HostJoinOptions): Promise<RoomLike>;
  reconnect(token: string): Promise<RoomLike>;
}

/** The public state as plain data. */
export interface PublicSnapshot {
  phase: Phase;
  round: number;
  rounds: number;
  daysPerRound: number;
  countdown: number;
  countdownSeconds: number;
  scenario: string;
  model: string;
  roles: Role[];
  hostConnected: boolean;
  students: PublicStudent[];
  standings: PublicStanding[];
  metrics: Partial<Record<PublicMetric, number>>;
  events: string[];
}

export type Status = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'replaced' | 'closed';

/** Backoff between reconnection attempts (ms); the last one repeats. */
export const BACKOFF = [500, 1000, 2000, 4000, 8000, 15000];

type Plain = Record<string, unknown>;
const asRecord = (v: unknown): Plain => (v && typeof v === 'object' ? (v as Plain) : {});
const values = (v: unknown): unknown[] =>
  v instanceof Map ? [...v.values()] : Array.isArray(v) ? v : Object.values(asRecord(v));

/** Colyseus schema state (or a plain object of the same shape) as plain data. */
export function readState(raw: unknown): PublicSnapshot {
  const r = raw as { toJSON?: () => unknown } | null;
  const j = asRecord(typeof r?.toJSON === 'function' ? r.toJSON() : raw);
  const metrics: Plain =
    j.metrics instanceof Map ? Object.fromEntries(j.metrics) : asRecord(j.metrics);
  return {
    phase: (j.phase as Phase) ?? 'lobby',
    round: Number(j.round ?? 0),
    rounds: Number(j.rounds ?? 0),
    daysPerRound: Number(j.daysPerRound ?? 0),
    countdown: Number(j.countdown ?? 0),
    countdownSeconds: Number(j.countdownSeconds ?? 0),
    scenario: String(j.scenario ?? ''),
    model: String(j.model ?? ''),
    roles: values(j.roles) as Role[],
    hostConnected: Boolean(j.hostConnected),
    students: values(j.students).map((s) => ({ ...(s as PublicStudent) })),
    standings: values(j.standings).map((s) => ({ ...(s as PublicStanding) })),
    metrics: metrics as PublicSnapshot['metrics'],
    events: values(j.events).map(String),
  };
}

/** A join refusal's code, or 'network' when the server could not be reached. */
export function joinErrorOf(e: unknown): JoinError | 'network' {
  const text = e instanceof Error ? e.message : String(e);
  return JOIN_ERRORS.find((code) => text.includes(code)) ?? 'network';
}

interface Kept {
  token?: string;
  options: JoinOptions | HostJoinOptions;
}

export class Classroom {
  status = $state<Status>('idle');
  view = $state<PublicSnapshot | null>(null);
  me = $state<PrivateView | null>(null);
  host = $state<HostView | null>(null);
  rejected = $state<Rejected | null>(null);
  joinError = $state<JoinError | 'network' | null>(null);
  /** Reconnection attempts since the drop (0 when connected). */
  attempt = $state(0);
  #room: RoomLike | null = null;
  #kept: Kept | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly gateway: Gateway,
    /** sessionStorage key for this client's tokens. */
    private readonly storageKey: string,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null = null,
  ) {}

  /** Tokens kept from an earlier visit in this tab, if any. */
  saved(): Kept | null {
    try {
      const text = this.storage?.getItem(this.storageKey);
      return text ? (JSON.parse(text) as Kept) : null;
    } catch {
      return null;
    }
  }

  #save(): void {
    try {
      if (this.#kept) this.storage?.setItem(this.storageKey, JSON.stringify(this.#kept));
    } catch {
      // Storage refused: reconnection still works while this page stays open.
    }
  }

  /** Join (or take the seat back with a kept token). Resolves true once in the room. */
  async join(options: JoinOptions | HostJoinOptions, token?: string): Promise<boolean> {
    this.#kept = { options, token };
    this.joinError = null;
    this.status = 'connecting';
    try {
      const room = token
        ? await this.gateway.reconnect(token).catch(() => this.gateway.join(options))
        : await this.gateway.join(options);
      this.#attach(room);
      return true;
    } catch (e) {
      this.joinError = joinErrorOf(e);
      this.status = 'idle';
      return false;
    }
  }

  #attach(room: RoomLike): void {
    this.#room = room;
    this.status = 'connected';
    this.attempt = 0;
    this.#kept = { ...this.#kept!, token: room.reconnectionToken };
    this.#save();
    room.onStateChange((state) => (this.view = readState(state)));
    room.onMessage(MSG.private, (view: PrivateView) => {
      this.me = view;
      const o = this.#kept?.options;
      // The seat token takes the seat back after a server restart, when the reconnection token is gone.
      if (o && 'code' in o && view.seatToken) {
        this.#kept = { ...this.#kept!, options: { ...o, seatToken: view.seatToken } };
        this.#save();
      }
    });
    room.onMessage(MSG.hostView, (view: HostView) => (this.host = view));
    room.onMessage(MSG.rejected, (r: Rejected) => (this.rejected = r));
    room.onLeave((code) => this.#dropped(room, code));
    if (room.state) this.view = readState(room.state);
    room.send(MSG.view);
  }

  #dropped(room: RoomLike, code: number): void {
    if (room !== this.#room) return;
    this.#room = null;
    if (this.status === 'closed') return;
    // 4000: the same seat opened elsewhere (another tab or phone) took over.
    if (code === 4000) {
      this.status = 'replaced';
      return;
    }
    this.status = 'reconnecting';
    this.#retry();
  }

  #retry(): void {
    const delay = BACKOFF[Math.min(this.attempt, BACKOFF.length - 1)]!;
    this.attempt++;
    this.#timer = setTimeout(() => void this.#again(), delay);
  }

  async #again(): Promise<void> {
    const kept = this.#kept;
    if (!kept || this.status !== 'reconnecting') return;
    try {
      const room = kept.token
        ? await this.gateway.reconnect(kept.token).catch(() => this.gateway.join(kept.options))
        : await this.gateway.join(kept.options);
      if (this.status !== 'reconnecting') return void room.leave(true);
      this.#attach(room);
    } catch (e) {
      const error = joinErrorOf(e);
      if (error !== 'network') {
        // Refused for good (the session ended, or the key is wrong): stop trying and say why.
        this.joinError = error;
        this.status = 'idle';
        return;
      }
      if (this.status === 'reconnecting') this.#retry();
    }
  }

  intent(intent: Intent): void {
    this.rejected = null;
    this.#room?.send(MSG.intent, intent);
  }

  /** A host message; the key is added here. */
  command(message: DistributiveOmit<HostMessage, 'key'>): void {
    const o = this.#kept?.options;
    if (!o || !('hostKey' in o)) return;
    this.rejected = null;
    this.#room?.send(MSG.host, { ...message, key: o.hostKey });
  }

  /** Leave for good (the page is closed or the student leaves). */
  close(forget = false): void {
    this.status = 'closed';
    clearTimeout(this.#timer);
    void this.#room?.leave(true).catch(() => undefined);
    this.#room = null;
    if (forget) {
      try {
        this.storage?.removeItem(this.storageKey);
      } catch {
        // nothing kept
      }
    }
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The classroom server this page was loaded from, or null when it cannot be one. */
export function serverUrl(loc: Pick<Location, 'protocol' | 'host'>): string | null {
  return loc.protocol === 'http:' && loc.host ? `ws://${loc.host}` : null;
}

/** The colyseus.js gateway (loaded only on the classroom pages). */
export async function colyseusGateway(url: string): Promise<Gateway> {
  const { Client } = await import('colyseus.js');
  const client = new Client(url);
  return {
    join: (options) => client.join(ROOM_NAME, options) as unknown as Promise<RoomLike>,
    reconnect: (token) => client.reconnect(token) as unknown as Promise<RoomLike>,
  };
}
