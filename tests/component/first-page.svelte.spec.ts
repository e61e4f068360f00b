/**
 * The first page is drawn whole: main.ts waits (a few seconds at most) for what `warm` fetches,
 * the page's code and what it shows, so a flow's player or a set's questions appear with the page
 * instead of after a "loading" line and a second drawing.
 */
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { warm } from '../../src/app/pages.ts';
import { parseHash } from '../../src/app/routes.ts';
import { flowScenarios } from '../../src/content/scenarios/flows.ts';
import { practiceScenarios } from '../../src/content/scenarios/practice.ts';
import { loadedLesson } from '../../src/content/catalog/lessons.ts';
import FlowsPage from '../../src/features/flows/FlowsPage.svelte';

vi.mock('../../src/features/flows/diagram.ts', () => ({
  renderDiagram: vi.fn(async () => '<svg data-testid="diagram"></svg>'),
  showStep: vi.fn(),
}));

describe('warming the first page', () => {
  it("loads a flow's steps, a set's questions and a lesson's text beside the page", async () => {
    expect(flowScenarios.ready('logistics')).toBeUndefined();
    await warm(parseHash('#/flows/logistics/start'));
    expect(flowScenarios.ready('logistics')?.data?.id).toBe('logistics');

    await warm(parseHash('#/flows'));
    expect(flowScenarios.ready('transaction')?.data?.id).toBe('transaction');

    await warm(parseHash('#/quiz/security'));
    expect(practiceScenarios.ready('security')?.data?.id).toBe('security');

    await warm(parseHash('#/lessons/process'));
    expect(loadedLesson('process')?.id).toBe('process');
  });

  it('resolves, not rejects, for a route whose content does not exist', async () => {
    await expect(warm(parseHash('#/flows/nothing-of-this-id'))).resolves.toBeDefined();
    await expect(warm(parseHash('#/quiz/nothing-of-this-id'))).resolves.toBeDefined();
  });

  it('draws the player with the page, in the same render, once the flow is warm', async () => {
    const route = parseHash('#/flows/payment');
    await warm(route);
    render(FlowsPage, { route });
    // No waiting (no findBy): the player and its first step are there at once. (Only the
    // diagram itself, a picture loaded when wanted, may still be on its way.)
    expect(screen.getByRole('heading', { name: /^1\. / })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /下一步/ })).toBeInTheDocument();
  });
});
