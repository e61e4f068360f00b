/** Import notes in the reader's language, from the `import.` UI strings. */
import { isKeyPart, type KeyParts } from '../../i18n/key-part.ts';
import type { Translate } from '../messages.ts';
import type { ImportNote } from './types.ts';

/** The fields a note can name, and the languages. */
const FIELDS: KeyParts<'import.fields.'> = {
  prompt: true,
  option: true,
  feedback: true,
  explain: true,
  pair: true,
};
const LANGS: KeyParts<'import.langs.'> = { zh: true, en: true };

/** The message for a note, with its line when it has one ("Line 12: …"). */
export function noteMessage(note: ImportNote, t: Translate): string {
  const params = { ...note.params };
  if (isKeyPart(FIELDS, params.field)) params.field = t(`import.fields.${params.field}`);
  if (isKeyPart(LANGS, params.lang)) {
    params.other = t(`import.langs.${params.lang === 'zh' ? 'en' : 'zh'}`);
    params.lang = t(`import.langs.${params.lang}`);
  }
  const message = t(`import.${note.code}`, params);
  return note.line > 0 ? t('import.atLine', { line: note.line, message }) : message;
}
