// Every route the server serves, as one list of route groups (one per URL
// prefix, each owned by its folder). app.ts mounts them; the API document
// (GET /api/openapi.json) and the reliability tests read the same list.
import type Router from '@koa/router';
import type { AppCustom, AppState } from './context.js';
import { docsRoutes } from './docs/index.js';
import type { RouteGroup } from './http/route.js';
import { orderRoutes } from './orders/index.js';
// not yet in the declared shape (being moved over, see below)
import { authRoutes } from './auth/routes.js';
import { employmentRoutes, jobRoutes, trainingRoutes } from './jobs/routes.js';
import { botRoutes } from './bot/routes.js';
import { noticeRoutes } from './notices/routes.js';
import { orgRoutes } from './org/routes.js';
import { pointsRoutes, shopRoutes } from './points/routes.js';
import { uploadRoutes } from './uploads/routes.js';

const domains: RouteGroup[] = [orderRoutes];

/** The domains' routes and the document that describes them. */
export const routeGroups: RouteGroup[] = [...domains, docsRoutes(domains)];

/** Routers not yet declared as route groups: `public` ones mount before sign-in. */
export function legacyRouters(uploadMaxBytes: number): { public: Router<AppState, AppCustom>[]; signedIn: Router<AppState, AppCustom>[] } {
  return {
    public: [authRoutes(), uploadRoutes(uploadMaxBytes)],
    signedIn: [orgRoutes(), pointsRoutes(), shopRoutes(), jobRoutes(), trainingRoutes(), employmentRoutes(), noticeRoutes(), botRoutes()],
  };
}
