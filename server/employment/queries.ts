// The employment domain's table, EmploymentRecord: every read and write of it,
// with Prisma, but for the zero-employment list, in hand-written SQL
// (server/sql.ts). Queries join the people and places they show (residents,
// households, buildings, units, grids) from the org domain's tables; nothing
// here writes those.
import type { EmploymentRecord, EmploymentStatus, Prisma } from '@prisma/client';
import type { Deps } from '../context.js';
import type { DbTx } from '../db.js';
import type { EmploymentReach } from '../policies/index.js';
import { empty, join, raw, sql, type SqlQuery } from '../sql.js';
import { EMPLOYED, WORKING_AGE } from './ledger.js';
import { parseTrades, type Trade } from './trades.js';

// ---- a person's records --------------------------------------------------------

export const currentRecordOf = (tx: DbTx, residentId: string) =>
  tx.employmentRecord.findFirst({ where: { residentId, current: true }, orderBy: { createdAt: 'desc' } });

/** The person's new current record; the one before stays, no longer current. Inside the caller's transaction. */
export async function replaceCurrentRecord(tx: DbTx, data: Prisma.EmploymentRecordUncheckedCreateInput): Promise<EmploymentRecord> {
  await tx.employmentRecord.updateMany({ where: { residentId: data.residentId, current: true }, data: { current: false } });
  return tx.employmentRecord.create({ data });
}

/** Records written in bulk (the demo's ledger). */
export const insertRecords = (db: DbTx, data: Prisma.EmploymentRecordCreateManyInput[]) => db.employmentRecord.createMany({ data });

export async function currentTradesOf(db: DbTx, residentId: string): Promise<Trade[]> {
  const r = await db.employmentRecord.findFirst({ where: { residentId, current: true }, select: { trades: true } });
  return r ? parseTrades(r.trades) : [];
}

