import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { addStrings } from '../../src/i18n/index.svelte.ts';
import { CLASSROOM_STRINGS } from '../../src/i18n/parts.ts';
import { setLang } from '../../src/state/settings.svelte.ts';
import JoinPage from '../../src/features/classroom/JoinPage.svelte';
import { serverUrl } from '../../src/features/classroom/connection.svelte.ts';
import type { PrivateView } from '../../src/classroom/protocol.ts';
import { FakeStorage } from './helpers.ts';
import { FakeRoom, fakeGateway, publicState, student } from './classroom-fakes.ts';

beforeEach(() => addStrings(CLASSROOM_STRINGS));

const SEAT = 'S'.repeat(32);

function privateView(over: Partial<PrivateView>): PrivateView {
  return {
    studentId: 'st1',
    seatToken: SEAT,
    name: '小明',
    role: '',
    holdings: null,
    queued: [],
    rank: 0,
    lastRound: null,
    ...over,
  };
}

async function join(room: FakeRoom, name = '小明') {
  const gateway = fakeGateway([room]);
  const storage = new FakeStorage();
  render(JoinPage, { code: '123456', gateway, storage });
  const user = userEvent.setup();
  await user.type(screen.getByLabelText(/你的名字|Your name/), name);
  await user.click(screen.getByRole('button', { name: /^加入$|^Join$/ }));
  return { gateway, storage, user };
}

