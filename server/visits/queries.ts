// The SQL of the visit tables (Visit, VisitRule, VisitOverride, VisitPairing),
// and the reads of households the due list and coverage are made from. The due
// list is a grid worker's first screen every morning: hand-written SQL
// (server/sql.ts), one statement for the households and one for their tags,
// each walking indexes (Building.gridId, Household.buildingId,
// Visit(householdId, completed, visitedAt)) so its time follows the grid's
// size, not the city's (tests/bench/visits.ts).
import type { HouseholdTagKind } from '@prisma/client';
import { newId } from '../ids.js';
import { empty, join, sql, type SqlClient, type SqlQuery } from '../sql.js';

/** Dates of computed columns come back as text on SQLite (no declared type). */
export const asDate = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : (v as string | number)));

/** Which households a read covers: grids, one community, some households (paired), or one household. */
export interface HouseholdSelection {
  gridIds?: string[];
  communityId?: string;
  householdIds?: string[];
  /** households paired with this user (1+X) */
  pairedWith?: string;
}

/**
 * The selection as one condition on `h.id`: a subquery of household ids, each arm
 * walking its own index (Building.gridId or its communityId unique key, then
 * Household.buildingId; VisitPairing.userId), so the database never scans every
 * household to decide an OR across two tables.
 */
function selectionSql(s: HouseholdSelection): SqlQuery {
  const arms: SqlQuery[] = [];
  if (s.gridIds?.length) arms.push(sql`SELECT sh.id FROM "Building" sb JOIN "Household" sh ON sh."buildingId" = sb.id WHERE sb."gridId" IN (${join(s.gridIds)})`);
  if (s.communityId) arms.push(sql`SELECT sh.id FROM "Building" sb JOIN "Household" sh ON sh."buildingId" = sb.id WHERE sb."communityId" = ${s.communityId}`);
  if (s.householdIds?.length) arms.push(sql`SELECT sh.id FROM "Household" sh WHERE sh.id IN (${join(s.householdIds)})`);
  if (s.pairedWith) arms.push(sql`SELECT p."householdId" FROM "VisitPairing" p WHERE p."userId" = ${s.pairedWith}`);
  return arms.length ? sql`h.id IN (${join(arms, ' UNION ')})` : sql`1 = 0`;
}

export interface HouseholdRow {
  id: string;
  communityId: string;
  gridId: string;
  gridName: string;
  buildingId: string;
  building: string;
  unit: string;
  room: string;
  headName: string | null;
  headResidentId: string | null;
  overrideDays: number | null;
  overrideAt: Date | null;
  hasOverride: boolean;
  lastVisitedAt: Date | null;
  lastTriedAt: Date | null;
  lastMet: string | null;
}

/**
 * The households of a selection that may need visits: those with a 七彩 tag or
 * a frequency of their own (`onlyWatched`), with their place, head, override
 * and last visits. `before`: only visits before this moment count (coverage of a past period).
 */
export async function householdsToVisit(db: SqlClient, s: HouseholdSelection, opts: { onlyWatched?: boolean; before?: Date } = {}): Promise<HouseholdRow[]> {
  const before = opts.before ? sql`AND v."visitedAt" < ${opts.before}` : empty;
  const watched = opts.onlyWatched === false
    ? empty
    : sql`AND (EXISTS (SELECT 1 FROM "HouseholdTag" t WHERE t."householdId" = h.id) OR ov."intervalDays" IS NOT NULL)`;
  const rows = await db.all<Record<string, unknown>>(sql`
    SELECT h.id, h."communityId", b."gridId", g.name AS "gridName", h."buildingId", b.name AS building, un.name AS unit, h.room,
           ov.id AS "overrideId", ov."intervalDays" AS "overrideDays", ov."updatedAt" AS "overrideAt",
           (SELECT MAX(v."visitedAt") FROM "Visit" v WHERE v."householdId" = h.id AND v.completed = TRUE ${before}) AS "lastVisitedAt",
           (SELECT MAX(v."visitedAt") FROM "Visit" v WHERE v."householdId" = h.id ${before}) AS "lastTriedAt",
           (SELECT r.id FROM "Resident" r WHERE r."householdId" = h.id AND r."leftAt" IS NULL
             ORDER BY CASE WHEN r.relation = '户主' THEN 0 ELSE 1 END, r.id LIMIT 1) AS "headResidentId",
           (SELECT r.name FROM "Resident" r WHERE r."householdId" = h.id AND r."leftAt" IS NULL
             ORDER BY CASE WHEN r.relation = '户主' THEN 0 ELSE 1 END, r.id LIMIT 1) AS "headName"
    FROM "Household" h
    JOIN "Building" b ON b.id = h."buildingId"
    JOIN "Grid" g ON g.id = b."gridId"
    JOIN "Unit" un ON un.id = h."unitId"
    LEFT JOIN "VisitOverride" ov ON ov."householdId" = h.id
    WHERE ${selectionSql(s)} ${watched}`);
  return rows.map((r) => ({
    id: r.id as string,
    communityId: r.communityId as string,
    gridId: r.gridId as string,
    gridName: r.gridName as string,
    buildingId: r.buildingId as string,
    building: r.building as string,
    unit: r.unit as string,
    room: r.room as string,
    headName: (r.headName as string | null) ?? null,
    headResidentId: (r.headResidentId as string | null) ?? null,
    hasOverride: r.overrideId !== null && r.overrideId !== undefined,
    overrideDays: r.overrideDays === null || r.overrideDays === undefined ? null : Number(r.overrideDays),
    overrideAt: asDate(r.overrideAt),
    lastVisitedAt: asDate(r.lastVisitedAt),
    lastTriedAt: asDate(r.lastTriedAt),
    lastMet: null,
  }));
}

