/**
 * One classroom session's rules, without the network: students and their seats, the intents
 * queued for the round boundary, the engine stepped a round at a time, the scores, and the log
 * of every round that a snapshot keeps. `ClassroomRoom` (room.ts) wraps it for Colyseus.
 *
 * A round boundary is one `RoundEntry`: who held which seat, the events injected, and the
 * intents applied in order. `applyRound` is a function of the entry and the engine alone, so a
 * session restored from a snapshot replays the entries on the same seed and reaches the same
 * state (the engine is deterministic).
 */
import { preset, type MarketConfig, type MarketEvent } from '../../src/engine/market/config.ts';
import { metricOver } from '../../src/engine/market/metrics.ts';
import { MarketSim } from '../../src/engine/market/sim.ts';
import {
  LIMITS,
  PUBLIC_METRICS,
  ROLES,
  type BuyerOrder,
  type Holdings,
  type InjectableEvent,
  type Intent,
  type Offer,
  type Phase,
  type PrivateView,
  type PublicMetric,
  type PublicStanding,
  type RejectCode,
  type DecisionRecord,
  type Role,
  type MarketFile,
  type RoundResult,
  type SessionComparison,
} from '../../src/classroom/protocol.ts';
import {
  DEFAULT_SCENARIO,
  scenarioFromText,
  scenarios,
  type ClassroomScenario,
} from './scenarios.ts';

export interface SessionSettings {
  scenario: string;
  /** A teacher's own market file run instead of a built-in scenario (its id is `scenario`). */
  file?: MarketFile;
  roles: Role[];
  daysPerRound: number;
  countdownSeconds: number;
  rounds: number;
}

export const DEFAULT_SETTINGS: SessionSettings = {
  scenario: DEFAULT_SCENARIO,
  roles: [...ROLES],
  daysPerRound: 7,
  countdownSeconds: 120,
  rounds: 6,
};

/** What running a parcel of courier capacity costs a day (yuan): the courier's trade-off. */
export const COURIER_COST_PER_PARCEL = 2;
/** A human buyer's money for the whole session, in the scenario's usual prices. */
export const BUYER_BUDGET_PRICES = 20;
/** Intents a student may have queued for one round boundary. */
export const MAX_QUEUED = 20;
/** Offers in a buyer's storefront. */
const STOREFRONT = 16;

export interface Student {
  id: string;
  name: string;
  seatToken: string;
  role: Role | '';
  /** Seller: the engine's shop slot; buyer: the engine's buyer it plays; else 0. */
  seat: number;
  connected: boolean;
  /** A bot plays the seat while the student is away. */
  covered: boolean;
  /** Join order, for rotation and auto-assignment. */
  order: number;
}

export interface SeatHold {
  student: string;
  role: Role;
  seat: number;
  /** True: the student holds it; false: a bot covers for them. */
  held: boolean;
}

export interface AppliedIntent {
  student: string;
  intent: Intent;
}

export interface RoundEntry {
  round: number;
  seats: SeatHold[];
  events: MarketEvent[];
  intents: AppliedIntent[];
}

export interface Snapshot {
  version: 1;
  joinCode: string;
  hostKey: string;
  seed: number;
  settings: SessionSettings;
  phase: Phase;
  students: Omit<Student, 'connected' | 'covered'>[];
  /** Every completed round, in order. */
  log: RoundEntry[];
  savedAt: string;
}

export type Outcome = { ok: true } | { ok: false; code: RejectCode };
const ok: Outcome = { ok: true };
const no = (code: RejectCode): Outcome => ({ ok: false, code });

