// Reading orders with what the presenter shows of them (category, building,
// room, resident, the people involved), in hand-written SQL: the order list and
// the order page are the most used screens, and each Prisma `include` here cost
// several milliseconds of query compilation per call (server/sql.ts).
import type { Order, OrderEvent } from '@prisma/client';
import { join, raw, sql, type SqlClient, type SqlQuery } from '../sql.js';

interface Person {
  id: string;
  displayName: string;
}

export interface OrderRow extends Order {
  category: { code: string; name: string; icon: string };
  building: { id: string; name: string };
  household: { room: string; unit: { name: string } };
  resident: { id: string; name: string; phone: string | null };
  filedBy: Person;
  assignee: Person | null;
  suggestedAssignee: Person | null;
}

export interface OrderDetailRow extends OrderRow {
  events: Array<OrderEvent & { actor: Person | null; photos: Array<{ uploadId: string }> }>;
}

type Flat = Order & {
  c_code: string;
  c_name: string;
  c_icon: string;
  b_name: string;
  h_room: string;
  u_name: string;
  r_name: string;
  r_phone: string | null;
  f_name: string;
  a_name: string | null;
  s_name: string | null;
};

/**
 * The orders `page` picks (a SELECT of "Order" rows aliased o, with its own
 * WHERE, ORDER BY and LIMIT), with what the presenter shows of them. The page is
 * chosen first, in a subquery, and only its rows are joined: as one flat join,
 * PostgreSQL misjudged how many orders a resident has (978 for 10) and hashed
 * the whole User table for each list on the city (tests/scale/plans.md).
 */
const withDetails = (page: SqlQuery) => sql`
  SELECT o.*, c.code AS c_code, c.name AS c_name, c.icon AS c_icon, b.name AS b_name,
         h.room AS h_room, un.name AS u_name, r.name AS r_name, r.phone AS r_phone,
         f."displayName" AS f_name, a."displayName" AS a_name, s."displayName" AS s_name
  FROM (${page}) o
  JOIN "ServiceCategory" c ON c.id = o."categoryId"
  JOIN "Building" b ON b.id = o."buildingId"
  JOIN "Household" h ON h.id = o."householdId"
  JOIN "Unit" un ON un.id = h."unitId"
  JOIN "Resident" r ON r.id = o."residentId"
  JOIN "User" f ON f.id = o."filedById"
  LEFT JOIN "User" a ON a.id = o."assigneeId"
  LEFT JOIN "User" s ON s.id = o."suggestedAssigneeId"`;

// one object literal, no rest/spread: on wide rows that was a quarter of the list's CPU time
const toRow = (x: Flat): OrderRow => ({
  id: x.id,
  communityId: x.communityId,
  gridId: x.gridId,
  buildingId: x.buildingId,
  householdId: x.householdId,
  residentId: x.residentId,
  filedById: x.filedById,
  filedOnBehalf: x.filedOnBehalf,
  categoryId: x.categoryId,
  title: x.title,
  description: x.description,
  urgency: x.urgency,
  status: x.status,
  suggestedAssigneeId: x.suggestedAssigneeId,
  assigneeId: x.assigneeId,
  responseDueAt: x.responseDueAt,
  resolveDueAt: x.resolveDueAt,
  dispatchedAt: x.dispatchedAt,
  claimedAt: x.claimedAt,
  resolvedAt: x.resolvedAt,
  closedAt: x.closedAt,
  satisfied: x.satisfied,
  rating: x.rating,
  reopenCount: x.reopenCount,
  createdAt: x.createdAt,
  updatedAt: x.updatedAt,
  category: { code: x.c_code, name: x.c_name, icon: x.c_icon },
  building: { id: x.buildingId, name: x.b_name },
  household: { room: x.h_room, unit: { name: x.u_name } },
  resident: { id: x.residentId, name: x.r_name, phone: x.r_phone },
  filedBy: { id: x.filedById, displayName: x.f_name },
  assignee: x.assigneeId ? { id: x.assigneeId, displayName: x.a_name! } : null,
  suggestedAssignee: x.suggestedAssigneeId ? { id: x.suggestedAssigneeId, displayName: x.s_name! } : null,
});

/**
 * The newest orders that match any of `arms` and all of `filters` (conditions
 * on `o`, the order), at most `take`, after the order `cursor` (its id) when
 * given. An unknown cursor gives no rows.
 *
 * Each arm picks its own newest `take` first, walking its (column, createdAt)
 * index from the cursor on, and only those few are merged and sorted. As one
 * OR, both databases gathered every order of the grid or community and sorted
 * them all: on SQLite 120 ms for a list once a community has 85,000 orders,
 * against well under 1 ms this way (README "Scale").
 */
export async function findOrders(db: SqlClient, arms: SqlQuery[], filters: SqlQuery[], take: number, cursor?: string): Promise<OrderRow[]> {
  if (!Number.isInteger(take) || take < 1) throw new Error(`findOrders: take must be a positive integer, got ${take}`);
  if (!arms.length) return [];
  const conditions = [...filters];
  if (cursor) {
    const at = await db.one<{ createdAt: Date; id: string }>(sql`SELECT "createdAt", id FROM "Order" WHERE id = ${cursor}`);
    if (!at) return [];
    // the first part bounds the index range; the second breaks ties on the same instant
    conditions.push(sql`o."createdAt" <= ${at.createdAt} AND (o."createdAt" < ${at.createdAt} OR o.id < ${at.id})`);
  }
  const where = (arm: SqlQuery) => join([arm, ...conditions], ' AND ');
  // LIMIT as a literal: SQLite sorts with a bound LIMIT several times slower (110 vs 34 µs on the demo data)
  const limit = raw(`LIMIT ${take}`);
  const newestFirst = sql`ORDER BY o."createdAt" DESC, o.id DESC`;
  const newest = join(
    arms.map((arm, i) => sql`SELECT id FROM (SELECT o.id FROM "Order" o WHERE ${where(arm)} ${newestFirst} ${limit}) AS ${raw(`arm${i}`)}`),
    ' UNION ALL ',
  );
  const page = sql`SELECT o.* FROM "Order" o WHERE o.id IN (${newest}) ${newestFirst} ${limit}`;
  const rows = await db.all<Flat>(sql`${withDetails(page)} ${newestFirst}`);
  return rows.map(toRow);
}

/** One order matching `where`, with its timeline (oldest first) and each step's photos. */
export async function findOrderDetail(db: SqlClient, where: SqlQuery): Promise<OrderDetailRow | undefined> {
  const flat = await db.one<Flat>(withDetails(sql`SELECT o.* FROM "Order" o WHERE ${where} LIMIT 1`));
  if (!flat) return undefined;
  const [events, photos] = await Promise.all([
    db.all<OrderEvent & { actor_name: string | null }>(sql`
      SELECT e.*, u."displayName" AS actor_name FROM "OrderEvent" e LEFT JOIN "User" u ON u.id = e."actorId"
      WHERE e."orderId" = ${flat.id} ORDER BY e."createdAt", e.id`),
    db.all<{ eventId: string; uploadId: string }>(sql`
      SELECT "eventId", "uploadId" FROM "OrderPhoto" WHERE "orderId" = ${flat.id} ORDER BY "createdAt", id`),
  ]);
  return {
    ...toRow(flat),
    events: events.map(({ actor_name, ...e }) => ({
      ...e,
      actor: e.actorId ? { id: e.actorId, displayName: actor_name! } : null,
      photos: photos.filter((p) => p.eventId === e.id).map((p) => ({ uploadId: p.uploadId })),
    })),
  };
}
