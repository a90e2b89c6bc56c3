// 就业台账: each person's employment situation, with its history. A change is a
// new record (the old one stays, no longer current); recording the same thing
// again changes nothing, which is what makes a repeated import harmless.
import type { EmploymentRecord, EmploymentStatus, Prisma } from '@prisma/client';
import type { Viewer } from '../auth/viewer.js';
import type { Deps } from '../context.js';
import type { DbTx } from '../db.js';
import { forbidden, notFound } from '../errors.js';
import { canListEmployment, canRecordEmployment, communitiesWith, employmentScope, gridsWorkedBy, homeCommunity, isAdmin, isStaffOf } from '../policies/index.js';
import type { RecordStatusBody } from './schemas.js';
import { empty, join, raw, sql, type SqlQuery } from '../sql.js';
import { parseTrades, type Trade } from './trades.js';

export const EMPLOYED: EmploymentStatus[] = ['employed_local', 'employed_outbound', 'public_welfare', 'self_employed'];
/** 劳动力: aged 16 to 60, as the communities count working-age people. */
export const WORKING_AGE = { from: 16, to: 60 } as const;

export const STATUS_LABELS: Record<EmploymentStatus, string> = {
  employed_local: '本地务工',
  employed_outbound: '外出务工',
  public_welfare: '公益性岗位',
  self_employed: '自主创业',
  seeking: '有意愿未就业',
  unable: '无劳动能力',
};

export interface Situation {
  status: EmploymentStatus;
  employer?: string | null;
  since?: Date | null;
  trades?: string[];
  note?: string | null;
}

/** The day in China time: a "since" is a date, however precisely it was typed. */
export const chinaDay = (d: Date | null | undefined) => (d ? new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10) : null);

const sameDay = (a: Date | null | undefined, b: Date | null | undefined) => chinaDay(a) === chinaDay(b);

const same = (r: EmploymentRecord, s: Situation) =>
  r.status === s.status &&
  (r.employer ?? null) === (s.employer ?? null) &&
  sameDay(r.since, s.since) &&
  JSON.stringify(parseTrades(r.trades).sort()) === JSON.stringify([...(s.trades ?? parseTrades(r.trades))].sort());

/** Writes a person's new situation unless it is what the ledger already says. */
export async function recordSituation(
  tx: DbTx,
  p: { communityId: string; householdId: string; residentId: string; recordedById: string; source: string; at: Date },
  s: Situation,
): Promise<{ changed: boolean; record: EmploymentRecord }> {
  const current = await tx.employmentRecord.findFirst({ where: { residentId: p.residentId, current: true }, orderBy: { createdAt: 'desc' } });
  if (current && same(current, s)) return { changed: false, record: current };
  await tx.employmentRecord.updateMany({ where: { residentId: p.residentId, current: true }, data: { current: false } });
  const record = await tx.employmentRecord.create({
    data: {
      communityId: p.communityId,
      householdId: p.householdId,
      residentId: p.residentId,
      status: s.status,
      employer: s.employer ?? null,
      since: s.since ?? null,
      trades: JSON.stringify(s.trades ?? (current ? parseTrades(current.trades) : [])),
      note: s.note ?? null,
      current: true,
      source: p.source,
      recordedById: p.recordedById,
      createdAt: p.at,
    },
  });
  return { changed: true, record };
}

export async function currentTradesOf(deps: Pick<Deps, 'db'>, residentId: string): Promise<Trade[]> {
  const r = await deps.db.employmentRecord.findFirst({ where: { residentId, current: true }, select: { trades: true } });
  return r ? parseTrades(r.trades) : [];
}

export function presentRecord(r: EmploymentRecord) {
  return {
    id: r.id,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status],
    employer: r.employer,
    since: r.since,
    trades: parseTrades(r.trades),
    note: r.note,
    current: r.current,
    source: r.source,
    recordedAt: r.createdAt,
  };
}

async function residentInScope(deps: Deps, v: Viewer, residentId: string) {
  const r = await deps.db.resident.findFirst({
    where: { AND: [{ id: residentId }, employmentScope(v)] },
    include: { household: { include: { building: { select: { gridId: true } } } } },
  });
  if (!r) throw notFound('resident');
  return r;
}

export async function recordStatus(deps: Deps, v: Viewer, residentId: string, body: RecordStatusBody) {
  const r = await residentInScope(deps, v, residentId);
  if (!canRecordEmployment(v, { communityId: r.communityId, gridId: r.household.building.gridId })) {
    throw forbidden('only the grid worker and community staff update the employment ledger');
  }
  const out = await deps.db.$transaction((tx) =>
    recordSituation(
      tx,
      { communityId: r.communityId, householdId: r.householdId, residentId: r.id, recordedById: v.userId, source: 'manual', at: deps.clock() },
      body,
    ),
  );
  return { changed: out.changed, record: presentRecord(out.record) };
}

