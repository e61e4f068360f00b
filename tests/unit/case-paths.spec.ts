/**
 * Every path through every built-in case, written out: the choices taken, the last choice's
 * label, the ending reached and its title. The list was read once, path by path, to check that
 * each ending's title and text fit every path that reaches it (a delayed refund does not end on
 * "refused the return"); it is pinned, so a change to a case shows up here to be read again.
 * Also: the sets and the cases are listed in the order the chapter runs.
 */
import { describe, expect, it } from 'vitest';
import { collectFiles, validateFiles } from '../../src/content/node.ts';
import type { Case, Lesson, Quiz } from '../../src/content/schema.ts';
import { choose, offered, startCase, type CaseState } from '../../src/engine/quiz/case.ts';

const { files } = validateFiles(collectFiles(['lessons', 'scenarios/quiz', 'scenarios/case']));
const cases = files
  .flatMap((f) => (f.content?.kind === 'case' ? [f.content.data] : []))
  .sort((a, b) => a.order - b.order);
const sets = files
  .flatMap((f) => (f.content?.kind === 'quiz' ? [f.content.data] : []))
  .sort((a, b) => a.order - b.order);
const lessons = files
  .flatMap((f) => (f.content?.kind === 'lesson' ? [f.content.data] : []))
  .sort((a, b) => a.order - b.order);

/** Each path of a case as one line: choices → ending [result] titles; last choice's label. */
function paths(c: Case): string[] {
  const out: string[] = [];
  const walk = (state: CaseState): void => {
    const node = c.nodes.find((n) => n.id === state.node)!;
    if (node.ending) {
      const last = c.nodes
        .flatMap((n) => n.choices ?? [])
        .find((ch) => ch.id === state.taken.at(-1));
      out.push(
        `${state.taken.join(' → ')} (${state.score}) ⇒ ${node.id} [${node.ending.result}] ` +
          `${node.ending.title.zh} / ${node.ending.title.en} · last: ${last?.label.zh ?? '—'}`,
      );
      return;
    }
    for (const choice of offered(c, state)) walk(choose(c, state, choice.id));
  };
  walk(startCase(c));
  return out;
}

describe('every path of every case', () => {
  it('reaches an ending whose title belongs to it (reviewed once, then pinned)', async () => {
    const text = cases.map((c) => [`## ${c.id}`, ...paths(c)].join('\n')).join('\n\n');
    await expect(`${text}\n`).toMatchFileSnapshot('./__snapshots__/case-paths.txt');
  });

  it('return on day five: accepting the return but refunding late ends on a late refund', () => {
    const c = cases.find((x) => x.id === 'return-day-five')!;
    const late = paths(c).filter((p) => p.includes('refund-later'));
    expect(late.length).toBeGreaterThan(0);
    for (const p of late) expect(p).toContain('⇒ end-late-refund [bad] 拖延退款，被投诉');
    for (const p of paths(c).filter((x) => x.includes('⇒ end-bad'))) expect(p).toMatch(/insist/);
  });
});

/** Where a set or case sits in the chapter: section, part, first chapter point. */
function place(item: Quiz | Case): [number, number, number] {
  const [sectionId, partId] = (item.lesson ?? '').split('/');
  const first = 'points' in item ? item.points[0] : item.questions[0]?.points[0];
  const section = lessons.findIndex((l: Lesson) => l.id === sectionId);
  const parts = lessons[section]?.parts ?? [];
  const part = partId
    ? parts.findIndex((p) => p.id === partId)
    : parts.findIndex((p) => p.points.some((pt) => pt.id === first));
  const point = parts[part]?.points.findIndex((pt) => pt.id === first) ?? -1;
  return [section, part, point];
}
const before = (a: number[], b: number[]) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return true;
};

describe('the list of sets and cases', () => {
  it('runs as the chapter does: flows, models, platforms, security, law, solutions', () => {
    for (const list of [sets, cases]) {
      for (let i = 1; i < list.length; i++) {
        const [a, b] = [list[i - 1]!, list[i]!];
        expect(before(place(a), place(b)), `${a.id} before ${b.id}`).toBe(true);
      }
    }
    expect(sets.map((s) => s.lesson?.split('/')[0])).toEqual([
      'process',
      'models',
      'security-law',
      'security-law',
      'security-law',
    ]);
  });

  it('has cases for the earlier sections too: a B2B purchase, an O2O order, an operating model', () => {
    const sections = cases.map((c) => c.lesson);
    expect(sections.slice(0, 3)).toEqual([
      'models/b2b',
      'models/o2o',
      'platforms/operating-models',
    ]);
  });
});
