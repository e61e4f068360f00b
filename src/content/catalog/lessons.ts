/**
 * The chapter's lessons. Titles and part names (the `?meta` form, validated at build time by the
 * content plugin) are bundled with the first page; each section's text loads when it is opened.
 */
import type { Lesson, LessonMeta } from '../../content/schema.ts';
import { remembering } from './remember.ts';

const metas = import.meta.glob<LessonMeta>('/lessons/*.yaml', {
  query: '?meta',
  import: 'default',
  eager: true,
});
const loaders = import.meta.glob<Lesson>('/lessons/*.yaml', { import: 'default' });

const pathOf = new Map<string, string>();
for (const [path, meta] of Object.entries(metas)) pathOf.set(meta.id, path);

/** Every section, in the chapter's order. */
export const LESSONS: readonly LessonMeta[] = Object.values(metas).sort(
  (a, b) => a.order - b.order,
);

export function lessonById(id: string): LessonMeta | undefined {
  return LESSONS.find((l) => l.id === id);
}

export function neighbours(id: string): { prev: LessonMeta | null; next: LessonMeta | null } {
  const i = LESSONS.findIndex((l) => l.id === id);
  return { prev: LESSONS[i - 1] ?? null, next: i >= 0 ? (LESSONS[i + 1] ?? null) : null };
}

const lessons = remembering(async (id: string): Promise<Lesson | null> => {
  const path = pathOf.get(id);
  const load = path ? loaders[path] : undefined;
  return load ? load() : null;
});

export const loadLesson = lessons.load;
/** A section's text if it has already loaded, without waiting. */
export const loadedLesson = lessons.loaded;
