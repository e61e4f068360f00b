/**
 * The one reorder widget (src/ui/ReorderList.svelte) that the flows' ordering check and ordering
 * questions share: keyboard, buttons, dragging, what is announced, and a locked, marked list.
 * Each page's own tests check it in place (tests/component/flows… and quiz…).
 */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi, type Mock } from 'vitest';
import ReorderList from '../../src/ui/ReorderList.svelte';
import { announcement } from '../../src/state/announce.svelte.ts';

const NAMES: Record<string, string> = { a: 'Alpha', b: 'Beta', c: 'Gamma' };
type Item = string | number;
type Reorder = (items: Item[]) => void;

function setup(props: Record<string, unknown> & { onreorder?: Mock<Reorder> } = {}) {
  const onreorder = props.onreorder ?? vi.fn<Reorder>();
  const view = render(ReorderList, {
    items: ['a', 'b', 'c'],
    text: (id: Item) => NAMES[id]!,
    label: 'Steps',
    upLabel: (text: string) => `Up ${text}`,
    downLabel: (text: string) => `Down ${text}`,
    movedLabel: (text: string, n: number) => `${text} to ${n}`,
    ...props,
    onreorder,
  });
  const list = screen.getByRole('list', { name: 'Steps' });
  const handles = () => within(list).getAllByRole('button', { name: /^\d\. / });
  return { ...view, onreorder, list, handles };
}

describe('the reorder list', () => {
  it('moves an item by arrow key, keeps the focus on it and says where it went', async () => {
    const user = userEvent.setup();
    // The page keeps the order: it passes the new one back, as the flows and quiz pages do.
    let update: Reorder = () => undefined;
    const { onreorder, handles, rerender } = setup({
      onreorder: vi.fn<Reorder>((next) => update(next)),
    });
    // Not awaited here (the widget calls this synchronously); the test waits for the focus below.
    update = (next) => void rerender({ items: next });
    expect(handles().map((h) => h.textContent?.trim())).toEqual([
      '1. Alpha',
      '2. Beta',
      '3. Gamma',
    ]);
    handles()[0]!.focus();
    await user.keyboard('{ArrowDown}');
    expect(onreorder).toHaveBeenLastCalledWith(['b', 'a', 'c']);
    expect(announcement.message).toBe('Alpha to 2');
    await vi.waitFor(() => expect(document.activeElement?.textContent?.trim()).toBe('2. Alpha'));
    await user.keyboard('{ArrowDown}');
    expect(onreorder).toHaveBeenLastCalledWith(['b', 'c', 'a']);
    await vi.waitFor(() => expect(document.activeElement?.textContent?.trim()).toBe('3. Alpha'));
    // Nothing moves past either end.
    onreorder.mockClear();
    await user.keyboard('{ArrowDown}');
    expect(onreorder).not.toHaveBeenCalled();
  });

  it('moves an item with its buttons; the first cannot go up, the last cannot go down', async () => {
    const user = userEvent.setup();
    const { onreorder } = setup();
    expect(screen.getByRole('button', { name: 'Up Alpha' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Down Gamma' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Up Gamma' }));
    expect(onreorder).toHaveBeenLastCalledWith(['a', 'c', 'b']);
  });

  it('moves an item by dragging it onto another, only where dragging is offered', async () => {
    const dragged = setup({ draggable: true });
    const items = within(dragged.list).getAllByRole('listitem');
    expect(items[0]).toHaveAttribute('draggable', 'true');
    await fireEvent.dragStart(items[0]!);
    await fireEvent.drop(items[2]!);
    expect(dragged.onreorder).toHaveBeenLastCalledWith(['b', 'c', 'a']);
    dragged.unmount();
    const fixed = setup();
    expect(within(fixed.list).getAllByRole('listitem')[0]).not.toHaveAttribute('draggable');
  });

  it('once locked and marked, says per position whether the item belongs there, and moves nothing', () => {
    setup({
      locked: true,
      marks: [true, false, false],
      verdict: (id: string, right: boolean) => (right ? `${id} right` : `${id} wrong`),
    });
    const items = screen.getAllByRole('listitem');
    expect(items.map((li) => li.className.match(/right|wrong/)?.[0])).toEqual([
      'right',
      'wrong',
      'wrong',
    ]);
    expect(items[1]).toHaveTextContent('b wrong');
    expect(screen.queryByRole('button', { name: /^Up / })).toBeNull();
    for (const handle of screen.getAllByRole('button')) expect(handle).toBeDisabled();
  });
});
