import Router from '@koa/router';
import type { AppCustom, AppState } from '../context.js';
import { parse } from '../http/validate.js';
import { rateLimit } from '../rateLimit.js';
import { viewerOf } from '../http/viewer.js';
import { getOrder } from './getOrder.js';
import { listOrders } from './listOrders.js';
import { orderStats } from './orderStats.js';
import {
  cancelBody,
  claimOrderBody,
  dispatchOrderBody,
  feedbackBody,
  listOrdersQuery,
  orderIdParams,
  orderStatsQuery,
  resolveOrderBody,
  reviewBody,
  submitOrderBody,
} from './schemas.js';
import { submitOrder } from './submitOrder.js';
import { cancelOrder, claimOrder, dispatchOrder, giveFeedback, resolveOrder, reviewOrder } from './transitions.js';

export function orderRoutes() {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/orders' });

  const limitFiling = rateLimit({
    bucket: 'order',
    perMinute: (config) => config.orderRatePerMinute,
    key: (ctx) => viewerOf(ctx).userId,
    message: 'too many requests filed, try again in a minute',
  });

  router.post('/', limitFiling, async (ctx) => {
    const body = parse(submitOrderBody, ctx.request.body, 'body');
    ctx.status = 201;
    ctx.body = await submitOrder(ctx.deps, viewerOf(ctx), body);
  });

  router.get('/', async (ctx) => {
    ctx.body = await listOrders(ctx.deps, viewerOf(ctx), parse(listOrdersQuery, ctx.query, 'query'));
  });

  // before /:id, which would take "stats" for an id
  router.get('/stats', async (ctx) => {
    ctx.body = await orderStats(ctx.deps, viewerOf(ctx), parse(orderStatsQuery, ctx.query, 'query').days);
  });

  router.get('/:id', async (ctx) => {
    const { id } = parse(orderIdParams, ctx.params, 'params');
    ctx.body = await getOrder(ctx.deps, viewerOf(ctx), id);
  });

  router.post('/:id/dispatch', async (ctx) => {
    const { id } = parse(orderIdParams, ctx.params, 'params');
    ctx.body = await dispatchOrder(ctx.deps, viewerOf(ctx), id, parse(dispatchOrderBody, ctx.request.body, 'body'));
  });

  router.post('/:id/claim', async (ctx) => {
    const { id } = parse(orderIdParams, ctx.params, 'params');
    ctx.body = await claimOrder(ctx.deps, viewerOf(ctx), id, parse(claimOrderBody, ctx.request.body, 'body').note);
  });

  router.post('/:id/resolve', async (ctx) => {
    const { id } = parse(orderIdParams, ctx.params, 'params');
    ctx.body = await resolveOrder(ctx.deps, viewerOf(ctx), id, parse(resolveOrderBody, ctx.request.body, 'body'));
  });

  router.post('/:id/feedback', async (ctx) => {
    const { id } = parse(orderIdParams, ctx.params, 'params');
    ctx.body = await giveFeedback(ctx.deps, viewerOf(ctx), id, parse(feedbackBody, ctx.request.body, 'body'));
  });

  router.post('/:id/review', async (ctx) => {
    const { id } = parse(orderIdParams, ctx.params, 'params');
    ctx.body = await reviewOrder(ctx.deps, viewerOf(ctx), id, parse(reviewBody, ctx.request.body, 'body'));
  });

  router.post('/:id/cancel', async (ctx) => {
    const { id } = parse(orderIdParams, ctx.params, 'params');
    ctx.body = await cancelOrder(ctx.deps, viewerOf(ctx), id, parse(cancelBody, ctx.request.body, 'body').reason);
  });

  return router;
}
