/**
 * The classroom live market's protocol: every message a browser sends to the classroom server
 * (zod schemas, checked by the server before anything is done with it) and every view the server
 * sends back (types). The console and the student views import these; so does `server/`. No Node
 * and no DOM here: this module is loaded by the browser and by the server alike.
 *
 * Transport (Colyseus 0.16): the room is named `ROOM_NAME`; a client joins with `JoinOptions`
 * (students) or `HostJoinOptions` (the teacher's console); it sends `host` messages (teacher) and
 * `intent` messages (students); it receives the public state by schema sync (`PublicView` is its
 * shape), its own `private` view, `host` details (teacher only), and `rejected` when the server
 * refused something it sent. Every number a client may send is bounded here.
 */
import { z } from 'zod';

export const ROOM_NAME = 'classroom';

/** Message types a client sends, and the ones the server sends. */
export const MSG = {
  host: 'host',
  intent: 'intent',
  /** A client asks for its private view again (no payload): e.g. once its handlers are ready. */
  view: 'view',
  private: 'private',
  hostView: 'hostView',
  rejected: 'rejected',
} as const;

export const ROLES = ['seller', 'buyer', 'platform', 'courier'] as const;
export type Role = (typeof ROLES)[number];

/**
 * lobby: students arrive, the teacher configures and assigns roles; round: the countdown runs and
 * intents are taken; paused: the countdown stands still (intents still taken); review: a round's
 * results are out, the next has not started; ended: the session is over.
 */
export const PHASES = ['lobby', 'round', 'paused', 'review', 'ended'] as const;
export type Phase = (typeof PHASES)[number];

/** The market events a teacher can inject: the engine's own event types (`EventType`). */
export const INJECTABLE_EVENTS = [
  'surge',
  'fraudWave',
  'logisticsDisruption',
  'riderShortage',
] as const;
export type InjectableEvent = (typeof INJECTABLE_EVENTS)[number];

/** How a seller ships: through the courier network, or the platform's own warehouses (入仓). */
export const FULFILMENTS = ['courier', 'platform'] as const;
export type Fulfilment = (typeof FULFILMENTS)[number];

export const LIMITS = {
  name: 24,
  codeLength: 6,
  keyLength: 32,
  rounds: 20,
  daysPerRound: 30,
  countdownMin: 10,
  countdownMax: 1800,
  price: 100_000,
  restock: 100_000,
  units: 20,
  capacity: 1_000_000,
  shippingPrice: 1_000,
  orderId: 1_000_000,
  seller: 100_000,
  eventDays: 30,
  /** A teacher's market file sent with the settings, in characters (built-in ones are about 2,500). */
  marketFile: 20_000,
  fileName: 120,
} as const;

/** A join code: digits only, so it reads out loud and types on any phone keyboard. */
export const JoinCode = z.string().regex(/^[0-9]{6}$/);
/** The host key: URL-safe random text, never shown to students. */
export const HostKey = z.string().regex(/^[A-Za-z0-9_-]{32}$/);
/** The secret a student's browser keeps to take its seat back after the server restarts. */
export const SeatToken = z.string().regex(/^[A-Za-z0-9_-]{32}$/);
export const StudentId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/);

/**
 * Characters that are never part of a plain-text name: controls, format characters (bidi
 * overrides, zero-width joiners), and angle brackets (no markup, wherever the name is shown).
 */
const NOT_PLAIN = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}<>]/gu;

/** A display name as plain text: controls removed, spaces collapsed, trimmed, 1–24 characters. */
export function plainName(raw: string): string {
  return raw.normalize('NFC').replace(NOT_PLAIN, '').replace(/\s+/gu, ' ').trim();
}

export const DisplayName = z
  .string()
  .max(200)
  .transform(plainName)
  .pipe(
    z
      .string()
      .min(1)
      .refine((s) => [...s].length <= LIMITS.name, { message: 'tooLong' }),
  );

/** What a student's browser sends to join: the code on the board, a name, and its seat token if it had one. */
export const JoinOptions = z.strictObject({
  code: JoinCode,
  name: DisplayName,
  seatToken: SeatToken.optional(),
});
export type JoinOptions = z.input<typeof JoinOptions>;

