/**
 * Vite plugin: keeps out of the offline precache the JavaScript the app can never run. Mermaid
 * ships a loader for every diagram type it knows (flowcharts with cytoscape and dagre, Gantt
 * charts…) and KaTeX for maths in labels; the app only ever draws sequence diagrams, without maths
 * (src/features/flows). The
 * chunks reachable from the app's entry, without following mermaid's loaders of other diagram
 * types, are kept; the rest stay in the build (harmless on a server) but are not precached.
 * The list is written to .vite/precache-skipped.json for the offline test.
 */
import type { Plugin } from 'vite';
import type { ManifestTransform } from 'workbox-build';

/** The diagram types the app draws, by mermaid's chunk name. */
const DRAWN = /^assets\/sequenceDiagram-/;

/** Files of the last build that are not precached. */
const skipped = new Set<string>();

export function precacheTrim(): Plugin {
  return {
    name: 'ecsim-precache-trim',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map(
        Object.values(bundle).flatMap((c) =>
          c.type === 'chunk' ? [[c.fileName, c] as const] : [],
        ),
      );
      // Mermaid's own loaders of diagram types (and their layouts) the app never draws.
      const loaders = new Set(
        [...chunks.values()]
          .filter((c) =>
            c.moduleIds.some((id) => /node_modules\/mermaid\/dist\/mermaid\.core/.test(id)),
          )
          .flatMap((c) => c.dynamicImports)
          .filter((f) => !DRAWN.test(f)),
      );
      // KaTeX, which mermaid loads for labels holding $$…$$ (maths); the flows' labels never do
      // (src/features/flows/mermaid-source.ts turns $ into a full-width ＄).
      for (const c of chunks.values())
        if (c.moduleIds.some((id) => /node_modules\/katex\//.test(id))) loaders.add(c.fileName);
      const keep = new Set<string>();
      const visit = (file: string): void => {
        if (keep.has(file) || loaders.has(file)) return;
        keep.add(file);
        const chunk = chunks.get(file);
        for (const dep of [...(chunk?.imports ?? []), ...(chunk?.dynamicImports ?? [])]) visit(dep);
      };
      for (const c of chunks.values()) if (c.isEntry) visit(c.fileName);
      skipped.clear();
      for (const file of chunks.keys()) if (!keep.has(file)) skipped.add(file);
      this.emitFile({
        type: 'asset',
        fileName: '.vite/precache-skipped.json',
        source: `${JSON.stringify([...skipped].sort(), null, 1)}\n`,
      });
    },
  };
}

/** For workbox's manifestTransforms: the precache without the skipped chunks. */
export const withoutSkipped: ManifestTransform = async (entries) => ({
  manifest: entries.filter((e) => !skipped.has(e.url)),
  warnings: [],
});
