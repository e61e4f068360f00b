/**
 * The UI string resources. Chinese is the default; both languages must have the same keys.
 * Strings are split by where they are needed: the core (every page) and one part per activity,
 * each loaded with its page so the first page carries only the core. Node code (the validator,
 * tests) uses all of them at once through `resources`.
 */
import coreZh from './zh-CN.json' with { type: 'json' };
import coreEn from './en.json' with { type: 'json' };
import flowsZh from './flows/zh-CN.json' with { type: 'json' };
import flowsEn from './flows/en.json' with { type: 'json' };
import contentZh from './content/zh-CN.json' with { type: 'json' };
import marketZh from './market/zh-CN.json' with { type: 'json' };
import marketEn from './market/en.json' with { type: 'json' };
import contentEn from './content/en.json' with { type: 'json' };
import quizZh from './quiz/zh-CN.json' with { type: 'json' };
import quizEn from './quiz/en.json' with { type: 'json' };
import authoringZh from './authoring/zh-CN.json' with { type: 'json' };
import authoringEn from './authoring/en.json' with { type: 'json' };
import progressZh from './progress/zh-CN.json' with { type: 'json' };
import progressEn from './progress/en.json' with { type: 'json' };
import classroomZh from './classroom/zh-CN.json' with { type: 'json' };
import classroomEn from './classroom/en.json' with { type: 'json' };
import lessonZh from './lesson/zh-CN.json' with { type: 'json' };
import lessonEn from './lesson/en.json' with { type: 'json' };
import pwaZh from './pwa/zh-CN.json' with { type: 'json' };
import pwaEn from './pwa/en.json' with { type: 'json' };

import type { Lang } from './langs.ts';

export { DEFAULT_LANG, LANGS, isLang, pickLang, type Lang } from './langs.ts';

export const resources: Record<Lang, { translation: Record<string, unknown> }> = {
  'zh-CN': {
    translation: {
      ...coreZh,
      ...flowsZh,
      ...contentZh,
      ...marketZh,
      ...quizZh,
      ...authoringZh,
      ...progressZh,
      ...classroomZh,
      ...lessonZh,
      ...pwaZh,
    },
  },
  en: {
    translation: {
      ...coreEn,
      ...flowsEn,
      ...contentEn,
      ...marketEn,
      ...quizEn,
      ...authoringEn,
      ...progressEn,
      ...classroomEn,
      ...lessonEn,
      ...pwaEn,
    },
  },
};
