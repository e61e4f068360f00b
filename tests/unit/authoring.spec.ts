import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { beforeEach, describe, expect, it } from 'vitest';
import { decodeScenario, encodeScenario, shareUrl } from '../../src/features/authoring/share.ts';
import { checkScenario } from '../../src/content/check.ts';
import { openLink, openText, openUrl } from '../../src/features/authoring/open.ts';
import { formatIssue, formatWarning } from '../../src/content/messages.ts';
import { nodeTranslator } from '../../src/content/node.ts';
import { readList } from '../../src/content/kept-schema.ts';
import {
  load,
  scenarios,
  SCENARIOS_ASIDE_PREFIX,
  SCENARIOS_KEY,
} from '../../src/state/scenarios.svelte.ts';
import { localStore } from '../../src/state/store.ts';
import {
  keepScenario,
  MAX_KEPT_BYTES,
  removeScenario,
  storedBytes,
  type StoredScenario,
} from '../../src/state/scenarios.svelte.ts';
import { emptyRecord } from '../../src/state/progress/record.ts';
import { myResults } from '../../src/features/quiz/my-results.ts';

const en = nodeTranslator('en');
const zh = nodeTranslator('zh-CN');
const template = (kind: string) => readFileSync(`scenarios/templates/${kind}.yaml`, 'utf8');

