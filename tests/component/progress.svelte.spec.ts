import { readFileSync } from 'node:fs';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { addStrings } from '../../src/i18n/index.svelte.ts';
import { PROGRESS_STRINGS } from '../../src/i18n/parts.ts';
import StorageBanner from '../../src/features/progress/StorageBanner.svelte';
import ProgressPage from '../../src/features/progress/ProgressPage.svelte';
import AsideCopies from '../../src/features/progress/AsideCopies.svelte';
import {
  ASIDE_PREFIX,
  PROGRESS_KEY,
  exportProgress,
  initProgress,
  markLessonRead,
  progress,
  progressSettled,
} from '../../src/state/progress.svelte.ts';
import { FakeStorage, memoryStore } from './helpers.ts';

// The banner and the page load these strings with their code (see src/app/pages.ts).
beforeEach(() => addStrings(PROGRESS_STRINGS));

const fixture = (name: string) => readFileSync(`tests/fixtures/progress/${name}`, 'utf8');

describe('progress that cannot be stored normally', () => {
  it('storage that throws on every call: works in memory and says so', async () => {
    await initProgress(memoryStore(new FakeStorage({ read: true, write: true })));
    render(StorageBanner);
    expect(screen.getByRole('alert')).toHaveTextContent('浏览器不允许保存数据');
    await markLessonRead('process');
    expect(progress.isRead('process')).toBe(true);
    expect(progress.saved).toBe(false);
  });

  it('a full storage (quota exceeded on write): keeps the change in memory and says so', async () => {
    await initProgress(memoryStore(new FakeStorage({ write: true })));
    render(StorageBanner);
    expect(screen.queryByRole('alert')).toBeNull();
    await markLessonRead('process');
    expect(progress.isRead('process')).toBe(true);
    expect(progress.saved).toBe(false);
    expect(await screen.findByRole('alert')).toHaveTextContent('存储已满');
  });

  it('a change that could not be saved is saved with the next one once storage has room', async () => {
    const backend = new FakeStorage();
    await initProgress(memoryStore(backend));
    backend.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    await markLessonRead('process');
    expect(progress.saved).toBe(false);
    backend.setItem = (key, value) => void backend.data.set(key, value);
    await markLessonRead('models');
    expect(progress.saved).toBe(true);
    const saved = JSON.parse(backend.data.get(PROGRESS_KEY)!);
    expect(Object.keys(saved.lessons).sort()).toEqual(['models', 'process']);
  });

  it('corrupt data is kept aside, never deleted, and offered for download', async () => {
    const backend = new FakeStorage();
    const raw = fixture('corrupt.txt');
    backend.data.set(PROGRESS_KEY, raw);
    await initProgress(memoryStore(backend));
    render(StorageBanner);
    expect(screen.getByRole('alert')).toHaveTextContent('原始数据已另外保存');
    expect(screen.getByRole('button', { name: '下载原始数据' })).toBeInTheDocument();
    const aside = [...backend.data].find(([key]) => key.startsWith(ASIDE_PREFIX));
    expect(aside?.[1]).toBe(raw);
    await markLessonRead('models');
    expect(JSON.parse(backend.data.get(PROGRESS_KEY)!).lessons).toHaveProperty('models');
    expect(aside && backend.data.get(aside[0])).toBe(raw);
    // Kept once, not again at every change.
    expect([...backend.data.keys()].filter((k) => k.startsWith(ASIDE_PREFIX))).toHaveLength(1);
  });

  it('data damaged while the page is open is kept aside before the next change is saved', async () => {
    const backend = new FakeStorage();
    await initProgress(memoryStore(backend));
    await markLessonRead('process');
    backend.data.set(PROGRESS_KEY, '{"format":"ecsim-progress","version":3,"less');
    await markLessonRead('models');
    const aside = [...backend.data].filter(([key]) => key.startsWith(ASIDE_PREFIX));
    expect(aside.map(([, v]) => v)).toEqual(['{"format":"ecsim-progress","version":3,"less']);
    const saved = JSON.parse(backend.data.get(PROGRESS_KEY)!);
    expect(Object.keys(saved.lessons).sort()).toEqual(['models', 'process']);
  });

  it('corrupt data that cannot be copied aside is not overwritten', async () => {
    const raw = fixture('corrupt.txt');
    const backend = new FakeStorage({ write: true });
    backend.data.set(PROGRESS_KEY, raw);
    await initProgress(memoryStore(backend));
    render(StorageBanner);
    expect(screen.getByRole('alert')).toHaveTextContent('本次不会写入浏览器存储');
    await markLessonRead('models');
    expect(backend.data.get(PROGRESS_KEY)).toBe(raw);
  });

  it('data from a newer app is never overwritten', async () => {
    const raw = fixture('newer.json');
    const backend = new FakeStorage();
    backend.data.set(PROGRESS_KEY, raw);
    await initProgress(memoryStore(backend));
    render(StorageBanner);
    expect(screen.getByRole('alert')).toHaveTextContent('格式版本 99');
    await markLessonRead('process');
    expect(progress.isRead('process')).toBe(true);
    expect(backend.data.get(PROGRESS_KEY)).toBe(raw);
  });

  it('a second tab’s write is not lost by this tab’s next change', async () => {
    const backend = new FakeStorage();
    await initProgress(memoryStore(backend));
    await markLessonRead('process');
    // Another tab marks "models" directly in storage.
    const other = JSON.parse(backend.data.get(PROGRESS_KEY)!);
    other.lessons.models = { readAt: '2026-11-24T00:00:00.000Z' };
    backend.data.set(PROGRESS_KEY, JSON.stringify(other));
    await markLessonRead('platforms');
    const saved = JSON.parse(backend.data.get(PROGRESS_KEY)!);
    expect(Object.keys(saved.lessons).sort()).toEqual(['models', 'platforms', 'process']);
  });
});

