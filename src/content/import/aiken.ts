/**
 * Aiken (https://docs.moodle.org/en/Aiken_format) to a question set: single-choice questions.
 *
 *     What is the capital of France?
 *     A. Paris
 *     B) Lyon
 *     ANSWER: A
 *
 * The question may run over several lines before the first option; a blank line or the ANSWER
 * line ends a question. Aiken has no feedback: explanations and the `why` of wrong options are
 * generated (with a warning), and every question gets `options.defaultPoints`.
 */
import { build, type Entry } from './build.ts';
import { oneLine, overBytes, paragraphs, splitLines } from './text.ts';
import { LIMITS, type ImportOptions, type ImportResult, type NoteCode } from './types.ts';

const OPTION = /^([A-Z])[.)]\s+(\S.*)$/;
const ANSWER = /^ANSWER\s*:\s*(\S*)\s*$/i;

interface Pending {
  line: number;
  prompt: string[];
  options: { letter: string; text: string }[];
  /** The first problem found; the question is skipped with it at its end. */
  problem?: { code: NoteCode; params: Record<string, string | number> };
}

export function importAiken(input: string, options: ImportOptions): ImportResult {
  const text = typeof input === 'string' ? input : '';
  if (overBytes(text, LIMITS.input)) {
    const result = build([], options, 'Aiken');
    result.skipped = [
      { line: 0, code: 'tooLarge', params: { max: Math.floor(LIMITS.input / 1024) } },
    ];
    return result;
  }
  const entries: Entry[] = [];
  let q: Pending | null = null;

  const finish = (answer: string | null) => {
    if (!q) return;
    const { line } = q;
    const skip = (code: NoteCode, params: Record<string, string | number> = {}) =>
      entries.push({ line, read: () => ({ skip: { line, code, params } }) });
    if (q.problem) skip(q.problem.code, q.problem.params);
    else if (answer === null) skip('noAnswer');
    else if (q.options.length < LIMITS.options.min)
      skip('tooFewOptions', { count: q.options.length, min: LIMITS.options.min });
    else if (!q.options.some((o) => o.letter === answer.toUpperCase()))
      skip('answerNotAnOption', { answer: answer.slice(0, 8) });
    else {
      const right = answer.toUpperCase();
      const { prompt, options } = q;
      entries.push({
        line,
        read: () => ({
          draft: {
            type: 'single',
            line,
            prompt: paragraphs(prompt.join('\n')),
            options: options.map((o) => ({ text: oneLine(o.text), correct: o.letter === right })),
          },
        }),
      });
    }
    q = null;
  };

  splitLines(text).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return finish(null);
    if (!q) {
      q = { line: i + 1, prompt: [line], options: [] };
      return;
    }
    const answer = ANSWER.exec(line);
    if (answer) return finish(answer[1] ?? '');
    const option = OPTION.exec(line);
    if (option) {
      const letter = option[1] ?? '';
      if (q.options.some((o) => o.letter === letter)) {
        q.problem ??= { code: 'badLine', params: { line: i + 1 } };
      }
      q.options.push({ letter, text: option[2] ?? '' });
      return;
    }
    if (q.options.length === 0) q.prompt.push(line);
    else q.problem ??= { code: 'badLine', params: { line: i + 1 } };
  });
  finish(null);
  return build(entries, options, 'Aiken');
}
