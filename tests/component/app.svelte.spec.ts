import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../src/app/App.svelte';
import { initSettings, SETTINGS_KEY } from '../../src/state/settings.svelte.ts';
import { FakeStorage, memorySafe } from './helpers.ts';

describe('the app shell', () => {
  it('shows the app name and the six navigation entries in Chinese by default', () => {
    render(App);
    expect(screen.getByRole('link', { name: '电商教学模拟器' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: '主导航' });
    const names = within(nav)
      .getAllByRole('link')
      .map((a) => a.textContent);
    expect(names).toEqual(['首页', '课程', '流程', '模拟市场', '案例测验', '场景编写', '学习记录']);
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('switches language at once, everywhere, and remembers it', async () => {
    const backend = new FakeStorage();
    await initSettings(memorySafe(backend), ['zh-CN']);
    const user = userEvent.setup();
    render(App);
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(await screen.findByRole('navigation', { name: 'Main navigation' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: '中文' })).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(
      'E-commerce processes and business models',
    );
    expect(document.documentElement.lang).toBe('en');
    expect(JSON.parse(backend.data.get(SETTINGS_KEY) ?? '{}')).toMatchObject({ lang: 'en' });

    // A new start reads the saved choice, whatever the browser prefers.
    await initSettings(memorySafe(backend), ['zh-CN']);
    expect(document.documentElement.lang).toBe('en');
  });

  it('follows an English-speaking browser when nothing is saved', async () => {
    await initSettings(memorySafe(), ['en-GB', 'zh-CN']);
    render(App);
    expect(screen.getByRole('link', { name: 'E-commerce Teaching Simulator' })).toBeInTheDocument();
  });

  it('lists the four chapter sections on the home page', () => {
    render(App);
    const toc = screen.getByRole('heading', { name: '目录' }).nextElementSibling as HTMLElement;
    const titles = within(toc)
      .getAllByRole('link')
      .map((a) => a.textContent?.replace(/\s+/g, ''));
    expect(titles).toEqual([
      '1电子商务流程',
      '2电子商务运作模式',
      '3电子商务平台',
      '4电子商务安全与法律问题',
    ]);
  });
});
