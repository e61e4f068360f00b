/**
 * `npm run validate [--lang zh|en] [paths…]`: checks content files (lessons/ and scenarios/ by
 * default), prints one line per file, every problem as `file:line:col  path  message`, and a
 * total. Exits 1 when any file has an error.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatIssue, formatWarning } from '../src/content/messages.ts';
import type { Kind } from '../src/content/schema.ts';
import {
  collectFiles,
  CONTENT_DIRS,
  nodeTranslator,
  systemLang,
  validateFiles,
} from '../src/content/node.ts';

const args = process.argv.slice(2);
let lang: string | undefined;
const paths: string[] = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i]!;
  if (arg === '--lang') lang = args[++i];
  else if (arg.startsWith('--lang=')) lang = arg.slice('--lang='.length);
  else paths.push(arg);
}

const t = nodeTranslator(systemLang(lang));
const targets = paths.length > 0 ? paths : CONTENT_DIRS.filter((d) => existsSync(resolve(d)));
const missing = targets.filter((p) => !existsSync(resolve(p)));
for (const p of missing) console.error(`${p}:1:1  .  ${t('content.errors.notFound')}`);

const files = collectFiles(targets.filter((p) => existsSync(resolve(p))));
const { files: results } = validateFiles(files);

const kinds = new Map<Kind, number>();
let questions = 0;
let errors = missing.length;
for (const result of results) {
  if (result.issues.length === 0 && result.kind) {
    kinds.set(result.kind, (kinds.get(result.kind) ?? 0) + 1);
    if (result.content?.kind === 'quiz') questions += result.content.data.questions.length;
    const kindName = t(`content.kind.${result.kind}`);
    if (result.warnings.length === 0)
      console.log(t('content.fileOk', { file: result.file, kind: kindName }));
    else {
      console.log(
        t('content.fileWarn', { file: result.file, kind: kindName, count: result.warnings.length }),
      );
      for (const w of result.warnings) console.log(`  ${formatWarning(w, t)}`);
    }
  } else {
    console.log(t('content.fileBad', { file: result.file, count: result.issues.length }));
    for (const issue of result.issues) console.log(`  ${formatIssue(issue, t)}`);
    errors += result.issues.length;
  }
}
const kindText =
  [...kinds].map(([kind, count]) => t(`content.kinds.${kind}`, { count, questions })).join(', ') ||
  '—';
console.log(t('content.summary', { files: results.length, kinds: kindText, errors }));
process.exit(errors > 0 ? 1 : 0);
