import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addStrings } from '../../src/i18n/index.svelte.ts';
import { CLASSROOM_STRINGS } from '../../src/i18n/parts.ts';
import { setLang } from '../../src/state/settings.svelte.ts';
import HostPage from '../../src/features/classroom/HostPage.svelte';
import { FakeStorage } from './helpers.ts';
import { readFileSync } from 'node:fs';
import { keepScenario, load } from '../../src/state/scenarios.svelte.ts';
import { localStore } from '../../src/state/store.ts';
import { FakeRoom, fakeGateway, publicState, student } from './classroom-fakes.ts';

beforeEach(() => addStrings(CLASSROOM_STRINGS));
afterEach(() => vi.restoreAllMocks());

const KEY = 'k'.repeat(32);
const hostView = {
  joinCode: '482913',
  scenarios: ['b2c-shop', 'double-eleven'],
  seed: 7,
  comparison: null,
  decisions: [],
};

async function open(room: FakeRoom) {
  const gateway = fakeGateway([room]);
  render(HostPage, { hostKey: KEY, gateway, storage: new FakeStorage() });
  expect(gateway.join).toHaveBeenCalledWith({ hostKey: KEY });
  // Attached: the console asks for its view once its handlers are ready.
  await vi.waitFor(() => expect(room.of('view')).toHaveLength(1));
  room.emit('hostView', hostView);
  return userEvent.setup();
}

