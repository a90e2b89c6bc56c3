import Router from '@koa/router';
import type { AppCustom, AppState } from '../context.js';
import { parse } from '../http/validate.js';
import { viewerOf } from '../http/viewer.js';
import { requireIdempotencyKey } from '../idempotency.js';
import { rateLimit } from '../rateLimit.js';
import { adjustPoints } from './adjustPoints.js';
import { awardPoints } from './awardPoints.js';
import { redeemItem } from './redeemItem.js';
import { cancelRedemption, handOverRedemption, listRedemptions } from './redemptions.js';
import { createRule, getSettings, listRules, updateRule, updateSettings } from './rules.js';
import {
  adjustBody,
  awardBody,
  createItemBody,
  createRuleBody,
  handOverBody,
  idParams,
  ledgerQuery,
  leaderboardQuery,
  listRedemptionsQuery,
  monthlyQuery,
  redeemBody,
  restockBody,
  settingsBody,
  updateItemBody,
  updateRuleBody,
} from './schemas.js';
import { createItem, listShopItems, restockItem, updateItem } from './shopItems.js';
import { householdLedger, leaderboard, monthlyTotals, myPoints } from './views.js';

export function pointsRoutes() {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/points' });

  router.get('/me', async (ctx) => {
    const q = parse(ledgerQuery, ctx.query, 'query');
    ctx.body = await myPoints(ctx.deps, viewerOf(ctx), q.limit, q.cursor);
  });
  router.get('/households/:id', async (ctx) => {
    const { id } = parse(idParams, ctx.params, 'params');
    const q = parse(ledgerQuery, ctx.query, 'query');
    ctx.body = await householdLedger(ctx.deps, viewerOf(ctx), id, q.limit, q.cursor);
  });
  router.get('/leaderboard', async (ctx) => {
    const q = parse(leaderboardQuery, ctx.query, 'query');
    ctx.body = await leaderboard(ctx.deps, viewerOf(ctx), q.buildingId, q.limit);
  });
  router.get('/monthly', async (ctx) => {
    ctx.body = await monthlyTotals(ctx.deps, viewerOf(ctx), parse(monthlyQuery, ctx.query, 'query').months);
  });
  router.get('/rules', async (ctx) => {
    ctx.body = await listRules(ctx.deps, viewerOf(ctx));
  });
  router.post('/rules', async (ctx) => {
    ctx.status = 201;
    ctx.body = await createRule(ctx.deps, viewerOf(ctx), parse(createRuleBody, ctx.request.body, 'body'));
  });
  router.patch('/rules/:id', async (ctx) => {
    const { id } = parse(idParams, ctx.params, 'params');
    ctx.body = await updateRule(ctx.deps, viewerOf(ctx), id, parse(updateRuleBody, ctx.request.body, 'body'));
  });
  router.get('/settings', async (ctx) => {
    ctx.body = await getSettings(ctx.deps, viewerOf(ctx));
  });
  router.put('/settings', async (ctx) => {
    ctx.body = await updateSettings(ctx.deps, viewerOf(ctx), parse(settingsBody, ctx.request.body, 'body').expiryMonths);
  });
  router.post('/awards', async (ctx) => {
    const body = parse(awardBody, ctx.request.body, 'body');
    const key = ctx.get('idempotency-key') || undefined;
    ctx.body = await awardPoints(ctx.deps, viewerOf(ctx), body, key && requireIdempotencyKey(key));
  });
  router.post('/adjustments', async (ctx) => {
    ctx.body = await adjustPoints(ctx.deps, viewerOf(ctx), parse(adjustBody, ctx.request.body, 'body'));
  });
  return router;
}

export function shopRoutes() {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/shop' });

  router.get('/items', async (ctx) => {
    ctx.body = await listShopItems(ctx.deps, viewerOf(ctx));
  });
  router.post('/items', async (ctx) => {
    ctx.status = 201;
    ctx.body = await createItem(ctx.deps, viewerOf(ctx), parse(createItemBody, ctx.request.body, 'body'));
  });
  router.patch('/items/:id', async (ctx) => {
    const { id } = parse(idParams, ctx.params, 'params');
    ctx.body = await updateItem(ctx.deps, viewerOf(ctx), id, parse(updateItemBody, ctx.request.body, 'body'));
  });
  router.post('/items/:id/restock', async (ctx) => {
    const { id } = parse(idParams, ctx.params, 'params');
    ctx.body = await restockItem(ctx.deps, viewerOf(ctx), id, parse(restockBody, ctx.request.body, 'body').quantity);
  });
  // per household: its members share one allowance (one without a household counts alone)
  const limitRedeeming = rateLimit({
    bucket: 'redeem',
    perMinute: (config) => config.redeemRatePerMinute,
    key: (ctx) => {
      const v = viewerOf(ctx);
      return v.resident ? `household:${v.resident.householdId}` : `user:${v.userId}`;
    },
    message: 'too many redemptions, try again in a minute',
  });
  router.post('/redemptions', limitRedeeming, async (ctx) => {
    const key = requireIdempotencyKey(ctx.get('idempotency-key') || undefined);
    const body = parse(redeemBody, ctx.request.body, 'body');
    const r = await redeemItem(ctx.deps, viewerOf(ctx), body, key);
    ctx.status = r.status;
    if (r.replayed) ctx.set('Idempotent-Replayed', 'true');
    ctx.body = r.body;
  });
  router.get('/redemptions', async (ctx) => {
    ctx.body = await listRedemptions(ctx.deps, viewerOf(ctx), parse(listRedemptionsQuery, ctx.query, 'query'));
  });
  router.post('/redemptions/handover', async (ctx) => {
    ctx.body = await handOverRedemption(ctx.deps, viewerOf(ctx), parse(handOverBody, ctx.request.body, 'body').pickupCode);
  });
  router.post('/redemptions/:id/cancel', async (ctx) => {
    const { id } = parse(idParams, ctx.params, 'params');
    ctx.body = await cancelRedemption(ctx.deps, viewerOf(ctx), id);
  });
  return router;
}
