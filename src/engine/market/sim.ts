/**
 * The marketplace simulation: buyers, sellers (third-party or the platform's own), payment and
 * logistics, one day at a time. All state lives in typed arrays so a year of 10,000 buyers runs
 * in a fraction of a second; all randomness comes from one seeded PRNG, so the same configuration
 * and seed give the same run. Money only moves between accounts (`Ledger`), which
 * `ledgerBalance` checks; what each number means is defined once, in `metrics.ts`.
 *
 * A day runs in named phases: `beginDay` (events, capacity), `shop` (the buyers' loop: search,
 * choose, pay, ship, rate, return — the hot loop), `sellersDay` (fees, prices, stock, write-offs,
 * entry and exit), `platformDay` (security spending) and `endDay` (levels, the record).
 * The mechanisms, metrics and parameters, and the claims tested, are described in the model guide:
 * src/features/market/guide/model.en.md (中文：model.zh-CN.md), shown in the app at #/market-guide.
 */
import { createRandom, type Random } from '../random.ts';
import type { Decision, MarketConfig, SellerDecision } from './config.ts';
import { EVENT, EVENT_FIELDS, MAX_EVENTS } from './events.ts';
import { R, RAW_COUNT } from './metrics.ts';

export { EVENT_FIELDS, EVENT_KINDS, MAX_EVENTS, type EventKind } from './events.ts';

/** Chance a payment online is fraudulent when the platform stops none of it. */
const BASE_PAYMENT_FRAUD = 0.02;
/** Payment providers' fee (Alipay, WeChat Pay, cards) as a share of the amount. */
const PAYMENT_FEE = 0.006;
/** How much a buyer minds each day of waiting, as a share of the price. */
const DELAY_COST = 0.02;
/** Restock for the days until the next restock, times this margin. */
const SAFETY = 1.3;
/** Active sellers at which the choice on offer draws half of its full effect on buyers. */
const VARIETY_HALF = 50;
/** Weekly repricing: up when a seller converts looks to sales this much better than the market, down when this much worse. */
const CONVERSION_HIGH = 1.5;
const CONVERSION_LOW = 0.75;
/** Shops a shopper visits in person (the offline baseline). */
const OFFLINE_VISITS = 2;
/** What the platform spends a day on payment security at full strength (1.0), above a basic 0.5. */
const SECURITY_COST = 400;
/** Quality: mean and spread across sellers; a rating is good when quality + noise passes a bar. */
const QUALITY_MEAN = 0.75;
const QUALITY_SD = 0.12;
const RATING_BAR = 0.45;
/** How much of an item's value depends on the seller's quality (see `worth`). */
const QUALITY_WEIGHT = 0.3;
const RATING_NOISE = 0.15;
/** Each day of delay beyond the promise lowers the rating's draw by this much. */
const LATE_PENALTY = 0.05;
/** Entry: the most a vacant slot fills per day, and the daily profit (in base prices) for half that. */
const ENTRY_MAX = 0.02;
const ENTRY_HALF = 0.5;
/** O2O: share of orders turned away when a merchant or the riders are over capacity. */
const TURNED_AWAY = 0.6;
/** A seller who leaves sells its remaining stock off for this share of its cost. */
const SALVAGE = 0.5;

export interface Ledger {
  buyers: number;
  /** Third-party sellers, those who have left included. */
  sellers: number;
  /** The platform: fees, its own goods' sales and purchases, security spending. */
  platform: number;
  logistics: number;
  /** Payment providers' fees. */
  payments: number;
  suppliers: number;
  tax: number;
  fraudsters: number;
  /** Fares and time spent searching: money that leaves the market. */
  travel: number;
}

/**
 * An order a person placed as one of the market's buyers (the classroom): placed between rounds,
 * carried out at the start of the next day, before the bots shop. What became of it, and whether
 * it was rated or returned, is kept here so the room can show it and the person can act on it.
 */
export interface HumanOrder {
  buyer: number;
  seller: number;
  units: number;
  price: number;
  /** The day it was carried out (-1 until then). */
  day: number;
  status:
    | 'queued'
    | 'delivered'
    | 'failed'
    | 'stolen'
    | 'scammed'
    | 'escrowRefund'
    | 'returned'
    | 'soldOut';
  days: number;
  commission: number;
  /** What the goods were worth to the buyer (counted in consumer surplus while kept). */
  value: number;
  rated: boolean;
}

/** Days after delivery in which a buyer may send goods back (七日无理由退货). */
export const RETURN_DAYS = 7;

/** Offsets of one seller class's accounts, in the order `RAW` lists them. */
const C_REVENUE = 0;
const C_REFUNDS = 1;
const C_COGS = 2;
const C_FEES = 3;
const C_LOGISTICS = 4;
const C_WRITEOFFS = 5;
const C_COMPLIANCE = 6;

export class MarketSim {
  readonly config: MarketConfig;
  readonly random: Random;
  day = 0;
  /** Raw daily counters, RAW_COUNT per day (see metrics.ts). */
  readonly series: Float64Array;
  readonly ledger: Ledger = {
    buyers: 0,
    sellers: 0,
    platform: 0,
    logistics: 0,
    payments: 0,
    suppliers: 0,
    tax: 0,
    fraudsters: 0,
    travel: 0,
  };
  /**
   * Orders paid for and orders delivered, since day 0. An order is delivered only after its
   * payment is taken, so there are never more delivered than paid (`checkInvariants`).
   */
  paidOrders = 0;
  deliveredOrders = 0;
  /** True when an online platform runs the market; false for the offline baseline. */
  readonly hasPlatform: boolean;

  // Buyers.
  readonly bx: Float32Array;
  readonly by: Float32Array;
  readonly value: Float64Array;
  readonly nextOrder: Int32Array;
  /** Sellers each buyer can reach offline or in O2O (CSR lists), or null when all are reachable. */
  readonly nearStart: Int32Array | null;
  readonly nearList: Int32Array | null;
  /** How far a buyer reaches (offline shops, O2O merchants), or 0 online. */
  readonly radius: number;

  // Sellers.
  readonly sx: Float32Array;
  readonly sy: Float32Array;
  readonly cost: Float64Array;
  readonly price: Float64Array;
  readonly stock: Int32Array;
  readonly stockDay: Int32Array;
  readonly quality: Float32Array;
  readonly dishonest: Uint8Array;
  readonly own: Uint8Array;
  readonly active: Uint8Array;
  readonly ratingSum: Float64Array;
  readonly ratingCount: Int32Array;
  readonly firstNegative: Int32Array;
  /** Share of good ratings, pulled towards the prior, as buyers read it. */
  readonly goodShare: Float64Array;
  /** What buyers expect of each seller's goods, relative to the average (1 without ratings). */
  readonly expected: Float64Array;
  readonly soldToday: Int32Array;
  readonly forecast: Float64Array;
  /** Cash (its own goods: the platform's money spent and earned on that line). */
  readonly cash: Float64Array;
  /** Cash plus stock at cost at the last monthly review: a month's profit is the change. */
  readonly checkpoint: Float64Array;
  readonly unitsSold: Int32Array;
  readonly servedToday: Int32Array;
  /** Times a seller was looked at since its last price review, and sales from those looks. */
  readonly views: Int32Array;
  readonly viewSales: Int32Array;
  /** Units sold per day per active seller, smoothed: what a new seller can expect. */
  marketForecast = 0;
  /** Share of looks that became sales across the market, smoothed. */
  marketConversion = 0.2;

