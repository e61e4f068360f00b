/**
 * The one source of truth for content files. From these zod schemas come the TypeScript types
 * (z.infer), the runtime validation (validate.ts) and the JSON Schema files written to the repo
 * (scripts/write-schema.ts; a unit test fails when they are stale).
 *
 * Objects are strict: an unknown key is an error (with a "did you mean" hint), never silently kept.
 */
import * as z from 'zod';
import { ID_PATTERN } from './zod.ts';
import {
  FLOW_OUTCOMES,
  ORDER_STATUSES,
  PAYMENT_METHODS,
  PAYMENT_STATUSES,
} from '../engine/flow/types.ts';
import { BUSINESS_MODELS, EVENT_TYPES, OPERATING_MODELS } from '../engine/market/config.ts';

export { ID_PATTERN };

export const Id = z
  .string()
  .regex(ID_PATTERN)
  .max(64)
  .meta({ description: 'Lowercase letters, digits and hyphens, e.g. transaction-flow' });

const nonEmpty = (max: number) => z.string().trim().min(1).max(max);

/** A text in both languages. Chinese is the default; English is required too. */
export const Text = z
  .strictObject({
    zh: nonEmpty(400).meta({ description: '中文' }),
    en: nonEmpty(600).meta({ description: 'English' }),
  })
  .meta({ description: 'Bilingual text: { zh, en }' });

/** A longer bilingual text in Markdown (rendered through the sanitising renderer). */
export const Markdown = z
  .strictObject({
    zh: nonEmpty(20_000).meta({ description: '中文（Markdown）' }),
    en: nonEmpty(30_000).meta({ description: 'English (Markdown)' }),
  })
  .meta({ description: 'Bilingual Markdown: { zh, en }' });

export const Point = z
  .strictObject({
    id: Id,
    title: Text,
  })
  .meta({ description: 'A chapter point taught by this part; quizzes tag questions with its id.' });

/** “想一想 / Think about it”: a question closing a part, with an answer the student can reveal. */
export const Think = z
  .strictObject({
    prompt: Text.meta({
      description: 'The question, without “想一想：” / “Think about it:” (the page adds it)',
    }),
    answer: Markdown.meta({
      description: 'A suggested answer (Markdown), hidden until the student asks for it',
    }),
  })
  .meta({
    description: 'A “想一想 / Think about it” question after the part’s text, with its answer',
  });

export const Part = z.strictObject({
  id: Id,
  title: Text,
  body: Markdown,
  think: Think.optional(),
  points: z.array(Point).min(1).max(20),
});

export const Lesson = z
  .strictObject({
    kind: z
      .literal('lesson')
      .optional()
      .meta({ description: 'Optional; files without a kind are lessons' }),
    id: Id,
    order: z.int().min(1).max(99),
    title: Text,
    summary: Text,
    objectives: z.array(Text).min(1).max(8),
    parts: z.array(Part).min(1).max(20),
  })
  .meta({
    title: 'Lesson section',
    description: 'One section of the chapter, in lessons/NN-id.yaml (see lessons/README.md).',
  });

/** A bilingual paragraph of plain text (narration, explanations). */
export const LongText = z
  .strictObject({
    zh: nonEmpty(1_000).meta({ description: '中文' }),
    en: nonEmpty(1_600).meta({ description: 'English' }),
  })
  .meta({ description: 'Bilingual text: { zh, en }' });

/** A reference to a lesson section, or section/part, e.g. security-law/legal-issues. */
const LessonRef = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)?$/)
  .meta({ description: 'A lesson section or section/part, e.g. security-law/legal-issues' });

const FlowRole = z.strictObject({ id: Id, name: Text });