/** The 七彩 tags of a selection's households. */
export async function tagsOf(db: SqlClient, s: HouseholdSelection) {
  const rows = await db.all<{ householdId: string; kind: HouseholdTagKind; createdAt: Date }>(sql`
    SELECT t."householdId", t.kind, t."createdAt"
    FROM "HouseholdTag" t
    JOIN "Household" h ON h.id = t."householdId"
    WHERE ${selectionSql(s)}`);
  const out = new Map<string, Array<{ kind: HouseholdTagKind; createdAt: Date }>>();
  for (const r of rows) {
    const list = out.get(r.householdId) ?? [];
    list.push({ kind: r.kind, createdAt: asDate(r.createdAt)! });
    out.set(r.householdId, list);
  }
  return out;
}

/** The communities' own frequencies (a tag without a row keeps its default). */
export const rulesOf = (db: SqlClient, communityIds: string[]) =>
  communityIds.length
    ? db.all<{ communityId: string; tag: HouseholdTagKind; intervalDays: number | null; updatedAt: Date }>(
        sql`SELECT "communityId", tag, "intervalDays", "updatedAt" FROM "VisitRule" WHERE "communityId" IN (${join(communityIds)})`,
      )
    : Promise.resolve([]);

export async function upsertRule(db: SqlClient, r: { communityId: string; tag: HouseholdTagKind; intervalDays: number | null; updatedById: string; at: Date }) {
  await db.run(sql`
    INSERT INTO "VisitRule" (id, "communityId", tag, "intervalDays", "updatedById", "updatedAt")
    VALUES (${newId()}, ${r.communityId}, ${r.tag}, ${r.intervalDays}, ${r.updatedById}, ${r.at})
    ON CONFLICT ("communityId", tag) DO UPDATE SET "intervalDays" = ${r.intervalDays}, "updatedById" = ${r.updatedById}, "updatedAt" = ${r.at}`);
}

export async function upsertOverride(db: SqlClient, o: { communityId: string; householdId: string; intervalDays: number | null; note: string | null; updatedById: string; at: Date }) {
  await db.run(sql`
    INSERT INTO "VisitOverride" (id, "communityId", "householdId", "intervalDays", note, "updatedById", "updatedAt")
    VALUES (${newId()}, ${o.communityId}, ${o.householdId}, ${o.intervalDays}, ${o.note}, ${o.updatedById}, ${o.at})
    ON CONFLICT ("householdId") DO UPDATE SET "intervalDays" = ${o.intervalDays}, note = ${o.note}, "updatedById" = ${o.updatedById}, "updatedAt" = ${o.at}`);
}

export const deleteOverride = (db: SqlClient, householdId: string) => db.run(sql`DELETE FROM "VisitOverride" WHERE "householdId" = ${householdId}`);

