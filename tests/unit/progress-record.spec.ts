import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkCurrent,
  emptyRecord,
  mergeRecords,
  readRecord,
  setLessonRead,
  updateFlow,
  type Migration,
  type Progress,
} from '../../src/state/progress/record.ts';
import { recordCase } from '../../src/state/progress/practice.ts';
import { recordOrdering } from '../../src/state/progress/flows.ts';
import { MAX_IMPORT_CHARS, countAdded, readImport } from '../../src/state/progress/saver.ts';

const fixture = (name: string) => readFileSync(`tests/fixtures/progress/${name}`, 'utf8');
const NOW = '2026-11-24T12:00:00.000Z';

describe('reading saved progress', () => {
  it('migrates version 1 (lessons only) to the current version, keeping every answer', () => {
    const result = readRecord(fixture('v1.json'));
    expect(result).toMatchObject({ status: 'ok', migrated: true });
    if (result.status !== 'ok') return;
    expect(result.record.version).toBe(3);
    expect(result.record.lessons).toEqual(JSON.parse(fixture('v1.json')).lessons);
    expect(result.record.flows).toEqual({});
    expect(result.record.quizzes).toEqual({});
  });

  it('migrates version 2 (lessons and flows), keeping every flow result', () => {
    const result = readRecord(fixture('v2.json'));
    expect(result).toMatchObject({ status: 'ok', migrated: true });
    if (result.status !== 'ok') return;
    expect(result.record.flows.transaction).toEqual(
      JSON.parse(fixture('v2.json')).flows.transaction,
    );
    expect(result.record).toMatchObject({ version: 3, quizzes: {}, cases: {}, learner: null });
  });

  it('reads version 3 (answers, cases, learner) as it is', () => {
    const raw = fixture('v3.json');
    const result = readRecord(raw);
    expect(result).toMatchObject({ status: 'ok', migrated: false });
    if (result.status !== 'ok') return;
    const saved = JSON.parse(raw);
    expect(result.record.quizzes).toEqual(saved.quizzes);
    expect(result.record.cases).toEqual(saved.cases);
    expect(result.record.learner).toEqual(saved.learner);
  });

  /** Read a record expecting it to be read, with some entries set aside. */
  const readWithAside = (value: unknown) => {
    const result = readRecord(JSON.stringify(value));
    if (result.status !== 'ok') throw new Error(`not read: ${JSON.stringify(result)}`);
    return { record: result.record, aside: JSON.parse(result.setAside ?? 'null') };
  };

  it('sets aside impossible answers and case results, one entry at a time, and reads the rest', () => {
    const v3 = JSON.parse(fixture('v3.json'));
    v3.quizzes.security.answers['privacy-what'].tries = 0;
    const a = readWithAside(v3);
    expect(a.record.quizzes).toEqual({});
    expect(a.record.lessons).toEqual(v3.lessons);
    expect(a.record.cases).toEqual(v3.cases);
    expect(a.aside.quizzes.security.answers['privacy-what'].tries).toBe(0);
    const v3b = JSON.parse(fixture('v3.json'));
    v3b.cases['phishing-link'].endings = ['<img>'];
    const b = readWithAside(v3b);
    expect(b.record.cases).toEqual({});
    expect(b.record.quizzes).toEqual(v3b.quizzes);
    expect(Object.keys(b.aside.cases)).toEqual(['phishing-link']);
    const v3c = JSON.parse(fixture('v3.json'));
    v3c.learner = { name: 'x'.repeat(81), seed: 'a' };
    expect(readRecord(JSON.stringify(v3c))).toMatchObject({ reason: 'learner' });
  });

  it('a flow result scored on another version of the flow costs only that entry', () => {
    // What "Check the order" saved before: best kept from the longer flow, total of the shorter.
    const v3 = JSON.parse(fixture('v3.json'));
    v3.flows.transaction.ordering = { best: 6, last: 2, total: 3, at: NOW };
    const { record, aside } = readWithAside(v3);
    expect(record.flows).toEqual({});
    expect(record.lessons).toEqual(v3.lessons);
    expect(record.quizzes).toEqual(v3.quizzes);
    expect(record.cases).toEqual(v3.cases);
    expect(aside.flows.transaction.ordering.best).toBe(6);
  });

  it('clamps times after now, so a future-dated answer cannot win every merge', () => {
    const v3 = JSON.parse(fixture('v3.json'));
    v3.quizzes.security.answers['privacy-what'].at = '9999-01-01T00:00:00.000Z';
    const result = readRecord(JSON.stringify(v3), undefined, undefined, undefined, NOW);
    expect(result).toMatchObject({ status: 'ok', clamped: true });
    if (result.status === 'ok')
      expect(result.record.quizzes.security?.answers['privacy-what']?.at).toBe(NOW);
  });

  it('keeps the raw text of corrupt data', () => {
    const raw = fixture('corrupt.txt');
    expect(readRecord(raw)).toEqual({ status: 'corrupt', raw, reason: 'json' });
    expect(readRecord('[1,2]')).toMatchObject({ status: 'corrupt', raw: '[1,2]' });
    expect(readRecord('{"version":"one"}')).toMatchObject({ status: 'corrupt', reason: 'version' });
  });

  it('recognises data from a newer app and does not try to read it', () => {
    const raw = fixture('newer.json');
    expect(readRecord(raw)).toEqual({ status: 'newer', raw, version: 99 });
  });

  it('treats nothing saved as empty', () => {
    expect(readRecord(null)).toEqual({ status: 'empty' });
    expect(readRecord('')).toEqual({ status: 'empty' });
  });

  it('rebuilds records from known keys only: no prototype pollution', () => {
    const result = readRecord(fixture('polluting.json'));
    // The `__proto__` lesson is set aside as a bad entry; nothing reaches Object.prototype.
    expect(result).toMatchObject({ status: 'ok' });
    if (result.status === 'ok') expect(Object.keys(result.record.lessons)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const ok = checkCurrent({ ...JSON.parse(fixture('v3.json')), extra: 1 });
    expect(typeof ok).toBe('object');
    expect(ok).not.toHaveProperty('extra');
  });

  it('rejects malformed fields with a reason', () => {
    const base = JSON.parse(fixture('v3.json'));
    expect(checkCurrent({ ...base, format: 'other' })).toBe('format');
    expect(checkCurrent({ ...base, lessons: [] })).toBe('lessons');
    expect(checkCurrent({ ...base, lessons: { Bad: { readAt: NOW } } })).toBe('lessons.Bad');
    expect(checkCurrent({ ...base, lessons: { ok: { readAt: 'yesterday' } } })).toBe(
      'lessons.ok.readAt',
    );
  });
});

describe('the migration chain', () => {
  // A stand-in history: v1 stored a list of read ids, v2 a map, v3 (current) adds a format tag.
  const chain: Record<number, Migration> = {
    1: (old) => ({
      lessons: Object.fromEntries((old.read as string[]).map((id) => [id, { readAt: NOW }])),
      updatedAt: old.updatedAt,
    }),
    2: (old) => ({ ...old, format: 'ecsim-progress' }),
  };
  const check = (value: Record<string, unknown>) =>
    checkCurrent({ ...value, flows: {}, quizzes: {}, cases: {}, learner: null });

  it('upgrades an old record step by step to the current version', () => {
    const v1 = JSON.stringify({ version: 1, updatedAt: NOW, read: ['process', 'models'] });
    const result = readRecord(v1, chain, 3, check);
    expect(result).toMatchObject({ status: 'ok', migrated: true });
    if (result.status === 'ok')
      expect(Object.keys(result.record.lessons)).toEqual(['process', 'models']);
  });

  it('keeps the raw text when a step is missing or throws', () => {
    const v1 = JSON.stringify({ version: 1, updatedAt: NOW, read: 'not a list' });
    expect(readRecord(v1, chain, 3, check)).toMatchObject({ status: 'corrupt', raw: v1 });
    expect(readRecord(v1, {}, 3, check)).toMatchObject({
      status: 'corrupt',
      reason: 'no migration from 1',
    });
  });
});

describe('changing progress', () => {
  it('marks and unmarks a lesson; the first reading time is kept', () => {
    const a = setLessonRead(emptyRecord(NOW), 'process', true, NOW);
    const b = setLessonRead(a, 'process', true, '2026-12-01T00:00:00.000Z');
    expect(b.lessons.process?.readAt).toBe(NOW);
    expect(setLessonRead(b, 'process', false, NOW).lessons).toEqual({});
  });

  it('merges flow results: earliest completion, best score, newest attempt', () => {
    const mine = updateFlow(
      emptyRecord(NOW),
      'payment',
      () => ({
        ordering: { best: 3, last: 3, total: 5, at: '2026-11-02T00:00:00.000Z' },
      }),
      NOW,
    );
    const file = updateFlow(
      emptyRecord(NOW),
      'payment',
      () => ({
        completedAt: '2026-11-01T00:00:00.000Z',
        ordering: { best: 5, last: 2, total: 5, at: '2026-11-03T00:00:00.000Z' },
      }),
      NOW,
    );
    expect(mergeRecords(mine, file, NOW).flows.payment).toEqual({
      completedAt: '2026-11-01T00:00:00.000Z',
      ordering: { best: 5, last: 2, total: 5, at: '2026-11-03T00:00:00.000Z' },
    });
  });

  const withOrdering = (ordering: NonNullable<Progress['flows'][string]['ordering']>) =>
    updateFlow(emptyRecord(NOW), 'transaction', () => ({ ordering }), NOW);
  const reads = (record: Progress) =>
    readRecord(JSON.stringify(record), undefined, undefined, undefined, NOW);

  it('merges ordering results of two versions of a flow into a record that reads back', () => {
    // Mine: 6 of 6 on the full flow. The file: a shortened flow (3 steps), answered later.
    const mine = withOrdering({ best: 6, last: 6, total: 6, at: '2026-11-02T00:00:00.000Z' });
    const file = withOrdering({ best: 2, last: 2, total: 3, at: '2026-11-03T00:00:00.000Z' });
    const merged = mergeRecords(mine, file, NOW);
    expect(merged.flows.transaction?.ordering).toEqual({
      best: 2,
      last: 2,
      total: 3,
      at: '2026-11-03T00:00:00.000Z',
    });
    expect(reads(merged)).toMatchObject({ status: 'ok', setAside: null });
  });

  it('merges case results of two versions of a case into a record that reads back', () => {
    const base = emptyRecord(NOW);
    const mine = recordCase(
      base,
      'phishing-link',
      { score: 9, max: 10, ending: 'safe' },
      '2026-11-02T00:00:00.000Z',
    );
    const file = recordCase(
      base,
      'phishing-link',
      { score: 3, max: 5, ending: 'safe' },
      '2026-11-03T00:00:00.000Z',
    );
    const merged = mergeRecords(mine, file, NOW);
    expect(merged.cases['phishing-link']).toMatchObject({ best: 3, max: 5 });
    expect(reads(merged)).toMatchObject({ status: 'ok', setAside: null });
  });

  it('a future-dated answer from a file does not beat a later real one', () => {
    const answer = (correct: boolean, at: string) => ({
      ...emptyRecord(NOW),
      quizzes: { security: { answers: { q: { correct, first: correct, tries: 1, at } } } },
    });
    const mine = answer(true, NOW);
    const poisoned = answer(false, '9999-12-31T23:59:59.000Z');
    const merged = mergeRecords(mine, poisoned, NOW);
    expect(merged.quizzes.security?.answers.q?.at).toBe(NOW);
    const later = '2026-11-24T13:00:00.000Z';
    const next = mergeRecords(merged, answer(true, later), later);
    expect(next.quizzes.security?.answers.q).toMatchObject({ correct: true, at: later });
  });

  it('the ordering check starts a new best when the flow has another number of steps', () => {
    const old = { ordering: { best: 6, last: 6, total: 6, at: NOW } };
    expect(recordOrdering(old, { score: 2, total: 3 }, NOW).ordering).toEqual({
      best: 2,
      last: 2,
      total: 3,
      at: NOW,
    });
    expect(recordOrdering(old, { score: 4, total: 6 }, NOW).ordering).toMatchObject({
      best: 6,
      last: 4,
    });
  });

  it('merging loses nothing from either side', () => {
    const mine = setLessonRead(emptyRecord(NOW), 'process', true, '2026-11-02T00:00:00.000Z');
    const file = setLessonRead(
      setLessonRead(emptyRecord(NOW), 'process', true, '2026-11-01T00:00:00.000Z'),
      'models',
      true,
      NOW,
    );
    const merged = mergeRecords(mine, file, NOW);
    expect(merged.lessons).toEqual({
      process: { readAt: '2026-11-01T00:00:00.000Z' },
      models: { readAt: NOW },
    });
    expect(countAdded(mine, merged)).toBe(1);
  });
});

describe('a hostile progress file', () => {
  const v3 = () => JSON.parse(fixture('v3.json')) as Record<string, unknown>;
  /** Import `file` into a record and return what the import says and the record after it. */
  const importInto = async (file: string | Blob, record = v3Record()) => {
    const read = await readImport(file);
    return { read, after: read.ok ? read.change(record) : record };
  };
  const v3Record = () => {
    const result = readRecord(fixture('v3.json'));
    if (result.status !== 'ok') throw new Error('fixture not read');
    return result.record;
  };

  it.each([
    ['a section of the wrong type', { ...v3(), lessons: 'all of them' }],
    ['a time that is not a time', { ...v3(), updatedAt: 12 }],
    ['a learner of the wrong shape', { ...v3(), learner: ['x'] }],
    ['a huge list where a section belongs', { ...v3(), flows: new Array(300_000).fill(0) }],
    ['an array for a record', new Array(10).fill(v3())],
    ['a string for a version', { ...v3(), version: '3' }],
  ])('%s: refused as not progress, the record unchanged', async (_, value) => {
    const before = v3Record();
    const started = performance.now();
    const { read, after } = await importInto(JSON.stringify(value), before);
    expect(read).toEqual({ ok: false, reason: 'notProgress' });
    expect(after).toBe(before);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('a future version is refused with its number, before anything else in it is read', async () => {
    const { read } = await importInto(JSON.stringify({ version: 4, lessons: 'a later shape' }));
    expect(read).toEqual({ ok: false, reason: 'newer', version: 4 });
  });

  it('a file over the size limit is refused without being read', async () => {
    const big = new Blob([' '.repeat(MAX_IMPORT_CHARS + 1)]);
    let read = false;
    const file = Object.assign(big, {
      text: () => {
        read = true;
        return Promise.resolve('');
      },
    });
    expect((await importInto(file)).read).toEqual({ ok: false, reason: 'tooLarge' });
    expect(read).toBe(false);
    expect(await readImport(`${' '.repeat(MAX_IMPORT_CHARS)}{}`)).toEqual({
      ok: false,
      reason: 'tooLarge',
    });
  });

  it('entries of the wrong type or with huge lists are skipped and counted; the rest is read', async () => {
    const file = {
      ...v3(),
      lessons: { models: { readAt: NOW }, process: { readAt: ['x'] } },
      flows: { payment: { predictions: { 'a-step': 'yes' } } },
      quizzes: { huge: { answers: new Array(50_000).fill({}) } },
      cases: {
        endless: { best: 1, last: 1, max: 2, endings: new Array(100_000).fill('end'), at: NOW },
      },
    };
    const before = readRecord(JSON.stringify({ ...v3(), lessons: {}, flows: {}, quizzes: {} }));
    if (before.status !== 'ok') throw new Error('not read');
    const { read, after } = await importInto(JSON.stringify(file), before.record);
    expect(read).toMatchObject({ ok: true, skipped: 4 });
    expect(Object.keys(after.lessons)).toEqual(['models']);
    expect(after.flows).toEqual({});
    expect(after.quizzes).toEqual({});
    expect(after.cases).toEqual(before.record.cases);
  });

  it('prototype keys anywhere are never followed and never reach the record', async () => {
    const text = JSON.stringify(v3())
      .replace('"lessons":{', '"lessons":{"__proto__":{"readAt":"2026-11-19T10:00:00.000Z"},')
      .replace('"answers":{', '"answers":{"__proto__":{"polluted":true},')
      .replace(
        '{',
        '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},',
      );
    const { read, after } = await importInto(text);
    expect(read).toMatchObject({ ok: true, skipped: 2 });
    expect(Object.keys(after.lessons)).not.toContain('__proto__');
    expect(Object.getPrototypeOf(after.lessons)).toBe(Object.prototype);
    expect(after).not.toHaveProperty('constructor.prototype.polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