const FlowEffects = z
  .strictObject({
    order: z
      .union([z.enum(ORDER_STATUSES), z.array(z.enum(ORDER_STATUSES)).min(1).max(6)])
      .optional()
      .meta({
        description: 'The order status after this step, or a list it passes through in turn',
      }),
    payment: z
      .strictObject({
        method: z.enum(PAYMENT_METHODS).nullable().optional(),
        status: z.enum(PAYMENT_STATUSES).optional(),
        amount: z.number().min(0).max(1_000_000).optional(),
      })
      .optional(),
    stock: z
      .int()
      .min(-1000)
      .max(1000)
      .optional()
      .meta({ description: 'Change in stock, e.g. -1' }),
    track: Text.optional().meta({ description: 'A line added to the tracking timeline' }),
  })
  .meta({ description: "What this step changes in the order's record" });

const FlowStep = z.strictObject({
  id: Id,
  title: Text,
  from: Id.meta({ description: 'The role that acts (a role id)' }),
  to: Id.meta({
    description: 'The role it addresses (a role id; the same role for an internal action)',
  }),
  message: Text.meta({ description: 'The label on the arrow' }),
  narration: LongText.meta({ description: 'What happens and why, shown and read aloud' }),
  next: Id.optional().meta({ description: 'The next step; omit for an ending' }),
  choices: z
    .array(z.strictObject({ label: Text, next: Id }))
    .min(1)
    .max(6)
    .optional()
    .meta({
      description:
        'A decision point: the first choice is the usual path. On an ending: "what if" continuations',
    }),
  effects: FlowEffects.optional(),
  sub: Id.optional().meta({ description: 'A flow that details this step (drill down)' }),
  outcome: z.enum(FLOW_OUTCOMES).optional().meta({
    description:
      'For an ending: success (the purchase went through), reversed (undone with a refund, e.g. a lawful return) or failure (it never went through)',
  }),
  predict: z
    .strictObject({
      prompt: Text,
      options: z.array(Text).min(2).max(6),
      answer: z.int().min(0).max(5).meta({ description: 'Index of the right option, from 0' }),
      explain: LongText,
    })
    .optional()
    .meta({ description: '"What happens next?" asked at this step' }),
});

export const Flow = z
  .strictObject({
    kind: z.literal('flow'),
    id: Id,
    order: z.int().min(1).max(99),
    title: Text,
    summary: Text,
    lesson: LessonRef.optional().meta({
      description: 'The lesson (section or section/part) this flow illustrates',
    }),
    roles: z.array(FlowRole).min(1).max(8),
    initial: z.strictObject({
      order: z.enum(ORDER_STATUSES),
      amount: z.number().min(0).max(1_000_000),
      stock: z.int().min(0).max(1_000_000),
      payment: z
        .strictObject({
          method: z.enum(PAYMENT_METHODS).nullable().optional(),
          status: z.enum(PAYMENT_STATUSES).optional(),
        })
        .optional()
        .meta({ description: 'For a flow that starts after payment: how the order was paid' }),
    }),
    steps: z.array(FlowStep).min(1).max(80),
  })
  .meta({ title: 'Flow', description: 'A process students step through (see lessons/README.md)' });