  /** Parcels waiting for the courier network, and for the platform's own network. */
  backlog = 0;
  ownBacklog = 0;
  /** The day's sampled orders for the scene (EVENT_FIELDS each) and how many. */
  readonly events = new Int32Array(MAX_EVENTS * EVENT_FIELDS);
  eventCount = 0;
  #stride = 1;

  /**
   * Reading ratings: the share of good ratings, with a prior worth `#priorWeight` ratings, read as
   * expected quality a + b × share; all fitted once to the sellers' quality distribution.
   */
  readonly #priorGood: number;
  readonly #fitA: number;
  readonly #fitB: number;
  readonly #priorWeight: number;
  readonly #candidates: Int32Array;
  /** The day's raw counters, before they are written to the series. */
  readonly #acc = new Float64Array(RAW_COUNT);
  /** The followed seller's final profit once it has left, else null. */
  #followedProfit: number | null = null;
  /**
   * Seats people hold (the classroom): a held seller's price and stock are its holder's (no
   * repricing, restocking or exit by the bot); a held buyer does not shop with the bots. All 0
   * outside the classroom, which leaves every other run as it was.
   */
  readonly heldSeller: Uint8Array;
  readonly heldBuyer: Uint8Array;
  /** Sellers who ship through the platform's own warehouses and network (入仓), not the couriers. */
  readonly viaPlatform: Uint8Array;
  /** Orders people placed, by id; and what is to be done at the start of the next day. */
  readonly humanOrders: HumanOrder[] = [];
  #humanQueue: { kind: 'buy' | 'rate' | 'return'; order: number; good?: boolean }[] = [];

  constructor(config: MarketConfig) {
    // A copy: game-mode decisions change it between rounds.
    this.config = { ...config, events: [...config.events] };
    this.random = createRandom(config.seed);
    const r = this.random;
    const B = config.buyers;
    const S = config.sellers;
    this.hasPlatform = config.online;
    this.series = new Float64Array(config.days * RAW_COUNT);

    this.bx = new Float32Array(B);
    this.by = new Float32Array(B);
    this.value = new Float64Array(B);
    this.nextOrder = new Int32Array(B);
    for (let i = 0; i < B; i++) {
      this.bx[i] = r.next();
      this.by[i] = r.next();
      // Willingness to pay for goods of average quality: around 1.3 × the usual price, spread out.
      this.value[i] = config.basePrice * 1.3 * Math.exp(0.25 * normal(r));
      this.nextOrder[i] = r.int(0, Math.max(0, config.orderInterval - 1));
    }

    this.sx = new Float32Array(S);
    this.sy = new Float32Array(S);
    this.cost = new Float64Array(S);
    this.price = new Float64Array(S);
    this.stock = new Int32Array(S);
    this.stockDay = new Int32Array(S);
    this.quality = new Float32Array(S);
    this.dishonest = new Uint8Array(S);
    this.own = new Uint8Array(S);
    this.active = new Uint8Array(S);
    this.ratingSum = new Float64Array(S);
    this.ratingCount = new Int32Array(S);
    this.firstNegative = new Int32Array(S);
    this.expected = new Float64Array(S);
    this.goodShare = new Float64Array(S);
    this.soldToday = new Int32Array(S);
    this.forecast = new Float64Array(S);
    this.cash = new Float64Array(S);
    this.checkpoint = new Float64Array(S);
    this.unitsSold = new Int32Array(S);
    this.servedToday = new Int32Array(S);
    this.views = new Int32Array(S);
    this.viewSales = new Int32Array(S);
    this.heldSeller = new Uint8Array(S);
    this.heldBuyer = new Uint8Array(B);
    this.viaPlatform = new Uint8Array(S);

    const fit = ratingFit();
    this.#priorGood = fit.prior;
    this.#fitA = fit.a;
    this.#fitB = fit.b;
    this.#priorWeight = fit.weight;

    // Without a platform there is no self-operated store: every shop is independent.
    const ownCount = !config.online
      ? 0
      : config.operating === 'self'
        ? S
        : config.operating === 'hybrid'
          ? Math.round(S * config.selfShare)
          : 0;
    this.marketForecast =
      (B * config.demandRate * config.orderSize) / Math.max(1, config.orderInterval) / S;
    for (let j = 0; j < S; j++) {
      this.sx[j] = r.next();
      this.sy[j] = r.next();
      this.own[j] = j < ownCount ? 1 : 0;
      this.initSeller(j);
    }

    this.radius =
      config.model === 'O2O' && config.online
        ? config.o2oRadius
        : config.online
          ? 0
          : config.offlineRadius;
    if (this.radius > 0) {
      const near = nearby(this.bx, this.by, this.sx, this.sy, this.radius);
      this.nearStart = near.start;
      this.nearList = near.list;
    } else {
      this.nearStart = null;
      this.nearList = null;
    }
    this.#candidates = new Int32Array(Math.max(1, config.searchBreadth));
  }

  /** Money is only moved, never made: the accounts always sum to zero. */
  ledgerBalance(): number {
    const l = this.ledger;
    return (
      l.buyers +
      l.sellers +
      l.platform +
      l.logistics +
      l.payments +
      l.suppliers +
      l.tax +
      l.fraudsters +
      l.travel
    );
  }

  /** Stock at cost, of third-party sellers (own = 0) or of the platform's own lines (own = 1). */
  stockValue(own: 0 | 1): number {
    let v = 0;
    for (let j = 0; j < this.stock.length; j++)
      if (this.own[j] === own) v += this.stock[j]! * this.cost[j]!;
    return v;
  }

  /**
   * A seller starts trading in slot j (at the start, or when a new one joins): its own cost,
   * quality, honesty and price, no ratings and no history, and its first stock bought.
   */
  private initSeller(j: number): void {
    const c = this.config;
    const r = this.random;
    this.cost[j] = c.unitCost * (0.85 + 0.3 * r.next());
    this.quality[j] = clamp01(QUALITY_MEAN + QUALITY_SD * normal(r));
    // The platform does not cheat on its own goods; some individuals would, where they can take
    // the money before handing over the goods (online). The draw is made either way, so that
    // configurations on one seed get the same sellers.
    const cheat = r.next() < c.dishonestShare;
    this.dishonest[j] = cheat && c.online && !this.own[j] ? 1 : 0;
    this.price[j] = Math.max(this.floor(j) * 1.05, c.basePrice * (0.85 + 0.3 * r.next()));
    this.active[j] = 1;
    this.ratingSum[j] = 0;
    this.ratingCount[j] = 0;
    this.firstNegative[j] = -1;
    this.expected[j] = 1;
    this.goodShare[j] = this.#priorGood;
    this.soldToday[j] = 0;
    this.servedToday[j] = 0;
    this.views[j] = 0;
    this.viewSales[j] = 0;
    this.unitsSold[j] = 0;
    this.forecast[j] = this.marketForecast;
    this.stock[j] = 0;
    this.stockDay[j] = this.day;
    this.cash[j] = 0;
    this.restock(j);
    this.checkpoint[j] = this.worth(j);
  }

