/** Import notes in the reader's language, from the `import.` UI strings. */
import type { Translate } from '../messages.ts';
import type { ImportNote } from './types.ts';

/** The message for a note, with its line when it has one ("Line 12: …"). */
export function noteMessage(note: ImportNote, t: Translate): string {
  const params = { ...note.params };
  if (typeof params.field === 'string') params.field = t(`import.fields.${params.field}`);
  if (typeof params.lang === 'string') {
    params.other = t(`import.langs.${params.lang === 'zh' ? 'en' : 'zh'}`);
    params.lang = t(`import.langs.${params.lang}`);
  }
  const message = t(`import.${note.code}`, params);
  return note.line > 0 ? t('import.atLine', { line: note.line, message }) : message;
}