/** Marketplace parameters a scenario may set; anything left out keeps the business model's preset. */
export const MarketParams = z.strictObject({
  model: z.enum(BUSINESS_MODELS).optional(),
  operating: z
    .enum(OPERATING_MODELS)
    .optional()
    .meta({ description: 'platform 平台型 · self 自营型 · hybrid 混合型' }),
  selfShare: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .meta({ description: 'Hybrid: share of goods the platform sells itself' }),
  online: z.boolean().optional().meta({ description: 'false: the offline baseline' }),
  buyers: z.int().min(10).max(100_000).optional(),
  sellers: z.int().min(2).max(5_000).optional(),
  days: z.int().min(7).max(730).optional(),
  seed: z.int().min(0).max(2_147_483_647).optional(),
  searchBreadth: z
    .int()
    .min(1)
    .max(32)
    .optional()
    .meta({ description: 'Sellers a buyer compares per purchase' }),
  searchCostOnline: z.number().min(0).max(100).optional(),
  searchCostOffline: z.number().min(0).max(500).optional(),
  offlineRadius: z.number().min(0.01).max(1).optional(),
  o2oRadius: z.number().min(0.01).max(1).optional(),
  demandRate: z.number().min(0).max(1).optional(),
  orderInterval: z.int().min(1).max(90).optional(),
  orderSize: z.int().min(1).max(10_000).optional(),
  basePrice: z.number().min(1).max(100_000).optional(),
  unitCost: z.number().min(0).max(100_000).optional(),
  commission: z.number().min(0).max(0.5).optional(),
  listingFee: z.number().min(0).max(1_000).optional(),
  escrow: z.boolean().optional().meta({ description: 'Escrow (担保交易)' }),
  reputation: z.boolean().optional().meta({ description: 'Ratings shown and used by buyers' }),
  paymentSecurity: z.number().min(0).max(1).optional(),
  dishonestShare: z.number().min(0).max(1).optional(),
  capacity: z.int().min(1).max(1_000_000).optional().meta({
    description: 'Parcels the couriers dispatch a day; O2O: orders a merchant can make a day',
  }),
  damageRate: z
    .number()
    .min(0)
    .max(0.5)
    .optional()
    .meta({ description: 'Share of parcels a third-party courier damages or loses' }),
  ownLogistics: z
    .boolean()
    .optional()
    .meta({ description: "The platform ships its own goods through its own network (like JD's)" }),
  ownCapacity: z.int().min(1).max(1_000_000).optional(),
  ownDamageRate: z.number().min(0).max(0.5).optional(),
  riders: z.int().min(0).max(1_000_000).optional().meta({
    description: 'O2O: orders the delivery riders can carry a day (0: customers walk in)',
  }),
  freeReturns: z
    .boolean()
    .optional()
    .meta({ description: 'The seller pays return postage (by default the buyer does)' }),
  offlineFraudRate: z.number().min(0).max(0.5).optional(),
  deliveryDays: z.number().min(0).max(60).optional(),
  shippingCost: z.number().min(0).max(10_000).optional(),
  returnRate: z.number().min(0).max(1).optional(),
  restockTo: z.int().min(1).max(1_000_000).optional(),
  restockEvery: z.int().min(1).max(90).optional(),
  shelfLife: z.int().min(1).max(1_000_000).optional(),
  events: z
    .array(
      z.strictObject({
        type: z.enum(EVENT_TYPES),
        start: z.int().min(0).max(729),
        end: z.int().min(0).max(729),
        magnitude: z.number().min(0).max(100),
        label: Text.optional(),
      }),
    )
    .max(20)
    .optional(),
});

export const Market = z
  .strictObject({
    kind: z.literal('market'),
    id: Id,
    order: z.int().min(1).max(99),
    title: Text,
    summary: Text.meta({ description: 'What the scenario shows, and the objective for students' }),
    lesson: LessonRef.optional(),
    model: z.enum(BUSINESS_MODELS),
    label: Text.optional().meta({
      description:
        "What the scenario's own settings are called in the results (e.g. 'Online platform')",
    }),
    params: MarketParams.optional(),
    compare: z
      .array(z.strictObject({ label: Text, params: MarketParams }))
      .min(1)
      .max(3)
      .optional()
      .meta({ description: 'Other configurations run side by side on the same seed' }),
    questions: z.array(LongText).max(6).optional().meta({ description: 'Debrief questions' }),
    game: z
      .strictObject({
        role: z.enum(['platform', 'seller']).meta({ description: 'The role the student plays' }),
        rounds: z.int().min(2).max(12),
        goal: z.strictObject({
          metric: z.enum(['platformProfit', 'playerProfit', 'gmv', 'orders', 'fraudLosses']),
          atLeast: z.number().optional(),
          atMost: z.number().optional(),
        }),
        text: LongText.meta({ description: 'The goal, as told to the student' }),
      })
      .optional()
      .meta({ description: 'Game mode: the student decides between rounds; bots play the rest' }),
  })
  .meta({
    title: 'Marketplace scenario',
    description: 'A marketplace to run (see scenarios/README.md)',
  });

