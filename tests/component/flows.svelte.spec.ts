import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { addStrings } from '../../src/i18n/index.svelte.ts';
import { FLOWS_STRINGS } from '../../src/i18n/parts.ts';
import { setLang } from '../../src/state/settings.svelte.ts';
import { flowResult } from '../../src/state/progress.svelte.ts';
import FlowPlayer from '../../src/features/flows/FlowPlayer.svelte';
import { loadFlow } from '../../src/content/catalog/flows.ts';
import type { Flow } from '../../src/content/schema.ts';

// Mermaid needs a real layout engine: its drawing is tested in Chromium (tests/e2e). Here the
// diagram is a stand-in so the player's own behaviour can be tested.
vi.mock('../../src/features/flows/diagram.ts', () => ({
  renderDiagram: vi.fn(async () => '<svg data-testid="diagram"></svg>'),
  showStep: vi.fn(),
}));

let transaction: Flow;
let logistics: Flow;
beforeEach(async () => {
  await addStrings(FLOWS_STRINGS);
  transaction = (await loadFlow('transaction'))!;
  logistics = (await loadFlow('logistics'))!;
});

const recordValue = (label: string) => {
  const record = screen.getByRole('complementary', { name: '订单记录' });
  const dt = within(record).getByText(label, { selector: 'dt' });
  return dt.nextElementSibling?.textContent?.trim();
};

