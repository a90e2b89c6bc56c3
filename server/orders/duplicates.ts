// The same problem reported twice. Before filing, 是不是这件事？ offers the open
// orders of the resident's building and category from the last 14 days whose
// description is like theirs (./similarity.ts); the resident can join one (+1:
// their household follows it, is told as it moves, and it shows "N 户也反映了")
// instead of filing again. Staff merge a duplicate that was filed anyway: it
// closes as `merged` with a pointer to the original, and its household and
// followers follow the original.
//
// What an offered or followed order of another household shows is its brief
// (schemas.ts orderBrief): title, category, building, state, times, the count.
// Never the resident's name, room or phone, the description, photos or the
// conversation: a neighbour's request (a dispute, a disabled member's need) is
// theirs to tell. The visibility table (policies/visibility.ts) lets a neighbour
// see a room on the 积分榜; an order is not that. The title stays: it is what lets
// a resident recognise the problem (its first words, when the mini-program made it).
// And only problems a building shares are offered at all (SHARED_CATEGORIES: repairs,
// leaks, rubbish, safety): a 低保, 医保, 入学 or 纠纷 request is one household's own,
// and nobody else's title for it should be shown to neighbours.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { AppError, badRequest, forbidden, notFound } from '../errors.js';
import { canFileFor, mayJoinOrder, orderPolicy, orderScopeSql } from '../policies/index.js';
import { sql } from '../sql.js';
import {
  addFollower,
  briefRow,
  copyFollowers,
  FINISHED_STATUSES,
  isFollowing,
  OPEN_STATUSES,
  placeOfResident,
  residentUserId,
  similarCandidates,
  statusSteps,
  type BriefRow,
} from './conversationQueries.js';
import { presentOrderDetail } from './presenter.js';
import { reviewDeadlineDaysOf } from './reviewDeadline.js';
import { changeOrderStatus, findOrderDetail, findScopedOrder, recordOrderEvent } from './queries.js';
import type { MergeBody, SimilarOrdersQuery } from './schemas.js';
import { grams, similarity, SIMILAR_AT } from './similarity.js';

/** The categories whose problems neighbours share (the demo catalogue's codes, server/demoFacts.ts). */
export const SHARED_CATEGORIES = ['repair', 'housing', 'sanitation', 'safety'];

/** How far back 是不是这件事？ looks. */
export const SIMILAR_DAYS = 14;
/** At most this many offers: the resident reads them on a phone. */
const OFFERS = 3;

const yours = (v: Viewer, o: Pick<BriefRow, 'householdId' | 'filedById'>) => v.resident?.householdId === o.householdId || o.filedById === v.userId;

function presentBrief(o: BriefRow, viewer: Viewer, joinedByMe: boolean) {
  return {
    id: o.id,
    title: o.title,
    category: { code: o.c_code, name: o.c_name, icon: o.c_icon },
    building: { id: o.buildingId, name: o.b_name },
    status: o.status,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    joined: Number(o.joined),
    yours: yours(viewer, o),
    joinedByMe,
    mergedInto: o.mergedIntoId,
  };
}

/** 是不是这件事？ The open orders like the one about to be filed, most alike first. */
export async function similarOrders(deps: Deps, viewer: Viewer, q: SimilarOrdersQuery) {
  let place = viewer.resident ? { ...viewer.resident } : null;
  if (q.onBehalfOf) {
    const found = await placeOfResident(deps.sql, q.onBehalfOf);
    // out of the viewer's reach looks the same as not there (as when filing)
    if (!found || !canFileFor(viewer, found)) throw notFound('onBehalfOf: resident');
    place = { ...found, id: q.onBehalfOf, name: '' };
  }
  if (!place) return []; // an account of no household files nothing of its own
  if (!SHARED_CATEGORIES.includes(q.category)) return [];
  const since = new Date(deps.clock().getTime() - SIMILAR_DAYS * 86_400_000);
  const candidates = await similarCandidates(deps.sql, { buildingId: place.buildingId, categoryCode: q.category, since });
  const mine = grams(q.description);
  const scored = candidates
    .map((o) => ({ o, score: similarity(mine, o.description) }))
    .filter((c) => c.score >= SIMILAR_AT)
    .sort((a, b) => b.score - a.score)
    .slice(0, OFFERS);
  const householdId = place.householdId;
  const out = [];
  for (const { o, score } of scored) {
    out.push({ ...presentBrief(o, viewer, await isFollowing(deps.sql, o.id, householdId)), similarity: Math.round(score * 100) / 100 });
  }
  return out;
}

/**
 * What the viewer may read of an order as a neighbour: one in their scope, one
 * their household follows, or an open one of their building (what 是不是这件事？
 * offers). Anything else is 404.
 */
