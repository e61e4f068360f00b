/** The built-in question sets (scenarios/quiz/) and cases (scenarios/case/), validated at build. */
import type { Case, PointMeta, Quiz, QuizMeta } from '../../content/schema.ts';
import { remembering } from './remember.ts';

const metas = import.meta.glob<QuizMeta>(['/scenarios/quiz/*.yaml', '/scenarios/case/*.yaml'], {
  query: '?meta',
  import: 'default',
  eager: true,
});
const loaders = import.meta.glob<Quiz | Case>(
  ['/scenarios/quiz/*.yaml', '/scenarios/case/*.yaml'],
  {
    import: 'default',
  },
);
const pathOf = new Map<string, string>();
for (const [path, meta] of Object.entries(metas)) pathOf.set(meta.id, path);

/** Sets first, then cases, each in their order. */
export const PRACTICE: readonly QuizMeta[] = Object.values(metas).sort((a, b) =>
  a.kind === b.kind ? a.order - b.order : a.kind === 'quiz' ? -1 : 1,
);
export const SETS = PRACTICE.filter((m) => m.kind === 'quiz');
export const CASES = PRACTICE.filter((m) => m.kind === 'case');

export function practiceById(id: string): QuizMeta | undefined {
  return PRACTICE.find((m) => m.id === id);
}

const practice = remembering(async (id: string): Promise<Quiz | Case | null> => {
  const path = pathOf.get(id);
  const load = path ? loaders[path] : undefined;
  return load ? load() : null;
});

export const loadPractice = practice.load;
/** A built-in question set or case if it has already loaded, without waiting. */
export const loadedPractice = practice.loaded;

const pointLists = import.meta.glob<PointMeta[]>('/lessons/*.yaml', {
  query: '?points',
  import: 'default',
  eager: true,
});

/** Every chapter point, with its title and the lesson part that teaches it. */
export const POINTS: ReadonlyMap<string, PointMeta> = new Map(
  Object.values(pointLists)
    .flat()
    .map((p) => [p.id, p]),
);
