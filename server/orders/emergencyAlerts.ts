// Whom a missed deadline alerts (the roles: server/policies/orders.ts
// escalationAudience), and the timeline entry that says who was alerted and how.
// The sending is the notices domain's (server/notices/escalationAlerts.ts): it
// follows `order.escalated`, which the sweeper emits once per escalation raised.
import type { EscalationStage, Order, Role } from '@prisma/client';
import type { Deps } from '../context.js';
import { escalationAudience } from '../policies/index.js';
import { join, sql, type SqlQuery } from '../sql.js';
import { recordOrderEvent } from './queries.js';

export interface AlertedPerson {
  userId: string;
  name: string;
  /** why they are told: the role that puts them on the list (the first, if several) */
  as: 'GRID_WORKER' | 'STAFF' | 'REVIEWER' | 'STREET_ADMIN';
}

export interface EscalationAudience {
  order: Pick<Order, 'id' | 'communityId' | 'gridId' | 'title' | 'status' | 'urgency' | 'assigneeId'> & { gridName: string; buildingName: string };
  /** the roles the policy names for this stage (empty: nobody is alerted in person) */
  roles: readonly Role[];
  people: AlertedPerson[];
}

const ROLE_ORDER: AlertedPerson['as'][] = ['GRID_WORKER', 'STAFF', 'REVIEWER', 'STREET_ADMIN'];

/**
 * The order and the people to alert for its `stage`: the roles the policy names, in the order's grid
 * (workers), community (staff, reviewers) or 街道 (its admins); never the worker the order is with.
 */
export async function escalationAudienceOf(deps: Deps, orderId: string, stage: EscalationStage): Promise<EscalationAudience | undefined> {
  const order = await deps.sql.one<EscalationAudience['order']>(sql`
    SELECT o.id, o."communityId", o."gridId", o.title, o.status, o.urgency, o."assigneeId", g.name AS "gridName", b.name AS "buildingName"
    FROM "Order" o JOIN "Grid" g ON g.id = o."gridId" JOIN "Building" b ON b.id = o."buildingId"
    WHERE o.id = ${orderId}`);
  if (!order) return undefined;
  const roles = escalationAudience(order.urgency, stage);
  const arms: SqlQuery[] = [];
  const has = (r: Role) => roles.includes(r);
  if (has('GRID_WORKER')) arms.push(sql`(ur.role = 'GRID_WORKER' AND ur."gridId" = ${order.gridId})`);
  const communityRoles = (['STAFF', 'REVIEWER'] as const).filter(has);
  if (communityRoles.length) arms.push(sql`(ur.role IN (${join([...communityRoles])}) AND ur."communityId" = ${order.communityId})`);
  if (has('STREET_ADMIN')) {
    arms.push(sql`(ur.role = 'STREET_ADMIN' AND ur."regionId" = (SELECT c."regionId" FROM "Community" c WHERE c.id = ${order.communityId}))`);
  }
  if (!arms.length) return { order, roles, people: [] };
  const rows = await deps.sql.all<{ userId: string; name: string; role: AlertedPerson['as'] }>(sql`
    SELECT u.id AS "userId", u."displayName" AS name, ur.role FROM "UserRole" ur JOIN "User" u ON u.id = ur."userId"
    WHERE ${join(arms, ' OR ')}
    ORDER BY u."displayName", u.id`);
  const people = new Map<string, AlertedPerson>();
  for (const r of rows) {
    if (r.userId === order.assigneeId) continue; // already holds it: the dispatch told them
    const seen = people.get(r.userId);
    if (!seen || ROLE_ORDER.indexOf(r.role) < ROLE_ORDER.indexOf(seen.as)) people.set(r.userId, { userId: r.userId, name: r.name, as: r.role });
  }
  return { order, roles, people: [...people.values()].sort((a, b) => ROLE_ORDER.indexOf(a.as) - ROLE_ORDER.indexOf(b.as)) };
}

/** Who was alerted and how, on the order's timeline: a system step (no actor) in the order's current state. */
export async function recordEscalationAlert(deps: Deps, orderId: string, note: string): Promise<void> {
  const o = await deps.sql.one<Pick<Order, 'communityId' | 'status'>>(sql`SELECT "communityId", status FROM "Order" WHERE id = ${orderId}`);
  if (!o) return;
  await recordOrderEvent(deps.sql, {
    communityId: o.communityId,
    orderId,
    actorId: null,
    action: 'escalate',
    fromStatus: o.status,
    toStatus: o.status,
    note,
    at: deps.clock(),
  });
}

/** The community's staff, who get the daily digest of overdue orders (server/orders/overdueDigest.ts). */
export async function digestAudienceOf(deps: Deps, communityId: string): Promise<AlertedPerson[]> {
  return deps.sql.all<AlertedPerson>(sql`
    SELECT DISTINCT u.id AS "userId", u."displayName" AS name, 'STAFF' AS "as" FROM "UserRole" ur JOIN "User" u ON u.id = ur."userId"
    WHERE ur.role = 'STAFF' AND ur."communityId" = ${communityId}
    ORDER BY u."displayName", u.id`);
}
