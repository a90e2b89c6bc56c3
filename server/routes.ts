// Every route the server serves, as one list of route groups (one per URL
// prefix, each owned by its folder). app.ts mounts them; the API document
// (GET /api/openapi.json) and the reliability tests read the same list.
import { docsRoutes } from './docs/index.js';
import type { RouteGroup } from './http/route.js';
import { healthRoutes } from './health/index.js';
import { authRoutes } from './auth/index.js';
import { uploadRoutes } from './uploads/index.js';
import { meRoutes } from './me/index.js';
import { categoryRoutes } from './categories/index.js';
import { orgRoutes } from './org/index.js';
import { orderRoutes } from './orders/index.js';
import { pointsRoutes } from './points/index.js';
import { shopRoutes } from './shop/index.js';
import { noticeRoutes } from './notices/index.js';
import { botRoutes } from './bot/index.js';
import { jobRoutes } from './jobs/index.js';
import { trainingRoutes } from './trainings/index.js';
import { employmentRoutes } from './employment/index.js';
import { gridLogRoutes } from './gridLog/index.js';
import { accessLogRoutes } from './accessLog/index.js';
import { auditRoutes } from './audit/index.js';
import { regionRoutes } from './regions/index.js';
import { oversightRoutes } from './oversight/index.js';
import { accountRoutes } from './accounts/index.js';
import { registryRoutes } from './registry/index.js';
import { wechatRoutes } from './wechat/index.js';
import { visitRoutes } from './visits/index.js';
import { open311KeyRoutes, open311Routes } from './open311/index.js';
import { patrolRoutes } from './patrols/index.js';

const domains: RouteGroup[] = [healthRoutes, authRoutes, uploadRoutes, meRoutes, categoryRoutes, orgRoutes, orderRoutes, pointsRoutes, shopRoutes, noticeRoutes, botRoutes, jobRoutes, trainingRoutes, employmentRoutes, gridLogRoutes, accessLogRoutes, auditRoutes, regionRoutes, oversightRoutes, accountRoutes, registryRoutes, wechatRoutes, visitRoutes, patrolRoutes, open311Routes, open311KeyRoutes];

/** The domains' routes and the document that describes them. */
export const routeGroups: RouteGroup[] = [...domains, docsRoutes(domains)];
