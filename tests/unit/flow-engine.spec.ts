import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collectFiles, validateFiles } from '../../src/content/node.ts';
import type { Flow } from '../../src/content/schema.ts';
import { checkFlow } from '../../src/engine/flow/check.ts';
import {
  back,
  continuation,
  isEnding,
  mainPath,
  next,
  pathTo,
  recordAt,
  start,
  stepOf,
  successors,
  type FlowState,
} from '../../src/engine/flow/machine.ts';
import { ORDER_TRANSITIONS, type FlowDef } from '../../src/engine/flow/types.ts';
import { createRandom } from '../../src/engine/random.ts';

const flows = validateFiles(collectFiles(['lessons/flows']))
  .files.map((f) => (f.content?.kind === 'flow' ? f.content.data : null))
  .filter((f): f is Flow => f !== null)
  .sort((a, b) => a.order - b.order);
const byId = (id: string) => flows.find((f) => f.id === id)!;

describe('the built-in flows', () => {
  it('are the chapter’s three flows, in order', () => {
    expect(flows.map((f) => [f.order, f.id])).toEqual([
      [1, 'transaction'],
      [2, 'payment'],
      [3, 'logistics'],
    ]);
  });

  it.each([
    ['transaction', ['用户注册与登录', '浏览商品', '加入购物车', '下单结算', '支付', '收货与评价']],
    [
      'payment',
      [
        '选择支付方式',
        '跳转支付页面',
        '输入支付密码或完成指纹验证',
        '支付成功提示',
        '支付状态更新',
      ],
    ],
    ['logistics', ['商家发货', '物流公司接单', '在途运输', '物流信息更新', '派件与签收']],
  ])('%s: the usual path is the outline’s steps', (id, titles) => {
    const flow = byId(id);
    expect(mainPath(flow).map((s) => stepOf(flow, s).title.zh)).toEqual(titles);
  });

  it('drill down: 支付 opens the payment flow, 收货 the logistics flow', () => {
    const t = byId('transaction');
    const subs = t.steps.filter((s) => s.sub).map((s) => [s.title.zh, s.sub]);
    expect(subs).toEqual([
      ['支付', 'payment'],
      ['收货与评价', 'logistics'],
    ]);
  });

  it('along the usual transaction path the order goes 待付款 → 已支付 → 已发货 → 运输中 → 已签收 → 已评价', () => {
    const t = byId('transaction');
    const end = recordAt(t, { path: mainPath(t) });
    expect(end.orderTrail).toEqual([
      'none',
      'pending',
      'paid',
      'shipped',
      'in-transit',
      'delivered',
      'reviewed',
    ]);
  });

  it.each(flows.map((f) => [f.id, f] as const))('%s passes its own invariants', (_id, flow) => {
    expect(checkFlow(flow)).toEqual([]);
  });

  it.each(flows.map((f) => [f.id, f] as const))(
    '%s has at least one path that does not end in success',
    (_id, flow) => {
      expect(flow.steps.some((s) => isEnding(s) && s.outcome !== 'success')).toBe(true);
      expect(flow.steps.some((s) => (s.choices?.length ?? 0) >= 2)).toBe(true);
    },
  );

  it('a lawful seven-day return, and a refused parcel, end as reversed, never as failed', () => {
    const logistics = byId('logistics');
    for (const to of ['merchant-inspects', 'returned-to-merchant']) {
      const path = pathTo(logistics, to)!;
      const end: FlowState = { path: [...path.path, ...continuation(logistics, path)] };
      const last = stepOf(logistics, end.path.at(-1)!);
      expect(recordAt(logistics, end).order, to).toBe('refunded');
      expect(last.outcome, to).toBe('reversed');
    }
    // In every flow, a step that leaves the order refunded is a reversed ending, nothing else.
    for (const flow of flows) {
      for (const step of flow.steps) {
        if (step.effects?.order === 'refunded') expect(step.outcome, step.id).toBe('reversed');
      }
    }
  });

  it('transaction: the story runs in order: the user tries to pay before a payment can fail', () => {
    // Every path up to each step: the first message with the payment provider is the user's.
    const t = byId('transaction');
    for (const step of t.steps) {
      const path = pathTo(t, step.id)!.path.map((id) => stepOf(t, id));
      const first = path.find((s) => s.from === 'payment' || s.to === 'payment');
      if (first) expect(first.from, `${step.id}: ${first.id}`).toBe('user');
    }
    const failed = stepOf(t, 'payment-unfinished');
    expect([failed.from, failed.to]).toEqual(['user', 'payment']);
  });

  it('one worked example: Xiao Li’s ¥19.90 phone case, in the lesson and in all three flows', () => {
    for (const flow of flows) {
      expect(flow.initial.amount, flow.id).toBe(19.9);
      const text = JSON.stringify(flow);
      expect(text, flow.id).toContain('小李');
      expect(text, flow.id).toContain('Xiao Li');
      expect(text, flow.id).not.toMatch(/59元|¥59\b/);
    }
    const lesson = readFileSync('lessons/01-process.yaml', 'utf8');
    expect(lesson).toContain('合计19.90元');
    expect(lesson).toContain('total ¥19.90');
  });

  it.each(flows.map((f) => [f.id, f] as const))(
    '%s: seeded random walks always end, and never skip a legal order transition',
    (_id, flow) => {
      const random = createRandom(`walk:${flow.id}`);
      for (let walk = 0; walk < 300; walk++) {
        let state: FlowState = start(flow);
        for (let guard = 0; guard < 200; guard++) {
          const step = stepOf(flow, state.path.at(-1)!);
          const options = successors(step);
          // Stop at a dead end, or at an ending half the time (endings may offer "what if"s).
          if (options.length === 0 || (isEnding(step) && random.next() < 0.5)) break;
          state = next(flow, state, random.int(0, options.length - 1));
        }
        const last = stepOf(flow, state.path.at(-1)!);
        expect(isEnding(last), `walk ${walk} of ${flow.id}`).toBe(true);
        const record = recordAt(flow, state);
        for (let i = 1; i < record.orderTrail.length; i++) {
          const from = record.orderTrail[i - 1]!;
          expect(
            ORDER_TRANSITIONS[from],
            `${flow.id}: ${from} → ${record.orderTrail[i]}`,
          ).toContain(record.orderTrail[i]);
        }
        expect(record.stock).toBeGreaterThanOrEqual(0);
      }
    },
  );

  it.each(flows.map((f) => [f.id, f] as const))(
    '%s: forward then back returns exactly the earlier state and record',
    (_id, flow) => {
      const random = createRandom(`back:${flow.id}`);
      let state = start(flow);
      const history: { state: FlowState; record: string }[] = [];
      for (let i = 0; i < 12 && !isEnding(stepOf(flow, state.path.at(-1)!)); i++) {
        history.push({ state, record: JSON.stringify(recordAt(flow, state)) });
        const options = successors(stepOf(flow, state.path.at(-1)!));
        state = next(flow, state, random.int(0, options.length - 1));
      }
      for (const earlier of history.reverse()) {
        state = back(state);
        expect(state).toEqual(earlier.state);
        expect(JSON.stringify(recordAt(flow, state))).toBe(earlier.record);
      }
    },
  );

  it('a link to any step reaches it along a path from the start', () => {
    for (const flow of flows) {
      for (const step of flow.steps) {
        const path = pathTo(flow, step.id);
        expect(path?.path.at(-1), `${flow.id}/${step.id}`).toBe(step.id);
        expect(path?.path[0]).toBe(flow.steps[0]!.id);
      }
    }
  });
});

