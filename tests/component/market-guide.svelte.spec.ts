import { render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { addStrings } from '../../src/i18n/index.svelte.ts';
import { MARKET_STRINGS } from '../../src/i18n/parts.ts';
import GuidePage from '../../src/features/market/GuidePage.svelte';
import { setLang } from '../../src/state/settings.svelte.ts';

beforeEach(async () => {
  await addStrings(MARKET_STRINGS);
});

const route = { name: 'marketGuide' as const };

/** The claims table: the one whose header names the literature column. */
function claimsTable(literature: string): HTMLTableElement {
  const header = screen.getByRole('columnheader', { name: literature });
  const table = header.closest('table');
  if (!table) throw new Error('no claims table');
  return table;
}

describe('the model guide', () => {
  it('renders the Chinese guide: title, a link back, numbered headings with ids, the claims table', async () => {
    render(GuidePage, { route });
    expect(
      screen.getByRole('heading', { level: 1, name: '这个市场是怎样运作的' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /返回模拟市场/ })).toHaveAttribute('href', '#/market');
    const agents = await screen.findByRole('heading', { level: 2, name: '1 市场里有谁' });
    expect(agents).toHaveAttribute('id', 'guide-1');
    expect(screen.getByRole('heading', { level: 3, name: '2.3 担保交易' })).toHaveAttribute(
      'id',
      'guide-2-3',
    );
    expect(screen.getAllByRole('heading', { level: 2 })).toHaveLength(7);
    expect(screen.getByRole('heading', { level: 2, name: /结论与对应的测试/ })).toHaveAttribute(
      'id',
      'guide-5',
    );
    const claims = claimsTable('文献');
    // 42 claims and a header row; test names quoted in English are marked as English.
    expect(within(claims).getAllByRole('row').length).toBeGreaterThan(30);
    const name = within(claims).getByText(
      'escrow cuts fraud losses by at least half and does not hurt consumers',
    );
    expect(name).toHaveAttribute('lang', 'en');
  });

  it('puts every table in a labelled region that scrolls sideways', async () => {
    const { container } = render(GuidePage, { route });
    await screen.findByRole('heading', { level: 2, name: '1 市场里有谁' });
    const tables = container.querySelectorAll('table');
    expect(tables.length).toBe(6);
    for (const table of tables) {
      const wrap = table.parentElement!;
      expect(wrap).toHaveClass('guide-table');
      expect(wrap).toHaveAttribute('role', 'region');
      expect(wrap).toHaveAttribute('tabindex', '0');
    }
    expect(screen.getByRole('region', { name: /5 结论与对应的测试/ })).toContainElement(
      claimsTable('文献'),
    );
  });

  it('switches to the English guide', async () => {
    render(GuidePage, { route });
    await screen.findByRole('heading', { level: 2, name: '1 市场里有谁' });
    await setLang('en');
    expect(
      await screen.findByRole('heading', { level: 2, name: '1 What the market is' }),
    ).toHaveAttribute('id', 'guide-1');
    expect(
      screen.getByRole('heading', { level: 1, name: 'How this market works' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Back to the Marketplace/ })).toHaveAttribute(
      'href',
      '#/market',
    );
    expect(
      screen.getByRole('heading', { level: 3, name: '2.4 Ratings, read on one scale' }),
    ).toHaveAttribute('id', 'guide-2-4');
    const claims = claimsTable('Literature');
    expect(within(claims).getByText('suppliers trading online make a profit')).toBeInTheDocument();
    expect(within(claims).getAllByText('Cabral & Hortaçsu 2010')).toHaveLength(1);
    expect(screen.queryByRole('heading', { name: '1 市场里有谁' })).toBeNull();
    expect(document.title).toContain('How this market works');
  });
});
