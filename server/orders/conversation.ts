// Talking on an order: a message (and photos) from either side, and 待补充 — a
// worker asks the resident for more; the order waits in awaiting_info with its
// deadlines paused, and the requester's answer takes it back to where it was,
// the deadlines moved on by the time it waited (so an answer three days later
// leaves the worker the time they had left when they asked):
//
//   submitted / dispatched / accepted / reopened ──ask──▶ awaiting_info ──answer──▶ (the state it was in)
//
// The SLA sweeper reads only AWAITING_CLAIM and UNRESOLVED states (sla.ts), which
// awaiting_info is in neither of: nothing is escalated while paused.
import type { Order, OrderAction, OrderStatus } from '@prisma/client';
import type { Viewer } from '../auth/index.js';
import { SCENE } from '../contentSecurity.js';
import type { Deps } from '../context.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { orderPolicy, orderScopeSql, speaksForRequester } from '../policies/index.js';
import { sql, type SqlClient } from '../sql.js';
import { checkUserText } from '../wechat/index.js';
import { FINISHED_STATUSES } from './conversationQueries.js';
import { presentOrderDetail } from './presenter.js';
import { reviewDeadlineDaysOf } from './reviewDeadline.js';
import { attachPhotos, changeOrderStatus, findOrderDetail, findScopedOrder, recordOrderEvent, type OrderChange } from './queries.js';
import type { AskBody, OrderUpdateBody } from './schemas.js';
import { UNRESOLVED } from './sla.js';

/** The states a worker may ask from: before it is resolved (and again while waiting, to say more). */
const ASKABLE: OrderStatus[] = [...UNRESOLVED, 'awaiting_info'];

interface Said {
  action: Extract<OrderAction, 'comment' | 'ask' | 'answer'>;
  to: OrderStatus;
  change: OrderChange;
}

/** One thing said, in one transaction: the order read in scope (404), the policy (403), its state (409), the guarded update, the timeline step, its photos. */
async function say(
  deps: Deps,
  viewer: Viewer,
  orderId: string,
  text: string,
  photos: string[],
  decide: (order: Order, now: Date) => Said,
) {
  const now = deps.clock();
  const { order, said, eventId, detail } = await deps.sql.transaction(async (tx: SqlClient) => {
    const order = await findScopedOrder(tx, orderId, orderScopeSql(viewer));
    if (!order) throw notFound('order');
    const said = decide(order, now);
    if (!(await changeOrderStatus(tx, order.id, order.status, said.to, said.change, now))) {
      throw new AppError('conflict', 'the order changed meanwhile; reload and try again');
    }
    const eventId = await recordOrderEvent(tx, {
      communityId: order.communityId,
      orderId: order.id,
      actorId: viewer.userId,
      action: said.action,
      fromStatus: order.status,
      toStatus: said.to,
      note: text || null,
      at: now,
    });
    if (photos.length) await attachPhotos(tx, { uploadIds: photos, ownerId: viewer.userId, communityId: order.communityId, orderId: order.id, eventId, at: now });
    return { order, said, eventId, detail: (await findOrderDetail(tx, sql`o.id = ${order.id}`))! };
  });
  deps.events.emit('order.updated', {
    orderId: order.id,
    communityId: order.communityId,
    eventId,
    action: said.action,
    side: said.action === 'ask' || !speaksForRequester(viewer, order) ? 'workers' : 'requester',
    actorId: viewer.userId,
  });
  return presentOrderDetail(detail, viewer, now, deps.config.sessionSecret, await reviewDeadlineDaysOf(deps.db, detail.communityId));
}

const later = (d: Date, ms: number) => new Date(d.getTime() + ms);

/**
 * A message on the order from the requester's side or the working side. From the
 * requester's side while the order waits for them (awaiting_info), it is the
 * answer: the order goes back to the state it was asked in, the deadlines moved on
 * by the time paused.
 */
export async function addOrderUpdate(deps: Deps, viewer: Viewer, id: string, body: OrderUpdateBody) {
  // read by the other side: WeChat's content check first, outside the transaction
  await checkUserText(deps, viewer, [{ field: 'body.text', text: body.text }], SCENE.comment);
  return say(deps, viewer, id, body.text, body.photos, (order, now) => {
    if (!orderPolicy.update(viewer, order)) throw forbidden('you cannot write on this order');
    if (FINISHED_STATUSES.includes(order.status)) throw new AppError('invalid_transition', `cannot write on an order that is ${order.status}`);
    if (order.status === 'awaiting_info' && orderPolicy.answer(viewer, order)) {
      const paused = now.getTime() - (order.pausedAt ?? now).getTime();
      return {
        action: 'answer',
        to: order.pausedFrom ?? 'submitted',
        change: {
          pausedFrom: null,
          pausedAt: null,
          responseDueAt: later(order.responseDueAt, paused),
          resolveDueAt: later(order.resolveDueAt, paused),
        },
      };
    }
    return { action: 'comment', to: order.status, change: {} };
  });
}

/** 待补充: the working side asks the requester for more; the deadlines pause until they answer. */
export async function askForInfo(deps: Deps, viewer: Viewer, id: string, body: AskBody) {
  await checkUserText(deps, viewer, [{ field: 'body.question', text: body.question }], SCENE.comment);
  return say(deps, viewer, id, body.question, body.photos, (order, now) => {
    if (!orderPolicy.ask(viewer, order)) throw forbidden('you cannot ask on this order');
    if (!ASKABLE.includes(order.status)) throw new AppError('invalid_transition', `cannot ask for more on an order that is ${order.status}`);
    // asked again while waiting: the same pause goes on
    if (order.status === 'awaiting_info') return { action: 'ask', to: 'awaiting_info', change: {} };
    return { action: 'ask', to: 'awaiting_info', change: { pausedFrom: order.status, pausedAt: now } };
  });
}