/** A small hand-made flow for the rules themselves. */
const text = (s: string) => s;
function tiny(): FlowDef<string> {
  return {
    id: 'tiny',
    roles: [
      { id: 'user', name: text('User') },
      { id: 'shop', name: text('Shop') },
    ],
    initial: { order: 'none', amount: 10, stock: 1 },
    steps: [
      {
        id: 'order',
        title: 'Order',
        from: 'user',
        to: 'shop',
        message: 'm',
        narration: 'n',
        effects: { order: 'pending', stock: -1 },
        next: 'pay',
      },
      {
        id: 'pay',
        title: 'Pay',
        from: 'user',
        to: 'shop',
        message: 'm',
        narration: 'n',
        choices: [
          { label: 'ok', next: 'paid' },
          { label: 'fail', next: 'cancel' },
        ],
      },
      {
        id: 'paid',
        title: 'Paid',
        from: 'shop',
        to: 'user',
        message: 'm',
        narration: 'n',
        effects: {
          order: 'paid',
          payment: { status: 'succeeded', method: 'alipay' },
          track: 'paid',
        },
        outcome: 'success',
      },
      {
        id: 'cancel',
        title: 'Cancel',
        from: 'shop',
        to: 'user',
        message: 'm',
        narration: 'n',
        effects: { order: 'cancelled', stock: 1 },
        outcome: 'failure',
      },
    ],
  };
}

