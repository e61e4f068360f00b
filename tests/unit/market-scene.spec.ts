import { describe, expect, it } from 'vitest';
import { preset } from '../../src/engine/market/config.ts';
import { EVENT_KINDS } from '../../src/engine/market/sim.ts';
import { nodeTranslator } from '../../src/content/node.ts';
import { formatter } from '../../src/features/market/format.ts';
import {
  SCENE_FIELDS,
  handle,
  type SceneDay,
  type SceneSetup,
} from '../../src/features/market/worker.ts';
import {
  FIELDS,
  KINDS,
  MOST_ITEMS,
  PACE,
  afterwards,
  countKinds,
  hasQueue,
  heldAt,
  itemsOf,
  journey,
  layout,
  legendOf,
  mergeItems,
  moving,
  narrate,
  pickOrders,
  px,
  queueBar,
  sayAt,
  sceneLabel,
  type Kind,
} from '../../src/features/market/scene.ts';

const K = (kind: Kind) => KINDS.indexOf(kind);

/** A day of orders: [kind, days] each, from seller (0.1, 0.2) to buyer (0.8, 0.9). */
function dayOf(orders: [Kind, number][], extra: Partial<SceneDay> = {}): SceneDay {
  const o = new Float32Array(orders.length * FIELDS);
  orders.forEach(([kind, days], e) => o.set([K(kind), 0.8, 0.9, 0.1, 0.2, days], e * FIELDS));
  return {
    day: 42,
    orders: o,
    active: new Uint8Array([1, 1, 0]),
    backlog: 0,
    capacity: 150,
    escrow: false,
    ...extra,
  };
}

function setupOf(extra: Partial<SceneSetup> = {}): SceneSetup {
  return {
    sellers: new Float32Array([0.1, 0.2, 0.5, 0.5, 0.9, 0.9]),
    own: new Uint8Array([0, 1, 0]),
    buyers: new Float32Array([0.8, 0.9, 0.3, 0.3]),
    radius: 0,
    online: true,
    o2o: false,
    ...extra,
  };
}

const parcels = setupOf();
const o2o = setupOf({ o2o: true, radius: 0.15 });
const shops = setupOf({ online: false, radius: 0.12, own: new Uint8Array(3) });

