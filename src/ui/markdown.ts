/** Author Markdown → safe HTML: marked renders, the one sanitiser (sanitize.ts) cleans. */
import { Marked } from 'marked';
import { sanitizeHtml } from './sanitize.ts';

const marked = new Marked({ gfm: true, breaks: false, async: false });

export function renderMarkdown(source: string): string {
  return sanitizeHtml(marked.parse(source) as string);
}
