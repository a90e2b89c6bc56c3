// The 民情日志's tables (GridLogEntry and its links to households and orders): every
// read and write of them, in hand-written SQL (server/sql.ts), written once for both
// databases. Reads join the names they show (grid, author, building, unit, order
// title) from the org and orders domains' tables; nothing here writes those.
import type { GridLogKind } from '@prisma/client';
import type { SqlClient } from '../sql.js';
import { join, raw, sql, type SqlQuery } from '../sql.js';
import type { GridLogReach } from '../policies/index.js';

export interface EntryRow {
  id: string;
  communityId: string;
  gridId: string;
  grid: string;
  authorId: string;
  author: string;
  kind: GridLogKind;
  text: string;
  photoId: string | null;
  occurredAt: Date;
  createdAt: Date;
}
export interface LinkedHousehold {
  entryId: string;
  id: string;
  communityId: string;
  buildingId: string;
  gridId: string;
  building: string;
  unit: string;
  room: string;
}
export interface LinkedOrder {
  entryId: string;
  id: string;
  title: string;
  status: string;
}

/** Text to look for inside a LIKE pattern: its own % _ and \\ taken literally (ESCAPE '\\'). */
const likeEscaped = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/** The entries a viewer with this reach reads (policies/gridLog.ts), as a condition on `e`. */
function inReach(reach: GridLogReach): SqlQuery {
  if (reach.everyone) return sql`1 = 1`;
  const parts: SqlQuery[] = [];
  if (reach.grids.length) parts.push(sql`e."gridId" IN (${join(reach.grids)})`);
  if (reach.communities.length) parts.push(sql`e."communityId" IN (${join(reach.communities)})`);
  return parts.length ? sql`(${join(parts, ' OR ')})` : sql`1 = 0`;
}

// ---- checks before writing ----------------------------------------------------

/** The grid with its community, or undefined. */
export const gridById = (db: SqlClient, gridId: string) =>
  db.one<{ id: string; communityId: string; name: string }>(sql`SELECT g.id, g."communityId", g.name FROM "Grid" g WHERE g.id = ${gridId}`);

/** The grid and community a household is in (by its building), or undefined: whose log it is in. */
export const householdPlace = (db: SqlClient, householdId: string) =>
  db.one<{ communityId: string; gridId: string }>(sql`SELECT b."communityId", b."gridId" FROM "Household" h JOIN "Building" b ON b.id = h."buildingId" WHERE h.id = ${householdId}`);

/** The grid and community of an order, or undefined. */
export const orderPlace = (db: SqlClient, orderId: string) =>
  db.one<{ communityId: string; gridId: string }>(sql`SELECT o."communityId", o."gridId" FROM "Order" o WHERE o.id = ${orderId}`);

/** Of these households, the ones in the grid (by their building). */
export const householdsInGrid = async (db: SqlClient, gridId: string, ids: string[]) =>
  ids.length
    ? (await db.all<{ id: string }>(sql`SELECT h.id FROM "Household" h JOIN "Building" b ON b.id = h."buildingId" WHERE h.id IN (${join(ids)}) AND b."gridId" = ${gridId}`)).map((r) => r.id)
    : [];

/** Of these orders, the ones of the grid. */
export const ordersInGrid = async (db: SqlClient, gridId: string, ids: string[]) =>
  ids.length ? (await db.all<{ id: string }>(sql`SELECT o.id FROM "Order" o WHERE o.id IN (${join(ids)}) AND o."gridId" = ${gridId}`)).map((r) => r.id) : [];

/** The photo, when the author uploaded it in this community. */
export const ownPhoto = (db: SqlClient, photoId: string, ownerId: string, communityId: string) =>
  db.one<{ id: string }>(sql`SELECT u.id FROM "Upload" u WHERE u.id = ${photoId} AND u."ownerId" = ${ownerId} AND u."communityId" = ${communityId}`);

// ---- writing ---------------------------------------------------------------------

export async function insertEntry(
  tx: SqlClient,
  e: { id: string; communityId: string; gridId: string; authorId: string; kind: GridLogKind; text: string; photoId: string | null; occurredAt: Date; createdAt: Date },
  householdIds: string[],
  orderIds: string[],
) {
  await tx.run(sql`
    INSERT INTO "GridLogEntry" (id, "communityId", "gridId", "authorId", kind, text, "photoId", "occurredAt", "createdAt")
    VALUES (${e.id}, ${e.communityId}, ${e.gridId}, ${e.authorId}, ${e.kind}, ${e.text}, ${e.photoId}, ${e.occurredAt}, ${e.createdAt})`);
  if (householdIds.length) {
    await tx.run(sql`INSERT INTO "GridLogHousehold" ("entryId", "householdId") VALUES ${join(householdIds.map((h) => sql`(${e.id}, ${h})`))}`);
  }
  if (orderIds.length) {
    await tx.run(sql`INSERT INTO "GridLogOrder" ("entryId", "orderId") VALUES ${join(orderIds.map((o) => sql`(${e.id}, ${o})`))}`);
  }
}