/** Chapter points (ids from the lessons' `points`) that a question or case practises. */
const PointTags = z
  .array(Id)
  .min(1)
  .max(6)
  .meta({ description: "Chapter points it tests: ids from the lessons' points lists" });

const QuizOption = z.strictObject({
  text: Text,
  correct: z.boolean().optional().meta({ description: 'true for a right option' }),
  why: LongText.optional().meta({
    description: 'Why this option is right or wrong: for a wrong one, the misconception behind it',
  }),
});

export const QUESTION_TYPES = ['single', 'multiple', 'truefalse', 'ordering', 'matching'] as const;

export const Question = z
  .strictObject({
    id: Id,
    type: z.enum(QUESTION_TYPES).meta({
      description: 'single 单选 · multiple 多选 · truefalse 判断 · ordering 排序 · matching 配对',
    }),
    points: PointTags,
    prompt: Markdown.meta({ description: 'The question (Markdown)' }),
    hint: LongText.optional().meta({ description: 'A hint the student may open before answering' }),
    explain: LongText.meta({ description: 'Why the right answer is right' }),
    lesson: LessonRef.optional().meta({
      description: 'Where to read more; by default the section of the first point',
    }),
    options: z
      .array(QuizOption)
      .min(2)
      .max(8)
      .optional()
      .meta({ description: 'single and multiple: the options' }),
    answer: z.boolean().optional().meta({ description: 'truefalse: is the statement true?' }),
    items: z
      .array(Text)
      .min(3)
      .max(8)
      .optional()
      .meta({ description: 'ordering: the items in the right order (shown shuffled)' }),
    pairs: z
      .array(z.strictObject({ item: Text, match: Text }))
      .min(2)
      .max(8)
      .optional()
      .meta({ description: 'matching: each item with its match; several items may share one' }),
    misconception: LongText.optional().meta({
      description:
        'truefalse, ordering, matching: the misconception behind a wrong answer, shown when wrong',
    }),
  })
  .meta({ description: 'A question; which fields it needs depends on its type' });

export const Quiz = z
  .strictObject({
    kind: z.literal('quiz'),
    id: Id,
    order: z.int().min(1).max(99),
    title: Text,
    summary: Text,
    lesson: LessonRef.optional(),
    questions: z.array(Question).min(1).max(60),
  })
  .meta({ title: 'Question set', description: 'A set of questions (see scenarios/README.md)' });

export const Condition = z
  .strictObject({
    chose: Id.optional().meta({ description: 'Holds if the student took this choice (its id)' }),
    notChose: Id.optional().meta({ description: 'Holds if the student did not take this choice' }),
    scoreAtLeast: z.int().min(-100).max(100).optional(),
    scoreBelow: z.int().min(-100).max(100).optional(),
  })
  .meta({ description: 'Every condition given must hold' });

const CaseChoice = z.strictObject({
  id: Id.meta({ description: 'Unique within the case; conditions refer to it' }),
  label: Text,
  feedback: LongText.meta({ description: 'Shown after the student chooses' }),
  score: z.int().min(-10).max(10).optional().meta({ description: 'Points for this choice' }),
  next: Id.meta({ description: 'The node that follows (unless a branch below applies)' }),
  branch: z
    .array(z.strictObject({ if: Condition, next: Id }))
    .min(1)
    .max(6)
    .optional()
    .meta({
      description: 'Other nodes to go to when a condition holds; the first that holds wins',
    }),
  if: Condition.optional().meta({ description: 'Offer this choice only when the condition holds' }),
});

const CaseNode = z.strictObject({
  id: Id,
  text: Markdown.meta({ description: 'What happens (Markdown)' }),
  choices: z.array(CaseChoice).min(1).max(6).optional().meta({ description: 'Omit on an ending' }),
  ending: z
    .strictObject({ result: z.enum(['good', 'mixed', 'bad']), title: Text })
    .optional()
    .meta({ description: 'Makes this node an ending' }),
});