class MapStorage {
  data = new Map<string, string>();
  constructor(private readonly failWrite = false) {}
  get length() {
    return this.data.size;
  }
  clear() {
    this.data.clear();
  }
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  key(i: number) {
    return [...this.data.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
  setItem(k: string, v: string) {
    if (this.failWrite) throw new DOMException('full', 'QuotaExceededError');
    this.data.set(k, v);
  }
}
let backend: MapStorage;
beforeEach(async () => {
  backend = new MapStorage();
  await load(localStore(() => backend));
});

describe('share links', () => {
  it('round-trip a scenario, Chinese included, and are much shorter than the text', async () => {
    const text = template('case');
    const param = await encodeScenario(text);
    expect(param).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(param.length).toBeLessThan(text.length);
    expect(await decodeScenario(param)).toBe(text);
    expect(shareUrl(param, { origin: 'https://x.edu', pathname: '/sim/' })).toBe(
      `https://x.edu/sim/#/open?s=${param}`,
    );
  });

  it('return null for anything that is not a link, never throwing', async () => {
    for (const bad of ['', 'not base64!', 'AAAA', 'x'.repeat(70_000)]) {
      expect(await decodeScenario(bad)).toBeNull();
    }
  });

  it('stop decompressing a bomb at the size cap', async () => {
    const bomb = await encodeScenario('a'.repeat(3_000_000));
    expect(bomb.length).toBeLessThan(10_000);
    const started = performance.now();
    expect(await decodeScenario(bomb, 256 * 1024)).toBeNull();
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('checking a scenario in the browser', () => {
  it('accepts every template', () => {
    for (const kind of ['quiz', 'case', 'flow', 'market']) {
      expect(checkScenario(`${kind}.yaml`, template(kind)).issues).toEqual([]);
    }
  });

  it('refuses a lesson, a built-in id, and an unknown chapter point, with positioned messages', () => {
    const lesson = checkScenario('l.yaml', readFileSync('lessons/01-process.yaml', 'utf8'));
    expect(lesson.issues.map((i) => formatIssue(i, en))).toEqual([
      "l.yaml:1:1  kind  this is a lesson file, which cannot be opened as a scenario; a scenario's kind is flow, market, quiz or case",
    ]);
    const clash = template('quiz').replace('id: my-quiz', 'id: security');
    expect(checkScenario('q.yaml', clash).issues.map((i) => formatIssue(i, zh))).toEqual([
      'q.yaml:5:5  id  编号 security 已被内置场景使用，请换一个编号',
    ]);
    // Placed from the parsed document: a quoted key, and a key inside a flow mapping (JSON).
    const quoted = template('quiz').replace('id: my-quiz', '"id": security');
    expect(checkScenario('q.yaml', quoted).issues.map((i) => formatIssue(i, en))).toEqual([
      'q.yaml:5:7  id  the id security belongs to a built-in scenario: choose another id',
    ]);
    // The same file as JSON (YAML's flow style): the id is on line 3, its value at column 9.
    const json = JSON.stringify({ ...parse(template('quiz')), id: 'security' }, null, 2);
    expect(checkScenario('q.json', json).issues.map((i) => formatIssue(i, en))).toEqual([
      'q.json:3:9  id  the id security belongs to a built-in scenario: choose another id',
    ]);
    const tag = template('quiz').replace('[payment-security]', '[payment-securty]');
    expect(checkScenario('q.yaml', tag).issues.map((i) => formatIssue(i, en))).toEqual([
      'q.yaml:14:14  questions[0].points[0]  no chapter point has the id payment-securty; did you mean payment-security?',
    ]);
  });
});

describe('a text in one language only', () => {
  it('is filled from the other language and reported as a warning, not an error', () => {
    const text = template('quiz').replace(
      '  en: One sentence on what these questions practise.\n',
      '',
    );
    const { scenario, issues, warnings } = checkScenario('q.yaml', text);
    expect(issues).toEqual([]);
    expect(scenario?.data.summary).toEqual({
      zh: '一句话说明这组题练什么。',
      en: '一句话说明这组题练什么。',
    });
    expect(warnings.map((w) => formatWarning(w, en))).toEqual([
      'q.yaml:9:3  summary.en  warning: English is missing: the Chinese is shown for now; add en',
    ]);
    expect(warnings.map((w) => formatWarning(w, zh))).toEqual([
      'q.yaml:9:3  summary.en  提示：缺少英文，暂时显示中文；请补上 en',
    ]);
  });
});

describe('opening and keeping scenarios', () => {
  it('keeps a valid file, replaces one with the same id, and changes nothing for an invalid one', async () => {
    const first = await openText('a.yaml', template('quiz'), 'file');
    expect(first).toMatchObject({
      ok: true,
      href: '#/quiz/my-quiz',
      kept: { ok: true, replaced: false },
    });
    const again = await openText('b.yaml', template('quiz'), 'editor');
    expect(again).toMatchObject({ ok: true, kept: { ok: true, replaced: true } });
    expect(scenarios.items.map((s) => [s.kind, s.id, s.name])).toEqual([
      ['quiz', 'my-quiz', 'b.yaml'],
    ]);
    const before = backend.getItem(SCENARIOS_KEY);
    const bad = await openText('bad.yaml', 'kind: quiz\nid: Bad Id\n', 'file');
    expect(bad.ok).toBe(false);
    expect(backend.getItem(SCENARIOS_KEY)).toBe(before);
  });

  it('puts the answers to an opened question set in the results file', async () => {
    await openText('a.yaml', template('quiz'), 'file');
    const record = {
      ...emptyRecord('2026-11-25T09:00:00.000Z'),
      quizzes: {
        'my-quiz': {
          answers: {
            'first-question': {
              correct: true,
              first: true,
              tries: 1,
              at: '2026-11-25T09:00:00.000Z',
            },
          },
        },
      },
    };
    const results = myResults(record, '2026-11-25T10:00:00.000Z');
    expect(results.sets).toEqual([
      {
        id: 'my-quiz',
        title: { zh: '我的题组', en: 'My question set' },
        total: 2,
        questions: [
          {
            id: 'first-question',
            points: ['payment-security'],
            correct: true,
            first: true,
            tries: 1,
          },
        ],
      },
    ]);
  });

  it('opens an address with the fetcher, and says why it could not', async () => {
    const ok = (body: string, status = 200) =>
      (async () => new Response(body, { status })) as unknown as typeof fetch;
    expect(await openUrl('https://t.example/c.yaml', ok(template('case')))).toMatchObject({
      ok: true,
      href: '#/quiz/my-case',
    });
    expect(await openUrl('javascript:alert(1)', ok(''))).toEqual({ ok: false, problem: 'badUrl' });
    expect(await openUrl('https://t.example/x', ok('', 404))).toEqual({
      ok: false,
      problem: 'fetch',
      detail: '404',
    });
  });

  it('stops reading an endless body at the size cap, and a stalled one at the time limit', async () => {
    let pulled = 0;
    const endless = (async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled += 1;
            controller.enqueue(new Uint8Array(64 * 1024).fill(0x23));
          },
        }),
      )) as unknown as typeof fetch;
    expect(await openUrl('https://t.example/endless.yaml', endless)).toEqual({
      ok: false,
      problem: 'tooLarge',
    });
    // 256 KB allowed: stopped after a handful of 64 KB chunks, not after the whole stream.
    expect(pulled).toBeLessThan(10);

    const stalled: typeof fetch = async (_url, init) =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('kind: quiz\n'));
            init?.signal?.addEventListener('abort', () =>
              controller.error(new DOMException('aborted', 'AbortError')),
            );
          },
        }),
      );
    const started = Date.now();
    expect(await openUrl('https://t.example/slow.yaml', stalled, 200)).toEqual({
      ok: false,
      problem: 'timeout',
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('opens a share link', async () => {
    const param = await encodeScenario(template('market'));
    expect(await openLink(param)).toMatchObject({ ok: true, href: '#/market/my-market' });
    expect(await openLink('%%%')).toEqual({ ok: false, problem: 'badLink' });
  });

  it('keeps working in memory when storage is full, and says so', async () => {
    await load(localStore(() => new MapStorage(true)));
    expect(await openText('a.yaml', template('quiz'), 'file')).toMatchObject({
      ok: true,
      kept: { ok: false, reason: 'memory' },
    });
    expect(scenarios.items).toHaveLength(1);
  });
});

describe('the kept list', () => {
  it('keeps an unreadable list aside and never overwrites a newer one', async () => {
    backend.setItem(SCENARIOS_KEY, '{broken');
    await load(localStore(() => backend));
    expect(scenarios.problem).toBe('corrupt');
    const aside = [...backend.data.keys()].find((k) => k.startsWith(SCENARIOS_ASIDE_PREFIX));
    expect(aside && backend.getItem(aside)).toBe('{broken');

    const newer = JSON.stringify({ format: 'ecsim-scenarios', version: 9, items: [] });
    backend.setItem(SCENARIOS_KEY, newer);
    await load(localStore(() => backend));
    expect(scenarios.problem).toBe('newer');
    await openText('a.yaml', template('quiz'), 'file');
    expect(backend.getItem(SCENARIOS_KEY)).toBe(newer);
  });

  const entry = (id: string, text = `kind: quiz\nid: ${id}\n`): StoredScenario => ({
    id,
    kind: 'quiz',
    title: { zh: id, en: id },
    name: `${id}.yaml`,
    source: 'file',
    text,
    addedAt: '2026-11-29T09:00:00.000Z',
  });
  /** What another tab of the app writes: the list as stored, with one entry more. */
  const otherTabKeeps = (e: StoredScenario) => {
    const stored = JSON.parse(backend.getItem(SCENARIOS_KEY) ?? '{"items":[]}');
    backend.setItem(
      SCENARIOS_KEY,
      JSON.stringify({ format: 'ecsim-scenarios', version: 1, items: [...stored.items, e] }),
    );
  };

  it('a keep or a remove in this tab leaves what another tab kept meanwhile', async () => {
    await keepScenario(entry('from-a'));
    otherTabKeeps(entry('from-b'));
    await keepScenario(entry('from-a-again'));
    const ids = () =>
      readList(backend.getItem(SCENARIOS_KEY)).status === 'ok' &&
      (readList(backend.getItem(SCENARIOS_KEY)) as { items: StoredScenario[] }).items.map(
        (i) => i.id,
      );
    expect(ids()).toEqual(['from-a', 'from-b', 'from-a-again']);
    otherTabKeeps(entry('from-b-2'));
    await removeScenario('quiz', 'from-a');
    expect(ids()).toEqual(['from-b', 'from-a-again', 'from-b-2']);
    expect(scenarios.items.map((i) => i.id)).toEqual(['from-b', 'from-a-again', 'from-b-2']);
  });

  it('a link never replaces another kept version without asking; replacing keeps the old aside', async () => {
    await keepScenario(entry('shared', 'kind: quiz\nid: shared\n# the teacher’s copy\n'));
    const fromLink = {
      ...entry('shared', 'kind: quiz\nid: shared\n# shortened\n'),
      source: 'link' as const,
    };
    expect(await keepScenario(fromLink)).toMatchObject({ ok: false, reason: 'conflict' });
    expect(scenarios.items[0]?.text).toContain('the teacher’s copy');
    expect(await keepScenario(fromLink, { replace: true })).toEqual({ ok: true, replaced: true });
    const aside = [...backend.data].find(([k]) => k.startsWith('ecsim.scenarios.replaced.'));
    expect(aside?.[1]).toContain('the teacher’s copy');
  });

  it('counts the bytes the list takes when stored, escapes included', async () => {
    // Control characters take six characters each in JSON ("\u0001").
    const big = entry('big', `kind: quiz\nid: big\n#${'\u0001'.repeat(400_000)}\n`);
    expect(big.text.length).toBeLessThan(MAX_KEPT_BYTES / 4);
    expect(storedBytes([big])).toBeGreaterThan(MAX_KEPT_BYTES);
    expect(await keepScenario(big)).toEqual({ ok: false, reason: 'full' });
    expect(backend.getItem(SCENARIOS_KEY)).toBeNull();
  });

  it('a hostile stored list is kept aside whole, never half-read, and nothing is written over it', async () => {
    const list = (items: unknown, extra: object = {}) =>
      JSON.stringify({ format: 'ecsim-scenarios', version: 1, items, ...extra });
    const good = entry('fine');
    const hostile = [
      list([{ ...good, kind: 'lesson' }]),
      list([{ ...good, title: 'not bilingual' }]),
      list([{ ...good, questions: [{ id: 'q', points: 'p' }] }]),
      list(new Array(200_000).fill(0)),
      list({ 0: good }),
      JSON.stringify({ format: 'ecsim-scenarios', version: '1', items: [good] }),
      JSON.stringify([good]),
    ];
    for (const raw of hostile) {
      expect(readList(raw)).toEqual({ status: 'corrupt', raw });
      backend.setItem(SCENARIOS_KEY, raw);
      await load(localStore(() => backend));
      expect(scenarios.problem).toBe('corrupt');
      expect(scenarios.items).toEqual([]);
      const aside = [...backend.data.keys()].filter((k) => k.startsWith(SCENARIOS_ASIDE_PREFIX));
      expect(aside.map((k) => backend.getItem(k))).toContain(raw);
      backend.data.clear();
    }
    // A list from a newer version is not read at all, and this tab writes nothing over it.
    const newer = JSON.stringify({ format: 'ecsim-scenarios', version: 2, items: 'another shape' });
    expect(readList(newer)).toEqual({ status: 'newer', raw: newer });
    backend.setItem(SCENARIOS_KEY, newer);
    await load(localStore(() => backend));
    expect(await keepScenario(good)).toEqual({ ok: false, reason: 'memory' });
    expect(backend.getItem(SCENARIOS_KEY)).toBe(newer);
  });

  it('drops prototype and unknown keys of an entry, and never follows them', () => {
    const raw = JSON.stringify({ format: 'ecsim-scenarios', version: 1, items: [entry('x')] })
      .replace('"id":"x"', '"__proto__":{"polluted":true},"constructor":{"prototype":{}},"id":"x"')
      .replace('{"format"', '{"__proto__":{"polluted":true},"format"');
    const read = readList(raw);
    expect(read).toEqual({ status: 'ok', items: [entry('x')] });
    if (read.status === 'ok') expect(Object.keys(read.items[0]!)).not.toContain('constructor');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads only well-formed entries', () => {
    expect(
      readList(JSON.stringify({ format: 'ecsim-scenarios', version: 1, items: [{ id: 'x' }] }))
        .status,
    ).toBe('corrupt');
    expect(readList(null)).toEqual({ status: 'ok', items: [] });
  });
});
