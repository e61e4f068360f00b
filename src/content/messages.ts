/** Turns content issues into `file:line:col  path  message` in the reader's language. */
import type { StringKey } from '../i18n/keys.ts';
import { isKeyPart, type KeyParts } from '../i18n/key-part.ts';
import type { ContentIssue } from './validate.ts';

/** Any translate function: i18next's `t`, or a test double. */
export type Translate = (key: StringKey, params?: Record<string, string | number>) => string;

/** The value types a type error names (from the schema's and the file's side alike). */
const TYPES: KeyParts<'content.types.'> = {
  string: true,
  number: true,
  boolean: true,
  object: true,
  array: true,
  null: true,
  undefined: true,
};
const FORMATS: KeyParts<'content.formats.'> = { id: true };
/** The YAML reader's error codes (`other` for any it may add later). */
const YAML_ERRORS: KeyParts<'content.yamlErrors.'> = {
  ALIAS_PROPS: true,
  BAD_ALIAS: true,
  BAD_DIRECTIVE: true,
  BAD_DQ_ESCAPE: true,
  BAD_INDENT: true,
  BAD_PROP_ORDER: true,
  BAD_SCALAR_START: true,
  BLOCK_AS_IMPLICIT_KEY: true,
  BLOCK_IN_FLOW: true,
  DUPLICATE_KEY: true,
  IMPOSSIBLE: true,
  KEY_OVER_1024_CHARS: true,
  MISSING_CHAR: true,
  MULTILINE_IMPLICIT_KEY: true,
  MULTIPLE_ANCHORS: true,
  MULTIPLE_DOCS: true,
  MULTIPLE_TAGS: true,
  NON_STRING_KEY: true,
  RESOURCE_EXHAUSTION: true,
  TAB_AS_INDENT: true,
  TAG_RESOLVE_FAILED: true,
  UNEXPECTED_TOKEN: true,
  BAD_COLLECTION_TYPE: true,
  other: true,
};

/** A value type in words; a type without a name is shown as it is. */
function typeName(type: string | number | undefined, t: Translate): string {
  return isKeyPart(TYPES, type) ? t(`content.types.${type}`) : String(type);
}

export function issueMessage(issue: ContentIssue, t: Translate): string {
  const params = { ...issue.params };
  if (issue.code === 'type') {
    params.expected = typeName(params.expected, t);
    params.received = typeName(params.received, t);
  }
  if (issue.code === 'format' && isKeyPart(FORMATS, params.format)) {
    params.format = t(`content.formats.${params.format}`);
  }
  // The YAML reader's own messages are English only: each of its error codes has its text here.
  if (issue.code === 'yaml') {
    const what = isKeyPart(YAML_ERRORS, params.what) ? params.what : 'other';
    params.detail = t(`content.yamlErrors.${what}`);
  }
  return t(`content.errors.${issue.code}`, params);
}

export function formatIssue(issue: ContentIssue, t: Translate): string {
  return `${issue.file}:${issue.line}:${issue.col}  ${issue.path}  ${issueMessage(issue, t)}`;
}

/** A warning: the file is usable, but something should be fixed (e.g. a missing language). */
export function formatWarning(issue: ContentIssue, t: Translate): string {
  const message = t('content.warning', { message: issueMessage(issue, t) });
  return `${issue.file}:${issue.line}:${issue.col}  ${issue.path}  ${message}`;
}
