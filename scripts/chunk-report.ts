/**
 * Vite plugin: writes dist/.vite/chunks.json, which lists for every JS chunk its static and dynamic
 * imports and the source modules inside it. scripts/budget.js reads it to check what the first page
 * loads (and that heavy libraries stay off it).
 */
import { relative } from 'node:path';
import type { Plugin } from 'vite';

export interface ChunkInfo {
  isEntry: boolean;
  imports: string[];
  dynamicImports: string[];
  modules: string[];
}

export function chunkReport(): Plugin {
  let root = process.cwd();
  return {
    name: 'ecsim-chunk-report',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    generateBundle(_options, bundle) {
      const report: Record<string, ChunkInfo> = {};
      for (const [fileName, chunk] of Object.entries(bundle)) {
        if (chunk.type !== 'chunk') continue;
        report[fileName] = {
          isEntry: chunk.isEntry,
          imports: chunk.imports,
          dynamicImports: chunk.dynamicImports,
          modules: Object.keys(chunk.modules).map((id) => relative(root, id.split('?')[0] ?? id)),
        };
      }
      this.emitFile({
        type: 'asset',
        fileName: '.vite/chunks.json',
        source: `${JSON.stringify(report, null, 2)}\n`,
      });
    },
  };
}
