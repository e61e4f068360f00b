/**
 * The session's debrief figures without the network: the bots-only run stepped alongside the
 * class's market (same seed, same events, every seat a bot's), the comparison per role and per
 * market figure, and the decisions of every round.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, Session } from '../../server/classroom/session.ts';

const settings = { ...DEFAULT_SETTINGS, roles: [...DEFAULT_SETTINGS.roles], rounds: 3 };

function session(seed: number): Session {
  return new Session(seed, { ...settings, roles: [...settings.roles] });
}

describe('the bots-only run beside the class’s market', () => {
  it('is the same market as the class’s when nobody plays: every figure equal, over several seeds', () => {
    for (const seed of [1, 2, 3]) {
      const s = session(seed);
      expect(s.comparison()).toBeNull();
      s.inject('surge', 1.5, 3);
      s.completeRound();
      s.completeRound();
      const c = s.comparison()!;
      expect(c.roles).toEqual([]);
      for (const m of c.metrics) expect(m.market, m.metric).toBe(m.botsOnly);
      expect(c.metrics.find((m) => m.metric === 'gmv')!.market).toBeGreaterThan(0);
    }
  });

  it('shows what a student changed: a shop priced at three times the usual price sells less than the same shop run by a bot', () => {
    let gaps = 0;
    let gain = 0;
    const seeds = [4, 5, 6, 7, 8, 9, 10, 11];
    for (const seed of seeds) {
      const s = session(seed);
      const a = s.addStudent('a', '张三', 'tok-a');
      expect(s.assign(a.id, 'seller').ok).toBe(true);
      expect(s.queue(a.id, { role: 'seller', price: s.sim.config.basePrice * 3 }).ok).toBe(true);
      s.completeRound();
      s.completeRound();
      const seller = s.comparison()!.roles.find((r) => r.role === 'seller')!;
      expect(seller.seats).toBe(1);
      // The bots-only run is a run of its own: the same as a session nobody joined.
      const alone = session(seed);
      alone.completeRound();
      alone.completeRound();
      expect(s.botsOnly.series).toEqual(alone.sim.series);
      const sold = s.sim.unitsSold[a.seat]!;
      const botSold = s.botsOnly.unitsSold[a.seat]!;
      expect(sold).toBeLessThanOrEqual(botSold);
      if (botSold > sold) gaps++;
      gain += seller.botsOnly - seller.market;
    }
    // Most seeds show the gap, and on average the bot's shop did better by a clear margin.
    expect(gaps).toBeGreaterThanOrEqual(seeds.length / 2);
    expect(gain / seeds.length).toBeGreaterThan(100);
  });

  it('lists every decision with its round, the student’s name and whether the student held the seat', () => {
    const s = session(9);
    const a = s.addStudent('a', '张三', 'tok-a');
    const b = s.addStudent('b', 'Ann', 'tok-b');
    s.assign(a.id, 'seller');
    s.assign(b.id, 'platform');
    s.queue(a.id, { role: 'seller', price: 120 });
    s.queue(b.id, { role: 'platform', commission: 0.1 });
    s.completeRound();
    b.covered = true;
    s.queue(a.id, { role: 'seller', restock: 30 });
    s.queue(b.id, { role: 'platform', escrow: false });
    s.completeRound();
    expect(s.decisions()).toEqual([
      {
        round: 1,
        student: 'a',
        name: '张三',
        role: 'seller',
        held: true,
        intent: { role: 'seller', price: 120 },
      },
      {
        round: 1,
        student: 'b',
        name: 'Ann',
        role: 'platform',
        held: true,
        intent: { role: 'platform', commission: 0.1 },
      },
      {
        round: 2,
        student: 'a',
        name: '张三',
        role: 'seller',
        held: true,
        intent: { role: 'seller', restock: 30 },
      },
      {
        round: 2,
        student: 'b',
        name: 'Ann',
        role: 'platform',
        held: false,
        intent: { role: 'platform', escrow: false },
      },
    ]);
  });

  it('tells a student their own round apart from what the seat made before they took it', () => {
    const s = session(11);
    const a = s.addStudent('a', '张三', 'tok-a');
    const b = s.addStudent('b', 'Ann', 'tok-b');
    s.assign(a.id, 'courier');
    s.assign(b.id, 'buyer');
    s.completeRound();
    s.completeRound();
    // Round 3: the courier network changes hands (a rotation), and Ann is away.
    s.assign(a.id, 'buyer');
    s.assign(b.id, 'courier');
    b.covered = true;
    const before = s.score('courier', 0);
    s.completeRound();
    const seatTotal = s.score('courier', 0);
    const annView = s.privateView(s.students.get('b')!);
    expect(annView.lastRound).toEqual({
      round: 3,
      role: 'courier',
      score: seatTotal - before,
      held: false,
    });
    // Her seat's total includes the two rounds 张三 ran it: not hers, and not shown as hers.
    expect(annView.holdings?.role === 'courier' && annView.holdings.profit).toBe(seatTotal);
    expect(Math.abs(seatTotal - annView.lastRound!.score)).toBeGreaterThan(0);
    const his = s.privateView(s.students.get('a')!).lastRound;
    expect(his).toMatchObject({ round: 3, role: 'buyer', held: true });
    // Before any round, and for a student without a seat in the last one, there is none.
    expect(session(11).privateView(session(11).addStudent('c', 'C', 'tok-c')).lastRound).toBeNull();
    const restored = Session.restore(JSON.parse(JSON.stringify(s.snapshot('123456', 'key'))));
    expect(restored.lastRound.get('b')).toEqual(annView.lastRound);
  });

  it('comes back the same from a snapshot', () => {
    const s = session(10);
    const a = s.addStudent('a', '张三', 'tok-a');
    s.assign(a.id, 'seller');
    s.queue(a.id, { role: 'seller', price: 150 });
    s.inject('fraudWave', 2, 5);
    s.completeRound();
    const restored = Session.restore(JSON.parse(JSON.stringify(s.snapshot('123456', 'key'))));
    expect(restored.comparison()).toEqual(s.comparison());
    expect(restored.decisions()).toEqual(s.decisions());
  });
});