describe('My progress page', () => {
  it('lists what has been read', async () => {
    await markLessonRead('process');
    render(ProgressPage);
    expect(screen.getByText('已读 1 / 4 节')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: '已读 1 / 4 节' })).toHaveAttribute(
      'value',
      '1',
    );
  });

  it('opens with a total and a bar per activity', async () => {
    await markLessonRead('process');
    render(ProgressPage);
    const bars = screen.getAllByRole('progressbar').slice(0, 4);
    expect(bars.map((b) => b.getAttribute('aria-labelledby'))).toEqual([
      'total-lessons',
      'total-flows',
      'total-questions',
      'total-cases',
    ]);
    expect(screen.getByRole('progressbar', { name: '已读课程' })).toHaveAttribute('value', '1');
    expect(screen.getByRole('progressbar', { name: '走完的流程' })).toHaveAttribute('max', '3');
  });

  it('imports an exported file by merging, and reports what was added', async () => {
    const user = userEvent.setup();
    await markLessonRead('process');
    render(ProgressPage);
    const file = new File([fixture('v1.json')], 'progress.json', { type: 'application/json' });
    await user.upload(screen.getByLabelText('导入学习记录'), file);
    expect(await screen.findByText('已导入：新增 1 条记录。')).toBeInTheDocument();
    expect(progress.isRead('models')).toBe(true);
    expect(progress.isRead('process')).toBe(true);
    await progressSettled();
  });

  it.each([
    ['not-json.json', '{oops', '文件不是有效的 JSON。'],
    ['other.json', '{"version":1,"hello":"world"}', '文件不是本应用导出的学习记录。'],
    ['newer.json', fixture('newer.json'), '格式版本 99'],
    // Hostile files: wrong types, a huge list, a future version, too large to read.
    [
      'types.json',
      fixture('v3.json').replace('"lessons": {', '"lessons": "all", "x": {'),
      '文件不是本应用导出的学习记录。',
    ],
    [
      'huge.json',
      JSON.stringify({ ...JSON.parse(fixture('v3.json')), cases: new Array(200_000).fill([]) }),
      '文件不是本应用导出的学习记录。',
    ],
    ['future.json', '{"format":"ecsim-progress","version":4,"lessons":[]}', '格式版本 4'],
    ['big.json', ' '.repeat(2_000_001), '文件太大'],
  ])('refuses %s with a reason and changes nothing', async (name, text, reason) => {
    const user = userEvent.setup();
    await markLessonRead('process');
    const before = exportProgress();
    render(ProgressPage);
    await user.upload(screen.getByLabelText('导入学习记录'), new File([text], name));
    expect(
      await screen.findByText(new RegExp(reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))),
    ).toBeInTheDocument();
    expect(exportProgress()).toBe(before);
  });

  it('exports a file that imports back to the same record', async () => {
    await markLessonRead('security-law');
    const text = exportProgress();
    await initProgress(memoryStore());
    expect(progress.isRead('security-law')).toBe(false);
    render(ProgressPage);
    expect(JSON.parse(text)).toMatchObject({ format: 'ecsim-progress', version: 3 });
  });
});

describe('copies kept aside', () => {
  it('are listed on every visit, and each can be downloaded and, after a confirmation, deleted', async () => {
    const user = userEvent.setup();
    // jsdom has no IndexedDB: the app's store is localStorage here.
    localStorage.setItem('ecsim.progress.unreadable.2026-11-20T08:00:00.000Z', '{"broken');
    localStorage.setItem('ecsim.scenarios.replaced.2026-11-21T08:00:00.000Z', '{"id":"x"}');
    const urls: Blob[] = [];
    URL.createObjectURL = (blob: Blob) => {
      urls.push(blob);
      return 'blob:kept';
    };
    URL.revokeObjectURL = () => undefined;
    render(AsideCopies);
    expect(await screen.findByRole('heading', { name: '另外保存的数据' })).toBeInTheDocument();
    expect(screen.getByText(/读不了的学习记录/)).toBeInTheDocument();
    expect(screen.getByText(/被替换掉的场景旧版本/)).toBeInTheDocument();
    const downloads = screen.getAllByRole('button', { name: '下载' });
    await user.click(downloads[1]!);
    await vi.waitFor(() => expect(urls).toHaveLength(1));
    expect(await urls[0]!.text()).toBe('{"broken');
    await user.click(screen.getAllByRole('button', { name: '删除' })[1]!);
    await user.click(screen.getByRole('button', { name: '确定删除' }));
    await vi.waitFor(() =>
      expect(localStorage.getItem('ecsim.progress.unreadable.2026-11-20T08:00:00.000Z')).toBeNull(),
    );
    expect(
      localStorage.getItem('ecsim.scenarios.replaced.2026-11-21T08:00:00.000Z'),
    ).not.toBeNull();
    await vi.waitFor(() => expect(screen.getAllByRole('button', { name: '下载' })).toHaveLength(1));
  });
});
