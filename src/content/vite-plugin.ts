/**
 * Vite plugin: content YAML files (lessons/, scenarios/) become validated JSON modules. An invalid
 * file fails the build, the dev server and the tests with `file:line:col  path  message`.
 * `?meta` on a lesson gives only what the table of contents needs, so the first page stays small;
 * `?summary` its summary alone (for the lessons page); `?points` its chapter points with where
 * they are taught (for quizzes). A whole lesson, quiz or case also brings its Markdown rendered
 * (src/content/prerender.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { formatIssue } from './messages.ts';
import { collectFiles, nodeTranslator, systemLang, validateFiles, CONTENT_DIRS } from './node.ts';
import {
  flowMeta,
  lessonMeta,
  lessonPoints,
  lessonSummary,
  marketMeta,
  quizMeta,
  type ContentMeta,
} from './schema.ts';
import { validateText, type ContentData } from './validate.ts';
import { prerender } from './prerender.ts';
import { keepRenderedCode } from '../ui/prerendered.ts';

export function contentPlugin(): Plugin {
  let root = process.cwd();
  const t = nodeTranslator(systemLang(process.env.CONTENT_LANG));
  const report = (issues: Parameters<typeof formatIssue>[0][]) =>
    issues.map((i) => formatIssue(i, t)).join('\n');
  return {
    name: 'ecsim-content',
    enforce: 'pre',
    configResolved(config) {
      root = config.root;
    },
    buildStart() {
      const dirs = CONTENT_DIRS.map((d) => resolve(root, d));
      const files = collectFiles(dirs.filter((d) => existsSync(d)));
      const { files: results } = validateFiles(files, root);
      // What a teacher's file may get away with (one language only) the built-in content may not.
      const issues = results.flatMap((r) => [...r.issues, ...r.warnings]);
      for (const f of files) this.addWatchFile(f);
      if (issues.length > 0) this.error(`Invalid content:\n${report(issues)}`);
    },
    load(id) {
      const [file = '', query] = id.split('?');
      if (!/\.ya?ml$/.test(file) || query === 'raw') return null;
      const name = relative(root, file);
      if (!CONTENT_DIRS.some((d) => name.startsWith(`${d}/`))) return null;
      const result = validateText(name, readFileSync(file, 'utf8'));
      if (!result.content || result.warnings.length > 0)
        this.error(`Invalid content:\n${report([...result.issues, ...result.warnings])}`);
      const { content } = result;
      const meta = query === 'meta';
      const data =
        query === 'points' && content.kind === 'lesson'
          ? lessonPoints(content.data)
          : query === 'summary' && content.kind === 'lesson'
            ? lessonSummary(content.data)
            : meta
              ? metaOf(content)
              : content.data;
      // The whole file: its Markdown comes rendered (src/ui/prerendered.ts), so the page need not
      // load marked and DOMPurify for the built-in content.
      const html = query ? [] : prerender(content);
      const keep = html.length > 0 ? keepRenderedCode(JSON.stringify(html)) : '';
      return { code: `${keep}export default ${JSON.stringify(data)};\n`, map: null };
    },
  };
}

function metaOf(content: ContentData): ContentMeta {
  switch (content.kind) {
    case 'lesson':
      return lessonMeta(content.data);
    case 'flow':
      return flowMeta(content.data);
    case 'market':
      return marketMeta(content.data);
    case 'quiz':
    case 'case':
      return quizMeta(content.data);
  }
}
