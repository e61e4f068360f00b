/** The current route, from location.hash. One writer: the hashchange listener. */
import { parseHash, type Route } from './routes.ts';
import { announce } from '../state/announce.svelte.ts';

const state = $state<{ route: Route }>({ route: parseHash(globalThis.location?.hash ?? '') });

export const router = {
  get route(): Route {
    return state.route;
  },
};

export function startRouter(): () => void {
  const onChange = () => {
    state.route = parseHash(location.hash);
  };
  onChange();
  const onNavigate = () => {
    // What the last page announced is not news on the next one.
    announce('');
    onChange();
  };
  window.addEventListener('hashchange', onNavigate);
  return () => window.removeEventListener('hashchange', onNavigate);
}
