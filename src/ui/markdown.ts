/** Author Markdown → safe HTML: marked renders, the one sanitiser (sanitize.ts) cleans. */
import { Marked } from 'marked';
import type { DOMPurify as Purifier } from 'dompurify';
import { sanitizeHtml } from './sanitize.ts';

/** Where rendering happens: the page's own DOM, or a Node DOM when the build renders ahead. */
export interface RenderDom {
  document: Document;
  purify: Purifier;
}

const marked = new Marked({ gfm: true, breaks: false, async: false });

/** A run of Chinese characters and Chinese punctuation. */
const CHINESE = /[\p{Script=Han}\u3000-\u303f\uff01-\uff5e]+/gu;

/**
 * Render author Markdown for a page in `lang`. On an English page, Chinese terms the text names
 * on purpose (“Paid (已支付)”, a law's title) are marked `lang="zh-CN"`, so that a screen reader
 * says them in Chinese rather than spelling them out (WCAG 3.1.2, language of parts).
 */
export function renderMarkdown(
  source: string,
  lang: 'zh-CN' | 'en' = 'zh-CN',
  dom?: RenderDom,
): string {
  const html = sanitizeHtml(marked.parse(source) as string, dom?.purify);
  if (lang !== 'en' || !/[\p{Script=Han}]/u.test(html)) return html;
  return markChinese(html, dom?.document ?? document);
}

/** Wrap each run of Chinese in the sanitised HTML's text in `<span lang="zh-CN">`. */
function markChinese(html: string, document: Document): string {
  const template = document.createElement('template');
  template.innerHTML = html; // already sanitised; only spans around text are added below
  const walker = document.createTreeWalker(template.content, 4 /* NodeFilter.SHOW_TEXT */);
  const texts: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
  for (const text of texts) {
    const value = text.data;
    const parts: Node[] = [];
    let last = 0;
    for (const match of value.matchAll(CHINESE)) {
      if (match.index > last) parts.push(document.createTextNode(value.slice(last, match.index)));
      const span = document.createElement('span');
      span.lang = 'zh-CN';
      span.textContent = match[0];
      parts.push(span);
      last = match.index + match[0].length;
    }
    if (parts.length === 0) continue;
    if (last < value.length) parts.push(document.createTextNode(value.slice(last)));
    text.replaceWith(...parts);
  }
  return template.innerHTML;
}
