// Service levels. Each category sets how long until a grid worker must claim an
// order and until it must be resolved; emergencies must be claimed within 10
// minutes (the "10分钟应急快速处置" commitment). An emergency still unclaimed 10
// minutes after that (20 minutes in) is escalated a second time, to the
// community's leaders; a resolved order waits at most its community's review
// deadline (REVIEW_DEADLINE_DAYS unless it set its own, reviewDeadline.ts) for the
// party branch's review (党组织评单).
import type { OrderStatus, ServiceCategory, Urgency } from '@prisma/client';
import { join, sql, type SqlQuery } from '../sql.js';

export const EMERGENCY_RESPONSE_MINUTES = 10;
/** An emergency is resolved within its category's time or four hours, whichever is sooner. */
export const EMERGENCY_RESOLVE_MINUTES_CAP = 4 * 60;
/** The second alert of an unclaimed emergency comes this long after its response deadline (20 minutes in). */
export const EMERGENCY_SECOND_ALERT_MINUTES = 10;
/** 党组织评单: a resolved order is reviewed within three days of its resolution, unless its community set another deadline. */
export const REVIEW_DEADLINE_DAYS = 3;
/** The deadlines a community may set: at least a day (the branch meets), at most a month (an order left longer is forgotten). */
export const REVIEW_DEADLINE_MIN_DAYS = 1;
export const REVIEW_DEADLINE_MAX_DAYS = 30;

/** States in which the order waits for a grid worker to claim it. */
export const AWAITING_CLAIM: OrderStatus[] = ['submitted', 'dispatched', 'reopened'];
/** States in which the order is not yet resolved. */
export const UNRESOLVED: OrderStatus[] = [...AWAITING_CLAIM, 'accepted'];

const addMinutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

/** When an unclaimed emergency is escalated again: 10 minutes after its response deadline. */
export const secondAlertDueAt = (responseDueAt: Date) => addMinutes(responseDueAt, EMERGENCY_SECOND_ALERT_MINUTES);
/** When the party branch's review of a resolution is due, `days` after it (the community's deadline). */
export const reviewDueAt = (resolvedAt: Date, days = REVIEW_DEADLINE_DAYS) => addMinutes(resolvedAt, days * 24 * 60);

export function deadlines(
  category: Pick<ServiceCategory, 'responseMinutes' | 'resolveMinutes'>,
  urgency: Urgency,
  from: Date,
) {
  const emergency = urgency === 'emergency';
  const response = emergency ? EMERGENCY_RESPONSE_MINUTES : category.responseMinutes;
  const resolve = emergency ? Math.min(category.resolveMinutes, EMERGENCY_RESOLVE_MINUTES_CAP) : category.resolveMinutes;
  return { responseDueAt: addMinutes(from, response), resolveDueAt: addMinutes(from, Math.max(resolve, response)) };
}

/** Past a deadline, as an SQL condition on the order `o`: not claimed in time, or not resolved in time. */
export function overdueSql(now: Date): SqlQuery {
  // the same condition, with "unresolved" taken out in front (AWAITING_CLAIM is part of UNRESOLVED):
  // it lets PostgreSQL narrow a community's orders by (communityId, status) before the deadlines
  return sql`(o.status IN (${join(UNRESOLVED)})
    AND ((o.status IN (${join(AWAITING_CLAIM)}) AND o."responseDueAt" < ${now}) OR o."resolveDueAt" < ${now}))`;
}

export function overdueFlags(
  o: { status: OrderStatus; urgency: Urgency; responseDueAt: Date; resolveDueAt: Date; resolvedAt: Date | null },
  now: Date,
  /** the order's community's 评单 deadline in days */
  reviewDays = REVIEW_DEADLINE_DAYS,
) {
  const response = AWAITING_CLAIM.includes(o.status) && o.responseDueAt < now;
  return {
    response,
    resolution: UNRESOLVED.includes(o.status) && o.resolveDueAt < now,
    /** an emergency still unclaimed 10 minutes past its deadline: escalated to the community's leaders */
    secondAlert: response && o.urgency === 'emergency' && secondAlertDueAt(o.responseDueAt) < now,
    /** resolved, and the party branch's review (评单) is late */
    review: o.status === 'resolved' && !!o.resolvedAt && reviewDueAt(o.resolvedAt, reviewDays) < now,
  };
}
