// The SQL of the order conversation's own table, OrderFollower (households that
// joined an order, or whose duplicate was merged into it), and the reads of
// 是不是这件事？. Orders and their timeline are written through ./queries.ts.
import type { Order, OrderAction, OrderStatus } from '@prisma/client';
import { newId } from '../ids.js';
import { join, raw, sql, type SqlClient } from '../sql.js';

/** Open: someone still has to act on it (the deadlines of awaiting_info are paused, but it is open). */
export const OPEN_STATUSES: OrderStatus[] = ['submitted', 'dispatched', 'accepted', 'reopened', 'awaiting_info'];
/** Nothing more is said on these: the conversation is over. */
export const FINISHED_STATUSES: OrderStatus[] = ['closed', 'cancelled', 'merged'];

/** Adds a household to an order's followers; false when it follows already. */
export async function addFollower(tx: SqlClient, f: { communityId: string; orderId: string; householdId: string; userId: string; via: 'join' | 'merge'; at: Date }) {
  return (
    (await tx.run(sql`
      INSERT INTO "OrderFollower" (id, "communityId", "orderId", "householdId", "userId", via, "createdAt")
      VALUES (${newId()}, ${f.communityId}, ${f.orderId}, ${f.householdId}, ${f.userId}, ${f.via}, ${f.at})
      ON CONFLICT ("orderId", "householdId") DO NOTHING`)) === 1
  );
}

/** A merge: the duplicate's followers follow the original too (not the original's own household). */
export async function copyFollowers(tx: SqlClient, fromOrderId: string, to: { id: string; householdId: string }, at: Date) {
  const rows = await tx.all<{ communityId: string; householdId: string; userId: string }>(sql`
    SELECT "communityId", "householdId", "userId" FROM "OrderFollower" WHERE "orderId" = ${fromOrderId} AND "householdId" <> ${to.householdId}`);
  for (const r of rows) await addFollower(tx, { ...r, orderId: to.id, via: 'merge', at });
}

export const isFollowing = async (db: SqlClient, orderId: string, householdId: string) =>
  !!(await db.one(sql`SELECT 1 AS yes FROM "OrderFollower" WHERE "orderId" = ${orderId} AND "householdId" = ${householdId}`));

/** The account of the resident an order is for (null when not linked to WeChat yet). */
export const residentUserId = async (db: SqlClient, residentId: string) =>
  (await db.one<{ id: string }>(sql`SELECT id FROM "User" WHERE "residentId" = ${residentId}`))?.id ?? null;

/** Who hears of an order: its resident's account and filer (the requester's side), its worker, and its followers. */
export async function orderAudienceRow(db: SqlClient, orderId: string) {
  const o = await db.one<Pick<Order, 'id' | 'title' | 'filedById' | 'assigneeId' | 'suggestedAssigneeId'> & { residentUserId: string | null }>(sql`
    SELECT o.id, o.title, o."filedById", o."assigneeId", o."suggestedAssigneeId", u.id AS "residentUserId"
    FROM "Order" o LEFT JOIN "User" u ON u."residentId" = o."residentId" WHERE o.id = ${orderId}`);
  if (!o) return undefined;
  const followers = await db.all<{ userId: string }>(sql`SELECT "userId" FROM "OrderFollower" WHERE "orderId" = ${orderId} ORDER BY "createdAt", id`);
  return { ...o, followerUserIds: followers.map((f) => f.userId) };
}

export interface BriefRow {
  id: string;
  title: string;
  description: string;
  status: OrderStatus;
  householdId: string;
  filedById: string;
  communityId: string;
  buildingId: string;
  mergedIntoId: string | null;
  createdAt: Date;
  updatedAt: Date;
  c_code: string;
  c_name: string;
  c_icon: string;
  b_name: string;
  joined: number | string;
}

const BRIEF = sql`
  SELECT o.id, o.title, o.description, o.status, o."householdId", o."filedById", o."communityId", o."buildingId", o."mergedIntoId",
         o."createdAt", o."updatedAt", c.code AS c_code, c.name AS c_name, c.icon AS c_icon, b.name AS b_name,
         (SELECT COUNT(*) FROM "OrderFollower" f WHERE f."orderId" = o.id) AS joined
  FROM "Order" o JOIN "ServiceCategory" c ON c.id = o."categoryId" JOIN "Building" b ON b.id = o."buildingId"`;

/**
 * The open orders of one building and category filed since `since`: the candidates
 * 是不是这件事？ compares with (at most 200, newest first: a building files a handful a week).
 */
export const similarCandidates = (db: SqlClient, p: { buildingId: string; categoryCode: string; since: Date }) =>
  db.all<BriefRow>(sql`${BRIEF}
    WHERE o."buildingId" = ${p.buildingId} AND c.code = ${p.categoryCode} AND o.status IN (${join(OPEN_STATUSES)}) AND o."createdAt" >= ${p.since}
    ORDER BY o."createdAt" DESC, o.id DESC ${raw('LIMIT 200')}`);

export const briefRow = (db: SqlClient, id: string) => db.one<BriefRow>(sql`${BRIEF} WHERE o.id = ${id}`);

/** The steps that moved an order (no notes, people or photos): what a neighbour following it sees. */
export const statusSteps = (db: SqlClient, orderId: string) =>
  db.all<{ action: OrderAction; to: OrderStatus; at: Date }>(sql`
    SELECT action, "toStatus" AS "to", "createdAt" AS at FROM "OrderEvent"
    WHERE "orderId" = ${orderId} AND (action IN ('submit', 'merge') OR "fromStatus" IS NULL OR "fromStatus" <> "toStatus")
    ORDER BY "createdAt", id`);

/** The building and household of a resident (filing for them: the building 是不是这件事？ looks in). */
export const placeOfResident = (db: SqlClient, residentId: string) =>
  db.one<{ communityId: string; gridId: string; buildingId: string; householdId: string }>(sql`
    SELECT r."communityId", b."gridId", h."buildingId", r."householdId"
    FROM "Resident" r JOIN "Household" h ON h.id = r."householdId" JOIN "Building" b ON b.id = h."buildingId"
    WHERE r.id = ${residentId} AND r."leftAt" IS NULL`);
