/**
 * The one sanitising path for markup: DOMPurify with the app's rules. Author Markdown (via
 * markdown.ts) and mermaid's SVG both pass through here before any of it reaches the page.
 * Images and embedded content are dropped (nothing in a file may reach the network); links keep
 * only http(s), mailto and in-app hash targets, and external ones open in a new tab.
 */
import DOMPurify, { type DOMPurify as Purifier } from 'dompurify';

const SAFE_HREF = /^(?:https?:|mailto:|#)/i;
/** The purifiers that have the app's link rule (the page's, and a build's on a Node DOM). */
const hooked = new WeakSet<Purifier>();

function ensureHooks(purify: Purifier = DOMPurify): void {
  if (hooked.has(purify)) return;
  hooked.add(purify);
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      const href = node.getAttribute('href') ?? '';
      if (!SAFE_HREF.test(href.trim())) node.removeAttribute('href');
      else if (/^https?:/i.test(href.trim())) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    }
  });
}

/**
 * Sanitise HTML produced from author text. `purify` is the page's DOMPurify unless the build
 * renders the built-in content ahead of time (src/content/prerender.ts, on a Node DOM).
 */
export function sanitizeHtml(html: string, purify: Purifier = DOMPurify): string {
  ensureHooks(purify);
  return purify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: [
      'img',
      'svg',
      'math',
      'style',
      'form',
      'input',
      'button',
      'iframe',
      'video',
      'audio',
      'picture',
      'source',
      'object',
      'embed',
    ],
    FORBID_ATTR: ['style', 'id', 'class', 'srcset', 'src'],
  });
}

/**
 * SVG drawn by mermaid from flow data (which a teacher may write) goes through DOMPurify too
 * before it is put in the page: no scripts, no event handlers, no foreign objects, and no
 * `<style>` (a stylesheet can fetch and reach the whole page). Mermaid's theme is not needed:
 * the diagrams take their look from the app's stylesheet (`.diagram-canvas` in app.css).
 */
export function sanitizeSvg(svg: string): string {
  ensureHooks();
  return DOMPurify.sanitize(svg, {
    USE_PROFILES: { svg: true, svgFilters: true },
    FORBID_TAGS: ['foreignObject', 'script', 'style', 'a', 'image', 'use'],
  });
}