/** Newest first. */
export const historyOf = (db: DbTx, residentId: string) =>
  db.employmentRecord.findMany({ where: { residentId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });

/** A resident within `scope` (employmentScope), with the grid of their building. */
export const findResident = (db: DbTx, residentId: string, scope: Prisma.ResidentWhereInput) =>
  db.resident.findFirst({
    where: { AND: [{ id: residentId }, scope] },
    include: { household: { include: { building: { select: { gridId: true } } } } },
  });

// where they live: the home shown, and the place the viewer's relations to them (the visibility table) are decided from
const home = {
  select: { id: true, communityId: true, buildingId: true, room: true, unit: { select: { name: true } }, building: { select: { name: true, gridId: true } } },
} as const;

/** The community's residents seeking work, with a phone to call and their trades, first recorded first. */
export const seekingRecords = (db: DbTx, communityId: string) =>
  db.employmentRecord.findMany({
    where: { communityId, current: true, status: 'seeking' },
    include: { resident: { select: { id: true, name: true, phone: true, birthYear: true, household: home } } },
    orderBy: { createdAt: 'asc' },
  });

export type SeekingRecord = Awaited<ReturnType<typeof seekingRecords>>[number];

/** Every resident of the community with their home, to match the rows of an imported sheet. */
export const residentsWithHomes = (db: DbTx, communityId: string) =>
  db.resident.findMany({
    where: { communityId, leftAt: null },
    include: { household: { include: { unit: { select: { name: true } }, building: { select: { name: true } } } } },
  });

/** Every resident of the community with their home, grid and current record, for the exported sheet. */
export const ledgerRows = (db: DbTx, communityId: string) =>
  db.resident.findMany({
    where: { communityId },
    select: {
      id: true,
      householdId: true,
      idNumberEncrypted: true,
      household: { select: { room: true, buildingId: true, unit: { select: { name: true } }, building: { select: { name: true, gridId: true, grid: { select: { name: true } } } } } },
      employment: { where: { current: true }, take: 1 },
    },
  });

// ---- households ----------------------------------------------------------------

// by place as staff read a ledger (楼栋, 单元, 房号), not by random ids; the zero-employment
// page's SQL sorts the same way (zeroEmploymentPage)
const HOUSEHOLD_ORDER: Prisma.HouseholdOrderByWithRelationInput[] = [{ building: { name: 'asc' } }, { unit: { name: 'asc' } }, { room: 'asc' }, { id: 'asc' }];

/** Households matching `where`, in list order, each member with their current record (`take`: the first that many). */
export const householdsWithSituations = (db: DbTx, where: Prisma.HouseholdWhereInput, take?: number, skip = 0) =>
  db.household.findMany({
    ...(skip ? { skip } : {}),
    where,
    include: {
      unit: { select: { name: true } },
      building: { select: { name: true, gridId: true } },
      residents: {
        // residents who left (迁出/去世) keep their records, but are no longer a household's members
        where: { leftAt: null },
        orderBy: { id: 'asc' },
        select: {
          id: true,
          name: true,
          birthYear: true,
          employment: { where: { current: true }, select: { status: true, employer: true }, take: 1 },
        },
      },
    },
    orderBy: HOUSEHOLD_ORDER,
    ...(take !== undefined ? { take } : {}),
  });

export type HouseholdWithSituations = Awaited<ReturnType<typeof householdsWithSituations>>[number];

export const countHouseholds = (db: DbTx, where: Prisma.HouseholdWhereInput) => db.household.count({ where });

/** The community's grids by name. */
export const gridsOf = (db: DbTx, communityId: string) => db.grid.findMany({ where: { communityId }, orderBy: { name: 'asc' } });

// ---- 零就业家庭 in SQL --------------------------------------------------------------
//
// A community-wide list used to load every household of the community with all
// its members and filter in JavaScript (148 ms for 1,000 households at city
// scale, tests/scale/plans.md). Now one statement finds the page of
// zero-employment households and their count, and only those are loaded. It
// decides exactly what the presenter decides member by member (tested
// household for household in tests/employment/zero-employment.test.ts):
//   - a member's situation is their current record with the lowest id (what the
//     `employment … take: 1` above reads); no current record: not in work;
//   - each member is 2 when in work (EMPLOYED, at any age), 0 when `unable`,
//     else 1 when of working age (born year − 60 … year − 16, China time; no
//     birth year: not of working age), else 0;
//   - a household is zero-employment when the largest of its members is 1:
//     labour and nobody in work.
// Both lookups are correlated subqueries on the Resident (householdId) and
// EmploymentRecord (residentId) indexes: a few index probes per household in
// scope, whatever the size of the tables (with joins, PostgreSQL's cost model
// picks sequential scans of the whole Resident and EmploymentRecord tables: 1.1 s
// on the city). Both steps are MATERIALIZED so each household is looked at once
// (inlined, PostgreSQL may run the subquery again inside a nested loop). City,
// one community of 1,000 households: 16 ms, Resident_communityId_idx,
// Resident_householdId_idx, EmploymentRecord_residentId_createdAt_idx and
// Household_pkey only. Written once for both databases: booleans as TRUE
// (1 on SQLite), no dates compared; written with server/sql.ts.

/** Text to look for inside a LIKE pattern: its own % _ and \\ taken literally (ESCAPE '\\'). */
const likeEscaped = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/** Households of the grids (a household belongs to the grid of its building). */
const householdsOfGrids = (grids: readonly string[]) =>
  sql`SELECT gh.id FROM "Household" gh JOIN "Building" gb ON gb.id = gh."buildingId" WHERE gb."gridId" IN (${join(grids)})`;

/**
 * The households a viewer with this reach (employmentReach, server/policies/jobs.ts)
 * may list, as SQL rows `id` (with repeats): the admin every household; else
 * their own household, the households of the grids they work, the households of
 * residents of the communities they staff; nobody's else. (The Prisma list asks
 * that a resident of the household be in employmentScope; for their own
 * household and a grid's households that only leaves out households without
 * residents, which are never zero-employment.) The policy decides who is in
 * reach; this is its translation for the one query Prisma cannot express well
 * enough, and tests/employment/zero-employment.test.ts checks the two agree for every role.
 */
function householdsInReach(reach: EmploymentReach): SqlQuery {
  if (reach.everyone) return sql`SELECT h.id FROM "Household" h`;
  const parts: SqlQuery[] = [];
  if (reach.householdId) parts.push(sql`SELECT h.id FROM "Household" h WHERE h.id = ${reach.householdId}`);
  if (reach.grids.length) parts.push(householdsOfGrids(reach.grids));
  if (reach.communities.length) parts.push(sql`SELECT s."householdId" AS id FROM "Resident" s WHERE s."communityId" IN (${join(reach.communities)})`);
  return parts.length ? join(parts, ' UNION ALL ') : sql`SELECT h.id FROM "Household" h WHERE 1 = 0`;
}

/** The ids of the first `limit` zero-employment households in reach, in list order, and how many there are. */
export async function zeroEmploymentPage(
  deps: Pick<Deps, 'sql'>,
  reach: EmploymentReach,
  q: { gridId?: string | undefined; buildingId?: string | undefined; status?: EmploymentStatus | undefined; room?: string | undefined; offset?: number; limit: number },
  year: number,
) {
  // (the grid and building narrow the scope before any household is looked at)
  const narrow: SqlQuery[] = [];
  if (q.gridId) narrow.push(sql`x.id IN (${householdsOfGrids([q.gridId])})`);
  if (q.buildingId) narrow.push(sql`x.id IN (SELECT bh.id FROM "Household" bh WHERE bh."buildingId" = ${q.buildingId})`);
  if (q.room) narrow.push(sql`x.id IN (SELECT rh.id FROM "Household" rh WHERE rh.room LIKE ${`%${likeEscaped(q.room)}%`} ESCAPE '\\')`);
  // a member whose current situation is this one (in a zero-employment household: seeking or unable)
  if (q.status) {
    narrow.push(
      sql`EXISTS (SELECT 1 FROM "Resident" sr JOIN "EmploymentRecord" se ON se."residentId" = sr.id AND se."current" = TRUE WHERE sr."householdId" = x.id AND sr."leftAt" IS NULL AND se.status = ${q.status})`,
    );
  }
  const inGrid = narrow.length ? sql`WHERE ${join(narrow, ' AND ')}` : empty;
  const employed = join(EMPLOYED.map((s) => sql`WHEN ${s} THEN 2`), ' ');
  if (!Number.isInteger(q.limit) || q.limit < 1) throw new Error(`zeroEmploymentPage: limit must be a positive integer, got ${q.limit}`);
  const offset = q.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0) throw new Error(`zeroEmploymentPage: offset must be a whole number, got ${offset}`);
  const query = sql`
    WITH scoped AS MATERIALIZED (
      SELECT DISTINCT x.id FROM (${householdsInReach(reach)}) x ${inGrid}
    ),
    zero AS MATERIALIZED (
      SELECT sc.id FROM scoped sc
      WHERE (
        SELECT MAX(CASE (SELECT e.status FROM "EmploymentRecord" e WHERE e."residentId" = r.id AND e."current" = TRUE ORDER BY e.id LIMIT 1)
                     ${employed}
                     WHEN ${'unable' satisfies EmploymentStatus} THEN 0
                     ELSE CASE WHEN r."birthYear" BETWEEN ${year - WORKING_AGE.to} AND ${year - WORKING_AGE.from} THEN 1 ELSE 0 END
                   END)
        FROM "Resident" r WHERE r."householdId" = sc.id AND r."leftAt" IS NULL
      ) = 1
    )
    SELECT h.id, COUNT(*) OVER () AS total
    FROM zero JOIN "Household" h ON h.id = zero.id
    JOIN "Building" b ON b.id = h."buildingId" JOIN "Unit" u ON u.id = h."unitId"
    ORDER BY b.name, u.name, h.room, h.id
    LIMIT ${raw(String(q.limit))} OFFSET ${raw(String(offset))}`;
  type Row = { id: string; total: number };
  const rows =
    deps.sql.kind === 'postgres'
      ? // PostgreSQL prices the index probes of a whole community above its JIT threshold (jit_above_cost),
        // and compiling the plan takes longer than running it (city: 15 ms without, 60–90 ms with JIT)
        await deps.sql.transaction(async (tx) => {
          await tx.run(sql`SET LOCAL jit = off`);
          return tx.all<Row>(query);
        })
      : await deps.sql.all<Row>(query);
  return { ids: rows.map((r) => r.id), total: rows.length ? Number(rows[0]!.total) : 0 };
}
