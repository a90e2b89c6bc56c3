// The orders domain's tables (Order, OrderEvent, OrderPhoto, Escalation), read
// and written here only, in hand-written SQL (server/sql.ts): the order list, the
// order page and filing are the most used screens and the busiest write, and each
// Prisma call cost several milliseconds of query compilation. Queries join the
// names they show (category, building, room, people) from other domains' tables;
// nothing here writes those.
import type { EscalationStage, Order, OrderAction, OrderEvent, OrderStatus, Urgency } from '@prisma/client';
import { badRequest } from '../errors.js';
import { newId } from '../ids.js';
import { join, raw, sql, type Sql, type SqlClient, type SqlQuery } from '../sql.js';

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
  /** households following it (OrderFollower): "N 户也反映了" */
  joined: number;
  events: Array<OrderEvent & { actor: Person | null; photos: Array<{ uploadId: string; verdict: string | null }> }>;
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
  pausedFrom: x.pausedFrom,
  pausedAt: x.pausedAt,
  mergedIntoId: x.mergedIntoId,
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
 * against well under 1 ms this way (docs/benchmarks.md, "Scale").
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
  const [events, photos, followers] = await Promise.all([
    db.all<OrderEvent & { actor_name: string | null }>(sql`
      SELECT e.*, u."displayName" AS actor_name FROM "OrderEvent" e LEFT JOIN "User" u ON u.id = e."actorId"
      WHERE e."orderId" = ${flat.id} ORDER BY e."createdAt", e.id`),
    // with WeChat's verdict on each (server/wechat): a risky photo shows to staff only
    db.all<{ eventId: string; uploadId: string; verdict: string | null }>(sql`
      SELECT op."eventId", op."uploadId", mc.verdict FROM "OrderPhoto" op LEFT JOIN "MediaCheck" mc ON mc."uploadId" = op."uploadId"
      WHERE op."orderId" = ${flat.id} ORDER BY op."createdAt", op.id`),
    db.one<{ n: number | string }>(sql`SELECT COUNT(*) AS n FROM "OrderFollower" WHERE "orderId" = ${flat.id}`),
  ]);
  return {
    ...toRow(flat),
    joined: Number(followers?.n ?? 0),
    events: events.map(({ actor_name, ...e }) => ({
      ...e,
      actor: e.actorId ? { id: e.actorId, displayName: actor_name! } : null,
      photos: photos.filter((p) => p.eventId === e.id).map((p) => ({ uploadId: p.uploadId, verdict: p.verdict })),
    })),
  };
}

// ---- the timeline and its photos ----------------------------------------------

export interface OrderEventInput {
  communityId: string;
  orderId: string;
  actorId: string | null;
  action: OrderAction;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus;
  at: Date;
  note?: string | null | undefined;
  rating?: number | undefined;
  satisfied?: boolean | undefined;
  assigneeId?: string | undefined;
}

const eventValues = (id: string, e: OrderEventInput) =>
  sql`(${id}, ${e.communityId}, ${e.orderId}, ${e.actorId}, ${e.action}, ${e.fromStatus}, ${e.toStatus}, ${e.note ?? null},
       ${e.rating ?? null}, ${e.satisfied ?? null}, ${e.assigneeId ?? null}, ${e.at})`;

const EVENT_COLUMNS = raw(`"OrderEvent" (id, "communityId", "orderId", "actorId", action, "fromStatus", "toStatus", note, rating, satisfied, "assigneeId", "createdAt")`);

/** One step on an order's timeline; its id. */
export async function recordOrderEvent(tx: SqlClient, e: OrderEventInput): Promise<string> {
  const id = newId();
  await tx.run(sql`INSERT INTO ${EVENT_COLUMNS} VALUES ${eventValues(id, e)}`);
  return id;
}

/**
 * Attaches the caller's own, not yet used uploads to an order event; anything
 * else is a 400 naming the photo.
 */
