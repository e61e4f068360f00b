/** Lucide's per-icon modules (the package's types cover only its index). */
declare module 'lucide/dist/esm/icons/*.mjs' {
  const node: import('./icons.ts').IconNode;
  export default node;
}
