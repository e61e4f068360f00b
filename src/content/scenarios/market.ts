/** The market scenarios served to the pages: built in (../catalog/market.ts) or kept. See ./serve.ts. */
import { SCENARIOS, loadScenario } from '../catalog/market.ts';
import { scenarioServer } from './serve.ts';

export const marketScenarios = scenarioServer('market', {
  head(id) {
    const m = SCENARIOS.find((s) => s.id === id);
    return m && { id, kind: 'market', title: m.title, summary: m.summary, lesson: null };
  },
  load: loadScenario,
});
