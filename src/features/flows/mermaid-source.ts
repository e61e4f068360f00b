/**
 * The mermaid sequence diagram of a flow, generated from the flow's data (never written by hand):
 * one participant per role, one message per step shown. Text is made safe for mermaid's syntax;
 * the rendered SVG is sanitised again before it reaches the page.
 */

export interface DiagramRole {
  id: string;
  name: string;
}

export interface DiagramMessage {
  from: string;
  to: string;
  text: string;
  /**
   * The step's number on the flow's usual path, or null for a branch step (drawn without a
   * number). Left out on every message, the messages are simply numbered 1, 2, 3…
   */
  number?: number | null;
}

/**
 * Mermaid treats ; # % < > { } and line breaks specially inside a message or a name, and $$…$$
 * as maths (KaTeX, which the app does not ship offline).
 */
export function diagramText(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/\$/g, '＄')
    .replace(/;/g, '；')
    .replace(/#/g, '＃')
    .replace(/%/g, '％')
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/\{/g, '（')
    .replace(/\}/g, '）')
    .replace(/\s+/g, ' ')
    .trim();
}

export function sequenceDiagram(
  roles: readonly DiagramRole[],
  messages: readonly DiagramMessage[],
): string {
  const alias = new Map(roles.map((role, i) => [role.id, `r${i}`]));
  const numbered = messages.some((m) => m.number !== undefined);
  const lines = numbered ? ['sequenceDiagram'] : ['sequenceDiagram', '  autonumber'];
  for (const role of roles)
    lines.push(`  participant ${alias.get(role.id)} as ${diagramText(role.name)}`);
  for (const m of messages) {
    const from = alias.get(m.from);
    const to = alias.get(m.to);
    if (!from || !to) throw new RangeError(`unknown role in message ${m.from} -> ${m.to}`);
    // Each message sets its own number, so a detour (a failed payment, then paying again)
    // does not renumber the usual path's steps after it.
    if (numbered) {
      const n = m.number;
      lines.push(
        typeof n === 'number' && n >= 1 ? `  autonumber ${Math.floor(n)}` : '  autonumber off',
      );
    }
    lines.push(`  ${from}->>${to}: ${diagramText(m.text) || '…'}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The participant id mermaid will use for a role (to light it up in the SVG). */
export function participantId(roles: readonly DiagramRole[], roleId: string): string {
  const i = roles.findIndex((r) => r.id === roleId);
  return i < 0 ? '' : `r${i}`;
}
