/** The current route, from location.hash. One writer: the hashchange listener. */
import { parseHash, type Route } from './routes.ts';

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
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}