/** The households with an override in a community, where they are (the rules tab). */
export const overridesOf = (db: SqlClient, communityId: string) =>
  db.all<{ householdId: string; intervalDays: number | null; note: string | null; updatedAt: Date; building: string; unit: string; room: string; gridId: string }>(sql`
    SELECT ov."householdId", ov."intervalDays", ov.note, ov."updatedAt", b.name AS building, un.name AS unit, h.room, b."gridId"
    FROM "VisitOverride" ov
    JOIN "Household" h ON h.id = ov."householdId"
    JOIN "Building" b ON b.id = h."buildingId"
    JOIN "Unit" un ON un.id = h."unitId"
    WHERE ov."communityId" = ${communityId}`);

/** Where a household is, who heads it, and whether `userId` is paired with it. */
export const householdPlace = (db: SqlClient, householdId: string, userId: string) =>
  db.one<{ id: string; communityId: string; buildingId: string; gridId: string; paired: number | boolean }>(sql`
    SELECT h.id, h."communityId", h."buildingId", b."gridId",
           EXISTS (SELECT 1 FROM "VisitPairing" p WHERE p."householdId" = h.id AND p."userId" = ${userId}) AS paired
    FROM "Household" h JOIN "Building" b ON b.id = h."buildingId"
    WHERE h.id = ${householdId}`);

export interface NewVisit {
  id: string;
  communityId: string;
  gridId: string;
  householdId: string;
  visitorId: string;
  visitedAt: Date;
  met: string;
  wellbeing: string | null;
  note: string | null;
  photoUploadId: string | null;
  needs: string | null;
  orderId: string | null;
  completed: boolean;
}

export async function insertVisit(db: SqlClient, v: NewVisit) {
  await db.run(sql`
    INSERT INTO "Visit" (id, "communityId", "gridId", "householdId", "visitorId", "visitedAt", met, wellbeing, note, "photoUploadId", needs, "orderId", completed, "createdAt")
    VALUES (${v.id}, ${v.communityId}, ${v.gridId}, ${v.householdId}, ${v.visitorId}, ${v.visitedAt}, ${v.met}, ${v.wellbeing}, ${v.note},
            ${v.photoUploadId}, ${v.needs}, ${v.orderId}, ${v.completed}, ${v.visitedAt})`);
}

export interface VisitRow extends NewVisit {
  visitorName: string;
}

/** A household's visits, newest first. */
export const visitsOf = (db: SqlClient, householdId: string, limit: number) =>
  db.all<VisitRow>(sql`
    SELECT v.id, v."communityId", v."gridId", v."householdId", v."visitorId", u."displayName" AS "visitorName", v."visitedAt", v.met,
           v.wellbeing, v.note, v."photoUploadId", v.needs, v."orderId", v.completed
    FROM "Visit" v JOIN "User" u ON u.id = v."visitorId"
    WHERE v."householdId" = ${householdId}
    ORDER BY v."visitedAt" DESC, v.id DESC
    LIMIT ${limit}`);

/** Completed visits of a community in [from, to): the coverage of a period. */
export const completedVisitsBetween = (db: SqlClient, communityId: string, from: Date, to: Date) =>
  db.all<{ householdId: string; visitedAt: Date }>(sql`
    SELECT v."householdId", v."visitedAt" FROM "Visit" v
    WHERE v."communityId" = ${communityId} AND v.completed = TRUE AND v."visitedAt" >= ${from} AND v."visitedAt" < ${to}
    ORDER BY v."visitedAt"`);

// ---- 1+X pairings ------------------------------------------------------------------

export const pairingsOf = (db: SqlClient, communityId: string) =>
  db.all<{ id: string; householdId: string; userId: string; userName: string; building: string; unit: string; room: string; createdAt: Date }>(sql`
    SELECT p.id, p."householdId", p."userId", u."displayName" AS "userName", b.name AS building, un.name AS unit, h.room, p."createdAt"
    FROM "VisitPairing" p
    JOIN "User" u ON u.id = p."userId"
    JOIN "Household" h ON h.id = p."householdId"
    JOIN "Building" b ON b.id = h."buildingId"
    JOIN "Unit" un ON un.id = h."unitId"
    WHERE p."communityId" = ${communityId}`);

export const pairingById = (db: SqlClient, id: string) =>
  db.one<{ id: string; communityId: string }>(sql`SELECT id, "communityId" FROM "VisitPairing" WHERE id = ${id}`);