/** What the teacher's console sends to join. */
export const HostJoinOptions = z.strictObject({ hostKey: HostKey });
export type HostJoinOptions = z.input<typeof HostJoinOptions>;

const money = (max: number) => z.number().finite().min(0).max(max);
const share = (max = 1) => z.number().finite().min(0).max(max);
const int = (min: number, max: number) => z.number().int().min(min).max(max);

export const ScenarioId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);

/**
 * A teacher's own market file (kept in the console's browser), sent with the settings to run
 * instead of a built-in scenario. The server checks it as the app's build checks its own.
 */
export const MarketFile = z.strictObject({
  name: z.string().min(1).max(LIMITS.fileName),
  text: z.string().min(1).max(LIMITS.marketFile),
});
export type MarketFile = z.infer<typeof MarketFile>;

/** The teacher's settings for the session. */
export const Configure = z.strictObject({
  action: z.literal('configure'),
  key: HostKey,
  /** A built-in scenario's id, or the id inside `file`. */
  scenario: ScenarioId,
  file: MarketFile.optional(),
  roles: z
    .array(z.enum(ROLES))
    .min(1)
    .max(ROLES.length)
    .refine((r) => new Set(r).size === r.length, { message: 'duplicate' }),
  daysPerRound: int(1, LIMITS.daysPerRound),
  countdownSeconds: int(LIMITS.countdownMin, LIMITS.countdownMax),
  rounds: int(1, LIMITS.rounds),
});

/** Magnitudes an injected event may have: a multiplier (surge, fraud wave) or a share lost. */
export const EVENT_MAGNITUDE: Record<InjectableEvent, { min: number; max: number }> = {
  surge: { min: 1, max: 10 },
  fraudWave: { min: 1, max: 20 },
  logisticsDisruption: { min: 0, max: 0.95 },
  riderShortage: { min: 0, max: 0.95 },
};

export const InjectEvent = z
  .strictObject({
    action: z.literal('inject'),
    key: HostKey,
    event: z.enum(INJECTABLE_EVENTS),
    magnitude: z.number().finite(),
    /** Simulated days it lasts, from the next day on. */
    days: int(1, LIMITS.eventDays),
  })
  .refine(
    (e) =>
      e.magnitude >= EVENT_MAGNITUDE[e.event].min && e.magnitude <= EVENT_MAGNITUDE[e.event].max,
    { message: 'magnitude', path: ['magnitude'] },
  );

const hostAction = <A extends string>(action: A) =>
  z.strictObject({ action: z.literal(action), key: HostKey });

export const HostMessage = z.union([
  Configure,
  z.strictObject({
    action: z.literal('assign'),
    key: HostKey,
    student: StudentId,
    role: z.enum(ROLES),
  }),
  hostAction('autoAssign'),
  hostAction('rotate'),
  /** Start the next round (from the lobby or a review), or resume a paused one. */
  hostAction('start'),
  hostAction('pause'),
  /** End the current round now (its countdown need not run out). */
  hostAction('advance'),
  InjectEvent,
  hostAction('end'),
]);
export type HostMessage = z.input<typeof HostMessage>;
export type HostAction = HostMessage['action'];

export const SellerIntent = z
  .strictObject({
    role: z.literal('seller'),
    price: money(LIMITS.price).min(0.01).optional(),
    /** Units to buy in before the next round. */
    restock: int(0, LIMITS.restock).optional(),
    fulfilment: z.enum(FULFILMENTS).optional(),
  })
  .refine((i) => i.price !== undefined || i.restock !== undefined || i.fulfilment !== undefined, {
    message: 'empty',
  });

export const BuyerIntent = z.discriminatedUnion('action', [
  z.strictObject({
    role: z.literal('buyer'),
    action: z.literal('buy'),
    /** The offer's seller, as listed in the storefront. */
    seller: int(0, LIMITS.seller),
    units: int(1, LIMITS.units),
  }),
  z.strictObject({
    role: z.literal('buyer'),
    action: z.literal('rate'),
    order: int(0, LIMITS.orderId),
    good: z.boolean(),
  }),
  z.strictObject({
    role: z.literal('buyer'),
    action: z.literal('return'),
    order: int(0, LIMITS.orderId),
  }),
]);