export async function attachPhotos(
  tx: SqlClient,
  p: { uploadIds: string[]; ownerId: string; communityId: string; orderId: string; eventId: string; at: Date },
) {
  if (!p.uploadIds.length) return;
  const seen = new Set<string>();
  p.uploadIds.forEach((id, i) => {
    if (seen.has(id)) throw badRequest(`body.photos.${i}`, 'listed twice');
    seen.add(id);
  });
  const usable = await tx.all<{ id: string }>(sql`
    SELECT u.id FROM "Upload" u
    WHERE u.id IN (${join(p.uploadIds)}) AND u."ownerId" = ${p.ownerId} AND u."communityId" = ${p.communityId}
      AND NOT EXISTS (SELECT 1 FROM "OrderPhoto" op WHERE op."uploadId" = u.id)`);
  const ok = new Set(usable.map((u) => u.id));
  p.uploadIds.forEach((id, i) => {
    if (!ok.has(id)) throw badRequest(`body.photos.${i}`, 'not a photo you uploaded, or already attached');
  });
  for (const uploadId of p.uploadIds) {
    await tx.run(sql`
      INSERT INTO "OrderPhoto" (id, "communityId", "orderId", "eventId", "uploadId", "createdAt")
      VALUES (${newId()}, ${p.communityId}, ${p.orderId}, ${p.eventId}, ${uploadId}, ${p.at})`);
  }
}

// ---- filing -----------------------------------------------------------------------

export interface NewOrder {
  id: string;
  communityId: string;
  gridId: string;
  buildingId: string;
  householdId: string;
  residentId: string;
  filedById: string;
  filedOnBehalf: boolean;
  categoryId: string;
  title: string;
  description: string;
  urgency: Urgency;
  suggestedAssigneeId: string | null;
  responseDueAt: Date;
  resolveDueAt: Date;
  at: Date;
  /** the first timeline step's note: where the order came from (a building patrol…) */
  note?: string | null;
}

/**
 * Inserts a new order and its first timeline step. On PostgreSQL, without photos,
 * both go in one statement (a statement is atomic on its own): one round trip
 * where BEGIN, two INSERTs and COMMIT took four. Otherwise one transaction.
 */
export async function insertOrder(db: Sql, o: NewOrder, photos: { uploadIds: string[]; ownerId: string }): Promise<string> {
  const eventId = newId();
  const event: OrderEventInput = { communityId: o.communityId, orderId: o.id, actorId: o.filedById, action: 'submit', fromStatus: null, toStatus: 'submitted', at: o.at, note: o.note ?? null };
  const insert = sql`
    INSERT INTO "Order" (id, "communityId", "gridId", "buildingId", "householdId", "residentId", "filedById", "filedOnBehalf",
                         "categoryId", title, description, urgency, status, "suggestedAssigneeId", "responseDueAt", "resolveDueAt",
                         "reopenCount", "createdAt", "updatedAt")
    VALUES (${o.id}, ${o.communityId}, ${o.gridId}, ${o.buildingId}, ${o.householdId}, ${o.residentId}, ${o.filedById},
            ${o.filedOnBehalf}, ${o.categoryId}, ${o.title}, ${o.description}, ${o.urgency}, 'submitted',
            ${o.suggestedAssigneeId}, ${o.responseDueAt}, ${o.resolveDueAt}, 0, ${o.at}, ${o.at})`;
  if (db.kind === 'postgres' && !photos.uploadIds.length) {
    await db.run(sql`WITH filed AS (${insert} RETURNING id) INSERT INTO ${EVENT_COLUMNS} VALUES ${eventValues(eventId, event)}`);
    return eventId;
  }
  await db.transaction(async (tx) => {
    await tx.run(insert);
    await tx.run(sql`INSERT INTO ${EVENT_COLUMNS} VALUES ${eventValues(eventId, event)}`);
    await attachPhotos(tx, { ...photos, communityId: o.communityId, orderId: o.id, eventId, at: o.at });
  });
  return eventId;
}

// ---- steps of the flow ----------------------------------------------------------

