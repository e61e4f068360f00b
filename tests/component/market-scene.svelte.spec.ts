import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addStrings } from '../../src/i18n/index.svelte.ts';
import { MARKET_STRINGS } from '../../src/i18n/parts.ts';
import { setLang } from '../../src/state/settings.svelte.ts';
import MarketScene from '../../src/features/market/MarketScene.svelte';
import { FIELDS, KINDS, type Kind } from '../../src/features/market/scene.ts';
import type { SceneDay, SceneSetup } from '../../src/features/market/worker.ts';

const setup: SceneSetup = {
  sellers: new Float32Array([0.1, 0.2, 0.5, 0.5, 0.9, 0.9]),
  own: new Uint8Array([0, 1, 0]),
  buyers: new Float32Array([0.8, 0.9, 0.3, 0.3]),
  radius: 0,
  online: true,
  o2o: false,
};

function dayOf(day: number, kinds: Kind[], backlog = 0): SceneDay {
  const orders = new Float32Array(kinds.length * FIELDS);
  kinds.forEach((k, e) => orders.set([KINDS.indexOf(k), 0.8, 0.9, 0.1, 0.2, 2], e * FIELDS));
  return { day, orders, active: new Uint8Array([1, 1, 1]), backlog, capacity: 150, escrow: true };
}

beforeEach(async () => {
  await addStrings(MARKET_STRINGS);
  // jsdom has no canvas: the scene must keep its text, legend and toggle without one.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** The text twin: the one live region. */
const twin = (container: HTMLElement) => container.querySelector('[aria-live="polite"]')!;

describe('the market scene', () => {
  it('before a run says what will appear, and the toggle still works', async () => {
    const user = userEvent.setup();
    render(MarketScene, { setup: null, day: null, playing: false });
    expect(screen.getByRole('heading', { name: '市场动态' })).toBeInTheDocument();
    expect(screen.getByText(/点“运行”或“前进一天”后，这里会出现买家和卖家的地图/)).toBeVisible();
    const toggle = screen.getByRole('button', { name: '隐藏动态图' });
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await user.click(toggle);
    expect(screen.getByRole('button', { name: '显示动态图' })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
    expect(screen.queryByText(/这里会出现买家和卖家的地图/)).toBeNull();
  });

  it('names the map, lists its marks and narrates a stepped day at once', async () => {
    const { container } = render(MarketScene, {
      setup,
      day: dayOf(7, ['delivered', 'stolen', 'escrowRefund'], 300),
      playing: false,
    });
    expect(screen.getByRole('img', { name: /^市场地图：2 个买家（抽样）/ })).toBeInTheDocument();
    const legend = screen.getByRole('list', { name: '图例说明' });
    const marks = within(legend)
      .getAllByRole('listitem')
      .map((li) => li.textContent?.trim());
    expect(marks).toContain('平台自营店');
    expect(marks).toContain('担保账户：¥ ×n 即代管中的货款笔数，收货后放款');
    expect(marks).toContain('欺诈（付款被盗或收钱不发货）');
    expect(twin(container)).toHaveTextContent(
      '第 7 天：抽样 3 笔订单；1 笔付款被盗，1 笔货款由担保交易退回，300 件包裹待发（每天运力 150 件）。',
    );
    expect(
      screen.getByText('待发包裹：300 件，约够快递送 2 天（每天可送 150 件）'),
    ).toBeInTheDocument();
  });

  it('marks the roles in the legend with the same icons as the flows', () => {
    render(MarketScene, { setup, day: dayOf(2, ['delivered']), playing: false });
    const legend = screen.getByRole('list', { name: '图例说明' });
    const iconed = within(legend)
      .getAllByRole('listitem')
      .filter((li) => li.querySelector('svg.icon'))
      .map((li) => li.textContent?.trim());
    expect(iconed).toEqual([
      '买家（抽样）',
      '卖家',
      '平台自营店',
      '在途商品',
      '担保账户：¥ ×n 即代管中的货款笔数，收货后放款',
      '放给卖家或退回买家的钱',
    ]);
    // Each icon is the role's, decorative: the words beside it say what it is.
    for (const icon of legend.querySelectorAll('svg.icon'))
      expect(icon).toHaveAttribute('aria-hidden', 'true');
  });

  it('while playing speaks at most every two seconds, and at once on pause', async () => {
    vi.useFakeTimers();
    await setLang('en');
    const { container, rerender } = render(MarketScene, {
      setup,
      day: dayOf(1, ['delivered']),
      playing: true,
    });
    expect(twin(container)).toHaveTextContent(/^Day 1: 1 order sampled/);
    await rerender({ setup, day: dayOf(6, ['delivered', 'failed']), playing: true });
    await rerender({ setup, day: dayOf(11, ['delivered', 'returned']), playing: true });
    expect(twin(container)).toHaveTextContent(/^Day 1:/);
    await vi.advanceTimersByTimeAsync(2100);
    expect(twin(container)).toHaveTextContent('Day 11: 2 orders sampled; 1 return.');
    await rerender({ setup, day: dayOf(16, ['stolen']), playing: true });
    expect(twin(container)).toHaveTextContent(/^Day 11:/);
    await rerender({ setup, day: dayOf(16, ['stolen']), playing: false });
    expect(twin(container)).toHaveTextContent('Day 16: 1 order sampled; 1 stolen payment.');
    expect(screen.getByRole('button', { name: 'Hide the scene' })).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'What the marks mean' })).toBeInTheDocument();
    expect(screen.getByText('No parcels waiting (couriers deliver 150 a day)')).toBeInTheDocument();
  });
});
