/** Turns content issues into `file:line:col  path  message` in the reader's language. */
import type { ContentIssue } from './validate.ts';

/** Any translate function: i18next's `t`, or a test double. */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

export function issueMessage(issue: ContentIssue, t: Translate): string {
  const params = { ...issue.params };
  if (issue.code === 'type') {
    params.expected = t(`content.types.${params.expected}`);
    params.received = t(`content.types.${params.received}`);
  }
  if (issue.code === 'format') params.format = t(`content.formats.${params.format}`);
  // The YAML reader's own messages are English only: each of its error codes has its text here.
  if (issue.code === 'yaml') params.detail = t(`content.yamlErrors.${params.what ?? 'other'}`);
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