export class Session {
  readonly seed: number;
  settings: SessionSettings = { ...DEFAULT_SETTINGS, roles: [...DEFAULT_SETTINGS.roles] };
  phase: Phase = 'lobby';
  round = 0;
  sim!: MarketSim;
  /**
   * The bots-only run: the same market on the same seed with the same events, every seat played
   * by a bot, stepped alongside, so the debrief can say what the class changed.
   */
  botsOnly!: MarketSim;
  readonly students = new Map<string, Student>();
  /** Intents queued for the next round boundary, per student. */
  readonly queued = new Map<string, Intent[]>();
  /** What each student's seat made in the last completed round (see PrivateView.lastRound). */
  readonly lastRound = new Map<string, RoundResult>();
  /** Events injected for the next round boundary. */
  pendingEvents: MarketEvent[] = [];
  readonly log: RoundEntry[] = [];
  #startWorth: Float64Array = new Float64Array(0);
  #courierProfit = 0;
  #botsOnlyCourierProfit = 0;
  #joinCount = 0;

  constructor(seed: number, settings?: SessionSettings) {
    this.seed = seed;
    if (settings) this.settings = settings;
    this.#reset();
  }

  /** The engine's configuration for these settings. */
  marketConfig(): MarketConfig {
    const s = scenarioOf(this.settings);
    if (!s) throw new Error(`unknown scenario ${this.settings.scenario}`);
    return preset(s.model, {
      ...s.settings,
      days: this.settings.rounds * this.settings.daysPerRound,
      seed: this.seed,
      player: -1,
      follow: -1,
    });
  }

