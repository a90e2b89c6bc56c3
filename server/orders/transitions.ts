// The 四单 state machine after submission. Each step is: find the order in the
// viewer's scope (else 404) → ask the policy (else 403) → check the state
// (else 409) → conditional update + timeline event, all in one transaction.
//
//   submitted ──dispatch──▶ dispatched ──claim──▶ accepted ──resolve──▶ resolved ──review pass──▶ closed
//       │  ▲                   │  ▲                                       │
//       │  └──(re)dispatch─────┘  └──────────── reopened ◀── unsatisfied feedback / review fail
//       └──cancel (before claim)──▶ cancelled
import type { Order, OrderAction, OrderStatus, Prisma } from '@prisma/client';
import type { Viewer } from '../auth/viewer.js';
import type { Deps } from '../context.js';
import { sqlOn, type DbTx } from '../db.js';
import { AppError, badRequest, forbidden, notFound } from '../errors.js';
import { orderPolicy, orderScope, type OrderPolicyAction } from '../policies/index.js';
import { getOrder } from './getOrder.js';
import { attachPhotos } from './photos.js';
import { recordOrderEvent } from './timeline.js';
import type { DispatchOrderBody, FeedbackBody, ResolveOrderBody, ReviewBody } from './schemas.js';
import { deadlines } from './sla.js';

type StepAction = Exclude<OrderAction, 'submit' | 'escalate' | 'reopen'>;

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
  data?: Prisma.OrderUncheckedUpdateManyInput;
  event?: { note?: string | null; rating?: number; satisfied?: boolean; assigneeId?: string };
  photos?: string[];
}

async function transition(
  deps: Deps,
  viewer: Viewer,
  orderId: string,
  action: StepAction,
  plan: (order: Order, tx: DbTx, now: Date) => Step | Promise<Step>,
) {
  const now = deps.clock();
  const rule = TRANSITIONS[action];
  const done = await deps.db.$transaction(async (tx) => {
    const order = await tx.order.findFirst({ where: { AND: [{ id: orderId }, orderScope(viewer)] } });
    if (!order) throw notFound('order');
    if (!orderPolicy[rule.policy](viewer, order)) throw forbidden(`you cannot ${rule.verb} this order`);
    if (!rule.from.includes(order.status)) {
      throw new AppError('invalid_transition', `cannot ${rule.verb} an order that is ${order.status}`);
    }
    const step = await plan(order, tx, now);
    // the status guard makes two racing requests (two claims, claim vs cancel) resolve to one winner
    const updated = await tx.order.updateMany({
      where: { id: order.id, status: order.status },
      data: { ...step.data, status: step.to, updatedAt: now },
    });
    if (updated.count !== 1) throw new AppError('conflict', 'the order changed meanwhile; reload and try again');
    const raw = sqlOn(tx);
    const eventId = await recordOrderEvent(raw, {
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
      await attachPhotos(raw, {
        uploadIds: step.photos,
        ownerId: viewer.userId,
        communityId: order.communityId,
        orderId: order.id,
        eventId,
        at: now,
      });
    }
    return { communityId: order.communityId, urgency: order.urgency, from: order.status, to: step.to };
  });
  deps.events.emit('order.transitioned', { orderId, action, actorId: viewer.userId, ...done });
  return getOrder(deps, viewer, orderId);
}

/** Back to rework: fresh deadlines from now, counted. */
async function reopening(tx: DbTx, order: Order, now: Date): Promise<Prisma.OrderUncheckedUpdateManyInput> {
  const category = await tx.serviceCategory.findUniqueOrThrow({ where: { id: order.categoryId } });
  return { ...deadlines(category, order.urgency, now), reopenCount: { increment: 1 }, claimedAt: null };
}

// 社区派单
export const dispatchOrder = (deps: Deps, viewer: Viewer, id: string, body: DispatchOrderBody) =>
  transition(deps, viewer, id, 'dispatch', async (order, tx, now) => {
    const assigneeId = body.assigneeId ?? order.suggestedAssigneeId;
    if (!assigneeId) throw badRequest('body.assigneeId', 'required: this grid has no grid worker to suggest');
    const worker = await tx.userRole.findFirst({
      where: { userId: assigneeId, role: 'GRID_WORKER', grid: { communityId: order.communityId } },
    });
    if (!worker) throw badRequest('body.assigneeId', 'not a grid worker of this community');
    return {
      to: 'dispatched',
      data: { assigneeId, dispatchedAt: now },
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
      data: { claimedAt: now, assigneeId: viewer.userId },
      event: { note: note ?? null },
    };
  });

export const resolveOrder = (deps: Deps, viewer: Viewer, id: string, body: ResolveOrderBody) =>
  transition(deps, viewer, id, 'resolve', (_order, _tx, now) => ({
    to: 'resolved',
    // a fresh round of feedback for each resolution
    data: { resolvedAt: now, satisfied: null, rating: null },
    event: { note: body.note },
    photos: body.photos,
  }));

/** The resident's word on the result; unsatisfied sends it back to the grid worker. */
export const giveFeedback = (deps: Deps, viewer: Viewer, id: string, body: FeedbackBody) =>
  transition(deps, viewer, id, 'feedback', async (order, tx, now) => {
    if (order.satisfied !== null) throw new AppError('invalid_transition', 'feedback was already given for this result');
    const event = { note: body.comment ?? null, rating: body.rating, satisfied: body.satisfied };
    if (body.satisfied) return { to: 'resolved', data: { satisfied: true, rating: body.rating }, event };
    return {
      to: 'reopened',
      data: { satisfied: false, rating: body.rating, ...(await reopening(tx, order, now)) },
      event,
    };
  });

// 党组织评单
export const reviewOrder = (deps: Deps, viewer: Viewer, id: string, body: ReviewBody) =>
  transition(deps, viewer, id, body.verdict === 'pass' ? 'review_pass' : 'review_fail', async (order, tx, now) =>
    body.verdict === 'pass'
      ? { to: 'closed', data: { closedAt: now }, event: { note: body.comment } }
      : { to: 'reopened', data: await reopening(tx, order, now), event: { note: body.comment } },
  );

export const cancelOrder = (deps: Deps, viewer: Viewer, id: string, reason?: string) =>
  transition(deps, viewer, id, 'cancel', (_order, _tx, now) => ({
    to: 'cancelled',
    data: { closedAt: now },
    event: { note: reason ?? null },
  }));
