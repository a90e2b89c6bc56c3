import Router from '@koa/router';
import type { AppCustom, AppState } from '../context.js';
import { parse } from '../http/validate.js';
import { viewerOf } from '../http/viewer.js';
import { linkBuildingGroup, linkGridGroup, listGroups } from './groups.js';
import { createLinkCode } from './linkCodes.js';
import { buildingIdParams, gridIdParams, linkGroupBody } from './schemas.js';

export function botRoutes() {
  const router = new Router<AppState, AppCustom>({ prefix: '/api' });

  /** Staff: the groups the bot is in (and registered WeCom robots), to link buildings to. */
  router.get('/bot/groups', async (ctx) => {
    ctx.body = await listGroups(ctx.deps, viewerOf(ctx));
  });

  /** A signed-in user: a one-time code to send as `#绑定 <code>` in a building group. */
  router.post('/bot/link-code', async (ctx) => {
    ctx.status = 201;
    ctx.body = await createLinkCode(ctx.deps, viewerOf(ctx));
  });

  router.put('/buildings/:id/group', async (ctx) => {
    const { id } = parse(buildingIdParams, ctx.params, 'params');
    ctx.body = await linkBuildingGroup(ctx.deps, viewerOf(ctx), id, parse(linkGroupBody, ctx.request.body, 'body'));
  });

  /** A grid's work group (staff and workers): emergency orders are announced there. */
  router.put('/grids/:id/group', async (ctx) => {
    const { id } = parse(gridIdParams, ctx.params, 'params');
    ctx.body = await linkGridGroup(ctx.deps, viewerOf(ctx), id, parse(linkGroupBody, ctx.request.body, 'body'));
  });

  return router;
}
