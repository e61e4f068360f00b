/**
 * The marketplace simulation: buyers, sellers (third-party or the platform's own), payment and
 * logistics, one day at a time. All state lives in typed arrays so a year of 10,000 buyers runs
 * in well under a second; all randomness comes from one seeded PRNG, so the same configuration and
 * seed give the same run. Money only moves between accounts (buyers, sellers, platform, logistics,
 * suppliers, tax, fraudsters), which `ledgerBalance` checks.
 */
import { createRandom, type Random } from '../random.ts';
import type { Decision, MarketConfig } from './config.ts';
import { M, METRIC_COUNT } from './metrics.ts';

/** Chance a payment is fraudulent when the platform stops none of it. */
const BASE_PAYMENT_FRAUD = 0.02;
/** Chance a parcel is damaged or lost: third-party logistics, the platform's own. */
const DAMAGE = 0.01;
const OWN_DAMAGE = 0.003;
/** How much a buyer minds each day of waiting, as a share of the price. */
const DELAY_COST = 0.02;
/** Days of sales a seller looks back on to forecast, and restocks for (with a margin). */
const SAFETY = 1.3;
/** Active sellers at which the choice on offer draws half of its full effect on buyers. */
const VARIETY_HALF = 50;
/** Shops a shopper visits in person (the offline baseline). */
const OFFLINE_VISITS = 2;
/** What the platform spends a day on payment security at full strength (1.0), above a basic 0.5. */
const SECURITY_COST = 400;

export interface Ledger {
  buyers: number;
  sellers: number;
  platform: number;
  logistics: number;
  suppliers: number;
  tax: number;
  fraudsters: number;
}

export class MarketSim {
  readonly config: MarketConfig;
  readonly random: Random;
  day = 0;
  /** Daily metrics, METRIC_COUNT per day. */
  readonly series: Float64Array;
  readonly ledger: Ledger = {
    buyers: 0,
    sellers: 0,
    platform: 0,
    logistics: 0,
    suppliers: 0,
    tax: 0,
    fraudsters: 0,
  };
  /**
   * Orders paid for and orders delivered, since day 0. An order is delivered only after its
   * payment is taken, so there are never more delivered than paid (`checkInvariants`).
   */
  paidOrders = 0;
  deliveredOrders = 0;

  // Buyers.
  readonly bx: Float32Array;
  readonly by: Float32Array;
  readonly value: Float64Array;
  readonly nextOrder: Int32Array;
  /** Sellers each buyer can reach offline or in O2O (CSR lists), or null when all are reachable. */
  readonly nearStart: Int32Array | null;
  readonly nearList: Int32Array | null;

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
  readonly soldToday: Int32Array;
  readonly forecast: Float64Array;
  readonly profit30: Float64Array;
  readonly cash: Float64Array;
  /** Units each seller sold in total, and sold after its first negative rating. */
  readonly unitsSold: Int32Array;
  readonly servedToday: Int32Array;
  /** Times a seller was looked at since its last price review. */
  readonly views: Int32Array;
  readonly viewSales: Int32Array;

  private readonly candidates: Int32Array;

