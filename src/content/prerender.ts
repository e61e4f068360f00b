/**
 * Build side of src/ui/prerendered.ts: renders the Markdown of the built-in content, in both
 * languages, with the app's own renderer and sanitiser (src/ui/markdown.ts) on a Node DOM, so the
 * HTML is exactly what the page would make. Node only (jsdom); the browser never imports it.
 */
import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { renderMarkdown, type RenderDom } from '../ui/markdown.ts';
import type { ContentData } from './validate.ts';

let dom: RenderDom | null = null;

function nodeDom(): RenderDom {
  if (!dom) {
    const { window } = new JSDOM('');
    dom = {
      document: window.document,
      purify: createDOMPurify(window),
    };
  }
  return dom;
}

/**
 * The Markdown texts a content file shows: lesson bodies and their “Think about it” answers,
 * question prompts, case nodes.
 */
export function markdownOf(content: ContentData): { zh: string; en: string }[] {
  switch (content.kind) {
    case 'lesson':
      return content.data.parts.flatMap((p) => (p.think ? [p.body, p.think.answer] : [p.body]));
    case 'quiz':
      return content.data.questions.map((q) => q.prompt);
    case 'case':
      return content.data.nodes.map((n) => n.text);
    case 'flow':
    case 'market':
      return [];
  }
}

/** `[lang, source, html]` for every Markdown text of the file, in both languages. */
export function prerender(content: ContentData): [string, string, string][] {
  const d = nodeDom();
  return markdownOf(content).flatMap((text) => [
    ['zh-CN', text.zh, renderMarkdown(text.zh, 'zh-CN', d)] as [string, string, string],
    ['en', text.en, renderMarkdown(text.en, 'en', d)] as [string, string, string],
  ]);
}
