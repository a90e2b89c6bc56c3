import type { Viewer } from '../auth/index.js';
import { mustReveal, orderPolicy, photoShownTo, relationsToOrder, reveal, sees } from '../policies/index.js';
import { signedUploadUrl } from '../uploads/index.js';
import type { OrderDetailRow, OrderRow } from './queries.js';
import { overdueFlags, REVIEW_DEADLINE_DAYS } from './sla.js';

const person = (u: { id: string; displayName: string } | null) => (u ? { id: u.id, name: u.displayName } : null);

/** `reviewDays`: the order's community's 评单 deadline (reviewDeadline.ts), for the overdue flag. */
export function presentOrder(o: OrderRow, viewer: Viewer, now: Date, reviewDays = REVIEW_DEADLINE_DAYS) {
  // what the viewer sees of the resident: the visibility table, by their relations to the
  // household and to the order (server/policies/visibility.ts); filing for someone earns no phone
  const seen = relationsToOrder(viewer, o);
  return {
    id: o.id,
    title: o.title,
    category: o.category,
    urgency: o.urgency,
    status: o.status,
    building: o.building,
    room: mustReveal(seen, 'room', `${o.household.unit.name} ${o.household.room}`),
    resident: {
      id: o.resident.id,
      name: mustReveal(seen, 'name', o.resident.name),
      ...(sees(seen, 'phone') ? { phone: reveal(seen, 'phone', o.resident.phone) } : {}),
    },
    filedBy: person(o.filedBy),
    filedOnBehalf: o.filedOnBehalf,
    assignee: person(o.assignee),
    suggestedAssignee: person(o.suggestedAssignee),
    createdAt: o.createdAt,
    responseDueAt: o.responseDueAt,
    resolveDueAt: o.resolveDueAt,
    dispatchedAt: o.dispatchedAt,
    claimedAt: o.claimedAt,
    resolvedAt: o.resolvedAt,
    closedAt: o.closedAt,
    overdue: overdueFlags(o, now, reviewDays),
    feedback: o.satisfied === null ? null : { satisfied: o.satisfied, rating: o.rating },
    reopenCount: o.reopenCount,
  };
}

export function presentOrderDetail(o: OrderDetailRow, viewer: Viewer, now: Date, secret: string, reviewDays = REVIEW_DEADLINE_DAYS) {
  const photosOf = (photos: Array<{ uploadId: string; verdict: string | null }>): Array<{ id: string; url: string; flagged?: true }> =>
    photos.flatMap((p) => {
      const shown = photoShownTo(viewer, o.communityId, p.verdict);
      if (shown === 'hidden') return [];
      if (shown === 'flagged') return [{ id: p.uploadId, url: signedUploadUrl(secret, p.uploadId, now, 'flagged'), flagged: true as const }];
      return [{ id: p.uploadId, url: signedUploadUrl(secret, p.uploadId, now) }];
    });
  // a neighbour who joined (+1) is named to the working side only: the household that filed it is not told who
  const namesJoiners = orderPolicy.ask(viewer, o);
  return {
    ...presentOrder(o, viewer, now, reviewDays),
    description: o.description,
    pausedAt: o.pausedAt,
    joined: o.joined,
    mergedInto: o.mergedIntoId,
    timeline: o.events.map((e) => ({
      id: e.id,
      action: e.action,
      from: e.fromStatus,
      to: e.toStatus,
      actor: e.action === 'join' && !namesJoiners ? null : person(e.actor),
      note: e.note,
      ...(e.rating !== null ? { rating: e.rating, satisfied: e.satisfied } : {}),
      ...(e.assigneeId ? { assigneeId: e.assigneeId } : {}),
      photos: photosOf(e.photos),
      at: e.createdAt,
    })),
  };
}
