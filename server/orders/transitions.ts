// The 四单 state machine after submission. Each step, in one transaction: read
// the order once, in the viewer's scope (else 404) → ask the policy (else 403) →
// check the state (else 409) → a status-guarded update + a timeline step → read
// back what changed for the answer.
//
//   submitted ──dispatch──▶ dispatched ──claim──▶ accepted ──resolve──▶ resolved ──review pass──▶ closed
//       │  ▲                   │  ▲                                       │
//       │  └──(re)dispatch─────┘  └──────────── reopened ◀── unsatisfied feedback / review fail
//       └──cancel (before claim)──▶ cancelled
//
// The conversation's steps are elsewhere: 待补充 (ask → awaiting_info → answer, deadlines
// paused) in ./conversation.ts, +1 and merging duplicates (→ merged) in ./duplicates.ts.
import { SCENE } from '../contentSecurity.js';
import { checkUserText } from '../wechat/index.js';
import type { Order, OrderAction, OrderStatus } from '@prisma/client';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { AppError, badRequest, forbidden, notFound } from '../errors.js';
import { orderPolicy, orderScopeSql, type OrderPolicyAction } from '../policies/index.js';
import { sql, type SqlClient } from '../sql.js';
import { presentOrderDetail } from './presenter.js';
import { reviewDeadlineDaysOf } from './reviewDeadline.js';
import {
  attachPhotos,
  categoryServiceLevels,
  changeOrderStatus,
  findOrderDetail,
  findScopedOrder,
  recordOrderEvent,
  worksInCommunity,
  type OrderChange,
} from './queries.js';
import type { DispatchOrderBody, FeedbackBody, ResolveOrderBody, ReviewBody } from './schemas.js';
import { deadlines } from './sla.js';

// the conversation's steps (comment, ask, answer, join, merge) are in ./conversation.ts and ./duplicates.ts
type StepAction = Exclude<OrderAction, 'submit' | 'escalate' | 'reopen' | 'comment' | 'ask' | 'answer' | 'join' | 'merge'>;

export const TRANSITIONS: Record<StepAction, { from: OrderStatus[]; policy: OrderPolicyAction; verb: string }> = {
  dispatch: { from: ['submitted', 'dispatched', 'reopened'], policy: 'dispatch', verb: 'dispatch' },
  // submitted: emergencies only, see claimOrder
  claim: { from: ['submitted', 'dispatched', 'reopened'], policy: 'claim', verb: 'claim' },
  resolve: { from: ['accepted'], policy: 'resolve', verb: 'resolve' },
  feedback: { from: ['resolved'], policy: 'feedback', verb: 'give feedback on' },
  review_pass: { from: ['resolved'], policy: 'review', verb: 'review' },
  review_fail: { from: ['resolved'], policy: 'review', verb: 'review' },
  cancel: { from: ['submitted', 'dispatched'], policy: 'cancel', verb: 'cancel' },
};

interface Step {
  to: OrderStatus;
  change?: OrderChange;
  event?: { note?: string | null; rating?: number; satisfied?: boolean; assigneeId?: string };
  photos?: string[];
}

async function transition(
  deps: Deps,
  viewer: Viewer,
  orderId: string,
  action: StepAction,
  plan: (order: Order, tx: SqlClient, now: Date) => Step | Promise<Step>,
) {
  const now = deps.clock();
  const rule = TRANSITIONS[action];
  const { order, step, detail } = await deps.sql.transaction(async (tx) => {
    const order = await findScopedOrder(tx, orderId, orderScopeSql(viewer));
    if (!order) throw notFound('order');
    if (!orderPolicy[rule.policy](viewer, order)) throw forbidden(`you cannot ${rule.verb} this order`);
    if (!rule.from.includes(order.status)) {
      throw new AppError('invalid_transition', `cannot ${rule.verb} an order that is ${order.status}`);
    }
    const step = await plan(order, tx, now);
    // the status guard makes two racing requests (two claims, claim vs cancel) resolve to one winner
    if (!(await changeOrderStatus(tx, order.id, order.status, step.to, step.change ?? {}, now))) {
      throw new AppError('conflict', 'the order changed meanwhile; reload and try again');
    }
    const eventId = await recordOrderEvent(tx, {
      communityId: order.communityId,
      orderId: order.id,
      actorId: viewer.userId,
      action,
      fromStatus: order.status,
      toStatus: step.to,
      at: now,
      ...step.event,
    });
    if (step.photos?.length) {
      await attachPhotos(tx, { uploadIds: step.photos, ownerId: viewer.userId, communityId: order.communityId, orderId: order.id, eventId, at: now });
    }
    // by id: the scope was checked above, on this same row
    return { order, step, detail: (await findOrderDetail(tx, sql`o.id = ${order.id}`))! };
  });
  deps.events.emit('order.transitioned', {
    orderId,
    action,
    actorId: viewer.userId,
    communityId: order.communityId,
    urgency: order.urgency,
    from: order.status,
    to: step.to,
  });
  return presentOrderDetail(detail, viewer, now, deps.config.sessionSecret, await reviewDeadlineDaysOf(deps.db, detail.communityId));
}

