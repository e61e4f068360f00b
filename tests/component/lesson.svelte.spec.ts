import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { addStrings } from '../../src/i18n/index.svelte.ts';
import { LESSON_STRINGS } from '../../src/i18n/parts.ts';
import LessonPage from '../../src/features/lessons/LessonPage.svelte';
import { progress } from '../../src/state/progress.svelte.ts';
import { setLang } from '../../src/state/settings.svelte.ts';

const route = (id: string) => ({ name: 'lesson' as const, id, part: null });

describe('the lesson reader', () => {
  // The lesson page's own strings load with it (src/app/pages.ts).
  beforeEach(() => addStrings(LESSON_STRINGS));

  it('shows a section with its parts, key points and neighbours', async () => {
    render(LessonPage, { route: route('process') });
    expect(screen.getByRole('heading', { level: 1, name: '电子商务流程' })).toBeInTheDocument();
    // The first lesson loaded in the run is transformed (and its Markdown rendered) cold.
    expect(
      await screen.findByRole('heading', { name: '1.1 电子商务交易流程' }, { timeout: 20_000 }),
    ).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '1.2 电子商务支付流程' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '1.3 电子商务物流流程' })).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 3, name: '本部分要点' })).toHaveLength(3);
    expect(screen.getByRole('link', { name: /下一节：电子商务运作模式/ })).toHaveAttribute(
      'href',
      '#/lessons/models',
    );
    expect(screen.queryByRole('link', { name: /上一节/ })).toBeNull();
  });

  it('marks a section as read and back, through the progress store', async () => {
    const user = userEvent.setup();
    render(LessonPage, { route: route('models') });
    await user.click(await screen.findByRole('button', { name: '标记为已读' }));
    expect(progress.isRead('models')).toBe(true);
    expect(screen.getByRole('button', { name: '取消已读' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '取消已读' }));
    expect(progress.isRead('models')).toBe(false);
  });

  it('switches the lesson text to English', async () => {
    render(LessonPage, { route: route('security-law') });
    await screen.findByRole('heading', { name: /4\.1/ });
    await setLang('en');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Security and legal issues' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Mark as read' })).toBeInTheDocument();
  });

  it('each part closes with a “Think about it” question whose answer a student can reveal', async () => {
    const user = userEvent.setup();
    const { container } = render(LessonPage, { route: route('process') });
    await screen.findByRole('heading', { name: '1.1 电子商务交易流程' });
    const asides = container.querySelectorAll('aside.think');
    expect(asides).toHaveLength(3);
    const first = asides[0]!;
    expect(first).toHaveTextContent(
      '想一想：如果小李在第4步填错了收货地址，会影响后面哪一条流程？',
    );
    const details = first.querySelector('details')!;
    expect(details.open).toBe(false);
    await user.click(screen.getAllByText('看看参考答案')[0]!);
    expect(details.open).toBe(true);
    expect(await within(details as HTMLElement).findByText(/物流流程/)).toBeVisible();
    expect(details.querySelector('summary')).toHaveTextContent('收起参考答案');
  });

  it('says so when a section does not exist', () => {
    render(LessonPage, { route: route('nope') });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('没有找到这一节课程。');
  });
});