describe('teacher console', () => {
  it('configures the session, sees the lobby, assigns and auto-assigns roles, starts (zh)', async () => {
    const room = new FakeRoom();
    const user = await open(room);
    room.setState(
      publicState({
        students: {
          a: student('a', '小明', ''),
          b: student('b', '小红', 'buyer', { connected: false, covered: true }),
        },
      }),
    );
    expect(await screen.findByText('482913')).toBeInTheDocument();
    expect(screen.getByText(/#\/classroom\/join\?code=482913/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '学生（2 人中 1 人在线）' })).toBeInTheDocument();
    expect(screen.getByText('离线，由电脑代玩')).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('场景'), 'double-eleven');
    await user.click(screen.getByRole('checkbox', { name: '快递公司' }));
    const rounds = screen.getByLabelText('轮数');
    await user.clear(rounds);
    await user.type(rounds, '5');
    await user.click(screen.getByRole('button', { name: '保存设置' }));
    expect(room.of('host')).toEqual([
      {
        action: 'configure',
        key: KEY,
        scenario: 'double-eleven',
        roles: ['seller', 'buyer', 'platform'],
        daysPerRound: 7,
        countdownSeconds: 120,
        rounds: 5,
      },
    ]);
    await user.selectOptions(screen.getByLabelText('小明 的角色'), 'seller');
    await user.click(screen.getByRole('button', { name: '自动分配角色' }));
    await user.click(screen.getByRole('button', { name: '开始第 1 轮' }));
    expect(room.of('host').slice(1)).toEqual([
      { action: 'assign', key: KEY, student: 'a', role: 'seller' },
      { action: 'autoAssign', key: KEY },
      { action: 'start', key: KEY },
    ]);
    room.emit('rejected', { code: 'wrongPhase', type: 'host' });
    expect(await screen.findByRole('alert')).toHaveTextContent('现在不能这样操作。');
  });

  it('pauses, ends a round, injects an event, then debriefs and exports CSV and JSON (en)', async () => {
    await setLang('en');
    await addStrings(CLASSROOM_STRINGS);
    const room = new FakeRoom();
    const user = await open(room);
    room.setState(publicState({ phase: 'round', countdown: 61 }));
    await user.click(await screen.findByRole('button', { name: 'Pause' }));
    await user.click(screen.getByRole('button', { name: 'End this round now' }));
    await user.selectOptions(screen.getByLabelText('Event'), 'logisticsDisruption');
    const magnitude = screen.getByLabelText('Share of delivery capacity lost (0–0.95)');
    await user.clear(magnitude);
    await user.type(magnitude, '0.4');
    await user.click(screen.getByRole('button', { name: 'Inject event' }));
    expect(room.of('host')).toEqual([
      { action: 'pause', key: KEY },
      { action: 'advance', key: KEY },
      { action: 'inject', key: KEY, event: 'logisticsDisruption', magnitude: 0.4, days: 3 },
    ]);

    const standings = [
      { student: 'a', role: 'seller', name: '=HYPERLINK("x")', bot: false, score: 1200, rank: 1 },
      { student: 'bot1', role: 'seller', name: 'Bot', bot: true, score: 800, rank: 2 },
    ];
    room.setState(
      publicState({ phase: 'review', round: 1, metrics: { gmv: 5000, orders: 40 }, standings }),
    );
    expect(
      await screen.findByRole('heading', { name: 'Dashboard after round 1' }),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Seller' });
    expect(within(table).getByRole('rowheader', { name: 'Bot (bot)' })).toBeInTheDocument();

    room.setState(
      publicState({ phase: 'ended', round: 1, metrics: { gmv: 5000, orders: 40 }, standings }),
    );
    expect(await screen.findByRole('heading', { name: 'Debrief' })).toBeInTheDocument();
    expect(
      screen.getByText('The comparison appears when the first round has ended.'),
    ).toBeInTheDocument();
    // The server sends the comparison with the bots-only run and the decisions after a round.
    room.emit('hostView', {
      ...hostView,
      comparison: {
        roles: [{ role: 'seller', seats: 1, market: 1200, botsOnly: 900 }],
        metrics: [
          { metric: 'gmv', market: 5000, botsOnly: 6200 },
          { metric: 'reach', market: 0.5, botsOnly: null },
        ],
      },
      decisions: [
        {
          round: 1,
          student: 'a',
          name: '小明',
          role: 'seller',
          held: true,
          intent: { role: 'seller', price: 59, restock: 20 },
        },
        {
          round: 1,
          student: 'b',
          name: 'Ann',
          role: 'platform',
          held: false,
          intent: { role: 'platform', commission: 0.08, escrow: false },
        },
      ],
    });
    expect(
      await screen.findByRole('row', { name: 'Seller 1 ¥1,200.00 ¥900.00 +¥300.00' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('row', { name: 'GMV (yuan) 5,000.00 6,200.00' })).toBeInTheDocument();
    expect(screen.getByRole('row', { name: 'Demand served 50% —' })).toBeInTheDocument();
    expect(
      await screen.findByRole('heading', { name: 'Questions for discussion' }),
    ).toBeInTheDocument();
    expect(screen.getByText('1 round recorded by this console.')).toBeInTheDocument();

    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => (blobs.push(b), 'blob:x'));
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    await user.click(screen.getByRole('button', { name: 'Download CSV (Excel)' }));
    await user.click(screen.getByRole('button', { name: 'Download JSON' }));
    await user.click(screen.getByRole('button', { name: 'Download decisions (CSV)' }));
    const decisions = (await blobs[2]!.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(decisions.slice(0, 3)).toEqual([
      'Round,Name,Role,Played by,Decision',
      '1,小明,Seller,the student,"price ¥59.00; buy in 20 units"',
      '1,Ann,Platform operator,a bot (student away),"commission 8%; escrow off"',
    ]);
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toMatch(
      /^Round,Student id,Name,Role,Bot \(1 = yes\),Score \(yuan\),Rank,Events,GMV \(yuan\),Orders/,
    );
    expect(lines[1]).toMatch(/^1,a,"'=HYPERLINK\(""x""\)",seller,0,1200,1,,5000,40,/);
    const json = JSON.parse(await blobs[1]!.text());
    expect(json).toMatchObject({ kind: 'ecsim-classroom-session', joinCode: '482913', seed: 7 });
    expect(json.decisions).toHaveLength(2);
    expect(json.comparison.roles[0]).toEqual({
      role: 'seller',
      seats: 1,
      market: 1200,
      botsOnly: 900,
    });
    expect(json.rounds[0]).toMatchObject({ round: 1, metrics: { gmv: 5000 }, standings });
  });
});

describe("the console with a teacher's own market file", () => {
  const text = readFileSync('scenarios/templates/market.yaml', 'utf8').replace(
    'id: my-market',
    'id: class-b2b',
  );
  const keep = (id: string, body: string) =>
    keepScenario({
      id,
      kind: 'market',
      title: { zh: '我们班的市场', en: 'Our class market' },
      name: `${id}.yaml`,
      source: 'file',
      text: body,
      addedAt: '2026-11-29T09:00:00.000Z',
    });

  it('offers the market files kept in this browser, and sends the chosen one with the settings', async () => {
    const backend = new FakeStorage();
    await load(localStore(() => backend));
    await keep('class-b2b', text);
    const room = new FakeRoom();
    const user = await open(room);
    room.setState(publicState({}));
    const select = await screen.findByLabelText('场景');
    expect(
      within(select).getByRole('group', { name: '我的场景（本浏览器保存的市场文件）' }),
    ).toBeInTheDocument();
    await user.selectOptions(select, '我们班的市场');
    await user.click(screen.getByRole('button', { name: '保存设置' }));
    await vi.waitFor(() => expect(room.of('host')).toHaveLength(1));
    expect(room.of('host')[0]).toMatchObject({
      action: 'configure',
      scenario: 'class-b2b',
      file: { name: 'class-b2b.yaml', text },
    });
  });

  it("shows why a kept file fails today's checks, and sends nothing", async () => {
    const backend = new FakeStorage();
    await load(localStore(() => backend));
    await keep(
      'broken-market',
      text.replace('id: class-b2b', 'id: broken-market').replace('model: B2C', 'model: D2D'),
    );
    const room = new FakeRoom();
    const user = await open(room);
    room.setState(publicState({}));
    await user.selectOptions(await screen.findByLabelText('场景'), '我们班的市场');
    await user.click(screen.getByRole('button', { name: '保存设置' }));
    expect(await screen.findByText(/model/)).toBeInTheDocument();
    expect(room.of('host')).toEqual([]);
  });
});
