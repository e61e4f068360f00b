/**
 * The messages a flow shows, in the reader's language: the path taken, then the usual way on.
 * One list for both drawings of a flow: the sequence diagram (mermaid-source.ts) and the phone's
 * timeline (FlowTimeline.svelte), so the two never disagree.
 */
import { t, tx } from '../../i18n/index.svelte.ts';
import type { DiagramMessage, DiagramRole } from './mermaid-source.ts';
import type { FlowPlayer } from './player.svelte.ts';

export interface ShownMessage extends DiagramMessage {
  /** The step's id. */
  id: string;
  /** The message text without the branch mark (the timeline marks a branch itself). */
  plain: string;
}

export function shownRoles(player: FlowPlayer): DiagramRole[] {
  return player.flow.roles.map((r) => ({ id: r.id, name: tx(r.name) }));
}

export function shownMessages(player: FlowPlayer): ShownMessage[] {
  return player.shown.map((id) => {
    const s = player.stepById(id);
    const number = player.numberOf(id);
    const plain = tx(s.message);
    const text = number === null ? t('flows.branchMessage', { message: plain }) : plain;
    return { id, from: s.from, to: s.to, text, plain, number };
  });
}