describe('student view', () => {
  it('joins with the code from the link and a name, waits in the lobby, then sends a seller decision (zh)', async () => {
    const room = new FakeRoom();
    const { gateway, user } = await join(room);
    expect(gateway.join).toHaveBeenCalledWith({ code: '123456', name: '小明' });
    room.setState(publicState({ students: { st1: student('st1', '小明', '') } }));
    room.emit('private', privateView({}));
    expect(await screen.findByText('请等待老师开始第一轮。')).toBeInTheDocument();
    expect(screen.getByText('老师马上会给你分配角色。')).toBeInTheDocument();

    room.setState(publicState({ phase: 'round', countdown: 95 }));
    room.emit(
      'private',
      privateView({
        role: 'seller',
        holdings: {
          role: 'seller',
          shop: 2,
          price: 50,
          stock: 40,
          unitCost: 30,
          cash: 1000,
          profit: 0,
          unitsSold: 0,
          rating: 0.9,
          fulfilment: 'courier',
        },
      }),
    );
    expect(await screen.findByText('你的角色：卖家')).toBeInTheDocument();
    expect(screen.getByText(/剩余 1:35/)).toBeInTheDocument();
    expect(screen.getByText(/第 1 轮 \/ 共 3 轮/)).toBeInTheDocument();
    const price = screen.getByLabelText('新售价（元）');
    await user.clear(price);
    await user.type(price, '45.5');
    await user.type(screen.getByLabelText('下一轮进货件数'), '{Backspace}20');
    await user.click(screen.getByRole('radio', { name: '平台仓配（入仓）' }));
    await user.click(screen.getByRole('button', { name: '提交决策' }));
    expect(room.of('intent')).toEqual([
      { role: 'seller', price: 45.5, restock: 20, fulfilment: 'platform' },
    ]);
    // The countdown's milestones are announced, not every second.
    room.setState(publicState({ phase: 'round', countdown: 30 }));
    expect(await screen.findByText('本轮还剩 30 秒。')).toBeInTheDocument();
  });

  it('buys from the storefront, is told why a purchase was refused, sees results and rank (en)', async () => {
    await setLang('en');
    await addStrings(CLASSROOM_STRINGS);
    const room = new FakeRoom();
    const { user } = await join(room, 'Ann');
    room.setState(
      publicState({
        phase: 'review',
        round: 1,
        metrics: { gmv: 12345.6, orders: 321, avgRating: 0.85, fraudLosses: Number.NaN },
        standings: [
          { student: 'st1', role: 'buyer', name: 'Ann', bot: false, score: 80, rank: 2 },
          { student: 'b', role: 'buyer', name: 'Bo', bot: true, score: 90, rank: 1 },
        ],
        events: ['surge:next:3:2'],
      }),
    );
    room.emit(
      'private',
      privateView({
        name: 'Ann',
        role: 'buyer',
        rank: 2,
        lastRound: { round: 2, role: 'buyer', score: 30, held: true },
        holdings: {
          role: 'buyer',
          budget: 500,
          spent: 120,
          surplus: 80,
          offers: [
            {
              seller: 0,
              price: 60,
              rating: 0.92,
              ratings: 40,
              deliveryDays: 2,
              inStock: true,
              escrow: true,
            },
            {
              seller: 1,
              price: 45,
              rating: 0.6,
              ratings: 12,
              deliveryDays: 5,
              inStock: false,
              escrow: false,
            },
          ],
          orders: [
            {
              id: 7,
              seller: 0,
              units: 2,
              price: 60,
              round: 1,
              status: 'delivered',
              days: 2,
              rated: false,
              returnBy: 14,
            },
          ],
        },
      }),
    );
    expect(await screen.findByText('Your role: Buyer')).toBeInTheDocument();
    expect(screen.getByText('This seat ranks 2 of 2 (Buyer)')).toBeInTheDocument();
    expect(screen.getByText('Your surplus in round 2: ¥30.00')).toBeInTheDocument();
    expect(screen.getByText("This seat's surplus so far: ¥80.00")).toBeInTheDocument();
    expect(screen.getByText('12,345.60')).toBeInTheDocument();
    expect(screen.getByText('nothing to measure')).toBeInTheDocument();
    expect(screen.getByText(/Double 11 sale/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Buy from Shop 2' })).toBeDisabled();
    const units = screen.getByLabelText('Units', { selector: '#units-0' });
    await user.clear(units);
    await user.type(units, '3');
    await user.click(screen.getByRole('button', { name: 'Buy from Shop 1' }));
    await user.click(screen.getByRole('button', { name: 'Rate good' }));
    await user.click(screen.getByRole('button', { name: 'Return (until day 14)' }));
    expect(room.of('intent')).toEqual([
      { role: 'buyer', action: 'buy', seller: 0, units: 3 },
      { role: 'buyer', action: 'rate', order: 7, good: true },
      { role: 'buyer', action: 'return', order: 7 },
    ]);
    room.emit('rejected', { code: 'notAllowed', type: 'intent' });
    expect(await screen.findByRole('alert')).toHaveTextContent(/This market does not allow that/);
  });

  it('after a drop: says so, reconnects with the kept token, and says it is back', async () => {
    const first = new FakeRoom('token-a');
    const second = new FakeRoom('token-b');
    const gateway = fakeGateway([first, second]);
    const storage = new FakeStorage();
    render(JoinPage, { code: '123456', gateway, storage });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/你的名字/), '小红');
    await user.click(screen.getByRole('button', { name: '加入' }));
    first.setState(publicState());
    first.emit('private', privateView({ name: '小红' }));
    await screen.findByText('请等待老师开始第一轮。');
    const kept = JSON.parse(storage.getItem('ecsim.classroom.student') ?? '{}');
    expect(kept).toEqual({
      token: 'token-a',
      options: { code: '123456', name: '小红', seatToken: SEAT },
    });

    first.drop();
    expect(await screen.findByText(/连接断开了，正在重新连接/)).toBeInTheDocument();
    expect(await screen.findByText('已重新连接，你回到了原来的位置。')).toBeInTheDocument();
    expect(gateway.reconnect).toHaveBeenCalledWith('token-a');
    expect(JSON.parse(storage.getItem('ecsim.classroom.student') ?? '{}').token).toBe('token-b');
    // The new room is asked for the private view again.
    expect(second.of('view')).toHaveLength(1);
  });

  it('a wrong code is refused with the reason; a page not on the classroom server cannot connect', async () => {
    const gateway = {
      join: () => Promise.reject(new Error('badCode')),
      reconnect: () => Promise.reject(new Error('x')),
    };
    render(JoinPage, { code: '', gateway, storage: new FakeStorage() });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: '加入' }));
    expect(screen.getByRole('alert')).toHaveTextContent('加入码不对');
    await user.type(screen.getByLabelText(/加入码/), '654321');
    await user.type(screen.getByLabelText(/你的名字/), 'Li');
    await user.click(screen.getByRole('button', { name: '加入' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('加入码不对，请核对'));
  });

  it('a server it cannot reach: says in both languages to open the address on the teacher’s laptop', async () => {
    render(JoinPage, { code: '123456', gateway: fakeGateway([]), storage: new FakeStorage() });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/你的名字/), 'Li');
    await user.click(screen.getByRole('button', { name: '加入' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('连不上课堂服务器');
    await waitFor(() => expect(alert).toHaveTextContent('Cannot reach the classroom server'));
    expect(alert.querySelector('[lang="en"]')).toHaveTextContent(/^Cannot reach/);
    expect(serverUrl({ protocol: 'https:', host: 'example.github.io' })).toBeNull();
    expect(serverUrl({ protocol: 'file:', host: '' })).toBeNull();
    expect(serverUrl({ protocol: 'http:', host: '192.168.1.20:2567' })).toBe(
      'ws://192.168.1.20:2567',
    );
  });

  it('a reloaded tab whose server was down takes its own seat back when Join is pressed again', async () => {
    const storage = new FakeStorage();
    const kept = { code: '123456', name: '小明', seatToken: SEAT };
    storage.setItem('ecsim.classroom.student', JSON.stringify({ token: 'old', options: kept }));
    const room = new FakeRoom('token-new');
    let up = false;
    const gateway = {
      join: vi.fn((_o: unknown) =>
        up ? Promise.resolve(room) : Promise.reject(new Error('down')),
      ),
      reconnect: vi.fn((_t: string) => Promise.reject(new Error('gone'))),
    };
    render(JoinPage, { code: '123456', gateway, storage });
    expect(await screen.findByRole('alert')).toHaveTextContent('连不上课堂服务器');
    up = true;
    await userEvent.setup().click(screen.getByRole('button', { name: '加入' }));
    await waitFor(() => expect(gateway.join).toHaveBeenLastCalledWith(kept));
    expect(gateway.reconnect).toHaveBeenLastCalledWith('old');
  });
});