export const PlatformIntent = z
  .strictObject({
    role: z.literal('platform'),
    commission: share(0.5).optional(),
    escrow: z.boolean().optional(),
    paymentSecurity: share(0.99).optional(),
    /** Hybrid operation: the share of shop slots the platform runs itself (new shops from now on). */
    selfShare: share(1).optional(),
  })
  .refine((i) => Object.keys(i).length > 1, { message: 'empty' });

export const CourierIntent = z
  .strictObject({
    role: z.literal('courier'),
    /** Parcels a day. */
    capacity: int(1, LIMITS.capacity).optional(),
    /** The courier's price per parcel (yuan), paid by the seller. */
    price: money(LIMITS.shippingPrice).optional(),
  })
  .refine((i) => i.capacity !== undefined || i.price !== undefined, { message: 'empty' });

export const Intent = z.union([SellerIntent, BuyerIntent, PlatformIntent, CourierIntent]);
export type Intent = z.output<typeof Intent>;
export type SellerIntent = z.output<typeof SellerIntent>;
export type BuyerIntent = z.output<typeof BuyerIntent>;
export type PlatformIntent = z.output<typeof PlatformIntent>;
export type CourierIntent = z.output<typeof CourierIntent>;

/** Why the server refused a message (the views translate the code). */
export const REJECT_CODES = [
  'malformed', // not a message of this protocol (schema check failed)
  'notHost', // a host message without the right key
  'notYourRole', // an intent for a role the student does not hold
  'noSeat', // the student has no role yet
  'wrongPhase', // not now (e.g. intents after the session ended)
  'rateLimited', // too many messages: the rest of this second is dropped
  'unknownSeller', // buying from a seller that is not trading
  'unknownOrder', // rating or returning an order that is not the student's
  'notAllowed', // allowed by the schema, not by this market (e.g. warehouses where the platform has none)
  'unknownScenario',
  'badScenarioFile', // a teacher's market file that fails the checks, or names another id
  'roleNotOffered',
] as const;
export type RejectCode = (typeof REJECT_CODES)[number];

export interface Rejected {
  code: RejectCode;
  /** The message type refused. */
  type: string;
  /** For `malformed`: the paths of the fields at fault. */
  fields?: string[];
}

/** Join refusals (the error message of a failed join). */
export const JOIN_ERRORS = ['badCode', 'badName', 'badHostKey', 'ended'] as const;
export type JoinError = (typeof JOIN_ERRORS)[number];

/**
 * The market's figures for the last completed round (keys of `METRIC_DEFS`), null where there was
 * nothing to measure.
 */
export const PUBLIC_METRICS = [
  'gmv',
  'orders',
  'avgPrice',
  'reach',
  'deliveryDays',
  'fraudLosses',
  'returns',
  'avgRating',
  'platformProfit',
  'sellerProfit',
  'consumerSurplus',
  'activeSellers',
  'backlog',
] as const;
export type PublicMetric = (typeof PUBLIC_METRICS)[number];

/** The public state every client sees (synced by Colyseus schema; this is its shape). */
export interface PublicView {
  phase: Phase;
  round: number;
  rounds: number;
  daysPerRound: number;
  /** Seconds left in the round's countdown. */
  countdown: number;
  countdownSeconds: number;
  scenario: string;
  model: string;
  roles: Role[];
  hostConnected: boolean;
  /** Students by their public id. */
  students: Map<string, PublicStudent>;
  /** Per-role standings after the last round, best first. */
  standings: PublicStanding[];
  /** Last completed round's market figures; NaN where there was nothing to measure. */
  metrics: Map<PublicMetric, number>;
  /** Events in force or announced, as `type:firstDay:lastDay:magnitude`. */
  events: string[];
}

export interface PublicStudent {
  id: string;
  name: string;
  role: Role | '';
  /** The seat: a seller's shop number, else 0. */
  seat: number;
  connected: boolean;
  /** A bot plays the seat while the student is away. */
  covered: boolean;
  /** Intents queued this round (a count only; what was decided stays private). */
  pending: number;
}