  #reset(): void {
    this.sim = new MarketSim(this.marketConfig());
    this.botsOnly = new MarketSim(this.marketConfig());
    const S = this.sim.config.sellers;
    this.#startWorth = new Float64Array(S);
    for (let j = 0; j < S; j++) this.#startWorth[j] = this.sim.sellerWorth(j);
    this.#courierProfit = 0;
    this.#botsOnlyCourierProfit = 0;
  }

  configure(settings: SessionSettings): Outcome {
    if (this.phase !== 'lobby') return no('wrongPhase');
    if (settings.file) {
      if (scenarioOf(settings)?.id !== settings.scenario) return no('badScenarioFile');
    } else if (!scenarios().has(settings.scenario)) return no('unknownScenario');
    this.settings = { ...settings, roles: [...settings.roles] };
    this.#reset();
    // Seats depend on the market: everyone is placed again under the new settings.
    const roles = [...this.students.values()].map((s) => [s, s.role] as const);
    for (const [s] of roles) s.role = '';
    for (const [s, role] of roles)
      if (role && this.settings.roles.includes(role)) this.#seat(s, role);
    this.queued.clear();
    return ok;
  }

  // ---- Students and seats ----

  addStudent(id: string, name: string, seatToken: string): Student {
    const s: Student = {
      id,
      name,
      seatToken,
      role: '',
      seat: 0,
      connected: true,
      covered: false,
      order: this.#joinCount++,
    };
    this.students.set(id, s);
    return s;
  }

  byToken(token: string): Student | undefined {
    for (const s of this.students.values()) if (s.seatToken === token) return s;
    return undefined;
  }

  /** Shop slots people may hold: third-party shops, from the last slot down. */
  #freeSellerSlot(): number {
    const taken = new Set(
      [...this.students.values()].filter((s) => s.role === 'seller').map((s) => s.seat),
    );
    for (let j = this.sim.config.sellers - 1; j >= 0; j--)
      if (!this.sim.own[j] && this.sim.active[j] && !taken.has(j)) return j;
    return -1;
  }

  #freeBuyer(): number {
    const taken = new Set(
      [...this.students.values()].filter((s) => s.role === 'buyer').map((s) => s.seat),
    );
    for (let i = 0; i < this.sim.config.buyers; i++) if (!taken.has(i)) return i;
    return -1;
  }

  /** Is there a seat of this role free (the platform and the courier network have one each)? */
  #roleFree(role: Role, except?: Student): boolean {
    if (!this.settings.roles.includes(role)) return false;
    if (role === 'platform' && !this.sim.hasPlatform) return false;
    if (role === 'platform' || role === 'courier')
      return ![...this.students.values()].some((s) => s !== except && s.role === role);
    if (role === 'seller') return this.#freeSellerSlot() >= 0;
    return this.#freeBuyer() >= 0;
  }

  #seat(s: Student, role: Role): boolean {
    if (!this.#roleFree(role, s)) return false;
    s.role = '';
    s.seat = role === 'seller' ? this.#freeSellerSlot() : role === 'buyer' ? this.#freeBuyer() : 0;
    s.role = role;
    this.queued.delete(s.id);
    return true;
  }

  assign(studentId: string, role: Role): Outcome {
    if (this.phase === 'round' || this.phase === 'paused' || this.phase === 'ended')
      return no('wrongPhase');
    const s = this.students.get(studentId);
    if (!s) return no('malformed');
    if (!this.settings.roles.includes(role)) return no('roleNotOffered');
    if (s.role === role) return ok;
    return this.#seat(s, role) ? ok : no('notAllowed');
  }

  /**
   * Everyone without a role gets one: the platform and the courier first (one seat each), then
   * sellers and buyers in turn, in join order.
   */
  autoAssign(): Outcome {
    if (this.phase === 'round' || this.phase === 'paused' || this.phase === 'ended')
      return no('wrongPhase');
    const waiting = [...this.students.values()]
      .filter((s) => !s.role)
      .sort((a, b) => a.order - b.order);
    const cycle = (['platform', 'courier', 'seller', 'buyer'] as const).filter((r) =>
      this.settings.roles.includes(r),
    );
    let k = 0;
    for (const s of waiting) {
      for (let tries = 0; tries < cycle.length; tries++) {
        const role = cycle[k++ % cycle.length]!;
        if (this.#seat(s, role)) break;
      }
    }
    return ok;
  }

  /**
   * 轮流扮演: each student takes the role (and seat) of the one before them in join order; the
   * first takes the last one's. Seats (shops, the platform) stay; the people move.
   */
  rotate(): Outcome {
    if (this.phase !== 'review' && this.phase !== 'lobby') return no('wrongPhase');
    const seated = [...this.students.values()]
      .filter((s) => s.role)
      .sort((a, b) => a.order - b.order);
    if (seated.length < 2) return ok;
    const seats = seated.map((s) => ({ role: s.role, seat: s.seat }));
    seated.forEach((s, k) => {
      const from = seats[(k - 1 + seats.length) % seats.length]!;
      s.role = from.role;
      s.seat = from.seat;
      this.queued.delete(s.id);
    });
    return ok;
  }

  // ---- Intents ----

  /** Check an intent against the student's seat and the market, and queue it. */
  queue(studentId: string, intent: Intent): Outcome {
    const s = this.students.get(studentId);
    if (!s) return no('noSeat');
    if (this.phase === 'ended') return no('wrongPhase');
    if (!s.role) return no('noSeat');
    if (intent.role !== s.role) return no('notYourRole');
    const list = this.queued.get(studentId) ?? [];
    if (list.length >= MAX_QUEUED) return no('rateLimited');
    const sim = this.sim;
    if (intent.role === 'seller') {
      if (intent.fulfilment === 'platform' && !(sim.config.ownLogistics && sim.config.online))
        return no('notAllowed');
    } else if (intent.role === 'buyer') {
      if (intent.action === 'buy') {
        const j = intent.seller;
        if (j >= sim.config.sellers || !sim.active[j]) return no('unknownSeller');
        const cost = sim.price[j]! * intent.units;
        if (cost > this.#budgetLeft(s) - this.#queuedSpend(list)) return no('notAllowed');
      } else {
        const o = sim.humanOrders[intent.order];
        if (!o || o.buyer !== s.seat) return no('unknownOrder');
        if (o.status !== 'delivered') return no('notAllowed');
        if (intent.action === 'rate' && o.rated) return no('notAllowed');
      }
    } else if (intent.role === 'platform') {
      if (intent.selfShare !== undefined && sim.config.operating !== 'hybrid')
        return no('notAllowed');
    }
    list.push(intent);
    this.queued.set(studentId, list);
    return ok;
  }

  #queuedSpend(list: Intent[]): number {
    let sum = 0;
    for (const i of list)
      if (i.role === 'buyer' && i.action === 'buy') sum += this.sim.price[i.seller]! * i.units;
    return sum;
  }

  inject(event: InjectableEvent, magnitude: number, days: number): Outcome {
    if (this.phase === 'ended') return no('wrongPhase');
    this.pendingEvents.push({ type: event, start: 0, end: days - 1, magnitude });
    return ok;
  }

  // ---- Rounds ----

  /** The next round's entry from who holds which seat now and what is queued. */
  nextEntry(): RoundEntry {
    const seats: SeatHold[] = [];
    const intents: AppliedIntent[] = [];
    const people = [...this.students.values()].sort((a, b) => a.order - b.order);
    for (const s of people) {
      if (!s.role) continue;
      seats.push({ student: s.id, role: s.role, seat: s.seat, held: !s.covered });
      for (const intent of this.queued.get(s.id) ?? []) intents.push({ student: s.id, intent });
    }
    return { round: this.round, seats, events: this.pendingEvents, intents };
  }

  /** Every decision of the completed rounds, with the student's name as it is now. */
  decisions(): DecisionRecord[] {
    const out: DecisionRecord[] = [];
    for (const entry of this.log) {
      const seatOf = new Map(entry.seats.map((h) => [h.student, h]));
      for (const { student, intent } of entry.intents) {
        const h = seatOf.get(student);
        if (!h || h.role !== intent.role) continue;
        out.push({
          round: entry.round + 1,
          student,
          name: this.students.get(student)?.name ?? '',
          role: h.role,
          held: h.held,
          intent,
        });
      }
    }
    return out;
  }

  /** Close the round: apply the entry, step the engine a round of days, log it. */
  completeRound(): RoundEntry {
    const entry = this.nextEntry();
    this.applyRound(entry);
    this.queued.clear();
    this.pendingEvents = [];
    this.phase = this.round >= this.settings.rounds ? 'ended' : 'review';
    return entry;
  }

  /**
   * One round boundary: seats held or left to bots, events from the next day on, the intents in
   * the order they came, then the round's days. Deterministic given the engine's state.
   */
  applyRound(entry: RoundEntry): void {
    const sim = this.sim;
    sim.heldSeller.fill(0);
    sim.heldBuyer.fill(0);
    for (const h of entry.seats) {
      if (h.role === 'seller') sim.holdSeller(h.seat, h.held);
      // A buyer whose person is away shops as a bot again (the bot covers for them).
      if (h.role === 'buyer') sim.holdBuyer(h.seat, h.held);
    }
    for (const run of [sim, this.botsOnly])
      for (const e of entry.events)
        run.config.events.push({
          type: e.type,
          start: run.day + e.start,
          end: run.day + e.end,
          magnitude: e.magnitude,
        });
    // Each seat's score before the round's decisions, so the round's own result can be told apart
    // from what the seat made in rounds someone else (or a bot) held it.
    const before = entry.seats.map((h) => this.score(h.role, h.seat));
    const seatOf = new Map(entry.seats.map((h) => [h.student, h]));
    for (const { student, intent } of entry.intents) {
      const h = seatOf.get(student);
      if (!h || h.role !== intent.role) continue;
      this.#apply(h, intent);
    }
    const days = this.settings.daysPerRound;
    this.#courierProfit += stepDays(sim, days);
    this.#botsOnlyCourierProfit += stepDays(this.botsOnly, days);
    this.lastRound.clear();
    entry.seats.forEach((h, k) =>
      this.lastRound.set(h.student, {
        round: entry.round + 1,
        role: h.role,
        score: this.score(h.role, h.seat) - before[k]!,
        held: h.held,
      }),
    );
    this.log.push(entry);
    this.round = entry.round + 1;
  }

  #apply(h: SeatHold, intent: Intent): void {
    const sim = this.sim;
    switch (intent.role) {
      case 'seller':
        sim.decideFor(h.seat, { price: intent.price, restock: intent.restock });
        if (intent.fulfilment) sim.setFulfilment(h.seat, intent.fulfilment === 'platform');
        return;
      case 'platform':
        sim.decide({
          commission: intent.commission,
          escrow: intent.escrow,
          paymentSecurity: intent.paymentSecurity,
          selfShare: intent.selfShare,
        });
        return;
      case 'courier':
        sim.decide({ capacity: intent.capacity, shippingCost: intent.price });
        return;
      case 'buyer':
        // A person's purchase is an order with the seller they chose, placed at the round
        // boundary and carried out at the start of the round's first day, before the bots
        // shop; over the round's days the bots' own orders follow. A simplification: a real
        // buyer could also buy in the middle of the round.
        if (intent.action === 'buy') {
          const spent = this.#spent(h.seat);
          const budget = this.#budget();
          if (sim.price[intent.seller]! * intent.units > budget - spent) return;
          sim.order(h.seat, intent.seller, intent.units);
        } else if (intent.action === 'rate') sim.rateOrder(intent.order, intent.good);
        else sim.returnOrder(intent.order);
    }
  }

  // ---- Scores and views ----

  #budget(): number {
    return this.sim.config.basePrice * BUYER_BUDGET_PRICES;
  }

  /** Money a buyer seat has paid and not had back (orders queued for tomorrow count at today's price). */
  #spent(buyer: number): number {
    let sum = 0;
    for (const o of this.sim.humanOrders) {
      if (o.buyer !== buyer) continue;
      const amount = (o.status === 'queued' ? this.sim.price[o.seller]! : o.price) * o.units;
      if (
        o.status === 'queued' ||
        o.status === 'delivered' ||
        o.status === 'stolen' ||
        o.status === 'scammed'
      )
        sum += amount;
    }
    return sum;
  }

  #budgetLeft(s: Student): number {
    return this.#budget() - this.#spent(s.seat);
  }

  #buyerSurplus(buyer: number): number {
    const c = this.sim.config;
    let sum = 0;
    for (const o of this.sim.humanOrders) {
      if (o.buyer !== buyer) continue;
      const amount = o.price * o.units;
      if (o.status === 'delivered') sum += o.value - amount - 0.02 * o.days * amount;
      else if (o.status === 'stolen' || o.status === 'scammed') sum -= amount;
      else if (o.status === 'returned' && c.online && c.model !== 'O2O' && !c.freeReturns)
        sum -= c.shippingCost * Math.sqrt(o.units);
    }
    return sum;
  }

  /**
   * The class's market against the bots-only run, for the debrief: per role, the seats students
   * hold now, scored in both runs (a buyer seat in the bots-only run: its average bot buyer); and
   * the whole session's market figures in both. Null before the first round.
   */
  comparison(): SessionComparison | null {
    if (this.round === 0) return null;
    const roles: SessionComparison['roles'] = [];
    for (const role of ROLES) {
      const seats = [...this.students.values()].filter((s) => s.role === role).map((s) => s.seat);
      if (seats.length === 0) continue;
      const mean = (f: (seat: number) => number) =>
        seats.reduce((sum, seat) => sum + f(seat), 0) / seats.length;
      roles.push({
        role,
        seats: seats.length,
        market: mean((seat) => this.score(role, seat)),
        botsOnly: mean((seat) => this.#botsOnlyScore(role, seat)),
      });
    }
    const over = (run: MarketSim, m: PublicMetric) => {
      const v = metricOver(run.series, m, 0, run.day);
      return v === null || !Number.isFinite(v) ? null : v;
    };
    return {
      roles,
      metrics: PUBLIC_METRICS.map((metric) => ({
        metric,
        market: over(this.sim, metric),
        botsOnly: over(this.botsOnly, metric),
      })),
    };
  }

  #botsOnlyScore(role: Role, seat: number): number {
    const run = this.botsOnly;
    switch (role) {
      case 'seller':
        return run.sellerWorth(seat) - this.#startWorth[seat]!;
      case 'buyer':
        return (metricOver(run.series, 'consumerSurplus', 0, run.day) ?? 0) / run.config.buyers;
      case 'platform':
        return metricOver(run.series, 'platformProfit', 0, run.day) ?? 0;
      case 'courier':
        return this.#botsOnlyCourierProfit;
    }
  }

  score(role: Role, seat: number): number {
    const sim = this.sim;
    switch (role) {
      case 'seller':
        return sim.sellerWorth(seat) - this.#startWorth[seat]!;
      case 'buyer':
        return this.#buyerSurplus(seat);
      case 'platform':
        return metricOver(sim.series, 'platformProfit', 0, sim.day) ?? 0;
      case 'courier':
        return this.#courierProfit;
    }
  }

  standings(): PublicStanding[] {
    const out: PublicStanding[] = [];
    for (const role of ROLES) {
      const rows = [...this.students.values()]
        .filter((s) => s.role === role)
        .map((s) => ({
          student: s.id,
          role,
          name: s.name,
          bot: s.covered,
          score: this.score(role, s.seat),
        }))
        .sort((a, b) => b.score - a.score);
      rows.forEach((r, k) => out.push({ ...r, rank: k + 1 }));
    }
    return out;
  }

  /** The last completed round's market figures (NaN where there was nothing to measure). */
  metrics(): Map<PublicMetric, number> {
    const sim = this.sim;
    const to = sim.day;
    const from = Math.max(0, to - this.settings.daysPerRound);
    const out = new Map<PublicMetric, number>();
    for (const m of PUBLIC_METRICS) out.set(m, metricOver(sim.series, m, from, to) ?? Number.NaN);
    return out;
  }

  holdings(s: Student): Holdings | null {
    const sim = this.sim;
    const c = sim.config;
    const j = s.seat;
    switch (s.role) {
      case '':
        return null;
      case 'seller':
        return {
          role: 'seller',
          shop: j,
          price: sim.price[j]!,
          stock: sim.stock[j]!,
          unitCost: sim.cost[j]!,
          cash: sim.cash[j]!,
          profit: this.score('seller', j),
          unitsSold: sim.unitsSold[j]!,
          rating: sim.goodShare[j]!,
          fulfilment: sim.viaPlatform[j] ? 'platform' : 'courier',
        };
      case 'buyer':
        return {
          role: 'buyer',
          budget: this.#budget(),
          spent: this.#spent(j),
          surplus: this.#buyerSurplus(j),
          orders: this.#orders(j),
          offers: this.offers(),
        };
      case 'platform':
        return {
          role: 'platform',
          commission: c.commission,
          escrow: c.escrow,
          paymentSecurity: c.paymentSecurity,
          selfShare: c.selfShare,
          profit: this.score('platform', 0),
        };
      case 'courier':
        return {
          role: 'courier',
          capacity: c.capacity,
          price: c.shippingCost,
          backlog: sim.backlog,
          profit: this.#courierProfit,
        };
    }
  }

  #orders(buyer: number): BuyerOrder[] {
    const out: BuyerOrder[] = [];
    const per = this.settings.daysPerRound;
    this.sim.humanOrders.forEach((o, id) => {
      if (o.buyer !== buyer || o.status === 'queued') return;
      out.push({
        id,
        seller: o.seller,
        units: o.units,
        price: o.price,
        round: Math.floor(Math.max(0, o.day) / per) + 1,
        status: o.status,
        days: o.days,
        rated: o.rated,
        returnBy: o.day + o.days + 7,
      });
    });
    return out.slice(-50);
  }

  /** The storefront: the shops people hold, then the cheapest other shops with stock. */
  offers(): Offer[] {
    const sim = this.sim;
    const c = sim.config;
    const held = new Set(
      [...this.students.values()].filter((s) => s.role === 'seller').map((s) => s.seat),
    );
    const others: number[] = [];
    for (let j = 0; j < c.sellers; j++)
      if (sim.active[j] && !held.has(j) && sim.stock[j]! >= c.orderSize) others.push(j);
    others.sort((a, b) => sim.price[a]! - sim.price[b]! || a - b);
    const list = [...[...held].filter((j) => sim.active[j]), ...others].slice(0, STOREFRONT);
    return list.map((j) => ({
      seller: j,
      price: sim.price[j]!,
      rating: sim.goodShare[j]!,
      ratings: sim.ratingCount[j]!,
      deliveryDays: sim.deliveryEstimate(j),
      inStock: sim.stock[j]! >= c.orderSize,
      escrow: c.online && c.escrow,
    }));
  }

  /** A student's own view; pass the standings when sending many views at once (computed once). */
  privateView(s: Student, standings: PublicStanding[] = this.standings()): PrivateView {
    const standing = standings.find((r) => r.student === s.id);
    return {
      studentId: s.id,
      seatToken: s.seatToken,
      name: s.name,
      role: s.role,
      holdings: this.holdings(s),
      queued: [...(this.queued.get(s.id) ?? [])],
      rank: this.round > 0 && standing ? standing.rank : 0,
      lastRound: this.lastRound.get(s.id) ?? null,
    };
  }

  // ---- Snapshots ----

  snapshot(joinCode: string, hostKey: string): Snapshot {
    return {
      version: 1,
      joinCode,
      hostKey,
      seed: this.seed,
      settings: this.settings,
      phase: this.phase,
      students: [...this.students.values()].map(({ id, name, seatToken, role, seat, order }) => ({
        id,
        name,
        seatToken,
        role,
        seat,
        order,
      })),
      log: this.log,
      savedAt: new Date().toISOString(),
    };
  }

  /**
   * A session from its snapshot: the same seed and settings, every completed round replayed,
   * then the students back in their seats (away until they rejoin; bots cover until then).
   */
  static restore(snap: Snapshot): Session {
    const session = new Session(snap.seed, snap.settings);
    for (const entry of snap.log) session.applyRound(entry);
    for (const st of snap.students) {
      session.students.set(st.id, { ...st, connected: false, covered: true });
      session.#joinCount = Math.max(session.#joinCount, st.order + 1);
    }
    session.phase =
      snap.phase === 'ended' || session.round >= snap.settings.rounds
        ? 'ended'
        : session.round > 0
          ? 'review'
          : 'lobby';
    return session;
  }
}

