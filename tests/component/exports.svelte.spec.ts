import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addStrings } from '../../src/i18n/index.svelte.ts';
import { QUIZ_STRINGS } from '../../src/i18n/parts.ts';
import { setLang } from '../../src/state/settings.svelte.ts';
import { initProgress } from '../../src/state/progress.svelte.ts';
import { answerQuestion } from '../../src/state/practice.ts';
import { SETS } from '../../src/content/catalog/practice.ts';
import { resultsCsv } from '../../src/content/results.ts';
import { buildResults } from '../../src/content/results.ts';
import QuizPage from '../../src/features/quiz/QuizPage.svelte';
import ClassPage from '../../src/features/quiz/ClassPage.svelte';
import SetRunner from '../../src/features/quiz/SetRunner.svelte';
import type { Quiz } from '../../src/content/schema.ts';
import { memoryStore } from './helpers.ts';

let downloads: Blob[] = [];

beforeEach(async () => {
  await addStrings(QUIZ_STRINGS);
  downloads = [];
  URL.createObjectURL = vi.fn((blob: Blob) => {
    downloads.push(blob);
    return 'blob:test';
  });
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => setLang('zh-CN'));

describe('exporting results from Cases & Quizzes', () => {
  it('asks for a name in the form (focus on the field) instead of downloading without one', async () => {
    const user = userEvent.setup();
    await initProgress(memoryStore());
    render(QuizPage);
    await user.click(screen.getByRole('button', { name: '导出成绩（JSON，交给老师）' }));
    expect(screen.getByRole('alert')).toHaveTextContent(
      '请先填写姓名或学号，老师才知道这是谁的成绩。',
    );
    const field = screen.getByRole('textbox', { name: /姓名或学号/ });
    expect(field).toHaveFocus();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(downloads).toHaveLength(0);
  });

  it('says when nothing has been answered yet, and exports a CSV a teacher can read once something has', async () => {
    const user = userEvent.setup();
    await initProgress(memoryStore());
    render(QuizPage);
    await user.type(screen.getByRole('textbox', { name: /姓名或学号/ }), '李雷');
    await user.click(screen.getByRole('button', { name: '导出成绩（CSV，用表格软件打开）' }));
    expect(screen.getByRole('alert')).toHaveTextContent('你还没有做过任何题组或案例');
    expect(downloads).toHaveLength(0);

    const set = SETS[0]!;
    answerQuestion(set.id, set.questions[0]!.id, true);
    await user.click(screen.getByRole('button', { name: '导出成绩（CSV，用表格软件打开）' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(screen.queryByRole('alert')).toBeNull();
    const bytes = new Uint8Array(await downloads[0]!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const [head, row] = text.split('\r\n');
    expect(head).toBe(
      '学生,类型,题组或案例,题目,知识点,答对（1 是，0 否）,首次答对（1 是，0 否）,作答次数,得分,满分',
    );
    // The name, the set's title and the question's text, not their ids.
    expect(row).toMatch(new RegExp(`^李雷,题目,${set.title.zh},`));
    expect(row).not.toContain(set.questions[0]!.id);
  });
});

describe('the class summary, given a results CSV', () => {
  const results = buildResults({
    student: '韩梅梅',
    now: '2026-11-25T09:00:00.000Z',
    sets: [
      {
        id: 'demo',
        title: { zh: '演示', en: 'Demo' },
        questions: [{ id: 'q1', points: [], prompt: { zh: '什么是 B2C？', en: 'What is B2C?' } }],
      },
    ],
    answers: { demo: { answers: { q1: { correct: false, first: false, tries: 2 } } } },
    cases: [],
    caseResults: {},
  });
  const csv = resultsCsv(results, {
    tx: (t) => t.zh,
    word: (k) => k,
    point: (p) => p,
  });
  const files = () => [
    new File([csv], 'results-韩梅梅.csv', { type: 'text/csv' }),
    new File([JSON.stringify(results)], 'results-韩梅梅.json', { type: 'application/json' }),
  ];

  it.each([
    ['zh-CN', '这是 CSV 表格文件，请改用导出的 JSON 成绩文件', /只能读入 JSON 格式的成绩文件/],
    ['en', 'this is a CSV; drop the JSON export instead', /Only the JSON results files/],
  ] as const)('says plainly to drop the JSON export instead (%s)', async (lang, reason, hint) => {
    const user = userEvent.setup({ applyAccept: false });
    await initProgress(memoryStore());
    await setLang(lang);
    render(ClassPage);
    await user.upload(document.querySelector<HTMLInputElement>('input[type=file]')!, files());
    expect(await screen.findByText(`results-韩梅梅.csv: ${reason}`)).toBeInTheDocument();
    expect(screen.getByText(hint)).toBeInTheDocument();
    expect(screen.queryByText(/JSON 文件$|not a valid JSON file/)).toBeNull();
    // The JSON file beside it is read; its question shows as text, linked to the question.
    const link = screen.getByRole('link', {
      name: lang === 'en' ? 'What is B2C?' : '什么是 B2C？',
    });
    expect(link).toHaveAttribute('href', '#/quiz/demo?q=q1');
  });
});

describe('a link to one question', () => {
  it('opens the set at that question', async () => {
    await initProgress(memoryStore());
    const b = (zh: string, en = zh) => ({ zh, en });
    const tf = (id: string, zh: string) => ({
      id,
      type: 'truefalse' as const,
      points: ['e-contract'],
      prompt: b(zh),
      explain: b('因为'),
      answer: true,
    });
    const set = {
      kind: 'quiz',
      id: 'demo',
      order: 1,
      title: b('演示'),
      summary: b('演示'),
      lesson: 'process',
      questions: [tf('one', '第一问'), tf('two', '第二问'), tf('three', '第三问')],
    } as unknown as Quiz;
    render(SetRunner, { set, start: 'three' });
    expect(screen.getByRole('heading', { name: /第 3 题 \/ 共 3 题/ })).toBeInTheDocument();
    // A set that is not built in has its Markdown rendered on the page, once the renderer loads.
    expect(await screen.findByText('第三问')).toBeInTheDocument();
  });
});
