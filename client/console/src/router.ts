// Routes of the console, in the browser's history under /console/ (the server answers
// every /console/* path with index.html). Small enough not to need a router library.
import { useEffect, useState } from 'react';

export const BASE = '/console';

/** The console's sections beyond orders, each a page file of its own under pages/ (sections.tsx). */
export const SECTIONS = ['notices', 'employment', 'points', 'groups', 'accounts', 'registry', 'settings', 'oversight', 'audit', 'security', 'visits', 'gridLog', 'integrations', 'patrols'] as const;
export type Section = (typeof SECTIONS)[number];

export type Route =
  | { page: 'orders'; orderId?: string }
  | { page: 'overdue'; orderId?: string }
  | { page: 'dashboard' }
  /** `sub`: the rest of the path (a notice's id, a tab), the section's own business */
  | { page: Section; sub?: string };

export function parse(pathname: string): Route {
  const p = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const m = /^\/orders\/([^/]+)$/.exec(p);
  if (m) return { page: 'orders', orderId: decodeURIComponent(m[1]!) };
  const o = /^\/overdue(?:\/([^/]+))?$/.exec(p);
  if (o) return o[1] ? { page: 'overdue', orderId: decodeURIComponent(o[1]) } : { page: 'overdue' };
  if (p === '/dashboard') return { page: 'dashboard' };
  const s = /^\/([a-zA-Z]+)(?:\/(.+))?$/.exec(p); // (gridLog has a capital)
  if (s && (SECTIONS as readonly string[]).includes(s[1]!)) {
    const page = s[1] as Section;
    return s[2] ? { page, sub: decodeURIComponent(s[2]) } : { page };
  }
  return { page: 'orders' };
}

export function href(r: Route): string {
  if (r.page === 'dashboard') return `${BASE}/dashboard`;
  if (r.page !== 'orders' && r.page !== 'overdue') return `${BASE}/${r.page}${'sub' in r && r.sub ? `/${encodeURIComponent(r.sub)}` : ''}`;
  const id = r.orderId ? `/${encodeURIComponent(r.orderId)}` : '';
  return r.page === 'overdue' ? `${BASE}/overdue${id}` : `${BASE}/orders${id}`;
}

const listeners = new Set<() => void>();

/** Goes to `r`, keeping the query string (the filters) when only the open order changes. */
export function navigate(r: Route, opts: { keepSearch?: boolean } = {}) {
  const url = href(r) + (opts.keepSearch ? window.location.search : '');
  if (url !== window.location.pathname + window.location.search) window.history.pushState(null, '', url);
  listeners.forEach((l) => l());
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(window.location.pathname));
  useEffect(() => {
    const update = () => setRoute(parse(window.location.pathname));
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return route;
}
