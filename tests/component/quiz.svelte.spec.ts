import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { addStrings } from '../../src/i18n/index.svelte.ts';
import { QUIZ_STRINGS } from '../../src/i18n/parts.ts';
import { setLang } from '../../src/state/settings.svelte.ts';
import { initProgress, progress } from '../../src/state/progress.svelte.ts';
import SetRunner from '../../src/features/quiz/SetRunner.svelte';
import CasePlayer from '../../src/features/quiz/CasePlayer.svelte';
import ClassPage from '../../src/features/quiz/ClassPage.svelte';
import type { Case, Quiz } from '../../src/content/schema.ts';
import { buildResults } from '../../src/content/results.ts';
import { memoryStore } from './helpers.ts';

const b = (zh: string, en = zh) => ({ zh, en });

const SET: Quiz = {
  kind: 'quiz',
  id: 'demo',
  order: 1,
  title: b('演示题组', 'Demo set'),
  summary: b('演示', 'Demo'),
  questions: [
    {
      id: 'pick-one',
      type: 'single',
      points: ['data-privacy'],
      prompt: b('哪一项属于**数据隐私**？', 'Which is about **data privacy**?'),
      hint: b('想想被保护的是什么', 'What is protected?'),
      explain: b('个人信息要受保护', 'Personal data must be protected'),
      options: [
        { text: b('卖用户手机号', 'Selling phone numbers'), correct: true },
        { text: b('包裹被雨淋', 'A soaked parcel'), why: b('这是物流安全', 'That is logistics') },
        { text: b('网站被攻击', 'A site attacked'), why: b('这是网络安全', 'That is network') },
      ],
    },
    {
      id: 'match-it',
      type: 'matching',
      points: ['b2b-platforms'],
      prompt: b('把平台和模式配对', 'Match the platforms'),
      explain: b('教材的分类', "The textbook's classification"),
      misconception: b('天猫不是 C2C', 'Tmall is not C2C'),
      pairs: [
        { item: b('阿里巴巴', 'Alibaba'), match: b('B2B') },
        { item: b('京东', 'JD.com'), match: b('B2C') },
        { item: b('天猫', 'Tmall'), match: b('B2C') },
        { item: b('淘宝', 'Taobao'), match: b('C2C') },
      ],
    },
    {
      id: 'order-it',
      type: 'ordering',
      points: ['choose-payment-method'],
      prompt: b('排序', 'Put in order'),
      explain: b('支付流程的顺序', 'The payment flow'),
      items: [b('选择支付方式'), b('跳转支付页面'), b('输入支付密码')],
    },
  ],
};

beforeEach(async () => {
  await addStrings(QUIZ_STRINGS);
});

