import { render, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import Markdown from '../../src/ui/Markdown.svelte';
import { renderMarkdown } from '../../src/ui/markdown.ts';
import { prerendered } from '../../src/ui/prerendered.ts';
import { markdownOf } from '../../src/content/prerender.ts';
import { validateText } from '../../src/content/validate.ts';
import type { Lesson } from '../../src/content/schema.ts';

// Imported as the app imports them: each module puts its rendered Markdown in the shared map.
const built = import.meta.glob<unknown>(
  [
    '/lessons/01-process.yaml',
    '/scenarios/quiz/security.yaml',
    '/scenarios/case/phishing-link.yaml',
  ],
  { import: 'default', eager: true },
);
const raw = import.meta.glob<string>(
  [
    '/lessons/01-process.yaml',
    '/scenarios/quiz/security.yaml',
    '/scenarios/case/phishing-link.yaml',
  ],
  { query: '?raw', import: 'default', eager: true },
);

const PAYLOADS = [
  '<script>window.hacked = 1</script>',
  '<img src=x onerror="window.hacked = 1">',
  '[click](javascript:window.hacked=1)',
  '[click](JaVaScRiPt:window.hacked=1)',
  '[click](  javascript:window.hacked=1)',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<a href="javascript:alert(1)">x</a>',
  '<svg><script>alert(1)</script></svg>',
  '<svg onload=alert(1)>',
  '<iframe src="https://example.com"></iframe>',
  '<details open ontoggle=alert(1)>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<form action="https://example.com"><button>go</button></form>',
  '![x](https://example.com/track.png)',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<a href="#" onclick="alert(1)">x</a>',
  '<img src="x" id="app">',
];

describe('the one sanitising Markdown renderer', () => {
  it.each(PAYLOADS)('neutralises %s', (payload) => {
    const html = renderMarkdown(payload);
    const box = document.createElement('div');
    box.innerHTML = html;
    for (const el of box.querySelectorAll('*')) {
      for (const attr of el.attributes) {
        expect(attr.name.startsWith('on'), `${attr.name} on ${el.tagName}`).toBe(false);
        expect(/^\s*(javascript|data|vbscript):/i.test(attr.value), attr.value).toBe(false);
      }
    }
    expect(box.querySelector('script, iframe, img, svg, math, form, style')).toBeNull();
    expect(box.querySelector('[style], [id]')).toBeNull();
  });

  it('keeps ordinary teaching Markdown: lists, emphasis, tables, quotes, safe links', () => {
    const html = renderMarkdown(
      '1. **下单**\n2. 支付\n\n| 模式 | 例子 |\n|---|---|\n| B2C | 京东 |\n\n> 想一想\n\n[课程](#/lessons/process) [外链](https://example.com)',
    );
    const box = document.createElement('div');
    box.innerHTML = html;
    expect(box.querySelectorAll('ol li')).toHaveLength(2);
    expect(box.querySelector('strong')?.textContent).toBe('下单');
    expect(box.querySelector('table td')?.textContent).toBe('B2C');
    expect(box.querySelector('blockquote')).not.toBeNull();
    expect(box.querySelector('a[href="#/lessons/process"]')).not.toBeNull();
    const external = box.querySelector('a[href="https://example.com"]');
    expect(external?.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('on an English page marks the Chinese terms it names as Chinese, and changes nothing else', () => {
    const source =
      'The order is **Paid (已支付)**; see the 《中华人民共和国电子商务法》 and [B2C (企业对消费者)](#/lessons/models).';
    const box = document.createElement('div');
    box.innerHTML = renderMarkdown(source, 'en');
    const marked = [...box.querySelectorAll('span[lang="zh-CN"]')].map((s) => s.textContent);
    expect(marked).toEqual(['已支付', '《中华人民共和国电子商务法》', '企业对消费者']);
    expect(box.textContent?.trim()).toBe(
      'The order is Paid (已支付); see the 《中华人民共和国电子商务法》 and B2C (企业对消费者).',
    );
    expect(box.querySelector('strong span[lang="zh-CN"]')).not.toBeNull();
    expect(box.querySelector('a[href="#/lessons/models"] span[lang="zh-CN"]')).not.toBeNull();
    // A Chinese page is Chinese already; a payload inside a term gains nothing.
    expect(renderMarkdown('**已支付**', 'zh-CN')).not.toContain('lang=');
    expect(renderMarkdown('已支付<img src=x onerror=alert(1)>', 'en')).not.toContain('onerror');
  });

  it('renders through the component without running anything', async () => {
    (window as unknown as Record<string, unknown>).hacked = undefined;
    const source = `${PAYLOADS.join('\n\n')}\n\n**rendered**`;
    const { container } = render(Markdown, { source });
    // A teacher's text is not in the build: the renderer loads, then the sanitised HTML shows.
    await waitFor(() =>
      expect(container.querySelector('.prose strong')?.textContent).toBe('rendered'),
    );
    expect(container.querySelector('.prose')?.innerHTML).toBe(renderMarkdown(source));
    expect(container.querySelector('script, img, iframe, svg, [onerror], [onclick]')).toBeNull();
    expect((window as unknown as Record<string, unknown>).hacked).toBeUndefined();
  });
});

describe('the built-in content, rendered when the app is built', () => {
  it.each(Object.keys(raw))(
    '%s: the build made, in both languages, exactly what the page would make',
    (name) => {
      const content = validateText(name.slice(1), raw[name]!).content;
      expect(content).toBeTruthy();
      const texts = markdownOf(content!);
      expect(texts.length).toBeGreaterThan(0);
      for (const text of texts) {
        expect(prerendered(text.zh, 'zh-CN')).toBe(renderMarkdown(text.zh, 'zh-CN'));
        expect(prerendered(text.en, 'en')).toBe(renderMarkdown(text.en, 'en'));
      }
    },
  );

  it('shows a lesson part at once, with no renderer to wait for', () => {
    const lesson = built['/lessons/01-process.yaml'] as Lesson;
    const body = lesson.parts[0]!.body.zh;
    const { container } = render(Markdown, { source: body });
    expect(container.querySelector('.prose')?.innerHTML).toBe(renderMarkdown(body, 'zh-CN'));
    expect(container.querySelector('.prose')?.getAttribute('aria-busy')).toBeNull();
  });
});
