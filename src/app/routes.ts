/** Hash routes: every page has its own link and the built app works from any static path. */
export type Route =
  | { name: 'home' }
  | { name: 'lessons' }
  | { name: 'lesson'; id: string; part: string | null }
  | { name: 'flows' }
  | { name: 'flow'; id: string; step: string | null }
  | { name: 'market'; scenario: string | null; query: string }
  | { name: 'marketGuide' }
  | { name: 'quiz' }
  | { name: 'practice'; id: string }
  | { name: 'class' }
  | { name: 'authoring' }
  | { name: 'editor'; query: string }
  | { name: 'open'; query: string }
  | { name: 'progress' }
  | { name: 'classroom'; view: 'host' | 'join'; query: string }
  | { name: 'notFound'; path: string };

const SIMPLE = ['flows', 'quiz', 'class', 'authoring', 'progress', 'lessons'] as const;
/** Pages whose address differs from their route's name. */
const NAMED = { 'market-guide': 'marketGuide' } as const;

/** Percent-decoding that never throws: a malformed escape (`%`, `%E0%A4%A`) stays as typed. */
function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const q = raw.indexOf('?');
  const query = q >= 0 ? raw.slice(q + 1) : '';
  const path = decode(q >= 0 ? raw.slice(0, q) : raw).replace(/\/+$/, '');
  const parts = path.split('/').filter(Boolean);
  if (parts.length === 0) return { name: 'home' };
  const [head, ...rest] = parts;
  if (head === 'lessons' && rest.length >= 1 && rest.length <= 2) {
    return { name: 'lesson', id: rest[0]!, part: rest[1] ?? null };
  }
  if (head === 'market' && rest.length <= 1) {
    return { name: 'market', scenario: rest[0] ?? null, query };
  }
  if (head === 'quiz' && rest.length === 1) return { name: 'practice', id: rest[0]! };
  if (head === 'authoring' && rest.length === 1 && rest[0] === 'edit')
    return { name: 'editor', query };
  if (head === 'open' && rest.length === 0) return { name: 'open', query };
  if (head === 'classroom' && (rest[0] === 'host' || rest[0] === 'join') && rest.length === 1)
    return { name: 'classroom', view: rest[0], query };
  if (head === 'flows' && rest.length >= 1 && rest.length <= 2) {
    return { name: 'flow', id: rest[0]!, step: rest[1] ?? null };
  }
  if (rest.length === 0) {
    const simple = SIMPLE.find((s) => s === head);
    if (simple) return { name: simple };
    if (head && head in NAMED) return { name: NAMED[head as keyof typeof NAMED] };
  }
  return { name: 'notFound', path };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'lesson':
      return `#/lessons/${route.id}${route.part ? `/${route.part}` : ''}`;
    case 'flow':
      return `#/flows/${route.id}${route.step ? `/${route.step}` : ''}`;
    case 'market':
      return `#/market${route.scenario ? `/${route.scenario}` : ''}${route.query ? `?${route.query}` : ''}`;
    case 'practice':
      return `#/quiz/${route.id}`;
    case 'editor':
      return `#/authoring/edit${route.query ? `?${route.query}` : ''}`;
    case 'open':
      return `#/open${route.query ? `?${route.query}` : ''}`;
    case 'marketGuide':
      return '#/market-guide';
    case 'classroom':
      return `#/classroom/${route.view}${route.query ? `?${route.query}` : ''}`;
    case 'notFound':
      return `#/${route.path}`;
    case 'lessons':
    case 'flows':
    case 'quiz':
    case 'class':
    case 'authoring':
    case 'progress':
      return `#/${route.name}`;
    default: {
      // A new route needs its address here: the type check says so, not a wrong link at run time.
      const unknown: never = route;
      throw new Error(`no address for the route ${JSON.stringify(unknown)}`);
    }
  }
}

/** The top-level navigation entry a route belongs to. */
export function section(route: Route): string {
  if (route.name === 'lesson') return 'lessons';
  if (route.name === 'flow') return 'flows';
  if (route.name === 'practice' || route.name === 'class') return 'quiz';
  if (route.name === 'editor' || route.name === 'open') return 'authoring';
  if (route.name === 'marketGuide') return 'market';
  return route.name;
}