describe('the flow state machine', () => {
  it('steps, branches, and recomputes the record from the path', () => {
    const flow = tiny();
    const s1 = next(flow, start(flow));
    expect(recordAt(flow, s1)).toMatchObject({ order: 'pending', stock: 0 });
    const fail = next(flow, s1, 1);
    expect(recordAt(flow, fail)).toMatchObject({
      order: 'cancelled',
      stock: 1,
      orderTrail: ['none', 'pending', 'cancelled'],
    });
    const ok = next(flow, s1, 0);
    expect(recordAt(flow, ok)).toMatchObject({
      order: 'paid',
      payment: { amount: 10, method: 'alipay', status: 'succeeded' },
      tracking: [{ step: 'paid', text: 'paid' }],
    });
    expect(next(flow, ok)).toBe(ok);
    expect(back(start(flow))).toEqual(start(flow));
    expect(continuation(flow, start(flow))).toEqual(['pay', 'paid']);
  });
});

describe('flow invariants are refused at load', () => {
  const codes = (flow: FlowDef<string>) => checkFlow(flow).map((p) => [p.code, p.path.join('.')]);

  it('accepts the well-formed flow', () => {
    expect(codes(tiny())).toEqual([]);
  });

  it('an unknown role', () => {
    const flow = tiny();
    flow.steps[0]!.to = 'bank';
    expect(codes(flow)).toEqual([['unknownRole', 'steps.0.to']]);
  });

  it('a dangling step reference', () => {
    const flow = tiny();
    flow.steps[1]!.choices![1]!.next = 'nowhere';
    expect(codes(flow)).toEqual([['unknownStep', 'steps.1.choices.1.next']]);
  });

  it('an unreachable step', () => {
    const flow = tiny();
    flow.steps[1]!.choices = undefined;
    flow.steps[1]!.next = 'paid';
    expect(codes(flow)).toEqual([['unreachableStep', 'steps.3.id']]);
  });

  it('a loop with no way out', () => {
    const flow = tiny();
    flow.steps[1]!.choices![1]!.next = 'order';
    flow.steps[1]!.choices![0]!.next = 'pay';
    expect(codes(flow).map((c) => c[0])).toContain('noEnding');
  });

  it('an order status that skips a legal transition', () => {
    const flow = tiny();
    flow.steps[2]!.effects!.order = 'delivered';
    expect(codes(flow)).toEqual([['illegalOrderStatus', 'steps.2.effects.order']]);
  });

  it('stock that would go below zero', () => {
    const flow = tiny();
    flow.initial.stock = 0;
    expect(codes(flow)).toEqual([['negativeStock', 'steps.0.effects.stock']]);
  });

  it('a refunded order ending as a failure, and a reversed ending with nothing refunded', () => {
    const flow = tiny();
    flow.steps[2]!.outcome = 'reversed';
    flow.steps[2]!.choices = [{ label: 'refund', next: 'refund' }];
    flow.steps.push({
      id: 'refund',
      title: 'Refund',
      from: 'shop',
      to: 'user',
      message: 'm',
      narration: 'n',
      effects: { order: 'refunded' },
      outcome: 'failure',
    });
    expect(codes(flow)).toEqual([
      ['reversedWithoutRefund', 'steps.2.outcome'],
      ['refundNotReversed', 'steps.4.outcome'],
    ]);
    flow.steps[2]!.outcome = 'success';
    flow.steps[4]!.outcome = 'reversed';
    expect(codes(flow)).toEqual([]);
  });

  it('an ending without an outcome, and a prediction whose answer is not an option', () => {
    const flow = tiny();
    flow.steps[3]!.outcome = undefined;
    flow.steps[0]!.predict = { prompt: 'p', options: ['a', 'b'], answer: 2, explain: 'e' };
    expect(codes(flow)).toEqual([
      ['answerOutOfRange', 'steps.0.predict.answer'],
      ['endingWithoutOutcome', 'steps.3.id'],
    ]);
  });
});
