/**
 * Marketplace configuration: the business model (B2B, B2C, C2C, O2O), the operating model
 * (platform 平台型, self-operated 自营型, hybrid 混合型), online or the offline baseline, and the
 * parameters that matter. `preset` gives each business model's typical values; scenarios
 * override them.
 */

export const BUSINESS_MODELS = ['B2B', 'B2C', 'C2C', 'O2O'] as const;
export type BusinessModel = (typeof BUSINESS_MODELS)[number];
export const OPERATING_MODELS = ['platform', 'self', 'hybrid'] as const;
export type OperatingModel = (typeof OPERATING_MODELS)[number];
export const EVENT_TYPES = [
  'surge',
  'fraudWave',
  'logisticsDisruption',
  'riderShortage',
  'dataBreach',
  'regulation',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface MarketEvent {
  type: EventType;
  /** First day (0-based) and last day of the event. */
  start: number;
  end: number;
  /**
   * surge: demand multiplier (e.g. 4 for 双十一); fraudWave: fraud multiplier; logisticsDisruption:
   * share of the parcel network's capacity lost (0..1; parcel models); riderShortage: share of
   * O2O delivery riders missing (0..1); dataBreach: trust lost (0..1); regulation: compliance cost
   * per unit sold (yuan).
   */
  magnitude: number;
}

export interface MarketConfig {
  model: BusinessModel;
  operating: OperatingModel;
  /** Hybrid: share of the goods sold by the platform itself (0..1). */
  selfShare: number;
  /** false: the offline baseline — buyers reach only shops near them, at a higher search cost. */
  online: boolean;
  buyers: number;
  sellers: number;
  days: number;
  seed: number;
  /** Sellers a buyer looks at per purchase. */
  searchBreadth: number;
  /** Cost (yuan) of looking at one seller: online (a page), offline (a trip to a shop: fare and time). */
  searchCostOnline: number;
  searchCostOffline: number;
  /** Offline shops a buyer can reach, as a distance on the unit square. */
  offlineRadius: number;
  /** O2O: how far a buyer will go to a local merchant. */
  o2oRadius: number;
  /** Chance a buyer wants to buy on a given day; B2B buyers order every `orderInterval` days. */
  demandRate: number;
  orderInterval: number;
  /** Units per order (B2B orders are large). */
  orderSize: number;
  basePrice: number;
  unitCost: number;
  /** Platform commission on each sale by a third-party seller (0..0.5). */
  commission: number;
  /** Fixed daily fee a third-party seller pays to stay listed. */
  listingFee: number;
  /** Escrow (担保交易): the platform holds the money until the buyer confirms receipt. */
  escrow: boolean;
  /** Ratings are shown and buyers use them. */
  reputation: boolean;
  /** Payment security (0..1): how much of payment fraud the platform stops. */
  paymentSecurity: number;
  /** Share of sellers who would cheat if they could (C2C individuals). */
  dishonestShare: number;
  /** Parcels the courier network dispatches a day; O2O: orders each merchant can prepare a day. */
  capacity: number;
  /** Share of parcels a third-party courier damages or loses. */
  damageRate: number;
  /**
   * The platform ships its own goods through its own warehouses and delivery network (as JD does):
   * a separate queue of `ownCapacity` parcels a day, damaging `ownDamageRate` of them.
   */
  ownLogistics: boolean;
  ownCapacity: number;
  ownDamageRate: number;
  /** O2O: orders the delivery riders can carry a day, across the market (0: customers walk in). */
  riders: number;
  /** Days to deliver when capacity is not binding. */
  deliveryDays: number;
  /** Logistics cost per order (yuan). */
  shippingCost: number;
  /** Chance a delivered order is returned under the seven-day rule (online only). */
  returnRate: number;
  /**
   * The seller pays the return postage (a promise of free returns, or return-shipping insurance).
   * The law's default is that the consumer pays it.
   */
  freeReturns: boolean;
  /** Offline baseline: chance a payment in a shop is fraudulent (forged notes, skimmed cards). */
  offlineFraudRate: number;
  /**
   * Restocking: 1 means one item at a time (C2C individuals); otherwise a seller restocks to its
   * forecast, never above 8 × this. Every `restockEvery` days, or at once when sold out.
   */
  restockTo: number;
  restockEvery: number;
  /** Days unsold stock keeps its value before it is written off. */
  shelfLife: number;
  events: MarketEvent[];
  /** Game mode: the seller a student plays (its price and stock are the student's), or -1. */
  player: number;
  /**
   * Game mode's bots-only run: the seller whose profit is recorded as `playerProfit` when no
   * student plays (the computer in the student's place), or -1.
   */
  follow: number;
}

/** What a student decides between rounds in game mode. */
export interface Decision {
  /** As the platform operator. */
  commission?: number;
  escrow?: boolean;
  paymentSecurity?: number;
  /** As the platform of a hybrid market: the share of shop slots it runs itself, for shops that open from now on. */
  selfShare?: number;
  /** As the courier network: parcels a day, and the price per parcel the sellers pay. */
  capacity?: number;
  shippingCost?: number;
  /** As a seller. */
  price?: number;
  restock?: number;
}

/** What a seller a student holds decides between rounds (`MarketSim.decideFor`). */
export type SellerDecision = Pick<Decision, 'price' | 'restock'>;

const COMMON: Omit<MarketConfig, 'model'> = {
  operating: 'platform',
  selfShare: 0.5,
  online: true,
  buyers: 2000,
  sellers: 100,
  days: 120,
  seed: 1,
  searchBreadth: 6,
  searchCostOnline: 0.5,
  searchCostOffline: 10,
  offlineRadius: 0.12,
  o2oRadius: 0.15,
  demandRate: 0.05,
  orderInterval: 1,
  orderSize: 1,
  basePrice: 100,
  unitCost: 60,
  commission: 0.05,
  listingFee: 0.5,
  escrow: true,
  reputation: true,
  paymentSecurity: 0.8,
  dishonestShare: 0,
  capacity: 400,
  damageRate: 0.01,
  ownLogistics: false,
  ownCapacity: 400,
  ownDamageRate: 0.005,
  riders: 0,
  deliveryDays: 2,
  shippingCost: 8,
  returnRate: 0.05,
  freeReturns: false,
  offlineFraudRate: 0.001,
  restockTo: 40,
  restockEvery: 7,
  shelfLife: 60,
  events: [],
  player: -1,
  follow: -1,
};

export function preset(model: BusinessModel, overrides: Partial<MarketConfig> = {}): MarketConfig {
  const byModel: Record<BusinessModel, Partial<MarketConfig>> = {
    // Few firm buyers ordering raw materials and parts in bulk, periodically, by freight.
    B2B: {
      buyers: 200,
      sellers: 40,
      demandRate: 1,
      orderInterval: 14,
      orderSize: 50,
      basePrice: 40,
      unitCost: 28,
      searchBreadth: 4,
      shippingCost: 30,
      deliveryDays: 4,
      returnRate: 0.01,
      restockTo: 2000,
      capacity: 60,
    },
    B2C: {},
    // Individuals selling second-hand items, one of each; quality hidden; some would cheat.
    C2C: {
      sellers: 400,
      basePrice: 50,
      unitCost: 20,
      restockTo: 1,
      restockEvery: 3,
      dishonestShare: 0.1,
      returnRate: 0.02,
      shippingCost: 6,
    },
    // Local merchants, online booking, offline consumption: no parcels, capacity per day.
    O2O: {
      sellers: 60,
      basePrice: 30,
      unitCost: 15,
      // A rider's fee per order; the meal is ready the same day.
      shippingCost: 4,
      deliveryDays: 0,
      capacity: 12,
      riders: 800,
      returnRate: 0,
      restockTo: 100000,
      shelfLife: 1_000_000,
      demandRate: 0.08,
    },
  };
  return { ...COMMON, model, ...byModel[model], ...overrides };
}