export interface PublicStanding {
  /** The student's public id. */
  student: string;
  role: Role;
  name: string;
  /** True when a bot holds the seat (nobody, or covering for someone away). */
  bot: boolean;
  /** The role's score (yuan): profit for sellers, platform and courier; surplus for buyers. */
  score: number;
  rank: number;
}

/** One of a buyer's orders. */
export interface BuyerOrder {
  id: number;
  seller: number;
  units: number;
  price: number;
  round: number;
  /** delivered, failed (refunded), stolen (payment taken by fraudsters), scammed, escrowRefund, returned, soldOut */
  status: 'delivered' | 'failed' | 'stolen' | 'scammed' | 'escrowRefund' | 'returned' | 'soldOut';
  days: number;
  rated: boolean;
  /** The last simulated day a return is accepted. */
  returnBy: number;
}

/** An offer in the buyers' storefront. */
export interface Offer {
  seller: number;
  price: number;
  /** Share of good ratings as buyers read them (0..1). */
  rating: number;
  ratings: number;
  deliveryDays: number;
  inStock: boolean;
  escrow: boolean;
}

export type Holdings =
  | {
      role: 'seller';
      shop: number;
      price: number;
      stock: number;
      unitCost: number;
      cash: number;
      profit: number;
      unitsSold: number;
      rating: number;
      fulfilment: Fulfilment;
    }
  | {
      role: 'buyer';
      budget: number;
      spent: number;
      surplus: number;
      orders: BuyerOrder[];
      offers: Offer[];
    }
  | {
      role: 'platform';
      commission: number;
      escrow: boolean;
      paymentSecurity: number;
      selfShare: number;
      profit: number;
    }
  | { role: 'courier'; capacity: number; price: number; backlog: number; profit: number };

/** What only one student sees: sent to them alone after each round, on joining and on each intent. */
export interface PrivateView {
  studentId: string;
  /** Keep it (sessionStorage): it takes the seat back after the server restarts. */
  seatToken: string;
  name: string;
  role: Role | '';
  holdings: Holdings | null;
  /** Intents queued for the round boundary. */
  queued: Intent[];
  /** Rank in the role's standings after the last round (0: none yet). */
  rank: number;
  /**
   * What the student's seat made in the last completed round (profit, or a buyer's surplus), and
   * whether the student held it then or a bot covered for them; null before the first round or
   * when they had no seat in it. `holdings` has the seat's total since the session began, which
   * includes rounds other people or bots held it.
   */
  lastRound: RoundResult | null;
}

export interface RoundResult {
  round: number;
  role: Role;
  score: number;
  held: boolean;
}

/** What only the teacher's console gets. */
/**
 * The class's market against the bots-only run on the same seed (the same events, every seat a
 * bot's): per role, the mean score of the seats students hold, in each run; and the whole
 * session's market figures in each (null where there was nothing to measure).
 */
export interface SessionComparison {
  roles: { role: Role; seats: number; market: number; botsOnly: number }[];
  metrics: { metric: PublicMetric; market: number | null; botsOnly: number | null }[];
}

/** One decision applied at a round boundary: who, in which role, and whether a bot held the seat. */
export interface DecisionRecord {
  /** The round the decision was applied before (1 = the first). */
  round: number;
  student: string;
  name: string;
  role: Role;
  /** False: the student was away and a bot played the seat (the decision was still applied). */
  held: boolean;
  intent: Intent;
}

export interface HostView {
  joinCode: string;
  /** Built-in market scenarios the session can run. */
  scenarios: string[];
  /** The session's seed (the bots-only run uses it too). */
  seed: number;
  /** Null before the first round ends. */
  comparison: SessionComparison | null;
  /** Every decision of every completed round, in the order applied. */
  decisions: DecisionRecord[];
}

/** The join address a QR code carries (the app's hash route on the classroom server). */
export function joinAddress(origin: string, code: string): string {
  return `${origin}/#/classroom/join?code=${encodeURIComponent(code)}`;
}

/** The teacher's console address. */
export function hostAddress(origin: string, key: string): string {
  return `${origin}/#/classroom/host?key=${encodeURIComponent(key)}`;
}

/** Messages a client may send per second before the rest of that second is dropped. */
export const RATE_LIMIT_PER_SECOND = 20;
