import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { addStrings } from '../../src/i18n/index.svelte.ts';
import { AUTHORING_STRINGS, CONTENT_STRINGS, QUIZ_STRINGS } from '../../src/i18n/parts.ts';
import EditorPage from '../../src/features/authoring/EditorPage.svelte';

beforeEach(async () => {
  await addStrings(AUTHORING_STRINGS);
  await addStrings(CONTENT_STRINGS);
  await addStrings(QUIZ_STRINGS);
});

describe('the scenario editor', () => {
  it('keeps the last valid preview, marked out of date, while the text has problems', async () => {
    render(EditorPage, { route: { name: 'editor', query: 'template=quiz' } });
    const preview = screen.getByRole('region', { name: '预览' });
    expect(await within(preview).findByRole('heading', { name: '我的题组' })).toBeInTheDocument();
    expect(within(preview).queryByText(/预览未更新/)).toBeNull();

    const area = screen.getByRole('textbox', { name: '场景文件（YAML）' });
    const text = (area as HTMLTextAreaElement).value;
    // A comma inside { }: the text is now wrong, the preview stays.
    await fireEvent.input(area, {
      target: { value: text.replace('en: My question set', 'en: My set, the first one') },
    });
    expect(
      await screen.findByText(/请给这段文字加上引号：在 \{ \} 里，逗号会结束这段文字/),
    ).toBeInTheDocument();
    expect(within(preview).getByText(/预览未更新/)).toBeInTheDocument();
    expect(within(preview).getByRole('heading', { name: '我的题组' })).toBeInTheDocument();

    // Fixed: the preview is current again, with the new title.
    await fireEvent.input(area, {
      target: {
        value: text
          .replace('en: My question set', 'zh: 我的新题组, en: "My set, the first one"')
          .replace('zh: 我的题组, ', ''),
      },
    });
    await waitFor(() => expect(within(preview).queryByText(/预览未更新/)).toBeNull());
    expect(within(preview).getByRole('heading', { name: '我的新题组' })).toBeInTheDocument();
  });

  it('shows chapter points by their titles in the preview, not their ids', async () => {
    render(EditorPage, { route: { name: 'editor', query: 'template=quiz' } });
    const preview = screen.getByRole('region', { name: '预览' });
    await within(preview).findByRole('heading', { name: '我的题组' });
    expect(within(preview).queryByText(/· [a-z0-9]+(-[a-z0-9]+)+/)).toBeNull();
  });
});

describe('the question set outline', () => {
  it('keeps a space between an option and the reason it is wrong', async () => {
    render(EditorPage, { route: { name: 'editor', query: 'template=quiz' } });
    const preview = screen.getByRole('region', { name: '预览' });
    await within(preview).findByRole('heading', { name: '我的题组' });
    const option = within(preview).getByText(/把验证码告诉自称客服的人/, { selector: 'li' });
    expect(option.textContent).toMatch(/把验证码告诉自称客服的人 — 正规客服/);
  });
});
