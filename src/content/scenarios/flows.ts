/** The flows served to the pages: built in (../catalog/flows.ts) or kept. See ./serve.ts. */
import { flowMetaById, loadedFlow, loadFlow } from '../catalog/flows.ts';
import { scenarioServer } from './serve.ts';

export const flowScenarios = scenarioServer('flow', {
  head(id) {
    const m = flowMetaById(id);
    return m && { id, kind: 'flow', title: m.title, summary: m.summary, lesson: m.lesson };
  },
  load: loadFlow,
  loaded: loadedFlow,
});