// ---- reading ---------------------------------------------------------------------

export interface EntryFilter {
  q?: string | undefined;
  kind?: GridLogKind | undefined;
  gridId?: string | undefined;
  householdId?: string | undefined;
  orderId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

const SELECT_ENTRY = sql`
  SELECT e.id, e."communityId", e."gridId", g.name AS grid, e."authorId", u."displayName" AS author, e.kind, e.text, e."photoId", e."occurredAt", e."createdAt"
  FROM "GridLogEntry" e JOIN "Grid" g ON g.id = e."gridId" JOIN "User" u ON u.id = e."authorId"`;

function conditions(reach: GridLogReach, f: EntryFilter): SqlQuery {
  const c: SqlQuery[] = [inReach(reach)];
  if (f.gridId) c.push(sql`e."gridId" = ${f.gridId}`);
  if (f.kind) c.push(sql`e.kind = ${f.kind}`);
  if (f.from) c.push(sql`e."occurredAt" >= ${f.from}`);
  if (f.to) c.push(sql`e."occurredAt" < ${f.to}`);
  if (f.q) c.push(sql`e.text LIKE ${`%${likeEscaped(f.q)}%`} ESCAPE '\\'`);
  if (f.householdId) c.push(sql`EXISTS (SELECT 1 FROM "GridLogHousehold" lh WHERE lh."entryId" = e.id AND lh."householdId" = ${f.householdId})`);
  if (f.orderId) c.push(sql`EXISTS (SELECT 1 FROM "GridLogOrder" lo WHERE lo."entryId" = e.id AND lo."orderId" = ${f.orderId})`);
  return join(c, ' AND ');
}

/** A page of the entries in reach that match, newest first (by when seen, then written), and how many match. */
export async function entryPage(db: SqlClient, reach: GridLogReach, f: EntryFilter, page: { offset: number; limit: number }) {
  const where = conditions(reach, f);
  const rows = await db.all<EntryRow>(sql`${SELECT_ENTRY} WHERE ${where}
    ORDER BY e."occurredAt" DESC, e."createdAt" DESC, e.id DESC LIMIT ${raw(String(page.limit))} OFFSET ${raw(String(page.offset))}`);
  const total =
    page.offset === 0 && rows.length < page.limit
      ? rows.length
      : Number((await db.one<{ n: number | string }>(sql`SELECT COUNT(*) AS n FROM "GridLogEntry" e WHERE ${where}`))!.n);
  return { rows, total };
}

/** Every matching entry in reach, oldest first (the month's sheet). */
export const entriesInOrder = (db: SqlClient, reach: GridLogReach, f: EntryFilter) =>
  db.all<EntryRow>(sql`${SELECT_ENTRY} WHERE ${conditions(reach, f)} ORDER BY g.name, e."occurredAt", e."createdAt", e.id`);

export const entryById = (db: SqlClient, reach: GridLogReach, id: string) => db.one<EntryRow>(sql`${SELECT_ENTRY} WHERE e.id = ${id} AND ${inReach(reach)}`);

/** The households and orders the entries are linked to. */
export async function linksOf(db: SqlClient, entryIds: string[]) {
  if (!entryIds.length) return { households: [] as LinkedHousehold[], orders: [] as LinkedOrder[] };
  const households = await db.all<LinkedHousehold>(sql`
    SELECT l."entryId", h.id, h."communityId", h."buildingId", b."gridId", b.name AS building, un.name AS unit, h.room
    FROM "GridLogHousehold" l JOIN "Household" h ON h.id = l."householdId" JOIN "Building" b ON b.id = h."buildingId" JOIN "Unit" un ON un.id = h."unitId"
    WHERE l."entryId" IN (${join(entryIds)}) ORDER BY b.name, un.name, h.room`);
  const orders = await db.all<LinkedOrder>(sql`
    SELECT l."entryId", o.id, o.title, o.status FROM "GridLogOrder" l JOIN "Order" o ON o.id = l."orderId"
    WHERE l."entryId" IN (${join(entryIds)}) ORDER BY o."createdAt", o.id`);
  return { households, orders };
}