/** Back to rework: fresh deadlines from now, counted. */
async function reopening(tx: SqlClient, order: Order, now: Date): Promise<OrderChange> {
  const category = (await categoryServiceLevels(tx, order.categoryId))!;
  return { ...deadlines(category, order.urgency, now), reopened: true, claimedAt: null };
}

// 社区派单
export const dispatchOrder = (deps: Deps, viewer: Viewer, id: string, body: DispatchOrderBody) =>
  transition(deps, viewer, id, 'dispatch', async (order, tx, now) => {
    const assigneeId = body.assigneeId ?? order.suggestedAssigneeId;
    if (!assigneeId) throw badRequest('body.assigneeId', 'required: this grid has no grid worker to suggest');
    if (!(await worksInCommunity(tx, assigneeId, order.communityId))) throw badRequest('body.assigneeId', 'not a grid worker of this community');
    return {
      to: 'dispatched',
      change: { assigneeId, dispatchedAt: now },
      event: { note: body.note ?? null, assigneeId },
    };
  });

// 网格员接单. An emergency may be claimed straight away by its grid's worker, so
// the 10-minute response never waits for staff to dispatch (at night, say).
export const claimOrder = (deps: Deps, viewer: Viewer, id: string, note?: string) =>
  transition(deps, viewer, id, 'claim', (order, _tx, now) => {
    if (order.status === 'submitted' && order.urgency !== 'emergency') {
      throw new AppError('invalid_transition', 'cannot claim an order that is submitted: wait for the community to dispatch it');
    }
    return {
      to: 'accepted',
      change: { claimedAt: now, assigneeId: viewer.userId },
      event: { note: note ?? null },
    };
  });

export const resolveOrder = (deps: Deps, viewer: Viewer, id: string, body: ResolveOrderBody) =>
  transition(deps, viewer, id, 'resolve', (_order, _tx, now) => ({
    to: 'resolved',
    // a fresh round of feedback for each resolution
    change: { resolvedAt: now, satisfied: null, rating: null },
    event: { note: body.note },
    photos: body.photos,
  }));

/** The resident's word on the result; unsatisfied sends it back to the grid worker. */
export const giveFeedback = async (deps: Deps, viewer: Viewer, id: string, body: FeedbackBody) => {
  // the comment is read by the grid worker and staff: WeChat's content check, outside the transaction
  await checkUserText(deps, viewer, [{ field: 'body.comment', text: body.comment }], SCENE.comment);
  return transition(deps, viewer, id, 'feedback', async (order, tx, now) => {
    if (order.satisfied !== null) throw new AppError('invalid_transition', 'feedback was already given for this result');
    const event = { note: body.comment ?? null, rating: body.rating, satisfied: body.satisfied };
    if (body.satisfied) return { to: 'resolved', change: { satisfied: true, rating: body.rating }, event };
    return {
      to: 'reopened',
      change: { satisfied: false, rating: body.rating, ...(await reopening(tx, order, now)) },
      event,
    };
  });
};

// 党组织评单
export const reviewOrder = (deps: Deps, viewer: Viewer, id: string, body: ReviewBody) =>
  transition(deps, viewer, id, body.verdict === 'pass' ? 'review_pass' : 'review_fail', async (order, tx, now) =>
    body.verdict === 'pass'
      ? { to: 'closed', change: { closedAt: now }, event: { note: body.comment } }
      : { to: 'reopened', change: await reopening(tx, order, now), event: { note: body.comment } },
  );

export const cancelOrder = (deps: Deps, viewer: Viewer, id: string, reason?: string) =>
  transition(deps, viewer, id, 'cancel', (_order, _tx, now) => ({
    to: 'cancelled',
    change: { closedAt: now },
    event: { note: reason ?? null },
  }));
