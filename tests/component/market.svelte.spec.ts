import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addStrings } from '../../src/i18n/index.svelte.ts';
import { MARKET_STRINGS } from '../../src/i18n/parts.ts';
import MarketPage from '../../src/features/market/MarketPage.svelte';
import { shareQuery } from '../../src/features/market/view.ts';
import { announcement } from '../../src/state/announce.svelte.ts';

beforeEach(async () => {
  await addStrings(MARKET_STRINGS);
});

/** A way to break the engine's state just before the real invariant check looks at it. */
const tamper = vi.hoisted(() => ({ day: -1 }));
vi.mock('../../src/engine/market/invariants.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/engine/market/invariants.ts')>();
  return {
    ...actual,
    checkInvariants: (...[sim, from]: Parameters<typeof actual.checkInvariants>) => {
      if (sim.day === tamper.day) sim.stock[4] = -2;
      return actual.checkInvariants(sim, from);
    },
  };
});
afterEach(() => {
  tamper.day = -1;
});

const route = (scenario: string | null, query = '') => ({
  name: 'market' as const,
  scenario,
  query,
});

describe('the Marketplace page', () => {
  it('before a run shows what will appear, not a table of zeros; then runs day by day and fills it', async () => {
    const user = userEvent.setup();
    render(MarketPage, { route: route('') });
    const step = await screen.findByRole('button', { name: '前进一天' });
    // Disabled until the first run is set up, so that no click is lost.
    await waitFor(() => expect(step).toBeEnabled());
    expect(screen.getByText(/结果对比表和六张每日走势图/)).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: /结果对比/ })).toBeNull();
    expect(screen.queryAllByRole('figure')).toHaveLength(0);
    expect(screen.queryByText(/¥0/)).toBeNull();
    await user.click(step);
    await user.click(step);
    expect(await screen.findByText(/第 2 天，共 120 天/)).toBeInTheDocument();
    const table = screen.getByRole('table', { name: /结果对比/ });
    const gmvRow = within(table).getByRole('row', { name: /成交总额/ });
    expect(gmvRow.textContent).toMatch(/¥[\d,]+/);
    await waitFor(() => expect(screen.getAllByRole('figure')).toHaveLength(6));
    expect(screen.getByText(/到第 2 天，累计成交总额为 ¥/)).toBeInTheDocument();
    expect(screen.queryByText(/结果对比表和六张每日走势图/)).toBeNull();
  });

  it('opens the settings a share link carries', async () => {
    render(MarketPage, { route: route('', shareQuery({ model: 'C2C', seed: 42, escrow: false })) });
    expect(await screen.findByDisplayValue('42')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: '商业模式' })).toHaveValue('C2C');
    expect(screen.getByRole('checkbox', { name: '担保交易' })).not.toBeChecked();
  });

  it('says a tampered link is damaged and starts from the preset', async () => {
    render(MarketPage, { route: route('', 'p=bm9uc2Vuc2U') });
    expect(await screen.findByRole('combobox', { name: '商业模式' })).toBeInTheDocument();
    expect(screen.getByRole('spinbutton', { name: '随机种子' })).toHaveValue(1);
    expect(await screen.findByText(/链接里的设置已损坏或超出允许范围/)).toBeInTheDocument();
  });

  it('a share link pasted into the open page applies at once', async () => {
    const { rerender } = render(MarketPage, { route: route('b2c-shop') });
    const seed = await screen.findByRole('spinbutton', { name: '随机种子' });
    await waitFor(() => expect(seed).toHaveValue(1));
    await rerender({ route: route('b2c-shop', shareQuery({ model: 'B2C', seed: 77 })) });
    await waitFor(() => expect(seed).toHaveValue(77));
    expect(await screen.findByText(/已按链接里的设置和随机种子打开/)).toBeInTheDocument();
  });

  it('names each column for what it is, and shows “—” where a number does not apply', async () => {
    const user = userEvent.setup();
    render(MarketPage, { route: route('online-vs-offline') });
    const step = await screen.findByRole('button', { name: '前进一天' });
    await waitFor(() => expect(step).toBeEnabled());
    await user.click(step);
    const table = await screen.findByRole('table', { name: /结果对比/ });
    expect(within(table).getByRole('columnheader', { name: '线上平台' })).toBeInTheDocument();
    const revenue = within(table).getByRole('row', { name: /平台收入/ });
    expect(
      within(revenue)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual([expect.stringMatching(/^¥[\d,.]+$/), '—']);
    expect(screen.getByText(/“—”表示这一项在该设置下不适用/)).toBeInTheDocument();
  });

  it('refuses out-of-range settings with a message, and keeps working', async () => {
    const user = userEvent.setup();
    render(MarketPage, { route: route('') });
    const buyers = await screen.findByRole('spinbutton', { name: '买家数' });
    await waitFor(() => expect(buyers).toBeEnabled());
    await user.clear(buyers);
    await user.type(buyers, '5');
    await user.click(screen.getByRole('button', { name: '应用设置并重新开始' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('设置超出了允许范围');
  });

  it('does not start a game from out-of-range settings (found by the UI fuzz, seed 77)', async () => {
    const user = userEvent.setup();
    render(MarketPage, { route: route('b2c-shop') });
    const days = await screen.findByRole('spinbutton', { name: '模拟天数' });
    await waitFor(() => expect(days).toBeEnabled());
    await user.clear(days);
    await user.type(days, '100000000');
    await user.click(await screen.findByRole('button', { name: '开始游戏' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('设置超出了允许范围');
    expect(screen.getByRole('button', { name: '开始游戏' })).toBeInTheDocument();
  });

  it('switches a comparison off and on again after some days', async () => {
    const user = userEvent.setup();
    render(MarketPage, { route: route('online-vs-offline') });
    const baseline = await screen.findByRole('checkbox', { name: /线下购物（基线）/ });
    await user.click(baseline);
    await user.click(await screen.findByRole('button', { name: '前进一天' }));
    await screen.findAllByText(/第 1 天，共/);
    await user.click(baseline);
    expect(baseline).toBeChecked();
    await user.click(await screen.findByRole('button', { name: '前进一天' }));
    expect(
      await screen.findByRole('columnheader', { name: /线下购物（基线）/ }),
    ).toBeInTheDocument();
  });
});

describe('debug mode', () => {
  it('debug=1 in the link checks the invariants every day, shows that they held and says so', async () => {
    const user = userEvent.setup();
    render(MarketPage, { route: route('', `${shareQuery({ days: 7 })}&debug=1`) });
    expect(await screen.findByRole('checkbox', { name: '检查不变量（调试模式）' })).toBeChecked();
    const panel = screen.getByRole('region', { name: '不变量检查（调试模式）' });
    await user.click(screen.getByRole('button', { name: '前进一天' }));
    await user.click(screen.getByRole('button', { name: '前进一天' }));
    expect(await within(panel).findByText('已逐日检查 2 天，不变量全部成立。')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '运行' }));
    expect(
      await within(panel).findByText('已逐日检查 7 天，不变量全部成立。', {}, { timeout: 5000 }),
    ).toBeInTheDocument();
    await waitFor(() => expect(announcement.message).toBe('已逐日检查 7 天，不变量全部成立。'));
  });

  it('reports the first broken invariant with its numbers, says so, and pauses the run', async () => {
    const user = userEvent.setup();
    tamper.day = 3;
    render(MarketPage, { route: route('', `${shareQuery({ days: 30 })}&debug=1`) });
    const panel = await screen.findByRole('region', { name: '不变量检查（调试模式）' });
    await user.click(screen.getByRole('button', { name: '运行' }));
    const broken = '第 3 天（自定义设置）：卖家 5 的库存为 -2，小于 0。';
    expect(await within(panel).findByText(broken, { exact: false })).toHaveTextContent(
      `不变量被破坏。 ${broken}`,
    );
    await waitFor(() => expect(announcement.message).toBe(`不变量被破坏。${broken}`));
    expect(screen.getByRole('button', { name: '运行' })).toBeInTheDocument();
    expect(screen.getByText(/第 5 天，共 30 天/)).toBeInTheDocument();
  });

  it('the box in the settings turns it on and off without restarting the run', async () => {
    const user = userEvent.setup();
    render(MarketPage, { route: route('') });
    const box = await screen.findByRole('checkbox', { name: '检查不变量（调试模式）' });
    await waitFor(() => expect(box).toBeEnabled());
    expect(box).not.toBeChecked();
    expect(screen.queryByRole('region', { name: '不变量检查（调试模式）' })).toBeNull();
    await user.click(screen.getByRole('button', { name: '前进一天' }));
    await user.click(box);
    const panel = await screen.findByRole('region', { name: '不变量检查（调试模式）' });
    expect(await within(panel).findByText('还没有检查任何一天。')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '前进一天' }));
    expect(await within(panel).findByText('已逐日检查 1 天，不变量全部成立。')).toBeInTheDocument();
    expect(screen.getByText(/第 2 天，共 120 天/)).toBeInTheDocument();
    await user.click(box);
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: '不变量检查（调试模式）' })).toBeNull(),
    );
  });
});

