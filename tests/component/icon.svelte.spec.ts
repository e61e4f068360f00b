import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import Icon from '../../src/ui/Icon.svelte';
import { ROLE_ICONS } from '../../src/ui/icons.ts';

/** The shapes an icon drew, as tag and attributes. */
const drawn = (svg: Element) =>
  [...svg.children].map((el) => [
    el.localName,
    Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])),
  ]);

describe('an icon', () => {
  it("draws Lucide's shapes as SVG elements, at the size asked, hidden from screen readers", () => {
    const { container } = render(Icon, { node: ROLE_ICONS.user, size: 16 });
    const svg = container.querySelector('svg')!;
    expect(svg.getAttribute('width')).toBe('16');
    expect(svg.getAttribute('aria-hidden')).toBe('true');
    expect(drawn(svg)).toEqual(ROLE_ICONS.user);
    for (const el of svg.children) expect(el.namespaceURI).toBe('http://www.w3.org/2000/svg');
  });

  it('gives every place its own copy of the shapes, and redraws when the icon changes', async () => {
    const a = render(Icon, { node: ROLE_ICONS.carrier });
    const b = render(Icon, { node: ROLE_ICONS.carrier });
    const first = a.container.querySelector('svg')!;
    const second = b.container.querySelector('svg')!;
    expect(drawn(first)).toEqual(ROLE_ICONS.carrier);
    expect(drawn(second)).toEqual(ROLE_ICONS.carrier);
    expect(first.firstElementChild).not.toBe(second.firstElementChild);

    await a.rerender({ node: ROLE_ICONS.bank });
    expect(drawn(first)).toEqual(ROLE_ICONS.bank);
    expect(drawn(second)).toEqual(ROLE_ICONS.carrier);
  });
});
