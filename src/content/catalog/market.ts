/** The built-in marketplace scenarios (scenarios/market/), validated at build time. */
import type { Market, MarketMeta } from '../../content/schema.ts';

const metas = import.meta.glob<MarketMeta>('/scenarios/market/*.yaml', {
  query: '?meta',
  import: 'default',
  eager: true,
});
const loaders = import.meta.glob<Market>('/scenarios/market/*.yaml', { import: 'default' });
const pathOf = new Map<string, string>();
for (const [path, meta] of Object.entries(metas)) pathOf.set(meta.id, path);

export const SCENARIOS: readonly MarketMeta[] = Object.values(metas).sort(
  (a, b) => a.order - b.order,
);

export async function loadScenario(id: string): Promise<Market | null> {
  const path = pathOf.get(id);
  const load = path ? loaders[path] : undefined;
  return load ? load() : null;
}