/** The order `id` if `scope` (a condition on `o`) lets the viewer see it. */
export const findScopedOrder = (tx: SqlClient, id: string, scope: SqlQuery) =>
  tx.one<Order>(sql`SELECT o.* FROM "Order" o WHERE o.id = ${id} AND ${scope}`);

export type OrderChange = Partial<
  Pick<Order, 'assigneeId' | 'dispatchedAt' | 'claimedAt' | 'resolvedAt' | 'closedAt' | 'satisfied' | 'rating' | 'responseDueAt' | 'resolveDueAt' | 'pausedFrom' | 'pausedAt' | 'mergedIntoId'>
> & {
  /** Add one to reopenCount. */
  reopened?: boolean;
};

/**
 * Moves an order from `from` to `to` with `change`; false when it was no longer
 * in `from` (someone else got there first: two claims, a claim and a cancel).
 */
export async function changeOrderStatus(tx: SqlClient, id: string, from: OrderStatus, to: OrderStatus, change: OrderChange, at: Date): Promise<boolean> {
  const sets: SqlQuery[] = [sql`status = ${to}`, sql`"updatedAt" = ${at}`];
  for (const [column, value] of Object.entries(change)) {
    if (column === 'reopened') continue;
    sets.push(sql`${raw(`"${column}"`)} = ${value}`);
  }
  if (change.reopened) sets.push(sql`"reopenCount" = "reopenCount" + 1`);
  return (await tx.run(sql`UPDATE "Order" SET ${join(sets, ', ')} WHERE id = ${id} AND status = ${from}`)) === 1;
}

/** A category's service levels (for fresh deadlines when an order is reopened). */
export const categoryServiceLevels = (tx: SqlClient, categoryId: string) =>
  tx.one<{ responseMinutes: number; resolveMinutes: number }>(sql`
    SELECT "responseMinutes", "resolveMinutes" FROM "ServiceCategory" WHERE id = ${categoryId}`);

/** Whether `userId` works a grid of `communityId` (the only people an order can be dispatched to). */
export async function worksInCommunity(tx: SqlClient, userId: string, communityId: string): Promise<boolean> {
  return !!(await tx.one(sql`
    SELECT 1 AS yes FROM "UserRole" ur JOIN "Grid" g ON g.id = ur."gridId"
    WHERE ur."userId" = ${userId} AND ur.role = 'GRID_WORKER' AND g."communityId" = ${communityId}`));
}

// ---- escalations ------------------------------------------------------------------

/**
 * Raises one missed deadline: its Escalation row and a timeline step, together.
 * False when it was raised already (the unique key (orderId, stage, dueAt): another
 * sweep, maybe on another instance, got there first).
 */
export async function raiseEscalation(
  db: Sql,
  o: { id: string; communityId: string; status: OrderStatus },
  stage: EscalationStage,
  dueAt: Date,
  note: string,
  at: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const inserted = await tx.run(sql`
      INSERT INTO "Escalation" (id, "communityId", "orderId", stage, "dueAt", "raisedAt") VALUES (${newId()}, ${o.communityId}, ${o.id}, ${stage}, ${dueAt}, ${at})
      ON CONFLICT ("orderId", stage, "dueAt") DO NOTHING`);
    if (inserted !== 1) return false;
    await recordOrderEvent(tx, { communityId: o.communityId, orderId: o.id, actorId: null, action: 'escalate', fromStatus: o.status, toStatus: o.status, note, at });
    return true;
  });
}

// ---- the console's filters --------------------------------------------------------

/** The grids and buildings that orders in `scope` (a condition on `o`) are in, by name. */
export async function placesOfOrders(db: SqlClient, scope: SqlQuery) {
  return db.all<{ buildingId: string; buildingName: string; gridId: string; gridName: string }>(sql`
    SELECT b.id AS "buildingId", b.name AS "buildingName", g.id AS "gridId", g.name AS "gridName"
    FROM (SELECT DISTINCT o."buildingId" FROM "Order" o WHERE ${scope}) p
    JOIN "Building" b ON b.id = p."buildingId"
    JOIN "Grid" g ON g.id = b."gridId"
    ORDER BY g.name, b.name`);
}