export async function residentHistory(deps: Deps, v: Viewer, residentId: string) {
  const r = await residentInScope(deps, v, residentId);
  const records = await deps.db.employmentRecord.findMany({ where: { residentId: r.id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  return { resident: { id: r.id, name: r.name }, records: records.map(presentRecord) };
}

// --- households and the numbers the reports cite -------------------------------

interface Member {
  id: string;
  name: string;
  birthYear: number | null;
  status: EmploymentStatus | null;
  employer: string | null;
}

export interface HouseholdEmployment {
  id: string;
  gridId: string;
  building: string;
  room: string;
  members: Member[];
  /** Working-age members able to work. */
  labour: number;
  employed: number;
  zeroEmployment: boolean;
}

const ageIn = (year: number, birthYear: number | null) => (birthYear === null ? null : year - birthYear);

/** The ledger's year: China time, as everywhere in the ledger. */
const ledgerYear = (deps: Pick<Deps, 'clock'>) => new Date(deps.clock().getTime() + 8 * 3600_000).getUTCFullYear();

const HOUSEHOLD_ORDER: Prisma.HouseholdOrderByWithRelationInput[] = [{ buildingId: 'asc' }, { unitId: 'asc' }, { room: 'asc' }];

/** Households in a scope with every member's current situation (`take`: the first that many, in list order). */
export async function householdEmployment(
  deps: Deps,
  where: Prisma.HouseholdWhereInput,
  opts: { take?: number; year?: number } = {},
): Promise<HouseholdEmployment[]> {
  const year = opts.year ?? ledgerYear(deps);
  const households = await deps.db.household.findMany({
    where,
    include: {
      unit: { select: { name: true } },
      building: { select: { name: true, gridId: true } },
      residents: {
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
    ...(opts.take !== undefined ? { take: opts.take } : {}),
  });
  return households.map((h) => {
    const members: Member[] = h.residents.map((r) => ({
      id: r.id,
      name: r.name,
      birthYear: r.birthYear,
      status: r.employment[0]?.status ?? null,
      employer: r.employment[0]?.employer ?? null,
    }));
    const labourers = members.filter((m) => {
      const age = ageIn(year, m.birthYear);
      return age !== null && age >= WORKING_AGE.from && age <= WORKING_AGE.to && m.status !== 'unable';
    });
    const employed = members.filter((m) => m.status !== null && EMPLOYED.includes(m.status)).length;
    return {
      id: h.id,
      gridId: h.building.gridId,
      building: h.building.name,
      room: `${h.unit.name} ${h.room}`,
      members,
      labour: labourers.length,
      employed,
      zeroEmployment: labourers.length > 0 && employed === 0,
    };
  });
}

const householdScopeOf = (v: Viewer): Prisma.HouseholdWhereInput => ({ residents: { some: employmentScope(v) } });

// --- 零就业家庭 in SQL --------------------------------------------------------------
//
// A community-wide list used to load every household of the community with all
// its members and filter in JavaScript (148 ms for 1,000 households at city
// scale, tests/scale/plans.md). Now one statement finds the page of
// zero-employment households and their count, and only those are loaded. It
// decides exactly what householdEmployment decides member by member (tested
// household for household in tests/employment-zero.test.ts):
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

/** Households of the grids (a household belongs to the grid of its building). */
const householdsOfGrids = (grids: readonly string[]) =>
  sql`SELECT gh.id FROM "Household" gh JOIN "Building" gb ON gb.id = gh."buildingId" WHERE gb."gridId" IN (${join(grids)})`;

/**
 * The households householdScopeOf(v) lets a viewer list, as SQL rows `id` (with
 * repeats), for the zero-employment list. employmentScope (server/policy.ts)
 * from the same role helpers: the admin every household; else their own
 * household, the households of the grids they work, the households of residents
 * of the communities they staff; nobody's else. (householdScopeOf also asks that
 * a resident of the household be in scope; for their own household and a grid's
 * households that only leaves out households without residents, which are never
 * zero-employment.) policy.ts stays the one place that decides; this is its
 * translation for the one query Prisma cannot express well enough, and
 * tests/employment-zero.test.ts checks the two agree for every role.
 */
function scopedHouseholdsSql(v: Viewer): SqlQuery {
  if (isAdmin(v)) return sql`SELECT h.id FROM "Household" h`;
  const parts: SqlQuery[] = [];
  if (v.resident) parts.push(sql`SELECT h.id FROM "Household" h WHERE h.id = ${v.resident.householdId}`);
  const grids = gridsWorkedBy(v);
  if (grids.length) parts.push(householdsOfGrids(grids));
  const communities = communitiesWith(v, ['STAFF']);
  if (communities.length) parts.push(sql`SELECT s."householdId" AS id FROM "Resident" s WHERE s."communityId" IN (${join(communities)})`);
  return parts.length ? join(parts, ' UNION ALL ') : sql`SELECT h.id FROM "Household" h WHERE 1 = 0`;
}

/** The ids of the first `limit` zero-employment households in scope, in list order, and how many there are. */
async function zeroEmploymentPage(deps: Deps, v: Viewer, q: { gridId?: string; limit: number }, year: number) {
  // (the grid narrows the scope before any household is looked at)
  const inGrid = q.gridId ? sql`WHERE x.id IN (${householdsOfGrids([q.gridId])})` : empty;
  const employed = join(EMPLOYED.map((s) => sql`WHEN ${s} THEN 2`), ' ');
  if (!Number.isInteger(q.limit) || q.limit < 1) throw new Error(`zeroEmploymentPage: limit must be a positive integer, got ${q.limit}`);
  const query = sql`
    WITH scoped AS MATERIALIZED (
      SELECT DISTINCT x.id FROM (${scopedHouseholdsSql(v)}) x ${inGrid}
    ),
    zero AS MATERIALIZED (
      SELECT sc.id FROM scoped sc
      WHERE (
        SELECT MAX(CASE (SELECT e.status FROM "EmploymentRecord" e WHERE e."residentId" = r.id AND e."current" = TRUE ORDER BY e.id LIMIT 1)
                     ${employed}
                     WHEN ${'unable' satisfies EmploymentStatus} THEN 0
                     ELSE CASE WHEN r."birthYear" BETWEEN ${year - WORKING_AGE.to} AND ${year - WORKING_AGE.from} THEN 1 ELSE 0 END
                   END)
        FROM "Resident" r WHERE r."householdId" = sc.id
      ) = 1
    )
    SELECT h.id, COUNT(*) OVER () AS total
    FROM zero JOIN "Household" h ON h.id = zero.id
    ORDER BY h."buildingId", h."unitId", h.room
    LIMIT ${raw(String(q.limit))}`;
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

export async function listHouseholdEmployment(deps: Deps, v: Viewer, q: { zeroEmployment?: boolean; gridId?: string; limit: number }) {
  if (!canListEmployment(v)) {
    throw forbidden('only grid workers and community staff see the employment ledger');
  }
  const year = ledgerYear(deps);
  if (q.zeroEmployment) {
    const page = await zeroEmploymentPage(deps, v, q, year);
    if (!page.ids.length) return { total: page.total, items: [] };
    const items = await householdEmployment(deps, { id: { in: page.ids } }, { year });
    // (a record written between the two statements could change a flag; an item on this list is always zero-employment)
    return { total: page.total, items: items.filter((h) => h.zeroEmployment) };
  }
  const where: Prisma.HouseholdWhereInput = { AND: [householdScopeOf(v), q.gridId ? { building: { gridId: q.gridId } } : {}] };
  const items = await householdEmployment(deps, where, { take: q.limit, year });
  const total = items.length < q.limit ? items.length : await deps.db.household.count({ where });
  return { total, items };
}

export async function myHouseholdEmployment(deps: Deps, v: Viewer) {
  if (!v.resident) throw forbidden('this account is not linked to a household yet');
  const [h] = await householdEmployment(deps, { id: v.resident.householdId });
  return h!;
}

function summarise(rows: HouseholdEmployment[]) {
  const labourHouseholds = rows.filter((h) => h.labour > 0);
  const labour = rows.reduce((s, h) => s + h.labour, 0);
  const employed = rows.reduce((s, h) => s + h.employed, 0);
  return {
    households: rows.length,
    labourHouseholds: labourHouseholds.length,
    labour,
    employed,
    /** 就业率: employed people over the labour force. */
    employmentRate: labour ? Math.round((employed / labour) * 1000) / 1000 : null,
    /** 户均就业人数: employed people per household with labour. */
    employedPerLabourHousehold: labourHouseholds.length ? Math.round((employed / labourHouseholds.length) * 100) / 100 : null,
    zeroEmploymentHouseholds: rows.filter((h) => h.zeroEmployment).length,
  };
}

/** The community's numbers, and each grid's. */
export async function employmentStats(deps: Deps, v: Viewer) {
  const communityId = homeCommunity(v);
  if (!communityId || !isStaffOf(v, communityId)) throw forbidden('only community staff see the employment figures');
  const rows = await householdEmployment(deps, { communityId });
  const grids = await deps.db.grid.findMany({ where: { communityId }, orderBy: { name: 'asc' } });
  return {
    community: summarise(rows),
    grids: grids.map((g) => ({ id: g.id, name: g.name, ...summarise(rows.filter((h) => h.gridId === g.id)) })),
  };
}
