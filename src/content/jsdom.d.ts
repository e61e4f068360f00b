/** The part of jsdom the build uses (src/content/prerender.ts): a window to sanitise in. */
declare module 'jsdom' {
  export class JSDOM {
    constructor(html?: string);
    readonly window: Window & typeof globalThis;
  }
}