  constructor(config: MarketConfig) {
    // A copy: game-mode decisions change it between rounds.
    this.config = { ...config, events: [...config.events] };
    this.random = createRandom(config.seed);
    const r = this.random;
    const B = config.buyers;
    const S = config.sellers;
    this.series = new Float64Array(config.days * METRIC_COUNT);

    this.bx = new Float32Array(B);
    this.by = new Float32Array(B);
    this.value = new Float64Array(B);
    this.nextOrder = new Int32Array(B);
    for (let i = 0; i < B; i++) {
      this.bx[i] = r.next();
      this.by[i] = r.next();
      // Willingness to pay: around 1.3 × the usual price, spread out.
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
    this.firstNegative = new Int32Array(S).fill(-1);
    this.soldToday = new Int32Array(S);
    this.forecast = new Float64Array(S);
    this.profit30 = new Float64Array(S);
    this.cash = new Float64Array(S);
    this.unitsSold = new Int32Array(S);
    this.servedToday = new Int32Array(S);
    this.views = new Int32Array(S);
    this.viewSales = new Int32Array(S);
    const ownCount =
      config.operating === 'self'
        ? S
        : config.operating === 'hybrid'
          ? Math.round(S * config.selfShare)
          : 0;
    const initialDemand =
      (B * config.demandRate * config.orderSize) / Math.max(1, config.orderInterval) / S;
    for (let j = 0; j < S; j++) {
      this.sx[j] = r.next();
      this.sy[j] = r.next();
      this.cost[j] = config.unitCost * (0.85 + 0.3 * r.next());
      this.price[j] = Math.max(this.cost[j]! * 1.1, config.basePrice * (0.85 + 0.3 * r.next()));
      this.quality[j] = clamp01(0.75 + 0.12 * normal(r));
      this.dishonest[j] = r.next() < config.dishonestShare ? 1 : 0;
      this.own[j] = j < ownCount ? 1 : 0;
      this.active[j] = 1;
      this.forecast[j] = initialDemand;
    }
    for (let j = 0; j < S; j++) this.restock(j);

    const radius =
      config.model === 'O2O' ? config.o2oRadius : config.online ? 0 : config.offlineRadius;
    if (radius > 0) {
      const near = nearby(this.bx, this.by, this.sx, this.sy, radius);
      this.nearStart = near.start;
      this.nearList = near.list;
    } else {
      this.nearStart = null;
      this.nearList = null;
    }
    this.candidates = new Int32Array(Math.max(1, config.searchBreadth));
  }

  /** Money is only moved, never made: the accounts always sum to zero. */
  ledgerBalance(): number {
    const l = this.ledger;
    return l.buyers + l.sellers + l.platform + l.logistics + l.suppliers + l.tax + l.fraudsters;
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

  /** Pay a seller's account (third-party) or the platform's (its own goods). */
  private credit(j: number, amount: number): void {
    this.cash[j] = this.cash[j]! + amount;
    this.profit30[j] = this.profit30[j]! + amount;
    if (this.own[j]) this.ledger.platform += amount;
    else this.ledger.sellers += amount;
  }

  /** A scheduled surge (双十一) starting within `days`, or under way: its multiplier, else 1. */
  private expectedSurge(days: number): number {
    let m = 1;
    for (const e of this.config.events) {
      if (e.type === 'surge' && this.day <= e.end && this.day + days >= e.start)
        m = Math.max(m, e.magnitude);
    }
    return m;
  }

  private restock(j: number): void {
    const c = this.config;
    let target: number;
    if (c.restockTo <= 1) target = 1;
    else {
      // Stock up ahead of a scheduled surge, as retailers do before 双十一; what the surge does
      // not sell is left to age — and who bought it carries the loss.
      const expected = this.forecast[j]! * this.expectedSurge(c.restockEvery);
      target = Math.min(
        c.restockTo * 8,
        Math.max(c.orderSize, Math.ceil(expected * c.restockEvery * SAFETY)),
      );
    }
    const buy = Math.max(0, target - this.stock[j]!);
    if (buy === 0) return;
    const bill = buy * this.cost[j]!;
    this.credit(j, -bill);
    this.ledger.suppliers += bill;
    // Fresh stock: the shelf-life clock restarts for the whole lot (first in, first out is not modelled).
    this.stock[j] = this.stock[j]! + buy;
    this.stockDay[j] = this.day;
  }

  /** Run one day. */
  step(): void {
    const c = this.config;
    const r = this.random;
    const day = this.day;
    if (day >= c.days) return;
    const row = day * METRIC_COUNT;
    const s = this.series;
    const B = c.buyers;
    const S = c.sellers;

    const surge = this.eventEffect('surge');
    const fraudMult = this.eventEffect('fraudWave');
    const disruption = this.eventEffect('logisticsDisruption');
    const breach = this.eventEffect('dataBreach');
    const regulation = this.eventEffect('regulation');

    let activeSellers = 0;
    for (let j = 0; j < S; j++) {
      activeSellers += this.active[j]!;
      this.soldToday[j] = 0;
      this.servedToday[j] = 0;
    }
    // Cross-side effect: more sellers (more choice) bring more buyers, with diminishing returns.
    const variety = (2 * activeSellers) / (activeSellers + VARIETY_HALF);
    const demandRate = c.demandRate * variety * surge * (1 - 0.5 * breach);
    const capacity = Math.max(1, Math.round(c.capacity * (1 - disruption)));
    // Offline (the baseline, not O2O) each seller looked at is a trip to a shop.
    const inPerson = !c.online && c.model !== 'O2O';
    const searchCost = inPerson ? c.searchCostOffline : c.searchCostOnline;
    const fraudRate = BASE_PAYMENT_FRAUD * fraudMult * (1 - c.paymentSecurity);

    let demand = 0;
    let orders = 0;
    let looks = 0;
    let gmv = 0;
    let priceSum = 0;
    let priceSq = 0;
    let txCost = 0;
    let deliverySum = 0;
    let delivered = 0;
    let surplus = 0;
    let ratingSum = 0;
    let ratings = 0;
    let fraudLosses = 0;
    let returns = 0;
    let distanceSum = 0;
    let platformRevenue = 0;
    let failedOrders = 0;
    let sellerProfit = 0;
    let queue = 0;
    const cands = this.candidates;
    // The hot loop reads these a million times a year: keep them in locals (one look at the
    // configuration, whose shape differs between business models, per day, not per order).
    const { active, stock, price, views, ratingSum: rSum, ratingCount: rCount, nextOrder } = this;
    const { soldToday, unitsSold, viewSales, servedToday, dishonest, own, quality } = this;
    const { bx, by, sx, sy, ledger } = this;
    const values = this.value;
    const nearStart = this.nearStart;
    const nearList = this.nearList;
    const periodic = c.orderInterval > 1;
    const cycle = Math.max(1, Math.round(c.orderInterval / surge));
    const periodicRate = Math.min(1, c.demandRate * Math.min(1, variety));
    const o2o = c.model === 'O2O';
    const orderSize = c.orderSize;
    const reputation = c.reputation;
    const dishonestShare = c.dishonestShare;
    const escrow = c.escrow;
    const riskWeight = escrow ? 0.05 : 1;
    const deliveryDays = c.deliveryDays;
    const delayCost = DELAY_COST * deliveryDays;
    const shippingCost = c.shippingCost;
    const commissionRate = c.commission;
    const returnRate = c.returnRate;
    const breachCost = breach * 0.2;
    // In person, a shopper visits only a couple of shops nearby.
    const k = inPerson ? Math.min(cands.length, OFFLINE_VISITS) : cands.length;

    for (let i = 0; i < B; i++) {
      if (periodic) {
        if (nextOrder[i]! > day) continue;
        // Firms order on their purchasing cycle (a surge brings the next order forward).
        nextOrder[i] = day + cycle;
        if (r.next() >= periodicRate) continue;
      } else if (r.next() >= demandRate) continue;
      demand++;

      // Search: sample sellers this buyer can reach (same draws as Random.int).
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
      let best = -1;
      let bestUtility = 0;
      const value = values[i]!;
      for (let t = 0; t < found; t++) {
        const j = cands[t]!;
        if (!active[j] || stock[j]! < orderSize) continue;
        views[j] = views[j]! + 1;
        looks++;
        const p = price[j]!;
        const seen = reputation ? (rSum[j]! + 1.5) / (rCount[j]! + 2) : 0.75;
        let u = (value * seen) / 0.75 - p - delayCost * p - breachCost * p;
        // The risk of being cheated: reputation tells, escrow protects.
        if (dishonestShare > 0) {
          const risk = reputation
            ? Math.max(0, 1 - seen / 0.75) * 0.5 + dishonestShare * 0.5
            : dishonestShare;
          u -= riskWeight * risk * p * 1.5;
        }
        if (u > bestUtility) {
          bestUtility = u;
          best = j;
        }
      }
      txCost += search;
      ledger.buyers -= search;
      ledger.suppliers += search; // time and effort spent searching: a cost that leaves the market
      if (best < 0) continue;

      // Order and payment.
      const j = best;
      const q = orderSize;
      const p = price[j]!;
      const amount = p * q;
      orders++;
      stock[j] = stock[j]! - q;
      soldToday[j] = soldToday[j]! + q;
      unitsSold[j] = unitsSold[j]! + q;
      viewSales[j] = viewSales[j]! + 1;
      gmv += amount;
      priceSum += p;
      priceSq += p * p;
      const dx = bx[i]! - sx[j]!;
      const dy = by[i]! - sy[j]!;
      distanceSum += Math.sqrt(dx * dx + dy * dy);
      ledger.buyers -= amount;
      const paymentFee = amount * 0.006;
      txCost += paymentFee;

      if (r.next() < fraudRate) {
        // Stolen payment credentials: the money goes to fraudsters, the goods stay.
        ledger.fraudsters += amount;
        fraudLosses += amount;
        stock[j] = stock[j]! + q;
        soldToday[j] = soldToday[j]! - q;
        unitsSold[j] = unitsSold[j]! - q;
        gmv -= amount;
        continue;
      }

      if (dishonest[j]) {
        // A seller who takes the money and ships nothing.
        this.rate(j, 0);
        ratingSum += 0;
        ratings++;
        if (escrow) {
          // Escrow: the platform held the money and gives it back.
          ledger.buyers += amount;
          gmv -= amount;
        } else {
          this.credit(j, amount);
          fraudLosses += amount;
        }
        stock[j] = stock[j]! + q; // nothing was sent
        continue;
      }

      // Logistics (or, in O2O, the merchant's capacity for the day).
      let extraDays = 0;
      let failed = false;
      if (inPerson) {
        // Offline: the shopper carries the goods home; the trip was the search cost.
        failed = false;
      } else if (o2o) {
        servedToday[j] = servedToday[j]! + 1;
        if (servedToday[j]! > capacity) failed = r.next() < 0.6; // overbooked: many are turned away
      } else {
        queue++;
        extraDays = Math.floor(queue / capacity);
        if (own[j]) extraDays = Math.floor(extraDays / 2);
        const shipping = shippingCost * q ** 0.5;
        ledger.buyers -= shipping;
        ledger.logistics += shipping;
        txCost += shipping;
        failed = r.next() < (own[j] ? OWN_DAMAGE : DAMAGE);
      }
      const days = inPerson ? 0 : deliveryDays + extraDays;

      // Money to the seller, less the platform's commission on third-party sales.
      const commission = own[j] ? 0 : amount * commissionRate;
      const fee = paymentFee;
      const tax = regulation * q;
      this.credit(j, amount - commission - fee - tax);
      ledger.platform += commission + fee;
      ledger.tax += tax;
      platformRevenue += commission + fee;

      if (failed) {
        failedOrders++;
        // Damaged, lost or turned away: the buyer is refunded, the seller bears it.
        this.credit(j, -amount);
        ledger.buyers += amount;
        gmv -= amount;
        this.rate(j, 0);
        ratings++;
        continue;
      }
      deliverySum += days;
      delivered++;
      const rating = quality[j]! - 0.05 * extraDays + 0.15 * normal(r) > 0.45 ? 1 : 0;
      this.rate(j, rating);
      ratingSum += rating;
      ratings++;
      surplus += (value * quality[j]!) / 0.75 - p - DELAY_COST * p * days;

      if (returnRate > 0 && r.next() < returnRate) {
        // Seven-day no-reason return: refund; the goods go back on the shelf.
        returns++;
        this.credit(j, -amount);
        ledger.buyers += amount;
        stock[j] = stock[j]! + q;
        gmv -= amount;
      }
    }

    // Sellers: fees, repricing, restocking, write-offs, entry and exit.
    let inventory = 0;
    let writeOffs = 0;
    let platformWriteOffs = 0;
    for (let j = 0; j < S; j++) {
      if (!this.active[j]) {
        // A vacant slot: a new seller joins when selling here looks worth it.
        if (!this.own[j] && r.next() < 0.01 * variety * Math.max(0, 1 - c.commission * 4))
          this.enter(j);
        continue;
      }
      if (!this.own[j]) {
        this.credit(j, -c.listingFee);
        this.ledger.platform += c.listingFee;
        platformRevenue += c.listingFee;
      }
      const sold = this.soldToday[j]!;
      this.forecast[j] = this.forecast[j]! * 0.85 + sold * 0.15;
      if (j === c.player) {
        // The student's shop: price and stock are decided between rounds, never by the bots.
        inventory += this.stock[j]!;
        continue;
      }
      // Reprice weekly on how often a look became a sale: buyers who compare many sellers make
      // each seller's demand sensitive to its price, and prices fall towards cost.
      if ((day + j) % 7 === 6) {
        const looks = this.views[j]!;
        if (looks >= 3) {
          const conversion = this.viewSales[j]! / looks;
          if (conversion > 0.45) this.price[j] = Math.min(c.basePrice * 2.5, this.price[j]! * 1.03);
          else if (conversion < 0.25)
            this.price[j] = Math.max(this.cost[j]! * 1.05, this.price[j]! * 0.97);
        } else if (this.stock[j]! > 0) {
          this.price[j] = Math.max(this.cost[j]! * 1.05, this.price[j]! * 0.99);
        }
        this.views[j] = 0;
        this.viewSales[j] = 0;
      }
      // Write off stock past its shelf life (seasonal goods, food, fashion).
      if (c.restockTo > 1 && day - this.stockDay[j]! >= c.shelfLife && this.stock[j]! > 0) {
        const lost = this.stock[j]! * this.cost[j]!;
        writeOffs += lost;
        if (this.own[j]) platformWriteOffs += lost;
        this.stock[j] = 0;
        this.stockDay[j] = day;
        this.profit30[j] = this.profit30[j]! - lost; // already paid for; now worthless
      }
      // Restock on the seller's cycle, or at once when sold out (a firm reorders; an individual
      // sometimes has something else to sell).
      const soldOut = this.stock[j]! < c.orderSize;
      if (soldOut && c.restockTo > 1) this.forecast[j] = Math.max(this.forecast[j]!, sold * 1.2);
      if ((day + j) % c.restockEvery === 0 || (soldOut && (c.restockTo > 1 || r.next() < 0.3)))
        this.restock(j);
      inventory += this.stock[j]!;
      // Exit: a third-party seller losing money for a month leaves.
      if ((day + j) % 30 === 29) {
        if (!this.own[j] && this.profit30[j]! < 0 && r.next() < 0.5) this.active[j] = 0;
        this.profit30[j] = 0;
      }
    }
    for (let j = 0; j < S; j++) if (!this.own[j]) sellerProfit += this.cash[j]!;
    // Payment security costs the platform money (staff, risk systems) above a basic level.
    const security = Math.max(0, c.paymentSecurity - 0.5) / 0.5;
    const securityCost = SECURITY_COST * security * security;
    this.ledger.platform -= securityCost;
    this.ledger.suppliers += securityCost;

    const platformProfit = this.ledger.platform;
    s[row + M.gmv] = gmv;
    s[row + M.orders] = orders;
    // Conversion: orders per seller looked at; reach: share of buyers wanting to buy who bought.
    s[row + M.conversion] = looks > 0 ? orders / looks : 0;
    const n = Math.max(1, orders);
    const avg = priceSum / n;
    s[row + M.avgPrice] = orders > 0 ? avg : 0;
    s[row + M.priceSpread] = orders > 1 ? Math.sqrt(Math.max(0, priceSq / n - avg * avg)) / avg : 0;
    s[row + M.txCostPerOrder] = orders > 0 ? txCost / orders : 0;
    s[row + M.deliveryDays] = delivered > 0 ? deliverySum / delivered : 0;
    s[row + M.platformRevenue] = platformRevenue;
    s[row + M.platformProfit] = platformProfit;
    s[row + M.sellerProfit] = sellerProfit;
    s[row + M.consumerSurplus] = surplus;
    s[row + M.avgRating] = ratings > 0 ? ratingSum / ratings : 0;
    s[row + M.fraudLosses] = fraudLosses;
    s[row + M.returns] = returns;
    s[row + M.reach] = demand > 0 ? orders / demand : 0;
    s[row + M.avgDistance] = orders > 0 ? distanceSum / orders : 0;
    s[row + M.inventory] = inventory;
    s[row + M.writeOffs] = writeOffs;
    s[row + M.platformWriteOffs] = platformWriteOffs;
    s[row + M.failedOrders] = failedOrders;
    s[row + M.activeSellers] = activeSellers;
    s[row + M.demand] = demand;
    s[row + M.playerProfit] = c.player >= 0 ? this.cash[c.player]! : 0;
    this.paidOrders += orders;
    this.deliveredOrders += delivered;
    this.day++;
  }

  /** Game mode: apply a student's decisions before the next round. */
  decide(decision: Decision): void {
    const c = this.config;
    if (decision.commission !== undefined) c.commission = clamp(decision.commission, 0, 0.5);
    if (decision.escrow !== undefined) c.escrow = decision.escrow;
    if (decision.paymentSecurity !== undefined)
      c.paymentSecurity = clamp(decision.paymentSecurity, 0, 0.99);
    const j = c.player;
    if (j < 0) return;
    if (decision.price !== undefined) this.price[j] = clamp(decision.price, 0.01, c.basePrice * 10);
    if (decision.restock !== undefined) {
      const units = Math.floor(clamp(decision.restock, 0, c.restockTo * 10));
      if (units > 0) {
        const bill = units * this.cost[j]!;
        this.credit(j, -bill);
        this.ledger.suppliers += bill;
        this.stock[j] = this.stock[j]! + units;
        this.stockDay[j] = this.day;
      }
    }
  }

  private rate(j: number, rating: number): void {
    this.ratingSum[j] = this.ratingSum[j]! + rating;
    this.ratingCount[j] = this.ratingCount[j]! + 1;
    if (rating === 0 && this.firstNegative[j]! < 0) this.firstNegative[j] = this.day;
  }

  private enter(j: number): void {
    const r = this.random;
    this.active[j] = 1;
    this.ratingSum[j] = 0;
    this.ratingCount[j] = 0;
    this.firstNegative[j] = -1;
    this.quality[j] = clamp01(0.75 + 0.12 * normal(r));
    this.dishonest[j] = r.next() < this.config.dishonestShare ? 1 : 0;
    this.price[j] = this.config.basePrice * (0.85 + 0.3 * r.next());
    this.stock[j] = 0;
    this.restock(j);
  }

  /** Run to the end. */
  run(): Float64Array {
    while (this.day < this.config.days) this.step();
    return this.series;
  }
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

/** Run a configuration to the end and return its daily metrics. */
export function simulate(config: MarketConfig): Float64Array {
  return new MarketSim(config).run();
}
