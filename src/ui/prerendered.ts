/**
 * Markdown of the built-in content, rendered and sanitised when the app was built (the content
 * plugin, src/content/vite-plugin.ts): a content module puts its pages' HTML in one shared map
 * when it loads, so a lesson, quiz or case shows its text without loading or running marked and
 * DOMPurify on the phone. Anything not found here (a teacher's file) is rendered at run time.
 *
 * The map hangs on `globalThis` under a registered symbol rather than being imported by the
 * content modules: an import would add a chunk to every lesson's preload list on the first page.
 */

/** The key of the shared map: `${lang}\0${source}` → HTML. */
export const RENDERED = 'ecsim.rendered';

/** The code a content module runs to add its `[lang, source, html]` triples (JSON). */
export function keepRenderedCode(json: string): string {
  return (
    `{const m=globalThis[Symbol.for(${JSON.stringify(RENDERED)})]??=new Map();` +
    `for(const[l,s,h]of ${json})m.set(l+"\\u0000"+s,h);}\n`
  );
}

/** The build's HTML for this source in this language, if the build rendered it. */
export function prerendered(source: string, lang: string): string | undefined {
  const map = (globalThis as Record<symbol, Map<string, string> | undefined>)[Symbol.for(RENDERED)];
  return map?.get(`${lang}\u0000${source}`);
}