export async function insertPairing(db: SqlClient, p: { id: string; communityId: string; householdId: string; userId: string; createdById: string; at: Date }) {
  return db.run(sql`
    INSERT INTO "VisitPairing" (id, "communityId", "householdId", "userId", "createdById", "createdAt")
    VALUES (${p.id}, ${p.communityId}, ${p.householdId}, ${p.userId}, ${p.createdById}, ${p.at})
    ON CONFLICT ("householdId", "userId") DO NOTHING`);
}

export const deletePairing = (db: SqlClient, id: string) => db.run(sql`DELETE FROM "VisitPairing" WHERE id = ${id}`);

/** The people of a community a household may be paired with (1+X): accounts holding one of `roles` there. */
export const pairablePeople = (db: SqlClient, communityId: string, roles: readonly string[]) =>
  db.all<{ id: string; name: string }>(sql`
    SELECT DISTINCT u.id, u."displayName" AS name
    FROM "UserRole" ur JOIN "User" u ON u.id = ur."userId"
    WHERE ur."communityId" = ${communityId} AND ur.role IN (${join([...roles])})
    ORDER BY u."displayName", u.id`);

/** The grids of a community and their workers' names. */
export const gridsWithWorkers = (db: SqlClient, communityId: string) =>
  db.all<{ id: string; name: string; worker: string | null }>(sql`
    SELECT g.id, g.name, u."displayName" AS worker
    FROM "Grid" g
    LEFT JOIN "UserRole" ur ON ur."gridId" = g.id AND ur.role = 'GRID_WORKER'
    LEFT JOIN "User" u ON u.id = ur."userId"
    WHERE g."communityId" = ${communityId}
    ORDER BY g.name, u."displayName"`);

export const gridById = (db: SqlClient, id: string) =>
  db.one<{ id: string; communityId: string; name: string }>(sql`SELECT id, "communityId", name FROM "Grid" WHERE id = ${id}`);

/** The households a user is paired with (1+X). */
export const pairedHouseholdIds = async (db: SqlClient, userId: string) =>
  new Set((await db.all<{ householdId: string }>(sql`SELECT "householdId" FROM "VisitPairing" WHERE "userId" = ${userId}`)).map((r) => r.householdId));

// ---- 走访记录 export ---------------------------------------------------------------

export interface ExportedVisitRow {
  id: string;
  communityId: string;
  gridId: string;
  gridName: string;
  householdId: string;
  buildingId: string;
  building: string;
  unit: string;
  room: string;
  headName: string | null;
  visitorName: string;
  visitedAt: Date;
  met: string;
  wellbeing: string | null;
  note: string | null;
  needs: string | null;
  orderId: string | null;
  photoUploadId: string | null;
  completed: boolean;
}

/** The visits of a grid or a community in [from, to), by grid, then oldest first, with the household's place and head. */
export async function visitsBetween(db: SqlClient, where: { gridId: string } | { communityId: string }, from: Date, to: Date): Promise<ExportedVisitRow[]> {
  const scope = 'gridId' in where ? sql`v."gridId" = ${where.gridId}` : sql`v."communityId" = ${where.communityId}`;
  const rows = await db.all<Record<string, unknown>>(sql`
    SELECT v.id, v."communityId", v."gridId", g.name AS "gridName", v."householdId", h."buildingId", b.name AS building, un.name AS unit, h.room,
           (SELECT r.name FROM "Resident" r WHERE r."householdId" = h.id AND r."leftAt" IS NULL
             ORDER BY CASE WHEN r.relation = '户主' THEN 0 ELSE 1 END, r.id LIMIT 1) AS "headName",
           u."displayName" AS "visitorName", v."visitedAt", v.met, v.wellbeing, v.note, v.needs, v."orderId", v."photoUploadId", v.completed
    FROM "Visit" v
    JOIN "Household" h ON h.id = v."householdId"
    JOIN "Building" b ON b.id = h."buildingId"
    JOIN "Unit" un ON un.id = h."unitId"
    JOIN "Grid" g ON g.id = v."gridId"
    JOIN "User" u ON u.id = v."visitorId"
    WHERE ${scope} AND v."visitedAt" >= ${from} AND v."visitedAt" < ${to}
    ORDER BY g.name, v."visitedAt", v.id`);
  return rows.map((r) => ({
    ...(r as unknown as ExportedVisitRow),
    visitedAt: asDate(r.visitedAt)!,
    completed: Boolean(r.completed),
  }));
}