  /** The lowest price a seller asks: its cost and delivery per unit, after commission and fees. */
  private floor(j: number): number {
    const c = this.config;
    const online = c.online;
    const perUnit = online ? (c.shippingCost * Math.sqrt(c.orderSize)) / c.orderSize : 0;
    const take = (online && !this.own[j] ? c.commission : 0) + PAYMENT_FEE;
    return ((this.cost[j]! + perUnit) / (1 - take)) * 1.02;
  }

  /** A seller's cash plus its stock at cost. */
  private worth(j: number): number {
    return this.cash[j]! + this.stock[j]! * this.cost[j]!;
  }

  /** Money into (or, negative, out of) a seller's cash: the platform's own lines are its money. */
  private pay(j: number, amount: number): void {
    this.cash[j] = this.cash[j]! + amount;
    if (this.own[j]) this.ledger.platform += amount;
    else this.ledger.sellers += amount;
  }

  /** The multiplier or amount of an event type active today (1 or 0 when none). */
  private eventEffect(type: MarketConfig['events'][number]['type']): number {
    let effect = type === 'surge' || type === 'fraudWave' ? 1 : 0;
    for (const e of this.config.events) {
      if (e.type !== type || this.day < e.start || this.day > e.end) continue;
      if (type === 'surge' || type === 'fraudWave') effect *= e.magnitude;
      else effect = Math.max(effect, e.magnitude);
    }
    return effect;
  }

  /**
   * Scheduled surges (双十一) are announced: the demand a seller expects over the next `days`
   * days, as a multiple of ordinary demand (1 when no surge falls in them).
   */
  private expectedSurge(days: number): number {
    let sum = 0;
    for (let d = this.day; d < this.day + days; d++) {
      let m = 1;
      for (const e of this.config.events)
        if (e.type === 'surge' && d >= e.start && d <= e.end) m *= e.magnitude;
      sum += m;
    }
    return sum / days;
  }

  private restock(j: number): void {
    const c = this.config;
    let target: number;
    if (c.restockTo <= 1) target = 1;
    else {
      // Enough for the days until the next restock, with a margin and one order's worth more;
      // ahead of a scheduled surge (双十一) retailers stock up for it, and carry what it leaves.
      const expected = this.forecast[j]! * this.expectedSurge(c.restockEvery);
      target = Math.min(
        c.restockTo * 8,
        Math.ceil(expected * c.restockEvery * SAFETY) + c.orderSize,
      );
    }
    const buy = Math.max(0, target - this.stock[j]!);
    if (buy === 0) return;
    const bill = buy * this.cost[j]!;
    this.pay(j, -bill);
    this.ledger.suppliers += bill;
    // Fresh stock: the shelf-life clock restarts for the whole lot (first in, first out is not modelled).
    this.stock[j] = this.stock[j]! + buy;
    this.stockDay[j] = this.day;
  }

  /** Run one day. */
  step(): void {
    if (this.day >= this.config.days) return;
    const today = this.beginDay();
    this.shop(today);
    this.sellersDay();
    this.platformDay();
    this.endDay();
  }

  /** The day's conditions: events, demand, capacities. */
  private beginDay() {
    const c = this.config;
    this.#acc.fill(0);
    this.eventCount = 0;
    let activeSellers = 0;
    for (let j = 0; j < c.sellers; j++) {
      activeSellers += this.active[j]!;
      this.soldToday[j] = 0;
      this.servedToday[j] = 0;
    }
    const surge = this.eventEffect('surge');
    // Cross-side effect, buyers' side: more sellers (more choice) bring more buyers, with
    // diminishing returns. (The sellers' side is entry, in `sellersDay`.)
    const variety = (2 * activeSellers) / (activeSellers + VARIETY_HALF);
    const breach = this.eventEffect('dataBreach');
    return {
      surge,
      variety,
      breach,
      demandRate: c.demandRate * variety * surge * (1 - 0.5 * breach),
      fraudRate: c.online
        ? BASE_PAYMENT_FRAUD * this.eventEffect('fraudWave') * (1 - c.paymentSecurity)
        : c.offlineFraudRate * this.eventEffect('fraudWave'),
      // Parcel models: the courier network's capacity, cut by a disruption. O2O: a kitchen's,
      // which a courier disruption does not touch (a rider shortage hits the riders instead).
      capacity:
        c.model === 'O2O'
          ? c.capacity
          : Math.max(1, Math.round(c.capacity * (1 - this.eventEffect('logisticsDisruption')))),
      riders: Math.round(c.riders * (1 - this.eventEffect('riderShortage'))),
      regulation: this.eventEffect('regulation'),
    };
  }