describe('game mode', () => {
  it('plays a seller through every round and compares the result with the bots alone', async () => {
    const user = userEvent.setup();
    render(MarketPage, { route: route('b2c-shop') });
    await user.click(await screen.findByRole('button', { name: '开始游戏' }));
    await screen.findByRole('button', { name: '进行这一轮' });
    const price = screen.getByRole('spinbutton', { name: '你的售价（元）' });
    await user.clear(price);
    await user.type(price, '90');
    for (let round = 1; round <= 6; round++) {
      await screen.findByText(new RegExp(`第 ${round} 轮，共 6 轮`));
      if (round > 1) {
        // Between rounds: sales, stock, profit this round and so far, and the standing.
        const summary = await screen.findByText(new RegExp(`第 ${round - 1} 轮结束`));
        expect(summary.textContent).toMatch(
          /卖出 [\d,]+ 件，剩余库存 [\d,]+ 件；本轮利润 −?¥[\d,.]+，累计利润 −?¥[\d,.]+。按累计利润，你在 \d+ 位在营卖家中排第 \d+。/,
        );
      }
      await user.click(await screen.findByRole('button', { name: '进行这一轮' }));
    }
    const status = await screen.findByText(/由电脑扮演你这家店时为/, {}, { timeout: 5000 });
    expect(status.textContent).toMatch(/你的店铺利润为 −?¥[\d,.]+；/);
    expect(status.textContent).toMatch(/你的店铺在 \d+ 位在营卖家中排第 \d+/);
    expect(screen.getByRole('columnheader', { name: '你的决策' })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: '电脑扮演' })).toBeInTheDocument();
  });
});
