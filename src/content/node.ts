/**
 * Node-side helpers shared by `npm run validate`, the Vite plugin and the tests: find content
 * files, validate them with the cross-file checks, and translate messages without a browser.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createInstance } from 'i18next';
import { isLang, resources, type Lang } from '../i18n/resources.ts';
import type { Translate } from './messages.ts';
import { checkCorpus, validateText, type ContentIssue, type FileResult } from './validate.ts';

export const CONTENT_DIRS = ['lessons', 'scenarios'];
const YAML_FILE = /\.ya?ml$/;

/** The YAML files under the given files or folders, sorted, as absolute paths. */
export function collectFiles(paths: readonly string[], cwd = process.cwd()): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (name === 'node_modules' || name.startsWith('.')) continue;
        walk(join(p, name));
      }
    } else if (YAML_FILE.test(p)) {
      out.push(p);
    }
  };
  for (const p of paths) walk(resolve(cwd, p));
  return [...new Set(out)];
}

export interface CorpusResult {
  files: FileResult[];
  /** Issues found across files (duplicate ids and the like), already attached to `files` too. */
  crossIssues: ContentIssue[];
}

/** Validate files, naming them relative to `cwd` in messages. */
export function validateFiles(absPaths: readonly string[], cwd = process.cwd()): CorpusResult {
  const texts = new Map<string, string>();
  const files = absPaths.map((abs) => {
    const name = relative(cwd, abs) || abs;
    const text = readFileSync(abs, 'utf8');
    texts.set(name, text);
    return validateText(name, text);
  });
  const crossIssues = checkCorpus(files, texts);
  for (const issue of crossIssues) {
    const file = files.find((f) => f.file === issue.file);
    file?.issues.push(issue);
  }
  return { files, crossIssues };
}

/** The language for messages: an explicit choice, else the system's (LANG, LC_ALL), else English. */
export function systemLang(explicit?: string, env = process.env): Lang {
  if (isLang(explicit)) return explicit;
  if (explicit?.toLowerCase().startsWith('zh')) return 'zh-CN';
  if (explicit?.toLowerCase().startsWith('en')) return 'en';
  const sys = env.LC_ALL || env.LC_MESSAGES || env.LANG || env.LANGUAGE || '';
  return sys.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function nodeTranslator(lang: Lang): Translate {
  const i18n = createInstance();
  void i18n.init({
    lng: lang,
    fallbackLng: false,
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return (key, params) => i18n.t(key, params ?? {});
}