export const Case = z
  .strictObject({
    kind: z.literal('case'),
    id: Id,
    order: z.int().min(1).max(99),
    title: Text,
    summary: Text,
    lesson: LessonRef.optional(),
    points: PointTags,
    start: Id.meta({ description: 'The first node' }),
    nodes: z.array(CaseNode).min(2).max(60),
  })
  .meta({
    title: 'Branching case',
    description: 'A story with decisions (see scenarios/README.md)',
  });

export type BiText = z.infer<typeof Text>;
export type Market = z.infer<typeof Market>;
export type Flow = z.infer<typeof Flow>;
export type LessonPart = z.infer<typeof Part>;
export type LessonPoint = z.infer<typeof Point>;
export type Lesson = z.infer<typeof Lesson>;
export type Question = z.infer<typeof Question>;
export type Quiz = z.infer<typeof Quiz>;
export type Case = z.infer<typeof Case>;
export type CaseCondition = z.infer<typeof Condition>;

/** Every kind of content file, by the name `npm run validate` reports. */
export const KINDS = {
  lesson: Lesson,
  flow: Flow,
  market: Market,
  quiz: Quiz,
  case: Case,
} as const;
export type Kind = keyof typeof KINDS;

/** What the list of flows needs. */
export interface FlowMeta {
  id: string;
  order: number;
  title: BiText;
  summary: BiText;
  lesson: string | null;
  /** Steps that open another flow (drill down). */
  subs: { step: string; title: BiText; flow: string }[];
}

export function flowMeta(flow: Flow): FlowMeta {
  return {
    id: flow.id,
    order: flow.order,
    title: flow.title,
    summary: flow.summary,
    lesson: flow.lesson ?? null,
    subs: flow.steps.flatMap((s) => (s.sub ? [{ step: s.id, title: s.title, flow: s.sub }] : [])),
  };
}

/** What the lesson index (table of contents) needs, without the bodies. */
export interface LessonMeta {
  id: string;
  order: number;
  title: BiText;
  parts: { id: string; title: BiText }[];
}

export function lessonMeta(lesson: Lesson): LessonMeta {
  return {
    id: lesson.id,
    order: lesson.order,
    title: lesson.title,
    parts: lesson.parts.map((p) => ({ id: p.id, title: p.title })),
  };
}

/** A lesson's summary alone (`?summary`): the lessons page shows it, the first page does not. */
export function lessonSummary(lesson: Lesson): { id: string; summary: BiText } {
  return { id: lesson.id, summary: lesson.summary };
}

/** A chapter point and where it is taught. */
export interface PointMeta {
  id: string;
  title: BiText;
  lesson: string;
  part: string;
}

export function lessonPoints(lesson: Lesson): PointMeta[] {
  return lesson.parts.flatMap((part) =>
    part.points.map((p) => ({ id: p.id, title: p.title, lesson: lesson.id, part: part.id })),
  );
}

/** What the list of market scenarios needs. */
export interface MarketMeta {
  id: string;
  order: number;
  title: BiText;
  summary: BiText;
  model: Market['model'];
}

export function marketMeta(m: Market): MarketMeta {
  return { id: m.id, order: m.order, title: m.title, summary: m.summary, model: m.model };
}

/** What the list of question sets and cases needs. */
export interface QuizMeta {
  id: string;
  kind: 'quiz' | 'case';
  order: number;
  title: BiText;
  summary: BiText;
  /** Chapter points covered. */
  points: string[];
  /** A set's questions (ids and chapter points), for results; empty for a case. */
  questions: { id: string; points: string[] }[];
}

export function quizMeta(q: Quiz | Case): QuizMeta {
  const points =
    q.kind === 'quiz' ? [...new Set(q.questions.flatMap((x) => x.points))] : q.points.slice();
  return {
    id: q.id,
    kind: q.kind,
    order: q.order,
    title: q.title,
    summary: q.summary,
    points,
    questions: q.kind === 'quiz' ? q.questions.map((x) => ({ id: x.id, points: x.points })) : [],
  };
}

export type ContentMeta = LessonMeta | FlowMeta | MarketMeta | QuizMeta;
