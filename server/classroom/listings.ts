/**
 * The room listings the matchmaker reads (a Colyseus driver: in this process's memory, or in
 * Redis, shared by every process of the classroom), with the classroom's rules on top. A room's
 * listing keeps its join code and a digest of its host key (`filterBy(['code', 'hostKey'])`), so
 * a student's join goes to the room whose code it carries, and the console's to the room of its
 * key, whichever process holds that room; a code or key no room has is refused here, as the room
 * itself would refuse it, before a seat is reserved anywhere. The host key itself is never in a
 * listing. And no matchmaking answer carries the code: a client gets a room's id, name, process
 * and public address only (what Redis' listings already send; in-memory listings would otherwise
 * send every field).
 */
import { createHash } from 'node:crypto';
import {
  ServerError,
  type IRoomCache,
  type MatchMakerDriver,
  type RoomCache,
  type SortOptions,
} from '@colyseus/core';
import { ROOM_NAME, type JoinError } from '../../src/classroom/protocol.ts';

/** The fields a listing is found by: the matchmaker filters on them (`filterBy`). */
export const LISTING_FILTER = ['code', 'hostKey'];

/** What a room's listing keeps of its host key (SHA-256, hex): enough to find it, not to use it. */
export function hostKeyDigest(hostKey: string): string {
  return createHash('sha256').update(hostKey).digest('hex');
}

/** The fields of a listing a client may see. */
function publicListing(l: IRoomCache) {
  return {
    clients: l.clients,
    createdAt: l.createdAt as unknown,
    maxClients: l.maxClients,
    metadata: l.metadata as unknown,
    name: l.name,
    publicAddress: l.publicAddress,
    processId: l.processId,
    roomId: l.roomId,
  };
}

export class ClassroomListings implements MatchMakerDriver {
  constructor(private readonly inner: MatchMakerDriver) {}

  createInstance(initialValues: Partial<IRoomCache>): RoomCache {
    const listing = this.inner.createInstance(initialValues);
    if (!('toJSON' in listing))
      Object.defineProperty(listing, 'toJSON', {
        value: () => publicListing(listing),
        enumerable: false,
        writable: true,
      });
    return listing;
  }

  has(roomId: string): Promise<boolean> | boolean {
    return this.inner.has(roomId);
  }

  query(conditions: Partial<IRoomCache>, sortOptions?: SortOptions) {
    return this.inner.query(conditions, sortOptions);
  }

  async cleanup(processId: string): Promise<void> {
    await this.inner.cleanup?.(processId);
  }

  async findOne(conditions: Partial<IRoomCache>, sortOptions?: SortOptions): Promise<RoomCache> {
    if (conditions.name !== ROOM_NAME) return this.inner.findOne(conditions, sortOptions);
    const byKey = 'hostKey' in conditions;
    const wanted = byKey
      ? { ...conditions, hostKey: hostKeyDigest(String(conditions.hostKey)) }
      : conditions;
    const found = (await this.inner.findOne(wanted, sortOptions)) as RoomCache | undefined;
    if (found || !(byKey || 'code' in conditions)) return found as RoomCache;
    // Sessions are open, none with this code or key. With none open (the one that holds it may
    // be restarting), the matchmaker's "no rooms found" lets a browser try again later.
    if (await this.inner.findOne({ name: ROOM_NAME }))
      throw new ServerError(4403, (byKey ? 'badHostKey' : 'badCode') satisfies JoinError);
    return found as unknown as RoomCache;
  }

  clear(): void {
    this.inner.clear();
  }

  shutdown(): void {
    this.inner.shutdown();
  }
}
