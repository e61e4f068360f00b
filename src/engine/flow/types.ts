/**
 * Flows as data: roles, steps (each a message from one role to another), branches at decision
 * points, and the effects each step has on the order's record. `T` is the type of display text
 * (bilingual in the app); the engine never looks inside it.
 */

/** Order statuses, in the order a successful purchase passes through them. */
export const ORDER_STATUSES = [
  'none',
  'pending',
  'paid',
  'shipped',
  'in-transit',
  'delivered',
  'reviewed',
  'cancelled',
  'returning',
  'refunded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Which order status may follow which. A step may leave the status unchanged. */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  none: ['pending'],
  pending: ['paid', 'cancelled'],
  paid: ['shipped', 'refunded'],
  shipped: ['in-transit'],
  'in-transit': ['delivered', 'returning'],
  delivered: ['reviewed', 'returning'],
  reviewed: ['returning'],
  cancelled: [],
  returning: ['refunded'],
  refunded: [],
};

export const PAYMENT_STATUSES = [
  'none',
  'awaiting',
  'verifying',
  'succeeded',
  'failed',
  'cancelled',
  'refunded',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const PAYMENT_METHODS = ['alipay', 'wechat'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/**
 * How an ending leaves the purchase: it went through (`success`); it went through and was then
 * lawfully undone, the money refunded (`reversed`: a seven-day return, a refused parcel); or it
 * never went through (`failure`: sold out, not paid). Exercising a right is not a failure.
 */
export const FLOW_OUTCOMES = ['success', 'reversed', 'failure'] as const;
export type FlowOutcome = (typeof FLOW_OUTCOMES)[number];

export interface FlowRecord<T> {
  order: OrderStatus;
  /** Every status the order has had, oldest first (the current one last). */
  orderTrail: OrderStatus[];
  payment: { amount: number; method: PaymentMethod | null; status: PaymentStatus };
  /** Units of the product left in stock. */
  stock: number;
  /** The tracking timeline, oldest first; each entry names the step that added it. */
  tracking: { step: string; text: T }[];
}

export interface Effects<T> {
  /** The order's new status, or several it passes through in turn during this step. */
  order?: OrderStatus | OrderStatus[] | undefined;
  payment?:
    | {
        method?: PaymentMethod | null | undefined;
        status?: PaymentStatus | undefined;
        amount?: number | undefined;
      }
    | undefined;
  /** Change in stock: -1 when an order reserves a unit, +1 when it is released. */
  stock?: number | undefined;
  /** A line added to the tracking timeline. */
  track?: T | undefined;
}

export interface Choice<T> {
  label: T;
  next: string;
}

export interface Prediction<T> {
  prompt: T;
  options: T[];
  answer: number;
  explain: T;
}

export interface StepDef<T> {
  id: string;
  title: T;
  from: string;
  to: string;
  message: T;
  narration: T;
  /** The step after this one. Absent, with no choices, makes this step an ending. */
  next?: string | undefined;
  /** A decision point: the first choice is the usual path, the others are failure paths. */
  choices?: Choice<T>[] | undefined;
  effects?: Effects<T> | undefined;
  /** A flow that details this step (drill down). */
  sub?: string | undefined;
  /** For an ending: what became of the purchase (see FLOW_OUTCOMES). */
  outcome?: FlowOutcome | undefined;
  /** "What happens next?" asked at this step, before moving on. */
  predict?: Prediction<T> | undefined;
}

export interface RoleDef<T> {
  id: string;
  name: T;
}

export interface FlowDef<T> {
  id: string;
  roles: RoleDef<T>[];
  initial: {
    order: OrderStatus;
    amount: number;
    stock: number;
    /** For a flow that starts after payment (logistics): how the order was paid. */
    payment?:
      { method?: PaymentMethod | null | undefined; status?: PaymentStatus | undefined } | undefined;
  };
  /** Steps; the first is where the flow starts. */
  steps: StepDef<T>[];
}
