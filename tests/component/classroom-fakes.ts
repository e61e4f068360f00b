/** A fake colyseus room and gateway for the classroom views: no server, every message recorded. */
import { vi } from 'vitest';
import type { Gateway, RoomLike } from '../../src/features/classroom/connection.svelte.ts';
import type { PublicStanding, PublicStudent, Role } from '../../src/classroom/protocol.ts';

export class FakeRoom implements RoomLike {
  reconnectionToken: string;
  state: unknown = null;
  sent: [string, unknown][] = [];
  #state: ((s: unknown) => void)[] = [];
  #leave: ((code: number) => void)[] = [];
  #handlers = new Map<string, (m: never) => void>();
  constructor(token = 'room-token-1') {
    this.reconnectionToken = token;
  }
  onStateChange(cb: (s: unknown) => void): void {
    this.#state.push(cb);
  }
  onMessage(type: string, cb: (m: never) => void): void {
    this.#handlers.set(type, cb);
  }
  onLeave(cb: (code: number) => void): void {
    this.#leave.push(cb);
  }
  send(type: string, message?: unknown): void {
    this.sent.push([type, message]);
  }
  leave(): Promise<number> {
    return Promise.resolve(1000);
  }
  /** The server syncs a new public state. */
  setState(state: unknown): void {
    this.state = state;
    for (const cb of this.#state) cb(state);
  }
  emit(type: string, message: unknown): void {
    this.#handlers.get(type)?.(message as never);
  }
  /** The connection drops (1006: abnormal closure). */
  drop(code = 1006): void {
    for (const cb of this.#leave) cb(code);
  }
  /** Messages sent of one type. */
  of(type: string): unknown[] {
    return this.sent.filter(([t]) => t === type).map(([, m]) => m);
  }
}

export function fakeGateway(rooms: FakeRoom[]) {
  const queue = [...rooms];
  const next = () => {
    const room = queue.shift();
    return room ? Promise.resolve(room) : Promise.reject(new Error('network down'));
  };
  const gateway = {
    join: vi.fn<Gateway['join']>(next),
    reconnect: vi.fn<Gateway['reconnect']>(next),
  };
  return gateway;
}

export function student(
  id: string,
  name: string,
  role: Role | '',
  extra: Partial<PublicStudent> = {},
): PublicStudent {
  return { id, name, role, seat: 0, connected: true, covered: false, pending: 0, ...extra };
}

export function publicState(over: Record<string, unknown> = {}) {
  return {
    phase: 'lobby',
    round: 0,
    rounds: 3,
    daysPerRound: 7,
    countdown: 0,
    countdownSeconds: 120,
    scenario: 'b2c-shop',
    model: 'b2c',
    roles: ['seller', 'buyer', 'platform', 'courier'],
    hostConnected: true,
    students: {} as Record<string, PublicStudent>,
    standings: [] as PublicStanding[],
    metrics: {} as Record<string, number>,
    events: [] as string[],
    ...over,
  };
}
