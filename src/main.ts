import { mount } from 'svelte';
import App from './app/App.svelte';
import { startRouter } from './app/router.svelte.ts';
import { parseHash } from './app/routes.ts';
import { warm } from './app/pages.ts';
import { refreshTextOnFontLoad } from './app/font-refresh.ts';
import { initSettings } from './state/settings.svelte.ts';
import { initProgress } from './state/progress.svelte.ts';
import './app/app.css';

// `?scenario=<address>` opens a scenario file from the web: hand it to the open page.
const scenarioUrl = new URLSearchParams(location.search).get('scenario');
if (scenarioUrl) {
  history.replaceState(
    null,
    '',
    `${location.pathname}#/open?url=${encodeURIComponent(scenarioUrl)}`,
  );
}

refreshTextOnFontLoad();

// Fetch the first page's code (and lesson or flow) while the strings load, not after.
const pageReady = warm(parseHash(location.hash));
// Progress opens (IndexedDB) while the strings load. The app is drawn when the strings, the
// record and the first page are ready, so the page appears whole, without a "loading" line
// first and a second long drawing after it. A slow phone takes over a second for that alone;
// after three seconds at most the app is drawn anyway, and the rest fills in as it arrives.
const progressReady = Promise.race([
  Promise.all([initProgress(), pageReady]),
  new Promise<void>((resolve) => setTimeout(resolve, 3000)),
]);
startRouter();

// A lazily loaded chunk can vanish when a new version is deployed under an open page:
// reload once to get the new files, but never loop. The failed import still rejects (the event
// is not cancelled), so no page is drawn from a module that did not load.
window.addEventListener('vite:preloadError', () => {
  if (sessionStorage.getItem('ecsim.reloaded') !== '1') {
    sessionStorage.setItem('ecsim.reloaded', '1');
    location.reload();
  }
});
window.addEventListener('load', () => sessionStorage.removeItem('ecsim.reloaded'));

// Strings first (one small file), then the app: no flash of untranslated keys.
void Promise.all([initSettings(), progressReady])
  .then(() => mount(App, { target: document.getElementById('app')! }))
  .then(startOffline);

// Offline support after the first page is drawn, when the browser is idle: not on the first page.
function startOffline(): void {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  const start = () => void import('./app/pwa.ts').then((m) => m.startPwa());
  if ('requestIdleCallback' in window) requestIdleCallback(start, { timeout: 3000 });
  else setTimeout(start, 1000);
}
