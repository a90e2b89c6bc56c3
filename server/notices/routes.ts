import Router from '@koa/router';
import type { AppCustom, AppState } from '../context.js';
import { parse } from '../http/validate.js';
import { viewerOf } from '../http/viewer.js';
import { getAutomation, setAutomation } from './automatic.js';
import { composeNotice } from './composeNotice.js';
import { cancelNotice, deliveryProgress, getManagedNotice, listManagedNotices, retryFailedDeliveries } from './manageNotices.js';
import { getNotice, listNotices, markNoticeRead } from './readNotices.js';
import { optInCounts, recordOptIns } from './subscribe.js';
import { automationBody, automationQuery, composeNoticeBody, optInBody, listNoticesQuery, manageNoticesQuery, noticeIdParams } from './schemas.js';

export function noticeRoutes() {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/notices' });

  router.post('/', async (ctx) => {
    const body = parse(composeNoticeBody, ctx.request.body, 'body');
    ctx.status = 201;
    ctx.body = await composeNotice(ctx.deps, viewerOf(ctx), body);
  });

  router.get('/', async (ctx) => {
    ctx.body = await listNotices(ctx.deps, viewerOf(ctx), parse(listNoticesQuery, ctx.query, 'query'));
  });

  // staff: the community's notices with delivery progress (before /:id, which it would match)
  router.get('/manage', async (ctx) => {
    ctx.body = await listManagedNotices(ctx.deps, viewerOf(ctx), parse(manageNoticesQuery, ctx.query, 'query'));
  });

  /** Subscribe messages the signed-in user may still receive, per template. */
  router.get('/subscriptions', async (ctx) => {
    ctx.body = await optInCounts(ctx.deps, viewerOf(ctx));
  });

  /** After wx.requestSubscribeMessage: the templates the user accepted. */
  router.post('/subscriptions', async (ctx) => {
    ctx.body = await recordOptIns(ctx.deps, viewerOf(ctx), parse(optInBody, ctx.request.body, 'body').accepted);
  });

  /** Staff: which automatic notices the community wants (job and training postings, emergency orders). */
  router.get('/automation', async (ctx) => {
    ctx.body = await getAutomation(ctx.deps, viewerOf(ctx), parse(automationQuery, ctx.query, 'query').communityId);
  });

  router.put('/automation', async (ctx) => {
    ctx.body = await setAutomation(ctx.deps, viewerOf(ctx), parse(automationBody, ctx.request.body, 'body'));
  });

  router.get('/manage/:id', async (ctx) => {
    const { id } = parse(noticeIdParams, ctx.params, 'params');
    ctx.body = await getManagedNotice(ctx.deps, viewerOf(ctx), id);
  });

  router.get('/:id', async (ctx) => {
    const { id } = parse(noticeIdParams, ctx.params, 'params');
    ctx.body = await getNotice(ctx.deps, viewerOf(ctx), id);
  });

  router.post('/:id/read', async (ctx) => {
    const { id } = parse(noticeIdParams, ctx.params, 'params');
    ctx.body = await markNoticeRead(ctx.deps, viewerOf(ctx), id);
  });

  router.get('/:id/deliveries', async (ctx) => {
    const { id } = parse(noticeIdParams, ctx.params, 'params');
    ctx.body = await deliveryProgress(ctx.deps, viewerOf(ctx), id);
  });

  router.post('/:id/cancel', async (ctx) => {
    const { id } = parse(noticeIdParams, ctx.params, 'params');
    ctx.body = await cancelNotice(ctx.deps, viewerOf(ctx), id);
  });

  router.post('/:id/retry', async (ctx) => {
    const { id } = parse(noticeIdParams, ctx.params, 'params');
    ctx.body = await retryFailedDeliveries(ctx.deps, viewerOf(ctx), id);
  });

  return router;
}
