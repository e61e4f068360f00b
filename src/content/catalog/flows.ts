/** The built-in flows (lessons/flows/), validated at build time; each loads when opened. */
import type { Flow, FlowMeta } from '../../content/schema.ts';
import { remembering } from './remember.ts';

const metas = import.meta.glob<FlowMeta>('/lessons/flows/*.yaml', {
  query: '?meta',
  import: 'default',
  eager: true,
});
const loaders = import.meta.glob<Flow>('/lessons/flows/*.yaml', { import: 'default' });

const pathOf = new Map<string, string>();
for (const [path, meta] of Object.entries(metas)) pathOf.set(meta.id, path);

export const FLOWS: readonly FlowMeta[] = Object.values(metas).sort((a, b) => a.order - b.order);

export function flowMetaById(id: string): FlowMeta | undefined {
  return FLOWS.find((f) => f.id === id);
}

const flows = remembering(async (id: string): Promise<Flow | null> => {
  const path = pathOf.get(id);
  const load = path ? loaders[path] : undefined;
  return load ? load() : null;
});

export const loadFlow = flows.load;
/** A built-in flow if it has already loaded, without waiting. */
export const loadedFlow = flows.loaded;
