/** Reactive media queries the flow player follows. */
import { MediaQuery } from 'svelte/reactivity';

export const prefersReducedMotion = new MediaQuery('(prefers-reduced-motion: reduce)', false);

/** A phone's width (src/app/app.css uses the same breakpoint for the header). */
export const narrowScreen = new MediaQuery('(max-width: 40rem)', false);