describe('a question set', () => {
  it('answers a single-choice question by keyboard, with hint, feedback, misconceptions and a saved result', async () => {
    const user = userEvent.setup();
    render(SetRunner, { set: SET });
    expect(screen.getByRole('heading', { name: /第 1 题 \/ 共 3 题/ })).toBeInTheDocument();
    const submit = screen.getByRole('button', { name: '提交答案' });
    expect(submit).toBeDisabled();
    await user.click(screen.getByRole('button', { name: '看提示' }));
    expect(screen.getByRole('note')).toHaveTextContent('想想被保护的是什么');
    // Keyboard only: tab to the radio group, arrow to an option, space to pick.
    const wrong = screen.getByRole('radio', { name: '包裹被雨淋' });
    wrong.focus();
    await user.keyboard(' ');
    expect(wrong).toBeChecked();
    await user.click(submit);
    expect(screen.getByText('✗ 回答错误')).toBeInTheDocument();
    expect(screen.getByText('这是物流安全')).toBeInTheDocument();
    expect(screen.getByText('正确答案')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '回到课程复习这一部分' })).toHaveAttribute(
      'href',
      '#/lessons/security-law/security-issues',
    );
    expect(progress.record.quizzes.demo?.answers['pick-one']).toMatchObject({
      correct: false,
      first: false,
      tries: 1,
    });
  });

  it('answers matching with selects, where items sharing a match may take either', async () => {
    const user = userEvent.setup();
    render(SetRunner, { set: SET });
    await user.click(screen.getByRole('button', { name: /第 2 题/ }));
    const rows = { 阿里巴巴: 'B2B', 京东: 'B2C', 天猫: 'B2C', 淘宝: 'C2C' };
    for (const [item, match] of Object.entries(rows)) {
      await user.selectOptions(screen.getByRole('combobox', { name: item }), match);
    }
    await user.click(screen.getByRole('button', { name: '提交答案' }));
    expect(screen.getByText('✓ 回答正确')).toBeInTheDocument();
    expect(progress.record.quizzes.demo?.answers['match-it']?.correct).toBe(true);
  });

  it('retries a wrong answer from the summary: right now, but not at the first try', async () => {
    const user = userEvent.setup();
    render(SetRunner, { set: SET });
    await user.click(screen.getByRole('radio', { name: '网站被攻击' }));
    await user.click(screen.getByRole('button', { name: '提交答案' }));
    await user.click(screen.getByRole('button', { name: /第 3 题/ }));
    await user.click(screen.getByRole('button', { name: '提交答案' }));
    await user.click(screen.getByRole('button', { name: '查看结果' }));
    await user.click(screen.getByRole('button', { name: /^重做答错的 \d 题$/ }));
    expect(screen.getByRole('heading', { name: /第 1 题/ })).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: '卖用户手机号' }));
    await user.click(screen.getByRole('button', { name: '提交答案' }));
    expect(progress.record.quizzes.demo?.answers['pick-one']).toMatchObject({
      correct: true,
      first: false,
      tries: 2,
    });
  });

  it('"clear and start again" can be undone until the next answer', async () => {
    const user = userEvent.setup();
    render(SetRunner, { set: SET });
    await user.click(screen.getByRole('radio', { name: '卖用户手机号' }));
    await user.click(screen.getByRole('button', { name: '提交答案' }));
    await user.click(screen.getByRole('button', { name: /第 3 题/ }));
    await user.click(screen.getByRole('button', { name: '提交答案' }));
    await user.click(screen.getByRole('button', { name: '查看结果' }));
    const before = progress.record.quizzes.demo;
    expect(Object.keys(before?.answers ?? {})).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: '清空本题组的答案，重新开始' }));
    expect(progress.record.quizzes.demo).toBeUndefined();
    await user.click(screen.getByRole('button', { name: '撤销，恢复原来的答案' }));
    expect(progress.record.quizzes.demo).toEqual(before);
    expect(screen.getByRole('heading', { name: /演示题组/ })).toBeInTheDocument();
  });

  it('orders items with buttons and sums up the set', async () => {
    const user = userEvent.setup();
    render(SetRunner, { set: SET });
    await user.click(screen.getByRole('button', { name: /第 3 题/ }));
    const list = screen.getByRole('list', { name: /第 3 题/ });
    const labels = () =>
      within(list)
        .getAllByRole('button', { name: /^\d\./ })
        .map((x) => x.textContent);
    // Arrange the right order with the move buttons, whatever the seeded start.
    const want = ['选择支付方式', '跳转支付页面', '输入支付密码'];
    for (let target = 0; target < want.length; target++) {
      let at = labels().findIndex((l) => l?.includes(want[target]!));
      while (at > target) {
        await user.click(screen.getByRole('button', { name: `把“${want[target]}”上移` }));
        at--;
      }
    }
    await user.click(screen.getByRole('button', { name: '提交答案' }));
    expect(screen.getByText('✓ 回答正确')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '查看结果' }));
    expect(screen.getByText('答对 1 / 3 题')).toBeInTheDocument();
    expect(screen.getByText(/还有 2 题没有作答/)).toBeInTheDocument();
  });

  it('shows the options in a seeded order that is the same on every visit for one student', () => {
    const order = () =>
      screen
        .getAllByRole('radio')
        .map((r) => r.getAttribute('name') + (r.closest('label')?.textContent ?? ''));
    const first = render(SetRunner, { set: SET });
    const a = order();
    first.unmount();
    render(SetRunner, { set: SET });
    expect(order()).toEqual(a);
  });

  it('speaks English after switching language', async () => {
    await setLang('en');
    render(SetRunner, { set: SET });
    expect(screen.getByRole('heading', { name: /Question 1 of 3/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Check my answer' })).toBeDisabled();
    await setLang('zh-CN');
  });
});

const CASE: Case = {
  kind: 'case',
  id: 'demo-case',
  order: 20,
  title: b('演示案例'),
  summary: b('演示'),
  points: ['payment-security'],
  start: 'sms',
  nodes: [
    {
      id: 'sms',
      text: b('收到可疑短信'),
      choices: [
        { id: 'click', label: b('点开链接'), feedback: b('危险'), score: -2, next: 'lost' },
        {
          id: 'check',
          label: b('打开官方 App 核实'),
          feedback: b('做得对'),
          score: 2,
          next: 'safe',
        },
      ],
    },
    { id: 'lost', text: b('钱被盗了'), ending: { result: 'bad', title: b('资金被盗') } },
    { id: 'safe', text: b('安全付款'), ending: { result: 'good', title: b('安全') } },
  ],
};

describe('a branching case', () => {
  it('plays to two different endings, with feedback, score and endings found', async () => {
    const user = userEvent.setup();
    render(CasePlayer, { def: CASE });
    expect(screen.getByText('得分：0（最高可得 2 分）')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '点开链接' }));
    expect(screen.getByText('危险')).toBeInTheDocument();
    expect(screen.getByText('−2 分')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '继续' }));
    expect(screen.getByRole('heading', { name: /坏结局 资金被盗/ })).toBeInTheDocument();
    expect(screen.getByText('最终得分 −2 / 2')).toBeInTheDocument();
    expect(progress.record.cases['demo-case']).toMatchObject({
      best: -2,
      last: -2,
      max: 2,
      endings: ['lost'],
    });
    await user.click(screen.getByRole('button', { name: '从头再玩一次，试试别的选择' }));
    await user.click(screen.getByRole('button', { name: '打开官方 App 核实' }));
    await user.click(screen.getByRole('button', { name: '继续' }));
    expect(screen.getByRole('heading', { name: /好结局 安全/ })).toBeInTheDocument();
    expect(screen.getByText(/已发现结局 2 \/ 2 个/)).toBeInTheDocument();
    expect(progress.record.cases['demo-case']).toMatchObject({
      best: 2,
      last: 2,
      endings: ['lost', 'safe'],
    });
  });

  it('undoes a choice before moving on', async () => {
    const user = userEvent.setup();
    render(CasePlayer, { def: CASE });
    await user.click(screen.getByRole('button', { name: '点开链接' }));
    await user.click(screen.getByRole('button', { name: '撤销这个选择' }));
    expect(screen.getByRole('button', { name: '打开官方 App 核实' })).toBeInTheDocument();
    expect(progress.record.cases['demo-case']).toBeUndefined();
  });
});

