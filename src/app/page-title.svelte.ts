/** Keeps document.title as "page · app name" in the current language. */
import { t } from '../i18n/index.svelte.ts';

export function usePageTitle(title: () => string): void {
  $effect(() => {
    const page = title();
    const app = t('app.name');
    document.title = page && page !== app ? `${page} · ${app}` : app;
  });
}
