import { mount } from 'svelte';
import App from './app/App.svelte';
import { startRouter } from './app/router.svelte.ts';
import { parseHash } from './app/routes.ts';
import { warm } from './app/pages.ts';
import { initSettings } from './state/settings.svelte.ts';
import { initProgress, watchOtherTabs } from './state/progress.svelte.ts';
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

// Fetch the first page's code (and lesson) while the strings load, not after.
warm(parseHash(location.hash));
initProgress();
watchOtherTabs();
startRouter();

// A lazily loaded chunk can vanish when a new version is deployed under an open page:
// reload once to get the new files, but never loop.
window.addEventListener('vite:preloadError', (event) => {
  if (sessionStorage.getItem('ecsim.reloaded') !== '1') {
    sessionStorage.setItem('ecsim.reloaded', '1');
    event.preventDefault();
    location.reload();
  }
});
window.addEventListener('load', () => sessionStorage.removeItem('ecsim.reloaded'));

// Strings first (one small file), then the app: no flash of untranslated keys.
void initSettings()
  .then(() => mount(App, { target: document.getElementById('app')! }))
  .then(startOffline);

// Offline support after the first page is drawn, when the browser is idle: not on the first page.
function startOffline(): void {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  const start = () => void import('./app/pwa.ts').then((m) => m.startPwa());
  if ('requestIdleCallback' in window) requestIdleCallback(start, { timeout: 3000 });
  else setTimeout(start, 1000);
}
