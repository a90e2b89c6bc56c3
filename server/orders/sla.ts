// Service levels. Each category sets how long until a grid worker must claim an
// order and until it must be resolved; emergencies must be claimed within 10
// minutes (the "10分钟应急快速处置" commitment).
import type { OrderStatus, ServiceCategory, Urgency } from '@prisma/client';
import { join, sql, type SqlQuery } from '../sql.js';

export const EMERGENCY_RESPONSE_MINUTES = 10;
/** An emergency is resolved within its category's time or four hours, whichever is sooner. */
export const EMERGENCY_RESOLVE_MINUTES_CAP = 4 * 60;

/** States in which the order waits for a grid worker to claim it. */
export const AWAITING_CLAIM: OrderStatus[] = ['submitted', 'dispatched', 'reopened'];
/** States in which the order is not yet resolved. */
export const UNRESOLVED: OrderStatus[] = [...AWAITING_CLAIM, 'accepted'];

const addMinutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

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
  o: { status: OrderStatus; responseDueAt: Date; resolveDueAt: Date },
  now: Date,
) {
  return {
    response: AWAITING_CLAIM.includes(o.status) && o.responseDueAt < now,
    resolution: UNRESOLVED.includes(o.status) && o.resolveDueAt < now,
  };
}
