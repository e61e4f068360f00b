/** Reactive media queries the flow player follows. */
import { MediaQuery } from 'svelte/reactivity';

export const prefersReducedMotion = new MediaQuery('(prefers-reduced-motion: reduce)', false);