describe('the class summary', () => {
  const file = (name: string, student: string, right: boolean) =>
    new File(
      [
        JSON.stringify(
          buildResults({
            student,
            now: '2026-11-25T09:00:00.000Z',
            sets: [{ id: 'demo', title: SET.title, questions: SET.questions }],
            answers: {
              demo: { answers: { 'pick-one': { correct: right, first: right, tries: 1 } } },
            },
            cases: [],
            caseResults: {},
          }),
        ),
      ],
      name,
      { type: 'application/json' },
    );

  it('reads result files, skips others with a reason, and shows students and most-missed questions', async () => {
    // As when files are dropped: the picker's own filter (accept) does not apply.
    const user = userEvent.setup({ applyAccept: false });
    await initProgress(memoryStore());
    render(ClassPage);
    const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
    await user.upload(input, [
      file('a.json', '张三', true),
      file('b.json', '李四', false),
      new File(['not json'], 'notes.txt'),
      new File(['{"format":"ecsim-progress","version":3}'], 'progress.json'),
    ]);
    // Files are read one after another: wait for the last one's report.
    expect(await screen.findByText('progress.json: 不是本应用导出的成绩文件')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '学生成绩（2 人）' })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: /每个学生/ });
    expect(within(table).getByRole('rowheader', { name: /张三/ })).toBeInTheDocument();
    expect(screen.getByText('notes.txt: 不是有效的 JSON 文件')).toBeInTheDocument();
    const missed = screen.getByRole('table', { name: /错得最多的题目/ });
    expect(within(missed).getByText('50%')).toBeInTheDocument();
  });

  it('reads a classroom session exported from the teacher’s console: roles by round, scores and the bots-only comparison', async () => {
    const user = userEvent.setup({ applyAccept: false });
    await initProgress(memoryStore());
    render(ClassPage);
    const standing = (student: string, name: string, role: string, score: number) => ({
      student,
      role,
      name,
      bot: false,
      score,
      rank: 1,
    });
    const round = (n: number, roles: [string, string]) => ({
      round: n,
      scenario: 'b2c-shop',
      daysPerRound: 7,
      metrics: { gmv: 1000 },
      standings: [
        standing('a', '王芳', roles[0], 100 * n),
        standing('b', 'Ann', roles[1], -20 * n),
      ],
      events: [],
      students: [],
    });
    const session = {
      kind: 'ecsim-classroom-session',
      version: 2,
      joinCode: '482913',
      exportedAt: '2026-11-29T10:00:00.000Z',
      seed: 7,
      rounds: [round(1, ['seller', 'buyer']), round(2, ['buyer', 'seller'])],
      decisions: [{}, {}, {}],
      comparison: {
        roles: [{ role: 'seller', seats: 1, market: -40, botsOnly: 60 }],
        metrics: [],
      },
    };
    const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
    await user.upload(input, [
      new File([JSON.stringify(session)], 'classroom-482913.json'),
      new File([JSON.stringify({ ...session, version: 3 })], 'later.json'),
      new File([JSON.stringify({ ...session, rounds: 'many' })], 'broken.json'),
    ]);
    expect(await screen.findByText(/^broken\.json: /)).toBeInTheDocument();
    expect(screen.getByText(/^later\.json: /)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '课堂模拟市场 482913' })).toBeInTheDocument();
    expect(screen.getByText(/b2c-shop · 2 轮 · 记录了 3 条决策/)).toBeInTheDocument();
    const table = screen.getByRole('table', { name: /每位学生每一轮担任的角色/ });
    expect(
      within(table).getByRole('row', { name: '王芳 卖家 买家 ¥200.00 1' }),
    ).toBeInTheDocument();
    expect(within(table).getByRole('row', { name: 'Ann 买家 卖家 −¥40.00 1' })).toBeInTheDocument();
    expect(screen.getByRole('row', { name: '卖家 −¥40.00 ¥60.00 −¥100.00' })).toBeInTheDocument();
    expect(screen.queryByText('还没有读入成绩文件。')).toBeNull();
  });
});
