/**
 * The one place that serves scenarios (src/content/scenarios/): built in or kept by this
 * browser, checked, as `{ data, issues }`, a kept file parsed once per version.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as check from '../../src/content/check.ts';
import { flowScenarios } from '../../src/content/scenarios/flows.ts';
import { marketScenarios } from '../../src/content/scenarios/market.ts';
import { practiceScenarios } from '../../src/content/scenarios/practice.ts';

const servers = { flow: flowScenarios, market: marketScenarios, practice: practiceScenarios };
type Family = keyof typeof servers;
const serveScenario = (family: Family, id: string) => servers[family].serve(id);
const scenarioHead = (family: Family, id: string) => servers[family].head(id);
const keptScenarios = (family: Family) => servers[family].kept();
import { openText } from '../../src/features/authoring/open.ts';
import { keepScenario, load, type StoredScenario } from '../../src/state/scenarios.svelte.ts';
import { localStore } from '../../src/state/store.ts';
import { FakeStorage } from '../component/helpers.ts';

const template = (kind: string) => readFileSync(`scenarios/templates/${kind}.yaml`, 'utf8');

beforeEach(async () => {
  const backend = new FakeStorage();
  await load(localStore(() => backend));
});

/** Keep a file as an older version of the app may have kept it: without checking it now. */
const keepAsIs = (id: string, kind: StoredScenario['kind'], text: string) =>
  keepScenario({
    id,
    kind,
    title: { zh: id, en: id },
    name: `${id}.yaml`,
    source: 'file',
    text,
    addedAt: '2026-11-29T09:00:00.000Z',
  });

describe('serving a scenario by family and id', () => {
  it('serves a built-in one from the build, with no issues', async () => {
    const flow = await serveScenario('flow', 'transaction');
    expect(flow.issues).toEqual([]);
    expect(flow.data?.id).toBe('transaction');
    expect(scenarioHead('flow', 'transaction')).toMatchObject({
      builtIn: true,
      lesson: 'process/transaction-flow',
    });
    const market = await serveScenario('market', 'b2c-shop');
    expect(market.data?.kind).toBe('market');
    expect((await serveScenario('practice', 'nothing-of-this-id')).data).toBeNull();
  });

  it('has a built-in one ready at once after it has loaded, and never a kept one', async () => {
    // A page opened on a flow or a set fetches it beside the page (app/pages.ts, `prepare`) and
    // draws it in the same task; a page whose scenario is not here yet waits for `serve`.
    expect(flowScenarios.ready('payment')).toBeUndefined();
    expect(practiceScenarios.ready('phishing-link')).toBeUndefined();
    const served = await flowScenarios.serve('payment');
    expect(flowScenarios.ready('payment')).toEqual({ data: served.data, issues: [] });
    await practiceScenarios.serve('phishing-link');
    expect(practiceScenarios.ready('phishing-link')?.data?.id).toBe('phishing-link');
    expect(flowScenarios.ready('nothing-of-this-id')).toBeUndefined();

    await keepAsIs('my-flow', 'flow', template('flow'));
    await serveScenario('flow', 'my-flow');
    expect(flowScenarios.ready('my-flow')).toBeUndefined();
  });

  it('serves a kept one checked, parsing it once for opening and every showing', async () => {
    const parse = vi.spyOn(check, 'checkScenario');
    const opened = await openText('mine.yaml', template('quiz'), 'file');
    if (!opened.ok) throw new Error('template not opened');
    const first = await serveScenario('practice', 'my-quiz');
    const second = await serveScenario('practice', 'my-quiz');
    expect(first).toEqual({ data: opened.scenario.data, issues: [] });
    expect(second.data).toBe(first.data);
    expect(parse).toHaveBeenCalledTimes(1);
    expect(scenarioHead('practice', 'my-quiz')).toMatchObject({ kind: 'quiz', builtIn: false });
    expect(keptScenarios('practice').map((s) => s.id)).toEqual(['my-quiz']);
    expect(keptScenarios('flow')).toEqual([]);

    // Another version of the file is checked anew.
    await openText('mine.yaml', template('quiz').replace('My question set', 'My set v2'), 'file');
    const third = await serveScenario('practice', 'my-quiz');
    expect(third.data?.title.en).toBe('My set v2');
    expect(parse).toHaveBeenCalledTimes(2);
    parse.mockRestore();
  });

  it('gives the issues of a kept file today’s checks refuse, and no data', async () => {
    // Kept by an older version of the app, before a rule it breaks existed.
    await keepAsIs(
      'old-quiz',
      'quiz',
      template('quiz')
        .replace('id: my-quiz', 'id: old-quiz')
        .replace(/points: \[[^\]]*\]/, 'points: [no-such-point]'),
    );
    const served = await serveScenario('practice', 'old-quiz');
    expect(served.data).toBeNull();
    expect(served.issues.map((i) => i.code)).toContain('unknownPoint');
  });

  it('serves nothing for a kept file of another family, or of a kind its text denies', async () => {
    await openText('flow.yaml', template('flow'), 'file');
    const flowId = keptScenarios('flow')[0]!.id;
    expect(await serveScenario('practice', flowId)).toEqual({ data: null, issues: [] });
    expect(await serveScenario('market', flowId)).toEqual({ data: null, issues: [] });
    // Stored as a case, but the text is a flow.
    await keepAsIs('not-a-case', 'case', template('flow').replace(/^id: .*$/m, 'id: not-a-case'));
    expect(await serveScenario('practice', 'not-a-case')).toEqual({ data: null, issues: [] });
  });
});