describe('the market scene', () => {
  it('reads the worker’s orders as the engine writes them', () => {
    expect(KINDS).toEqual(EVENT_KINDS);
    expect(FIELDS).toBe(SCENE_FIELDS);
  });

  it('puts the unit square inside a margin on a square canvas of any size', () => {
    const phone = layout(360);
    expect(px(phone, 0)).toBe(phone.pad);
    expect(px(phone, 1)).toBe(360 - phone.pad);
    expect(phone.mark).toBe(1);
    expect(layout(600).mark).toBeCloseTo(1.4);
    expect(layout(200).mark).toBe(0.8);
    expect(layout(0).span).toBe(0);
  });

  it('draws the notable orders first, then ordinary ones spread over the day', () => {
    const kinds: Kind[] = ['delivered', 'delivered', 'stolen', 'delivered', 'failed', 'delivered'];
    const { orders } = dayOf(kinds.map((k) => [k, 2]));
    expect(pickOrders(orders, 3)).toEqual([0, 2, 4]);
    expect(pickOrders(orders, 4)).toEqual([0, 2, 3, 4]);
    expect(pickOrders(orders, 1)).toEqual([2]);
    expect(pickOrders(orders, 48)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('turns a day into items: longer journeys for more delivery days, goods only where they go', () => {
    const day = dayOf([
      ['delivered', 1],
      ['delivered', 4],
      ['stolen', 0],
      ['failed', 0],
      ['returned', 2],
    ]);
    const items = itemsOf(parcels, day, 1000, PACE.step);
    expect(items.map((i) => i.kind)).toEqual([
      'delivered',
      'delivered',
      'stolen',
      'failed',
      'returned',
    ]);
    const [one, four, stolen, failed, returned] = items;
    expect(four!.arrive - four!.start).toBeGreaterThan(one!.arrive - one!.start);
    expect(one!.arrive - one!.start).toBe(PACE.step.base + PACE.step.perDay);
    expect(four!.end - four!.arrive).toBe(PACE.step.hold);
    expect([one!.reach, stolen!.reach, failed!.reach, returned!.reach]).toEqual([1, 0, 0.6, 1]);
    expect([one!.flag, stolen!.flag, failed!.flag, returned!.flag]).toEqual([
      null,
      'fraud',
      'failed',
      'returned',
    ]);
    expect(one).toMatchObject({ sx: expect.closeTo(0.1), by: expect.closeTo(0.9), held: false });
    // An O2O order turned away never leaves the kitchen.
    expect(itemsOf(o2o, dayOf([['failed', 0]]), 0, PACE.step)[0]!.reach).toBe(0);
    // A long journey is capped, so a slow day does not hold the map for seconds while playing.
    const slow = itemsOf(parcels, dayOf([['delivered', 30]]), 0, PACE.playing)[0]!;
    expect(slow.arrive).toBe(PACE.playing.most);
  });

  it('escrow holds the money while the goods travel, then pays the seller or refunds the buyer', () => {
    const day = dayOf(
      [
        ['delivered', 2],
        ['escrowRefund', 0],
        ['stolen', 0],
      ],
      { escrow: true },
    );
    const [paid, refunded, stolen] = itemsOf(parcels, day, 0, PACE.step);
    expect(paid).toMatchObject({ held: true, payee: 'seller' });
    expect(refunded).toMatchObject({ held: true, payee: 'buyer', reach: 0, flag: 'refund' });
    expect(stolen!.held).toBe(false);
    const items = [paid!, refunded!, stolen!];
    expect(heldAt(items, 1)).toBe(2);
    expect(heldAt(items, refunded!.arrive)).toBe(1);
    expect(heldAt(items, paid!.arrive)).toBe(0);
  });

  it('says how far each item has gone, and stops animating once nothing moves', () => {
    const [it] = itemsOf(parcels, dayOf([['delivered', 2]]), 100, PACE.step);
    const mid = (it!.start + it!.arrive) / 2;
    expect(journey(it!, 0)).toBe(0);
    expect(journey(it!, mid)).toBeCloseTo(0.5);
    expect(journey(it!, it!.arrive)).toBe(1);
    expect(afterwards(it!, mid)).toBe(0);
    expect(afterwards(it!, (it!.arrive + it!.end) / 2)).toBeCloseTo(0.5);
    expect(afterwards(it!, Infinity)).toBe(1);
    expect(moving([it!], mid)).toBe(true);
    expect(moving([it!], it!.end)).toBe(false);
    expect(moving([], 0)).toBe(false);
  });

  it('while playing keeps what still moves, drops what has finished, and never draws more than it can', () => {
    const a = itemsOf(parcels, dayOf([['delivered', 1]]), 0, PACE.playing);
    const b = itemsOf(parcels, dayOf([['delivered', 1]]), 200, PACE.playing);
    expect(mergeItems(a, b, 200, true)).toHaveLength(2);
    expect(mergeItems(a, b, a[0]!.end, true)).toEqual(b);
    // A step (or a pause) shows the new day alone.
    expect(mergeItems(a, b, 200, false)).toEqual(b);
    const many = itemsOf(parcels, dayOf(Array(48).fill(['delivered', 1])), 0, PACE.step);
    const merged = mergeItems(many, many, 0, true);
    expect(merged).toHaveLength(MOST_ITEMS);
    expect(merged.at(-1)).toBe(many.at(-1));
    // Playing, each day adds a few orders: about MOST_ITEMS on the map at the busiest.
    expect(itemsOf(parcels, dayOf(Array(48).fill(['delivered', 1])), 0, PACE.playing)).toHaveLength(
      PACE.playing.limit,
    );
  });

  it('shows the parcel queue as days of deliveries, in parcel markets only', () => {
    expect(queueBar(0, 150)).toEqual({ days: 0, top: 4, step: 1, fill: 0 });
    expect(queueBar(300, 150)).toEqual({ days: 2, top: 4, step: 1, fill: 0.5 });
    expect(queueBar(810, 150)).toEqual({ days: 5.4, top: 6, step: 1, fill: 0.9 });
    expect(queueBar(3300, 150)).toEqual({ days: 22, top: 25, step: 5, fill: 0.88 });
    expect(queueBar(10, 0)).toEqual({ days: 0, top: 4, step: 1, fill: 0 });
    expect([hasQueue(parcels), hasQueue(o2o), hasQueue(shops)]).toEqual([true, false, false]);
  });

  it('counts the day’s orders by kind, ignoring anything it does not know', () => {
    const day = dayOf([
      ['delivered', 1],
      ['stolen', 0],
      ['stolen', 0],
      ['returned', 3],
    ]);
    expect(countKinds(day.orders)).toEqual([1, 0, 2, 0, 0, 0, 1]);
    expect(countKinds(new Float32Array([9, 0, 0, 0, 0, 0]))).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('lists in the legend what this run’s map can show', () => {
    expect(legendOf(parcels, dayOf([], { escrow: true }))).toEqual([
      'buyer',
      'seller',
      'own',
      'inactive',
      'goods',
      'vault',
      'coin',
      'refund',
      'fraud',
      'failed',
      'returned',
    ]);
    expect(legendOf(shops, null)).toEqual(['buyer', 'seller', 'reach', 'goods', 'fraud']);
    expect(legendOf(o2o, dayOf([], { active: new Uint8Array([1, 1, 1]) }))).toEqual([
      'buyer',
      'seller',
      'own',
      'reach',
      'goods',
      'fraud',
      'failed',
    ]);
  });

  it('speaks at once when paused or stepping, and at most every two seconds while playing', () => {
    expect(sayAt(5000, 4000, false)).toBe(5000);
    expect(sayAt(5000, 4000, true)).toBe(6000);
    expect(sayAt(5000, 1000, true)).toBe(5000);
    expect(sayAt(5000, -Infinity, true)).toBe(5000);
  });
});

describe('the market scene’s text twin, in both languages', () => {
  const zh = nodeTranslator('zh-CN');
  const en = nodeTranslator('en');
  const zhCount = formatter('zh-CN', 'count');
  const enCount = formatter('en', 'count');
  const busy = dayOf(
    [
      ...Array<[Kind, number]>(28).fill(['delivered', 2]),
      ['stolen', 0],
      ['stolen', 0],
      ['failed', 0],
    ],
    { backlog: 1412, capacity: 150 },
  );

  it('names the day, the sample, the notable events and the queue', () => {
    expect(narrate(parcels, busy, en, enCount)).toBe(
      'Day 42: 31 orders sampled; 2 stolen payments, 1 parcel lost or damaged, ' +
        '1,412 parcels waiting (capacity 150 a day).',
    );
    expect(narrate(parcels, busy, zh, zhCount)).toBe(
      '第 42 天：抽样 31 笔订单；2 笔付款被盗，1 件包裹丢失或损坏，1,412 件包裹待发（每天运力 150 件）。',
    );
  });

  it('says when nothing went wrong, and uses the singular for one', () => {
    const calm = dayOf([['carried', 0]], { day: 3 });
    expect(narrate(shops, calm, en, enCount)).toBe(
      'Day 3: 1 order sampled; no fraud, failures or returns.',
    );
    expect(narrate(shops, calm, zh, zhCount)).toBe(
      '第 3 天：抽样 1 笔订单；没有欺诈、失败或退货。',
    );
  });

  it('names each kind of trouble, and an O2O failure as an order turned away', () => {
    const day = dayOf([
      ['scammed', 0],
      ['escrowRefund', 0],
      ['escrowRefund', 0],
      ['failed', 0],
      ['returned', 2],
    ]);
    expect(narrate(parcels, day, en, enCount)).toBe(
      'Day 42: 5 orders sampled; 1 buyer paid and got nothing, 2 payments refunded by escrow, ' +
        '1 parcel lost or damaged, 1 return.',
    );
    expect(narrate(o2o, dayOf([['failed', 0]]), en, enCount)).toBe(
      'Day 42: 1 order sampled; 1 order turned away.',
    );
    expect(narrate(o2o, dayOf([['failed', 0]]), zh, zhCount)).toBe(
      '第 42 天：抽样 1 笔订单；1 单被拒（商家或骑手忙不过来）。',
    );
  });

  it('names what the map shows for the canvas', () => {
    expect(sceneLabel(parcels, en, enCount)).toBe(
      'Map of the market: 2 buyers (a sample) as dots and 3 sellers as squares, 1 of them the ' +
        'platform’s own (triangles). Each day a sample of orders travels from seller to buyer, ' +
        'with fraud, failures and returns marked.',
    );
    expect(sceneLabel(shops, zh, zhCount)).toBe(
      '市场地图：2 个买家（抽样）显示为圆点，3 个卖家显示为方块；圆圈表示每家店的覆盖范围。' +
        '每天抽取一部分订单，从卖家送往买家，欺诈、失败和退货另有标记。',
    );
  });

  it('narrates the days the worker really sends', () => {
    const init = handle({
      type: 'init',
      generation: 1,
      configs: [preset('C2C', { escrow: false, seed: 3 })],
    });
    const setup = init.scene.setup!;
    expect(init.scene.day).toBeNull();
    const reply = handle({ type: 'advance', generation: 1, days: 5 });
    const day = reply.scene.day!;
    expect(day.day).toBe(5);
    const counts = countKinds(day.orders);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(day.orders.length / FIELDS);
    const text = narrate(setup, day, en, enCount);
    expect(text).toMatch(/^Day 5: \d+ orders sampled; /);
    const scammed = counts[K('scammed')]!;
    expect(scammed).toBeGreaterThan(0);
    expect(text).toContain(`${scammed} buyer`);
    expect(itemsOf(setup, day, 0, PACE.step).length).toBeLessThanOrEqual(PACE.step.limit);
  });
});
