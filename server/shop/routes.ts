// /api/shop: the 积分超市. Staff stock the shelf, residents spend their household's
// points on it and pick the goods up against a code (核销), or cancel before pickup.
import type Koa from 'koa';
import { viewerOf } from '../auth/index.js';
import type { AppCustom, AppState } from '../context.js';
import { idParams } from '../http/fields.js';
import { routeGroup, route } from '../http/route.js';
import { requireIdempotencyKey } from '../idempotency.js';
import { householdOf } from '../policies/index.js';
import { rateLimit } from '../rateLimit.js';
import { cancelRedemption } from './cancelRedemption.js';
import { handOverRedemption } from './handOverRedemption.js';
import { listRedemptions } from './listRedemptions.js';
import { listShopItems } from './listShopItems.js';
import { redeemItem } from './redeemItem.js';
import {
  createItemBody,
  handOverBody,
  listRedemptionsQuery,
  redeemBody,
  redemption,
  redemptionPage,
  restockBody,
  shopItem,
  shopItemList,
  updateItemBody,
} from './schemas.js';
import { createItem, restockItem, updateItem } from './shelf.js';

// per household: its members share one allowance (one without a household counts alone)
const limitRedeeming = rateLimit({
  bucket: 'redeem',
  perMinute: (config) => config.redeemRatePerMinute,
  key: (ctx) => {
    const v = viewerOf(ctx);
    const household = householdOf(v);
    return household ? `household:${household.householdId}` : `user:${v.userId}`;
  },
  message: 'too many redemptions, try again in a minute',
});

/** A redemption without its key is refused before its body is read. */
const needIdempotencyKey: Koa.Middleware<AppState, AppCustom> = async (ctx, next) => {
  requireIdempotencyKey(ctx.get('idempotency-key') || undefined);
  await next();
};

export const shopRoutes = routeGroup('shop', '/api/shop', '积分超市: staff stock the shelf, households spend points on it and collect the goods against a pickup code', [
  route({
    method: 'get',
    path: '/items',
    summary: "The community shop's shelf, with what the viewer's household may still take of each",
    response: shopItemList,
    handler: ({ deps, viewer }) => listShopItems(deps, viewer),
  }),
  route({
    method: 'post',
    path: '/items',
    summary: 'Staff put new goods on the shelf',
    status: 201,
    body: createItemBody,
    response: shopItem,
    handler: ({ deps, viewer, body }) => createItem(deps, viewer, body),
  }),
  route({
    method: 'patch',
    path: '/items/:id',
    summary: 'Staff change an item, or take it off the shelf',
    params: idParams,
    body: updateItemBody,
    response: shopItem,
    handler: ({ deps, viewer, params, body }) => updateItem(deps, viewer, params.id, body),
  }),
  route({
    method: 'post',
    path: '/items/:id/restock',
    summary: 'Staff add stock of an item',
    params: idParams,
    body: restockBody,
    response: shopItem,
    handler: ({ deps, viewer, params, body }) => restockItem(deps, viewer, params.id, body.quantity),
  }),
  route({
    method: 'post',
    path: '/redemptions',
    summary: "Spend the household's points on an item: stock reserved, points paid, a pickup code in the answer",
    description: 'Retried with the same Idempotency-Key, it answers as the first time (Idempotent-Replayed: true) and charges nothing more.',
    status: 201,
    use: [limitRedeeming, needIdempotencyKey],
    headers: { 'idempotency-key': { description: 'A unique key per redemption, reused only to retry it', required: true } },
    body: redeemBody,
    response: redemption,
    handler: async ({ deps, viewer, body, ctx }) => {
      const r = await redeemItem(deps, viewer, body, ctx.get('idempotency-key'));
      ctx.status = r.status;
      if (r.replayed) ctx.set('Idempotent-Replayed', 'true');
      return r.body;
    },
  }),
  route({
    method: 'get',
    path: '/redemptions',
    summary: "Redemptions newest first: the household's own, or the community's for staff (look up a pickup code)",
    query: listRedemptionsQuery,
    response: redemptionPage,
    handler: ({ deps, viewer, query }) => listRedemptions(deps, viewer, query),
  }),
  route({
    method: 'post',
    path: '/redemptions/handover',
    summary: '核销: staff hand the goods over against the pickup code',
    body: handOverBody,
    response: redemption,
    handler: ({ deps, viewer, body }) => handOverRedemption(deps, viewer, body.pickupCode),
  }),
  route({
    method: 'post',
    path: '/redemptions/:id/cancel',
    summary: 'The household or staff cancel before pickup: stock and points go back',
    params: idParams,
    response: redemption,
    handler: ({ deps, viewer, params }) => cancelRedemption(deps, viewer, params.id),
  }),
]);
