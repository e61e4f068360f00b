/**
 * What the service worker has told the page: a new version is waiting, or the app has just been
 * cached for offline use. Written by src/app/pwa.ts, shown by src/app/UpdatePrompt.svelte.
 */
export const pwa = $state({ needRefresh: false, offlineReady: false });
