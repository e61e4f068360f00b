/**
 * The room listings the matchmaker reads (a Colyseus driver: in this process's memory, or in
 * Redis, shared by every process of the classroom), with the classroom's rules on top. A room's
 * listing keeps its join code (`filterBy(['code'])`), so a student's join goes to the room whose
 * code it carries, whichever process holds that room; a code no room has is refused here, as the
 * room itself would refuse it, before a seat is reserved anywhere. And no matchmaking answer
 * carries the code: a client gets a room's id, name, process and public address only (what
 * Redis' listings already send; in-memory listings would otherwise send every field).
 */
import {
  ServerError,
  type IRoomCache,
  type MatchMakerDriver,
  type RoomCache,
  type SortOptions,
} from '@colyseus/core';
import { ROOM_NAME, type JoinError } from '../../src/classroom/protocol.ts';

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
    const found = (await this.inner.findOne(conditions, sortOptions)) as RoomCache | undefined;
    if (found || conditions.name !== ROOM_NAME || !('code' in conditions))
      return found as RoomCache;
    // Sessions are open, none with this code. With none open (the one that holds it may be
    // restarting), the matchmaker's "no rooms found" lets a browser try again later.
    if (await this.inner.findOne({ name: ROOM_NAME }))
      throw new ServerError(4403, 'badCode' satisfies JoinError);
    return found as unknown as RoomCache;
  }

  clear(): void {
    this.inner.clear();
  }

  shutdown(): void {
    this.inner.shutdown();
  }
}
