/**
 * The question sets and cases served to the pages: built in (../catalog/practice.ts) or kept.
 * See ./serve.ts.
 */
import { loadedPractice, loadPractice, practiceById } from '../catalog/practice.ts';
import { scenarioServer } from './serve.ts';

export const practiceScenarios = scenarioServer('practice', {
  head(id) {
    const m = practiceById(id);
    return m && { id, kind: m.kind, title: m.title, summary: m.summary, lesson: null };
  },
  load: loadPractice,
  loaded: loadedPractice,
});
