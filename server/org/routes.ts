import Router from '@koa/router';
import type { AppCustom, AppState } from '../context.js';
import { parse } from '../http/validate.js';
import { viewerOf } from '../http/viewer.js';
import { acceptInvite, inviteResident } from './invites.js';
import { acceptInviteBody, listHouseholdsQuery, listResidentsQuery, residentParams } from './schemas.js';
import { describeMe, listCategories, listGridWorkers, listHouseholds, searchResidents } from './service.js';

export function orgRoutes() {
  const router = new Router<AppState, AppCustom>({ prefix: '/api' });
  router.get('/me', async (ctx) => {
    ctx.body = await describeMe(ctx.deps, viewerOf(ctx));
  });
  router.get('/categories', async (ctx) => {
    ctx.body = await listCategories(ctx.deps, viewerOf(ctx));
  });
  router.get('/org/grid-workers', async (ctx) => {
    ctx.body = await listGridWorkers(ctx.deps, viewerOf(ctx));
  });
  router.get('/org/residents', async (ctx) => {
    ctx.body = await searchResidents(ctx.deps, viewerOf(ctx), parse(listResidentsQuery, ctx.query, 'query'));
  });
  router.post('/org/residents/:id/invite', async (ctx) => {
    ctx.status = 201;
    ctx.body = await inviteResident(ctx.deps, viewerOf(ctx), parse(residentParams, ctx.params, 'params').id);
  });
  router.post('/me/link', async (ctx) => {
    ctx.body = await acceptInvite(ctx.deps, viewerOf(ctx), parse(acceptInviteBody, ctx.request.body, 'body').code);
  });
  router.get('/org/households', async (ctx) => {
    ctx.body = await listHouseholds(ctx.deps, viewerOf(ctx), parse(listHouseholdsQuery, ctx.query, 'query'));
  });
  return router;
}
