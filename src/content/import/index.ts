/** Importing Moodle GIFT and Aiken question banks into question-set files. */
export { importGift } from './gift.ts';
export { importAiken } from './aiken.ts';
export { toYaml } from './yaml.ts';
export { noteMessage } from './messages.ts';
export {
  LIMITS,
  SKIP_CODES,
  WARNING_CODES,
  type ImportNote,
  type ImportOptions,
  type ImportResult,
  type QuestionData,
  type QuizData,
} from './types.ts';
