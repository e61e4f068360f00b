/**
 * The editor's draft as other pages hand it over (an imported question bank): without the
 * checker, YAML reader and schemas the editor itself loads, so a page that only hands text over
 * does not load them.
 */
import { DRAFT_KEY, appStore, setOne } from '../../state/store.ts';

/** Text handed to the editor by another page, read once. */
let handoff: string | null = null;

/** Make `text` the draft the editor opens next (and keep it, as far as storage allows). */
export async function setDraft(text: string): Promise<boolean> {
  handoff = text;
  return setOne(await appStore(), DRAFT_KEY, text);
}

/** The text another page handed over, once: null when there is none (or it was taken). */
export function takeHandoff(): string | null {
  const text = handoff;
  handoff = null;
  return text;
}