async function readableBrief(deps: Deps, viewer: Viewer, id: string) {
  const o = await briefRow(deps.sql, id);
  if (!o) throw notFound('order');
  const following = viewer.resident ? await isFollowing(deps.sql, id, viewer.resident.householdId) : false;
  const inScope = !!(await deps.sql.one(sql`SELECT 1 AS yes FROM "Order" o WHERE o.id = ${id} AND ${orderScopeSql(viewer)}`));
  const offered = mayJoinOrder(viewer, o) && OPEN_STATUSES.includes(o.status) && SHARED_CATEGORIES.includes(o.c_code);
  if (!inScope && !following && !offered) throw notFound('order');
  return { o, following };
}

/** An order as a neighbour following it sees it: no person, description, photos or conversation. */
export async function getOrderBrief(deps: Deps, viewer: Viewer, id: string) {
  const { o, following } = await readableBrief(deps, viewer, id);
  return { ...presentBrief(o, viewer, following), steps: await statusSteps(deps.sql, id) };
}

/** 我也遇到了 (+1): the viewer's household follows a neighbour's open order instead of filing the same. */
export async function joinOrder(deps: Deps, viewer: Viewer, id: string) {
  const now = deps.clock();
  const resident = viewer.resident;
  await deps.sql.transaction(async (tx) => {
    const o = await briefRow(tx, id);
    // only an order of the viewer's own building can be joined; any other looks as if not there
    if (!o || !resident || o.buildingId !== resident.buildingId || !SHARED_CATEGORIES.includes(o.c_code)) throw notFound('order');
    if (!mayJoinOrder(viewer, o)) throw new AppError('invalid_transition', 'this is your own household’s request');
    if (!OPEN_STATUSES.includes(o.status)) throw new AppError('invalid_transition', `cannot join an order that is ${o.status}`);
    // joining twice is the same +1
    if (!(await addFollower(tx, { communityId: o.communityId, orderId: o.id, householdId: resident.householdId, userId: viewer.userId, via: 'join', at: now }))) return;
    await recordOrderEvent(tx, { communityId: o.communityId, orderId: o.id, actorId: viewer.userId, action: 'join', fromStatus: o.status, toStatus: o.status, note: null, at: now });
  });
  return getOrderBrief(deps, viewer, id);
}

/** Staff merge a duplicate (`id`) into the original (`body.into`): the duplicate closes as merged, its people follow the original. */
export async function mergeOrders(deps: Deps, viewer: Viewer, id: string, body: MergeBody) {
  if (body.into === id) throw badRequest('body.into', 'an order cannot be merged into itself');
  const now = deps.clock();
  const { dup, detail } = await deps.sql.transaction(async (tx) => {
    const dup = await findScopedOrder(tx, id, orderScopeSql(viewer));
    if (!dup) throw notFound('order');
    if (!orderPolicy.merge(viewer, dup)) throw forbidden('you cannot merge this order');
    const original = await findScopedOrder(tx, body.into, orderScopeSql(viewer));
    if (!original || original.communityId !== dup.communityId) throw notFound('body.into: order');
    if (!OPEN_STATUSES.includes(dup.status)) throw new AppError('invalid_transition', `cannot merge an order that is ${dup.status}`);
    if (FINISHED_STATUSES.includes(original.status)) throw new AppError('invalid_transition', `cannot merge into an order that is ${original.status}`);
    if (!(await changeOrderStatus(tx, dup.id, dup.status, 'merged', { closedAt: now, mergedIntoId: original.id, pausedAt: null, pausedFrom: null }, now))) {
      throw new AppError('conflict', 'the order changed meanwhile; reload and try again');
    }
    // the original's guard: it must still be open as read
    if (!(await changeOrderStatus(tx, original.id, original.status, original.status, {}, now))) {
      throw new AppError('conflict', 'the order changed meanwhile; reload and try again');
    }
    const note = body.note ?? null;
    await recordOrderEvent(tx, { communityId: dup.communityId, orderId: dup.id, actorId: viewer.userId, action: 'merge', fromStatus: dup.status, toStatus: 'merged', note, at: now });
    await recordOrderEvent(tx, { communityId: dup.communityId, orderId: original.id, actorId: viewer.userId, action: 'merge', fromStatus: original.status, toStatus: original.status, note, at: now });
    if (dup.householdId !== original.householdId) {
      const userId = (await residentUserId(tx, dup.residentId)) ?? dup.filedById;
      await addFollower(tx, { communityId: dup.communityId, orderId: original.id, householdId: dup.householdId, userId, via: 'merge', at: now });
    }
    await copyFollowers(tx, dup.id, original, now);
    return { dup, detail: (await findOrderDetail(tx, sql`o.id = ${dup.id}`))! };
  });
  // the duplicate's people hear that it moved (subscribe messages: 已合并)
  deps.events.emit('order.transitioned', {
    orderId: dup.id,
    communityId: dup.communityId,
    urgency: dup.urgency,
    action: 'merge',
    actorId: viewer.userId,
    from: dup.status,
    to: 'merged',
  });
  return presentOrderDetail(detail, viewer, now, deps.config.sessionSecret, await reviewDeadlineDaysOf(deps.db, detail.communityId));
}
