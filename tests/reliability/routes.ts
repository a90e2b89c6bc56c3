// Every route the app serves, read from its routers, as "METHOD /path" — so a
// route added to a router and not to the reliability suite fails a test.
import { fullPath } from '../../server/http/route.js';
import { legacyRouters, routeGroups } from '../../server/routes.js';

export function routerRoutes(): string[] {
  const out = new Set<string>(['GET /api/health']); // the app's own, in server/app.ts
  for (const g of routeGroups) for (const r of g.routes) out.add(`${r.method.toUpperCase()} ${fullPath(g, r)}`);
  const legacy = legacyRouters(1);
  for (const router of [...legacy.public, ...legacy.signedIn]) {
    for (const layer of router.stack) {
      for (const m of layer.methods) if (m !== 'HEAD') out.add(`${m} ${String(layer.path).replace(/\/$/, '') || '/'}`);
    }
  }
  return [...out].sort();
}