describe('the flow player', () => {
  it('has named controls and steps forward and back, restoring the record exactly', async () => {
    const user = userEvent.setup();
    render(FlowPlayer, { flow: transaction, stepId: null });
    expect(screen.getByRole('heading', { name: '1. 用户注册与登录' })).toBeInTheDocument();
    for (const name of ['上一步', '下一步', '播放', '重新开始']) {
      expect(screen.getByRole('button', { name: new RegExp(name) })).toBeInTheDocument();
    }
    expect(screen.getByRole('button', { name: /上一步/ })).toBeDisabled();
    for (let i = 0; i < 3; i++) await user.click(screen.getByRole('button', { name: /下一步/ }));
    expect(screen.getByRole('heading', { name: '4. 下单结算' })).toBeInTheDocument();
    expect(recordValue('订单状态')).toBe('待付款');
    expect(recordValue('库存')).toBe('剩余 2 件');
    expect(screen.getByText('第 4 步，共 6 步')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /上一步/ }));
    expect(recordValue('订单状态')).toBe('未下单');
    expect(recordValue('库存')).toBe('剩余 3 件');
  });

  it('is driven by the keyboard: → ← Home End', async () => {
    render(FlowPlayer, { flow: transaction, stepId: null });
    await fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    await fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    expect(screen.getByRole('heading', { name: '3. 加入购物车' })).toBeInTheDocument();
    await fireEvent.keyDown(document.body, { key: 'ArrowLeft' });
    expect(screen.getByRole('heading', { name: '2. 浏览商品' })).toBeInTheDocument();
    await fireEvent.keyDown(document.body, { key: 'End' });
    expect(screen.getByRole('heading', { name: '6. 收货与评价' })).toBeInTheDocument();
    expect(recordValue('订单状态')).toBe('已评价');
    await fireEvent.keyDown(document.body, { key: 'Home' });
    expect(screen.getByRole('heading', { name: '1. 用户注册与登录' })).toBeInTheDocument();
  });

  it('takes a failure path: payment not finished → the order is cancelled and stock released', async () => {
    const user = userEvent.setup();
    render(FlowPlayer, { flow: transaction, stepId: 'checkout' });
    await user.click(screen.getByRole('button', { name: /支付失败或取消支付/ }));
    expect(recordValue('订单状态')).toBe('待付款');
    // A branch step is named as one; "of 6" stays the usual path's length.
    expect(screen.getByRole('heading', { name: '支线：支付未完成' })).toBeInTheDocument();
    expect(screen.getByText('支线步骤（主流程共 6 步）')).toBeInTheDocument();
    const choices = screen.getAllByRole('button').filter((b) => b.closest('.choices'));
    await user.click(choices.at(-1)!);
    expect(recordValue('订单状态')).toBe('已取消');
    expect(recordValue('库存')).toBe('剩余 3 件');
    expect(screen.getByText(/这条路径没有达成交易/)).toBeInTheDocument();
    // The usual path was not walked: no ordering check of it here.
    expect(screen.queryByRole('button', { name: '检查顺序' })).not.toBeInTheDocument();
    expect(screen.getByText(/排序检查要在走完整条主流程（共 6 步）之后才出现/)).toBeInTheDocument();
    // The way back to where the path branched is a real button.
    await user.click(screen.getByRole('button', { name: '回到分支处：支付未完成' }));
    expect(screen.getByRole('heading', { name: '支线：支付未完成' })).toBeInTheDocument();
    expect(recordValue('订单状态')).toBe('待付款');
    // Paying after the detour is step 5 of 6 again, and reaching the end offers the check.
    await user.click(screen.getByRole('button', { name: /在期限内重新支付/ }));
    expect(screen.getByRole('heading', { name: '5. 支付' })).toBeInTheDocument();
    expect(screen.getByText('第 5 步，共 6 步')).toBeInTheDocument();
    await fireEvent.keyDown(document.body, { key: 'End' });
    expect(screen.getByText('流程顺利完成，交易达成。')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '检查顺序' })).toBeInTheDocument();
    const steps = screen.getByRole('region', { name: '步骤列表' });
    expect(
      within(steps)
        .getAllByRole('link')
        .map((a) => a.querySelector('.step-no')?.textContent),
    ).toEqual(['1.', '2.', '3.', '4.', '支线', '5.', '6.']);
  });

  it('a seven-day return ends as a lawful reversal, not a failure, with a way back', async () => {
    const user = userEvent.setup();
    render(FlowPlayer, { flow: logistics, stepId: 'deliver' });
    await user.click(screen.getByRole('button', { name: /申请七日无理由退货/ }));
    await fireEvent.keyDown(document.body, { key: 'End' });
    expect(recordValue('订单状态')).toBe('已退款');
    const ending = screen.getByText(/交易已依法撤销/);
    expect(ending).not.toHaveClass('error');
    expect(screen.queryByText(/没有达成交易/)).not.toBeInTheDocument();
    // The whole usual path was walked before the return: the ordering check is offered.
    expect(screen.getByRole('button', { name: '检查顺序' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '回到分支处：派件与签收' }));
    expect(screen.getByRole('heading', { name: '5. 派件与签收' })).toBeInTheDocument();
  });

  it('opens at a step from its link, and offers to drill down', () => {
    render(FlowPlayer, { flow: transaction, stepId: 'pay' });
    expect(screen.getByRole('heading', { name: '5. 支付' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /展开这一步：电子商务支付流程/ })).toHaveAttribute(
      'href',
      '#/flows/payment',
    );
  });

  it('asks "what happens next?", gives feedback, and records the answer', async () => {
    const user = userEvent.setup();
    render(FlowPlayer, { flow: logistics, stepId: 'deliver' });
    const question = screen.getByRole('group', { name: /想一想/ });
    await user.click(within(question).getAllByRole('radio')[1]!);
    await user.click(within(question).getByRole('button', { name: '确定' }));
    expect(screen.getByText(/不对。正确答案是/)).toBeInTheDocument();
    expect(flowResult('logistics')?.predictions).toEqual({ deliver: false });
  });

  it('ends with an ordering check operable by keyboard, scored and saved', async () => {
    const user = userEvent.setup();
    render(FlowPlayer, { flow: logistics, stepId: 'deliver' });
    const list = screen.getByRole('list', { name: '待排序的步骤' });
    const solution = ['商家发货', '物流公司接单', '在途运输', '物流信息更新', '派件与签收'];
    // Sort by keyboard: move each step up to its place with the arrow key on its handle.
    for (const [target, title] of solution.entries()) {
      const handles = within(list).getAllByRole('button', { name: /^\d\. / });
      const from = handles.findIndex((h) => h.textContent?.includes(title));
      handles[from]!.focus();
      for (let k = from; k > target; k--) await user.keyboard('{ArrowUp}');
    }
    await user.click(screen.getByRole('button', { name: '检查顺序' }));
    expect(screen.getByText('全部正确！', { selector: 'p' })).toBeInTheDocument();
    expect(flowResult('logistics')?.ordering).toMatchObject({ best: 5, last: 5, total: 5 });
  });

  it('speaks English when switched', async () => {
    await setLang('en');
    await addStrings(FLOWS_STRINGS);
    render(FlowPlayer, { flow: transaction, stepId: null });
    for (const name of ['Previous', 'Next', 'Play', 'Restart']) {
      expect(screen.getByRole('button', { name: new RegExp(name) })).toBeInTheDocument();
    }
    expect(screen.getByRole('heading', { name: /^1\. Register/ })).toBeInTheDocument();
  });
});
