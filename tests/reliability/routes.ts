// Every route the app serves, read from its routers, as "METHOD /path" — so a
// route added to a router and not to the reliability suite fails a test.
import { authRoutes } from '../../server/auth/routes.js';
import { botRoutes } from '../../server/bot/routes.js';
import { employmentRoutes, jobRoutes, trainingRoutes } from '../../server/jobs/routes.js';
import { noticeRoutes } from '../../server/notices/routes.js';
import { orderRoutes } from '../../server/orders/routes.js';
import { orgRoutes } from '../../server/org/routes.js';
import { pointsRoutes, shopRoutes } from '../../server/points/routes.js';
import { uploadRoutes } from '../../server/uploads/routes.js';

export function routerRoutes(): string[] {
  const routers = [authRoutes(), uploadRoutes(1), orgRoutes(), orderRoutes(), pointsRoutes(), shopRoutes(), jobRoutes(), trainingRoutes(), employmentRoutes(), noticeRoutes(), botRoutes()];
  const out = new Set<string>(['GET /api/health']); // the app's own, in server/app.ts
  for (const router of routers) {
    for (const layer of router.stack) {
      for (const m of layer.methods) if (m !== 'HEAD') out.add(`${m} ${String(layer.path).replace(/\/$/, '') || '/'}`);
    }
  }
  return [...out].sort();
}
