/// <reference types="vite-plugin-pwa/client" />
/**
 * Offline support: registers the service worker (vite-plugin-pwa, `registerType: 'prompt'`, see
 * pwa-options.ts), shows UpdatePrompt.svelte in the status region App.svelte keeps for it, and asks
 * the browser, quietly, to keep the app's storage. Loaded lazily by src/main.ts once the first
 * page is drawn, so none of it weighs on the first page.
 *
 * A new version never replaces the code of an open page by itself: the new worker waits until the
 * student accepts the update prompt; then it takes over and the page reloads once. Progress lives in
 * localStorage and is not touched by any of this.
 */
import { mount } from 'svelte';
import { registerSW } from 'virtual:pwa-register';
import { pwa } from './pwa-state.svelte.ts';
import { addStrings } from '../i18n/index.svelte.ts';
import { PWA_STRINGS } from '../i18n/parts.ts';
import UpdatePrompt from './UpdatePrompt.svelte';

/** The element App.svelte keeps for the prompt: a polite status region. */
export const PWA_STATUS_ID = 'pwa-status';

/** While a tab stays open, look for a new version when it comes back into view, at most hourly. */
const CHECK_EVERY_MS = 60 * 60 * 1000;

let updateSW: ((reloadPage?: boolean) => Promise<void>) | undefined;
let shown = false;
let accepted = false;
/** Another tab accepted the update: the new worker is already in charge, a reload is enough. */
let activatedElsewhere = false;

export function startPwa(): void {
  if (!('serviceWorker' in navigator) || updateSW) return;
  // The notices' strings come with this code, not with the first page's (they show after it).
  void addStrings(PWA_STRINGS);
  updateSW = registerSW({
    immediate: true,
    onNeedRefresh() {
      pwa.offlineReady = false;
      pwa.needRefresh = true;
      show();
    },
    onOfflineReady() {
      pwa.offlineReady = true;
      show();
    },
    onNeedReload() {
      if (accepted) {
        location.reload();
      } else {
        activatedElsewhere = true;
        pwa.needRefresh = true;
        show();
      }
    },
    onRegisteredSW(_url, registration) {
      if (registration) checkWhenVisible(registration);
    },
    onRegisterError() {
      // Offline use is a bonus: the app works without it.
    },
  });
  void keepStorage();
}

/** Accept the waiting version: it takes over, and the page reloads once. */
export async function acceptUpdate(): Promise<void> {
  if (accepted) return;
  accepted = true;
  if (activatedElsewhere || !updateSW) location.reload();
  else await updateSW(true);
}

/** Not now: the new version starts the next time the app is opened. */
export function postponeUpdate(): void {
  pwa.needRefresh = false;
}

export function dismissOfflineReady(): void {
  pwa.offlineReady = false;
}

function show(): void {
  const target = document.getElementById(PWA_STATUS_ID);
  if (shown || !target) return;
  shown = true;
  mount(UpdatePrompt, { target });
}

function checkWhenVisible(registration: ServiceWorkerRegistration): void {
  let last = Date.now();
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible' || !navigator.onLine) return;
    if (Date.now() - last < CHECK_EVERY_MS) return;
    last = Date.now();
    registration.update().catch(() => {});
  });
}

/** Ask once per visit that the browser not evict the app's data under storage pressure. */
async function keepStorage(): Promise<void> {
  try {
    if (!navigator.storage?.persist || (await navigator.storage.persisted())) return;
    await navigator.storage.persist();
  } catch {
    // Not granted or not supported: nothing to tell the student.
  }
}