  /** The buyers' loop: who wants to buy, search, choice, payment, delivery, rating, return. */
  private shop(today: ReturnType<MarketSim['beginDay']>): void {
    const c = this.config;
    const r = this.random;
    const day = this.day;
    const B = c.buyers;
    const S = c.sellers;
    const acc = this.#acc;
    const online = c.online;
    const o2o = c.model === 'O2O';
    const parcels = online && !o2o;
    const inPerson = !online;
    const searchCost = inPerson ? c.searchCostOffline : c.searchCostOnline;
    const { demandRate, fraudRate, capacity, riders, regulation } = today;
    const ownCapacity = Math.max(1, c.ownCapacity);
    const ownNetwork = c.ownLogistics;
    // The platform shows an expected delivery date: today's queue, in days.
    const waitDays = parcels ? Math.floor(this.backlog / capacity) : 0;
    const ownWaitDays =
      parcels && ownNetwork ? Math.floor(this.ownBacklog / ownCapacity) : waitDays;
    let queued = 0;
    let ownQueued = 0;
    let ridersUsed = 0;

    let demand = 0;
    let orders = 0;
    let units = 0;
    let looks = 0;
    let gmv = 0;
    let priceSum = 0;
    let priceSq = 0;
    let distanceSum = 0;
    let txCost = 0;
    let delivered = 0;
    let deliveryDaysSum = 0;
    let csValue = 0;
    let csDelay = 0;
    let csSearch = 0;
    const cands = this.#candidates;
    // The hot loop reads these a million times a year: keep them in locals.
    const { active, stock, price, views, expected, goodShare, nextOrder, cost, ledger } = this;
    const { soldToday, unitsSold, viewSales, servedToday, dishonest, own, quality } = this;
    const { bx, by, sx, sy, viaPlatform } = this;
    const values = this.value;
    const nearStart = this.nearStart;
    const nearList = this.nearList;
    const periodic = c.orderInterval > 1;
    const cycle = Math.max(1, Math.round(c.orderInterval / today.surge));
    const periodicRate = Math.min(1, c.demandRate * Math.min(1, today.variety));
    const orderSize = c.orderSize;
    const dishonestShare = c.dishonestShare;
    const escrow = online && c.escrow;
    const ratings = online && c.reputation;
    const riskWeight = escrow ? 0.05 : 1;
    const deliveryDays = online ? c.deliveryDays : 0;
    const commissionRate = online ? c.commission : 0;
    const returnRate = online ? c.returnRate : 0;
    const breachCost = today.breach * 0.2;
    const shipping =
      parcels || (o2o && online && riders > 0) ? c.shippingCost * Math.sqrt(orderSize) : 0;
    const returnPostage = parcels ? shipping : 0;
    const damage = c.damageRate;
    const ownDamage = ownNetwork ? c.ownDamageRate : damage;
    const priorGood = this.#priorGood;
    const sampleEvery = this.#stride;
    // In person, a shopper visits only a couple of shops nearby.
    const k = inPerson ? Math.min(cands.length, OFFLINE_VISITS) : cands.length;

    if (this.#humanQueue.length > 0) this.humanTrades(today);
    const heldBuyer = this.heldBuyer;

    for (let i = 0; i < B; i++) {
      if (heldBuyer[i]) continue;
      if (periodic) {
        if (nextOrder[i]! > day) continue;
        // Firms order on their purchasing cycle (a surge brings the next order forward).
        nextOrder[i] = day + cycle;
        if (r.next() >= periodicRate) continue;
      } else if (r.next() >= demandRate) continue;
      demand++;

      // Search: sample sellers this buyer can reach.
      let found = 0;
      if (nearStart && nearList) {
        const a = nearStart[i]!;
        const n = nearStart[i + 1]! - a;
        for (let t = 0; t < k && t < n; t++)
          cands[found++] = nearList[a + Math.floor(r.next() * n)]!;
      } else {
        for (let t = 0; t < k; t++) cands[found++] = Math.floor(r.next() * S);
      }
      const search = found * searchCost;
      txCost += search;
      csSearch += search;
      ledger.buyers -= search;
      ledger.travel += search;

      let best = -1;
      let bestUtility = 0;
      const value = values[i]!;
      for (let t = 0; t < found; t++) {
        const j = cands[t]!;
        if (!active[j] || stock[j]! < orderSize) continue;
        views[j] = views[j]! + 1;
        looks++;
        const p = price[j]!;
        const wait = deliveryDays + (own[j] || viaPlatform[j] ? ownWaitDays : waitDays);
        const e = expected[j]!;
        let u = value * e - p - DELAY_COST * wait * p - breachCost * p;
        // The risk of being cheated: ratings tell, escrow protects.
        if (dishonestShare > 0) {
          // Read on the same scale: a seller with no ratings carries the market's share of cheats.
          const risk = ratings
            ? Math.min(1, (dishonestShare * (1 - goodShare[j]!)) / (1 - priorGood))
            : dishonestShare;
          u -= riskWeight * risk * p * 1.5;
        }
        if (u > bestUtility) {
          bestUtility = u;
          best = j;
        }
      }
      if (best < 0) continue;

      // Order and payment.
      const j = best;
      const q = orderSize;
      const p = price[j]!;
      const amount = p * q;
      orders++;
      units += q;
      priceSum += p;
      priceSq += p * p;
      const dx = bx[i]! - sx[j]!;
      const dy = by[i]! - sy[j]!;
      distanceSum += Math.sqrt(dx * dx + dy * dy);
      const fee = amount * PAYMENT_FEE;
      txCost += fee;
      const sample = orders % sampleEvery === 0;

      if (r.next() < fraudRate) {
        // Stolen credentials or a fake payment page: the money goes to fraudsters, no sale.
        ledger.buyers -= amount;
        ledger.fraudsters += amount;
        acc[R.stolen]! += amount;
        this.note(EVENT.stolen, i, j, 0);
        continue;
      }
      gmv += amount;
      ledger.buyers -= amount;
      acc[R.csPaid]! += amount;
      const cls = own[j] ? R.ownRevenue : R.tpRevenue;
      const commission = own[j] ? 0 : amount * commissionRate;
      acc[cls + C_REVENUE]! += amount;
      acc[cls + C_FEES]! += fee + commission;
      acc[R.commissions]! += commission;
      ledger.payments += fee;
      ledger.platform += commission;
      this.pay(j, amount - fee - commission);

      if (dishonest[j]) {
        // A seller who takes the money and ships nothing; the buyer rates it.
        this.rate(j, 0, acc);
        if (escrow) {
          // Escrow: the platform held the money and gives it back (commission too).
          this.refund(j, amount, commission, cls, acc);
          this.note(EVENT.escrowRefund, i, j, 0);
        } else {
          acc[R.scammed]! += amount;
          this.note(EVENT.scammed, i, j, 0);
        }
        continue;
      }

      // The goods leave the shelf.
      stock[j] = stock[j]! - q;
      soldToday[j] = soldToday[j]! + q;
      unitsSold[j] = unitsSold[j]! + q;
      viewSales[j] = viewSales[j]! + 1;
      acc[cls + C_COGS]! += q * cost[j]!;
      const compliance = regulation * q;
      if (compliance > 0) {
        acc[cls + C_COMPLIANCE]! += compliance;
        ledger.tax += compliance;
        this.pay(j, -compliance);
      }

      // Delivery: carried home, a parcel in a queue, or an O2O meal by a rider.
      let extraDays = 0;
      let failed = false;
      let lost = true;
      if (shipping > 0) {
        txCost += shipping;
        acc[cls + C_LOGISTICS]! += shipping;
        ledger.logistics += shipping;
        this.pay(j, -shipping);
      }
      if (o2o && online) {
        servedToday[j] = servedToday[j]! + 1;
        // The meal is not made when the kitchen or the riders are over capacity.
        const overKitchen = servedToday[j]! > capacity;
        const overRiders = riders > 0 && ++ridersUsed > riders;
        if ((overKitchen || overRiders) && r.next() < TURNED_AWAY) {
          failed = true;
          lost = false;
        }
      } else if (parcels) {
        if ((own[j] || viaPlatform[j]) && ownNetwork) {
          extraDays = Math.floor((this.ownBacklog + ownQueued++) / ownCapacity);
          failed = r.next() < ownDamage;
        } else {
          extraDays = Math.floor((this.backlog + queued++) / capacity);
          failed = r.next() < damage;
        }
      }

      if (failed) {
        // Damaged, lost or turned away: the buyer is refunded; lost goods are the seller's loss.
        acc[R.failedOrders]!++;
        this.refund(j, amount, commission, cls, acc);
        if (!lost) this.unsell(j, q, cls, acc);
        this.rate(j, 0, acc);
        this.note(EVENT.failed, i, j, 0);
        continue;
      }
      const days = deliveryDays + extraDays;
      deliveryDaysSum += days;
      delivered++;
      csDelay += DELAY_COST * days * amount;
      const good =
        quality[j]! - LATE_PENALTY * extraDays + RATING_NOISE * normal(r) > RATING_BAR ? 1 : 0;
      this.rate(j, good, acc);

      if (returnRate > 0 && r.next() < returnRate) {
        // Seven-day no-reason return (online only): the price comes back, not the value; the
        // goods go back on the shelf; the buyer pays the postage unless the seller promised it.
        acc[R.returns]!++;
        this.refund(j, amount, commission, cls, acc);
        this.unsell(j, q, cls, acc);
        if (returnPostage > 0) {
          txCost += returnPostage;
          ledger.logistics += returnPostage;
          if (c.freeReturns) {
            acc[cls + C_LOGISTICS]! += returnPostage;
            this.pay(j, -returnPostage);
          } else {
            acc[R.csReturnPostage]! += returnPostage;
            ledger.buyers -= returnPostage;
          }
        }
        this.note(EVENT.returned, i, j, days);
        continue;
      }
      csValue += q * value * worth(quality[j]!);
      if (sample) this.note(inPerson ? EVENT.carried : EVENT.delivered, i, j, days);
    }

    if (looks > 0) this.marketConversion = 0.9 * this.marketConversion + (0.1 * orders) / looks;
    // Parcels not dispatched today wait for tomorrow.
    if (parcels) {
      this.backlog = Math.max(0, this.backlog + queued - capacity);
      this.ownBacklog = Math.max(0, this.ownBacklog + ownQueued - ownCapacity);
    }
    acc[R.demand]! += demand;
    acc[R.looks]! += looks;
    acc[R.orders]! += orders;
    acc[R.units]! += units;
    acc[R.gmv]! += gmv;
    acc[R.priceSum]! += priceSum;
    acc[R.priceSq]! += priceSq;
    acc[R.distanceSum]! += distanceSum;
    acc[R.txCost]! += txCost;
    acc[R.delivered]! += delivered;
    acc[R.deliveryDaysSum]! += deliveryDaysSum;
    acc[R.csValue]! += csValue;
    acc[R.csDelay]! += csDelay;
    acc[R.csSearch]! += csSearch;
    this.paidOrders += orders;
    this.deliveredOrders += delivered;
    // Sample about MAX_EVENTS / 2 ordinary orders tomorrow; rare outcomes are always noted.
    this.#stride = Math.max(1, Math.ceil((2 * orders) / MAX_EVENTS));
  }

  /** Give a buyer the price back (and the seller the commission on it). */
  private refund(
    j: number,
    amount: number,
    commission: number,
    cls: number,
    acc: Float64Array,
  ): void {
    acc[cls + C_REFUNDS]! += amount;
    acc[cls + C_FEES]! -= commission;
    acc[R.commissions]! -= commission;
    acc[R.csRefunds]! += amount;
    this.ledger.platform -= commission;
    this.ledger.buyers += amount;
    this.pay(j, commission - amount);
  }

  /** Goods that come back to the shelf: they are stock again, at cost, not goods sold. */
  private unsell(j: number, q: number, cls: number, acc: Float64Array): void {
    this.stock[j] = this.stock[j]! + q;
    this.soldToday[j] = this.soldToday[j]! - q;
    this.unitsSold[j] = this.unitsSold[j]! - q;
    acc[cls + C_COGS]! -= q * this.cost[j]!;
  }

  /** Note an order for the scene: rare outcomes always, ordinary ones as sampled. */
  private note(kind: number, buyer: number, seller: number, days: number): void {
    const n = this.eventCount;
    if (n >= MAX_EVENTS) return;
    const at = n * EVENT_FIELDS;
    const ev = this.events;
    ev[at] = kind;
    ev[at + 1] = buyer;
    ev[at + 2] = seller;
    ev[at + 3] = days;
    this.eventCount = n + 1;
  }

  /** Sellers: fees, prices, stock, write-offs, exit and entry. */
  private sellersDay(): void {
    const c = this.config;
    const r = this.random;
    const day = this.day;
    const acc = this.#acc;
    const S = c.sellers;
    let unitsSoldToday = 0;
    let active = 0;
    for (let j = 0; j < S; j++) {
      if (this.active[j]) {
        unitsSoldToday += this.soldToday[j]!;
        active++;
      }
    }
    this.marketForecast = this.marketForecast * 0.9 + (0.1 * unitsSoldToday) / Math.max(1, active);
    // Cross-side effect, sellers' side: a vacant slot fills when selling here looks worth it —
    // the units a seller can expect from this many buyers, times the margin, less the fees.
    const perUnitShip = c.online ? (c.shippingCost * Math.sqrt(c.orderSize)) / c.orderSize : 0;
    const margin =
      c.basePrice * (1 - (c.online ? c.commission : 0) - PAYMENT_FEE) - c.unitCost - perUnitShip;
    const entrantProfit = this.marketForecast * margin - (c.online ? c.listingFee : 0);
    const pull = Math.max(0, entrantProfit) / (ENTRY_HALF * c.basePrice);
    const entry = (ENTRY_MAX * pull) / (1 + pull);

    for (let j = 0; j < S; j++) {
      if (!this.active[j]) {
        if (r.next() < entry) {
          // A hybrid platform decides how many of the slots are its own lines (`selfShare`).
          if (c.operating === 'hybrid' && c.online)
            this.own[j] = j < Math.round(S * c.selfShare) ? 1 : 0;
          this.initSeller(j);
        }
        continue;
      }
      const cls = this.own[j] ? R.ownRevenue : R.tpRevenue;
      if (!this.own[j] && c.online && c.listingFee > 0) {
        this.pay(j, -c.listingFee);
        this.ledger.platform += c.listingFee;
        acc[cls + C_FEES]! += c.listingFee;
        acc[R.listingFees]! += c.listingFee;
      }
      const sold = this.soldToday[j]!;
      this.forecast[j] = this.forecast[j]! * 0.85 + sold * 0.15;
      // The student's shop: price and stock are the student's; only ageing stock is not.
      const student = j === c.player || this.heldSeller[j] === 1;
      if (!student) this.reprice(j);
      // Write off stock past its shelf life (seasonal goods, food, fashion).
      if (c.restockTo > 1 && day - this.stockDay[j]! >= c.shelfLife && this.stock[j]! > 0) {
        acc[cls + C_WRITEOFFS]! += this.stock[j]! * this.cost[j]!;
        this.stock[j] = 0;
        this.stockDay[j] = day;
      }
      if (student) continue;
      // Restock on the seller's cycle, or at once when sold out (an individual sometimes has
      // something else to sell).
      const soldOut = this.stock[j]! < c.orderSize;
      if ((day + j) % c.restockEvery === 0 || (soldOut && (c.restockTo > 1 || r.next() < 0.3)))
        this.restock(j);
      // Exit: a seller (or one of the platform's own lines) that lost money over a month may go.
      if ((day + j) % 30 === 29) {
        const worth = this.worth(j);
        if (worth < this.checkpoint[j]! && r.next() < 0.5) this.leave(j, cls);
        else this.checkpoint[j] = worth;
      }
    }
  }

  /** Weekly: raise the price when looks often become sales, lower it when they rarely do. */
  private reprice(j: number): void {
    const c = this.config;
    if ((this.day + j) % 7 !== 6) return;
    const looks = this.views[j]!;
    const floor = this.floor(j);
    if (looks >= 3) {
      // Compared with how often a look becomes a sale across the market.
      const conversion = this.viewSales[j]! / looks / Math.max(0.01, this.marketConversion);
      if (conversion > CONVERSION_HIGH)
        this.price[j] = Math.min(c.basePrice * 2.5, this.price[j]! * 1.03);
      else if (conversion < CONVERSION_LOW) this.price[j] = Math.max(floor, this.price[j]! * 0.97);
    } else if (this.stock[j]! > 0) {
      this.price[j] = Math.max(floor, this.price[j]! * 0.99);
    }
    this.views[j] = 0;
    this.viewSales[j] = 0;
  }

  /** A seller leaves: what stock it has is sold off below cost; its slot falls vacant. */
  private leave(j: number, cls: number): void {
    const units = this.stock[j]!;
    if (units > 0) {
      const atCost = units * this.cost[j]!;
      const salvage = atCost * SALVAGE;
      this.#acc[cls + C_WRITEOFFS]! += atCost - salvage;
      this.ledger.suppliers -= salvage;
      this.pay(j, salvage);
      this.stock[j] = 0;
    }
    this.active[j] = 0;
    // The seller game mode follows has left: its profit is final.
    if (j === this.followed) this.#followedProfit = this.worth(j);
  }

  /** The seller whose profit is recorded as `playerProfit`: the student's, or the one followed. */
  get followed(): number {
    return this.config.player >= 0 ? this.config.player : this.config.follow;
  }

  /** The platform's own spending: payment security above a basic level costs money. */
  private platformDay(): void {
    const c = this.config;
    if (!this.hasPlatform) return;
    const security = Math.max(0, c.paymentSecurity - 0.5) / 0.5;
    const spend = SECURITY_COST * security * security;
    this.ledger.platform -= spend;
    this.ledger.suppliers += spend;
    this.#acc[R.securitySpend]! += spend;
  }

  /** Levels at the day's end, and the day's row in the series. */
  private endDay(): void {
    const c = this.config;
    const acc = this.#acc;
    let inventory = 0;
    let active = 0;
    let tp = 0;
    for (let j = 0; j < c.sellers; j++) {
      if (!this.active[j]) continue;
      inventory += this.stock[j]!;
      active++;
      if (!this.own[j]) tp++;
    }
    acc[R.inventory] = inventory;
    acc[R.activeSellers] = active;
    acc[R.tpSellers] = tp;
    acc[R.platform] = this.hasPlatform ? 1 : 0;
    acc[R.backlog] = this.backlog + this.ownBacklog;
    const followed = this.followed;
    acc[R.playerProfit] = this.#followedProfit ?? (followed >= 0 ? this.worth(followed) : 0);
    this.series.set(acc, this.day * RAW_COUNT);
    this.day++;
  }

  /** Game mode: apply a student's decisions before the next round. */
  decide(decision: Decision): void {
    const c = this.config;
    if (decision.commission !== undefined) c.commission = clamp(decision.commission, 0, 0.5);
    if (decision.escrow !== undefined) c.escrow = decision.escrow;
    if (decision.paymentSecurity !== undefined)
      c.paymentSecurity = clamp(decision.paymentSecurity, 0, 0.99);
    if (decision.selfShare !== undefined) c.selfShare = clamp(decision.selfShare, 0, 1);
    if (decision.capacity !== undefined)
      c.capacity = Math.max(1, Math.floor(clamp(decision.capacity, 1, 1e7)));
    if (decision.shippingCost !== undefined)
      c.shippingCost = clamp(decision.shippingCost, 0, c.basePrice * 10);
    if (c.player >= 0) this.decideFor(c.player, decision);
  }

  /**
   * A seller's decisions between rounds (game mode's student, or a shop a person holds in the
   * classroom): its price, and units bought in at its cost.
   */
  decideFor(j: number, decision: SellerDecision): void {
    const c = this.config;
    if (j < 0 || j >= c.sellers) return;
    if (decision.price !== undefined) this.price[j] = clamp(decision.price, 0.01, c.basePrice * 10);
    if (decision.restock !== undefined) {
      const units = Math.floor(clamp(decision.restock, 0, c.restockTo * 10));
      if (units > 0) {
        const bill = units * this.cost[j]!;
        this.pay(j, -bill);
        this.ledger.suppliers += bill;
        this.stock[j] = this.stock[j]! + units;
        this.stockDay[j] = this.day;
      }
    }
  }

  /** A person takes a seller's seat (true), or leaves it to the bot (false). */
  holdSeller(j: number, held: boolean): void {
    if (j >= 0 && j < this.config.sellers) this.heldSeller[j] = held ? 1 : 0;
  }

  /** A person takes a buyer's place (true): that buyer shops only through `order`. */
  holdBuyer(i: number, held: boolean): void {
    if (i >= 0 && i < this.config.buyers) this.heldBuyer[i] = held ? 1 : 0;
  }

  /**
   * A seller ships through the platform's own warehouses (true) or the courier network. Only
   * where the platform runs its own network (`ownLogistics`); returns whether it applies.
   */
  setFulfilment(j: number, platform: boolean): boolean {
    if (j < 0 || j >= this.config.sellers) return false;
    if (platform && !(this.config.ownLogistics && this.config.online)) return false;
    this.viaPlatform[j] = platform ? 1 : 0;
    return true;
  }

  /** A seller's cash plus stock at cost (its profit is the change). */
  sellerWorth(j: number): number {
    return this.worth(j);
  }

  /** Days a parcel ordered now from seller j would take, as the storefront shows it. */
  deliveryEstimate(j: number): number {
    const c = this.config;
    const parcels = c.online && c.model !== 'O2O';
    if (!c.online) return 0;
    if (!parcels) return c.deliveryDays;
    const ownNet = c.ownLogistics && (this.own[j] === 1 || this.viaPlatform[j] === 1);
    const queue = ownNet ? this.ownBacklog / Math.max(1, c.ownCapacity) : this.backlog / c.capacity;
    return c.deliveryDays + Math.floor(queue);
  }

  /**
   * A held buyer orders `units` from seller j at today's price; carried out at the start of the
   * next day (payment, fraud, shipping, damage as for any buyer). Returns the order's id.
   */
  order(buyer: number, j: number, units: number): number {
    const id = this.humanOrders.length;
    this.humanOrders.push({
      buyer,
      seller: j,
      units,
      price: 0,
      day: -1,
      status: 'queued',
      days: 0,
      commission: 0,
      value: 0,
      rated: false,
    });
    this.#humanQueue.push({ kind: 'buy', order: id });
    return id;
  }

  /** The buyer rates a delivered order (once); counted the next day. */
  rateOrder(id: number, good: boolean): boolean {
    const o = this.humanOrders[id];
    if (!o || o.status !== 'delivered' || o.rated) return false;
    o.rated = true;
    this.#humanQueue.push({ kind: 'rate', order: id, good });
    return true;
  }

  /** The buyer sends a delivered order back within `RETURN_DAYS` (online); refunded the next day. */
  returnOrder(id: number): boolean {
    const o = this.humanOrders[id];
    if (!o || o.status !== 'delivered' || !this.config.online) return false;
    if (this.day > o.day + o.days + RETURN_DAYS) return false;
    o.status = 'returned';
    this.#humanQueue.push({ kind: 'return', order: id });
    return true;
  }

  /**
   * People's orders, ratings and returns, at the start of the day's shopping: the same steps and
   * the same accounts as a bot buyer's order (see `shop`), one order at a time. A person's order
   * does not search: they chose the seller from the storefront.
   */
  private humanTrades(today: ReturnType<MarketSim['beginDay']>): void {
    const c = this.config;
    const r = this.random;
    const acc = this.#acc;
    const ledger = this.ledger;
    const online = c.online;
    const o2o = c.model === 'O2O';
    const parcels = online && !o2o;
    const queue = this.#humanQueue;
    this.#humanQueue = [];
    for (const t of queue) {
      const o = this.humanOrders[t.order]!;
      const j = o.seller;
      const cls = this.own[j] ? R.ownRevenue : R.tpRevenue;
      if (t.kind === 'rate') {
        this.rate(j, t.good ? 1 : 0, acc);
        continue;
      }
      if (t.kind === 'return') {
        const amount = o.price * o.units;
        acc[R.returns]!++;
        acc[R.csValue]! -= o.value;
        this.refund(j, amount, o.commission, cls, acc);
        this.unsell(j, o.units, cls, acc);
        const postage = parcels ? c.shippingCost * Math.sqrt(o.units) : 0;
        if (postage > 0) {
          acc[R.txCost]! += postage;
          ledger.logistics += postage;
          if (c.freeReturns) {
            acc[cls + C_LOGISTICS]! += postage;
            this.pay(j, -postage);
          } else {
            acc[R.csReturnPostage]! += postage;
            ledger.buyers -= postage;
          }
        }
        continue;
      }
      acc[R.demand]!++;
      o.day = this.day;
      if (!this.active[j] || this.stock[j]! < o.units) {
        o.status = 'soldOut';
        continue;
      }
      const q = o.units;
      const p = this.price[j]!;
      const amount = p * q;
      o.price = p;
      acc[R.looks]!++;
      acc[R.orders]!++;
      acc[R.units]! += q;
      acc[R.priceSum]! += p;
      acc[R.priceSq]! += p * p;
      const dx = this.bx[o.buyer]! - this.sx[j]!;
      const dy = this.by[o.buyer]! - this.sy[j]!;
      acc[R.distanceSum]! += Math.sqrt(dx * dx + dy * dy);
      const fee = amount * PAYMENT_FEE;
      acc[R.txCost]! += fee;
      this.paidOrders++;
      if (r.next() < today.fraudRate) {
        ledger.buyers -= amount;
        ledger.fraudsters += amount;
        acc[R.stolen]! += amount;
        o.status = 'stolen';
        continue;
      }
      acc[R.gmv]! += amount;
      ledger.buyers -= amount;
      acc[R.csPaid]! += amount;
      const commission = this.own[j] || !online ? 0 : amount * c.commission;
      o.commission = commission;
      acc[cls + C_REVENUE]! += amount;
      acc[cls + C_FEES]! += fee + commission;
      acc[R.commissions]! += commission;
      ledger.payments += fee;
      ledger.platform += commission;
      this.pay(j, amount - fee - commission);
      if (this.dishonest[j]) {
        this.rate(j, 0, acc);
        if (online && c.escrow) {
          this.refund(j, amount, commission, cls, acc);
          o.status = 'escrowRefund';
        } else {
          acc[R.scammed]! += amount;
          o.status = 'scammed';
        }
        continue;
      }
      this.stock[j] = this.stock[j]! - q;
      this.soldToday[j] = this.soldToday[j]! + q;
      this.unitsSold[j] = this.unitsSold[j]! + q;
      acc[cls + C_COGS]! += q * this.cost[j]!;
      if (today.regulation > 0) {
        const compliance = today.regulation * q;
        acc[cls + C_COMPLIANCE]! += compliance;
        ledger.tax += compliance;
        this.pay(j, -compliance);
      }
      const shipping =
        parcels || (o2o && online && today.riders > 0) ? c.shippingCost * Math.sqrt(q) : 0;
      if (shipping > 0) {
        acc[R.txCost]! += shipping;
        acc[cls + C_LOGISTICS]! += shipping;
        ledger.logistics += shipping;
        this.pay(j, -shipping);
      }
      let extraDays = 0;
      let failed = false;
      let lost = true;
      if (o2o && online) {
        this.servedToday[j] = this.servedToday[j]! + 1;
        if (this.servedToday[j]! > today.capacity && r.next() < TURNED_AWAY) {
          failed = true;
          lost = false;
        }
      } else if (parcels) {
        // Placed before the day's shoppers: first in the queue of the day's parcels.
        if ((this.own[j] || this.viaPlatform[j]) && c.ownLogistics) {
          extraDays = Math.floor(this.ownBacklog++ / Math.max(1, c.ownCapacity));
          failed = r.next() < c.ownDamageRate;
        } else {
          extraDays = Math.floor(this.backlog++ / today.capacity);
          failed = r.next() < c.damageRate;
        }
      }
      if (failed) {
        acc[R.failedOrders]!++;
        this.refund(j, amount, commission, cls, acc);
        if (!lost) this.unsell(j, q, cls, acc);
        this.rate(j, 0, acc);
        o.status = 'failed';
        continue;
      }
      const days = (online ? c.deliveryDays : 0) + extraDays;
      o.days = days;
      o.status = 'delivered';
      acc[R.delivered]!++;
      this.deliveredOrders++;
      acc[R.deliveryDaysSum]! += days;
      acc[R.csDelay]! += DELAY_COST * days * amount;
      o.value = q * this.value[o.buyer]! * worth(this.quality[j]!);
      acc[R.csValue]! += o.value;
    }
  }

  /** A rating: counted for the day, and read by later buyers (on one scale with the prior). */
  private rate(j: number, good: number, acc: Float64Array): void {
    // Shops have no platform ratings (word of mouth is not modelled).
    if (!this.config.online) return;
    acc[R.ratings]!++;
    acc[R.goodRatings]! += good;
    const n = this.ratingCount[j]! + 1;
    const sum = this.ratingSum[j]! + good;
    this.ratingSum[j] = sum;
    this.ratingCount[j] = n;
    if (good === 0 && this.firstNegative[j]! < 0) this.firstNegative[j] = this.day;
    if (this.config.online && this.config.reputation) {
      // The share of good ratings, pulled towards what a seller of average quality earns, read
      // as expected quality relative to the average: exactly 1 for a seller with no ratings.
      const k = this.#priorWeight;
      const share = (sum + k * this.#priorGood) / (n + k);
      this.goodShare[j] = share;
      this.expected[j] = worth(clamp01(this.#fitA + this.#fitB * share));
    }
  }

  /** Run to the end. */
  run(): Float64Array {
    while (this.day < this.config.days) this.step();
    return this.series;
  }
}

/**
 * How buyers read ratings: a rating is good with chance Φ((quality − bar) / noise); across the
 * sellers' quality distribution, the least-squares line of quality on that chance, and the chance
 * a seller of unknown quality earns (the prior). Computed on a fixed grid: no random draws.
 */
function ratingFit(): { prior: number; a: number; b: number; weight: number } {
  const n = 400;
  let sw = 0;
  let sg = 0;
  let sq = 0;
  let sgg = 0;
  let sgq = 0;
  for (let k = 0; k < n; k++) {
    const z = -3 + (6 * (k + 0.5)) / n;
    const w = Math.exp(-0.5 * z * z);
    const q = clamp01(QUALITY_MEAN + QUALITY_SD * z);
    const g = phi((q - RATING_BAR) / RATING_NOISE);
    sw += w;
    sg += w * g;
    sq += w * q;
    sgg += w * g * g;
    sgq += w * g * q;
  }
  const mg = sg / sw;
  const mq = sq / sw;
  const vg = sgg / sw - mg * mg;
  const b = (sgq / sw - mg * mq) / vg;
  // A Beta prior with that mean and the sellers' spread of chances: its weight in ratings.
  return { prior: mg, a: mq - b * mg, b, weight: (mg * (1 - mg)) / vg - 1 };
}

/** The standard normal distribution function (Abramowitz–Stegun 7.1.26, error < 1.5e-7). */
function phi(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-(x * x) / 2);
  return x >= 0 ? 0.5 + 0.5 * y : 0.5 - 0.5 * y;
}

/**
 * What goods of quality q are worth to a buyer, relative to goods of average quality: the product
 * is the same, so quality (condition, service, packing) moves only part of its value.
 */
export function worth(q: number): number {
  return 1 + QUALITY_WEIGHT * (q / QUALITY_MEAN - 1);
}

function clamp(x: number, lo: number, hi: number): number {
  return Number.isFinite(x) ? Math.min(hi, Math.max(lo, x)) : lo;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/**
 * For each buyer, the sellers within `radius` (CSR lists, each in seller order), found through a
 * grid rather than by comparing every buyer with every seller. A cell is at least `radius` wide,
 * so the 3 × 3 cells around a seller hold every buyer in its reach; the distance test is the
 * one a full comparison makes, so the lists are exactly those.
 */
function nearby(
  bx: Float32Array,
  by: Float32Array,
  sx: Float32Array,
  sy: Float32Array,
  radius: number,
): { start: Int32Array; list: Int32Array } {
  const B = bx.length;
  const S = sx.length;
  // Cells a little wider than the radius (so rounding cannot put a buyer in reach two cells
  // away), and not so many that the grid outgrows the buyers.
  const g = Math.max(1, Math.min(256, Math.floor(1 / (radius * (1 + 1e-6)))));
  const cellIndex = (x: number): number => Math.min(g - 1, Math.max(0, Math.floor(x * g)));
  // Buyers by cell (a counting sort).
  const cellStart = new Int32Array(g * g + 1);
  const buyerCell = new Int32Array(B);
  for (let i = 0; i < B; i++) {
    const cell = cellIndex(bx[i]!) * g + cellIndex(by[i]!);
    buyerCell[i] = cell;
    cellStart[cell + 1]!++;
  }
  for (let cell = 0; cell < g * g; cell++) cellStart[cell + 1]! += cellStart[cell]!;
  const fill = cellStart.slice(0, g * g);
  const cellBuyers = new Int32Array(B);
  // Their positions too, in cell order, so the search below reads memory in order.
  const cellX = new Float32Array(B);
  const cellY = new Float32Array(B);
  for (let i = 0; i < B; i++) {
    const t = fill[buyerCell[i]!]!++;
    cellBuyers[t] = i;
    cellX[t] = bx[i]!;
    cellY[t] = by[i]!;
  }

  // Every (buyer, seller) pair in reach, seller by seller, and how many each buyer has.
  const start = new Int32Array(B + 1);
  const r2 = radius * radius;
  let pairs = new Int32Array(Math.max(64, Math.ceil(2.4 * B * S * Math.min(1, Math.PI * r2))));
  let n = 0;
  for (let j = 0; j < S; j++) {
    const x = sx[j]!;
    const y = sy[j]!;
    const cx = cellIndex(x);
    const cy = cellIndex(y);
    for (let gx = Math.max(0, cx - 1); gx <= Math.min(g - 1, cx + 1); gx++) {
      const end = cellStart[gx * g + Math.min(g - 1, cy + 1) + 1]!;
      // The cells (gx, cy - 1 … cy + 1) are next to each other in cell order.
      for (let t = cellStart[gx * g + Math.max(0, cy - 1)]!; t < end; t++) {
        const dx = cellX[t]! - x;
        const dy = cellY[t]! - y;
        if (dx * dx + dy * dy > r2) continue;
        if (n + 2 > pairs.length) {
          const grown = new Int32Array(pairs.length * 2);
          grown.set(pairs);
          pairs = grown;
        }
        const i = cellBuyers[t]!;
        pairs[n++] = i;
        pairs[n++] = j;
        start[i + 1]!++;
      }
    }
  }
  // Group the pairs by buyer; sellers came in order, so each buyer's list is in seller order.
  for (let i = 0; i < B; i++) start[i + 1]! += start[i]!;
  const at = start.slice(0, B);
  const list = new Int32Array(n / 2);
  for (let p = 0; p < n; p += 2) list[at[pairs[p]!]!++] = pairs[p + 1]!;
  return { start, list };
}

/** A standard normal draw (Box–Muller), from the seeded source. */
function normal(r: Random): number {
  const u = 1 - r.next();
  const v = r.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Run a configuration to the end and return its daily raw counters. */
export function simulate(config: MarketConfig): Float64Array {
  return new MarketSim(config).run();
}
