// Every route the app serves, read from its route declarations (server/routes.ts),
// as "METHOD /path" — so a route added and not covered by the reliability suite fails a test.
import { fullPath } from '../../server/http/route.js';
import { routeGroups } from '../../server/routes.js';

export function routerRoutes(): string[] {
  const out = new Set<string>();
  for (const g of routeGroups) for (const r of g.routes) out.add(`${r.method.toUpperCase()} ${fullPath(g, r)}`);
  return [...out].sort();
}
