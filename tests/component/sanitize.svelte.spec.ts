import { describe, expect, it } from 'vitest';
import { sanitizeSvg } from '../../src/ui/sanitize.ts';

/** SVG as mermaid draws a sequence diagram: its theme in a <style> of its own. */
const DRAWN = `<svg id="flow-diagram-1" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
<style>#flow-diagram-1 .actor{fill:#fbfaf8}</style>
<g data-et="participant" data-id="r0"><rect class="actor actor-top" x="0" y="0" width="40" height="20"></rect>
<text class="actor actor-box"><tspan>User</tspan></text></g>
<line class="messageLine0" data-et="message" x1="0" y1="30" x2="90" y2="30" marker-end="url(#flow-diagram-1-arrowhead)"></line>
<text class="messageText">Sign up</text></svg>`;

describe('the SVG sanitiser', () => {
  it('keeps no <style> (the diagrams take their look from the app’s stylesheet)', () => {
    const clean = sanitizeSvg(DRAWN);
    expect(clean).not.toMatch(/<style/i);
    const svg = new DOMParser().parseFromString(clean, 'image/svg+xml').documentElement;
    expect(svg.querySelectorAll('style')).toHaveLength(0);
    // What the page styles and animates is kept: classes, the roles' and messages' data.
    expect(svg.querySelector('rect.actor')).not.toBeNull();
    expect(svg.querySelector('[data-et="message"].messageLine0')).not.toBeNull();
    expect(svg.querySelector('[data-et="participant"]')?.getAttribute('data-id')).toBe('r0');
    expect(svg.querySelector('text.messageText')?.textContent).toBe('Sign up');
  });

  it('drops a style smuggled into the SVG in any form, and scripts and handlers with it', () => {
    const hostile = [
      '<svg><style>@import url(https://example.com/x.css);</style></svg>',
      '<svg><STYLE>*{background:url(https://example.com/track)}</STYLE></svg>',
      '<svg><g><style>rect{fill:red}</style></g></svg>',
      '<svg><foreignObject><style>p{}</style></foreignObject></svg>',
      '<svg><script>alert(1)</script><rect onclick="alert(1)"/></svg>',
    ];
    for (const svg of hostile) {
      const clean = sanitizeSvg(svg);
      expect(clean).not.toMatch(/<style|<script|onclick|foreignObject/i);
    }
  });
});