/**
 * Step a run a round of days (fewer at the end of the session); the courier network's profit over
 * them: what sellers paid for its parcels less the running cost of its capacity.
 */
function stepDays(run: MarketSim, days: number): number {
  let profit = 0;
  for (let d = 0; d < days && run.day < run.config.days; d++) {
    const logistics = run.ledger.logistics;
    run.step();
    profit += run.ledger.logistics - logistics - run.config.capacity * COURIER_COST_PER_PARCEL;
  }
  return profit;
}

/** The scenario the settings run: a teacher's file (if it passes the checks), or a built-in one. */
function scenarioOf(settings: SessionSettings): ClassroomScenario | undefined {
  if (!settings.file) return scenarios().get(settings.scenario);
  return scenarioFromText(settings.file.name, settings.file.text) ?? undefined;
}

/** Bounds the settings a host may send (the protocol checked the ranges). */
export function settingsFrom(m: {
  scenario: string;
  file?: MarketFile;
  roles: Role[];
  daysPerRound: number;
  countdownSeconds: number;
  rounds: number;
}): SessionSettings {
  return {
    scenario: m.scenario,
    ...(m.file ? { file: { name: m.file.name, text: m.file.text } } : {}),
    roles: [...m.roles],
    daysPerRound: Math.min(LIMITS.daysPerRound, m.daysPerRound),
    countdownSeconds: Math.min(LIMITS.countdownMax, m.countdownSeconds),
    rounds: Math.min(LIMITS.rounds, m.rounds),
  };
}
