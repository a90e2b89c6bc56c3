// Reading the ledger (PointsAccount, PointsEntry). Every write goes through
// ledger.ts, in SQL; these reads are Prisma's, off the hot paths, but for 户积分's
// list of households by balance (householdsWithBalance), in SQL.
import type { Deps } from '../context.js';
import { cursorArgs, toPage } from '../http/paging.js';
import { join, raw, sql } from '../sql.js';
import { periodStart } from './calendar.js';

type Db = Pick<Deps, 'db'>;

/** A household's points balance (0 for a household that never earned any). */
export async function householdBalance(deps: Db, householdId: string): Promise<number> {
  const account = await deps.db.pointsAccount.findUnique({ where: { householdId }, select: { balance: true } });
  return account?.balance ?? 0;
}

/** A page of a household's entries, newest first. */
export async function ledgerPage(deps: Db, householdId: string, q: { limit: number; cursor?: string | undefined }) {
  const rows = await deps.db.pointsEntry.findMany({
    where: { householdId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    ...cursorArgs(q),
    select: { id: true, kind: true, amount: true, reason: true, createdAt: true },
  });
  return toPage(rows, q.limit);
}

/**
 * A page of the community's households with their balance and head, by address or by
 * balance, and how many match. A household that never earned has no account: its
 * balance is 0, and sorts as 0 on both databases (in SQL: PostgreSQL puts a missing
 * value first where SQLite puts it last, so Prisma's ordering over the optional account
 * differed between them). The households, units, buildings and residents are the org
 * domain's, joined to name the accounts.
 */
export async function householdsWithBalance(
  deps: Pick<Deps, 'sql'>,
  where: { communityId: string; buildingId?: string | undefined; room?: string | undefined },
  sort: 'address' | 'balance',
  order: 'asc' | 'desc',
  skip: number,
  take: number,
) {
  const conditions = [sql`h."communityId" = ${where.communityId}`];
  if (where.buildingId) conditions.push(sql`h."buildingId" = ${where.buildingId}`);
  // (the schema lets digits, letters and - through only: nothing LIKE reads as a wildcard)
  if (where.room) conditions.push(sql`h.room LIKE ${`%${where.room}%`}`);
  const filter = join(conditions, ' AND ');
  const dir = raw(order === 'desc' ? 'DESC' : 'ASC');
  const address = sql`b.name ${dir}, u.name ${dir}, h.room ${dir}`;
  const orderBy = sort === 'balance' ? sql`balance ${dir}, ${address}, h.id` : sql`${address}, h.id`;
  if (!Number.isInteger(skip) || skip < 0 || !Number.isInteger(take) || take < 1) throw new Error(`householdsWithBalance: bad page ${skip}/${take}`);
  const [rows, count] = await Promise.all([
    deps.sql.all<{ id: string; communityId: string; buildingId: string; gridId: string; buildingName: string; unitName: string; room: string; balance: number | string; head: string | null }>(sql`
      SELECT h.id, h."communityId", h."buildingId", b."gridId", b.name AS "buildingName", u.name AS "unitName", h.room,
             COALESCE(a.balance, 0) AS balance,
             (SELECT r.name FROM "Resident" r WHERE r."householdId" = h.id AND r.relation = ${'户主'} AND r."leftAt" IS NULL ORDER BY r.id LIMIT 1) AS head
      FROM "Household" h
      JOIN "Building" b ON b.id = h."buildingId"
      JOIN "Unit" u ON u.id = h."unitId"
      LEFT JOIN "PointsAccount" a ON a."householdId" = h.id
      WHERE ${filter}
      ORDER BY ${orderBy}
      LIMIT ${raw(String(take))} OFFSET ${raw(String(skip))}`),
    deps.sql.one<{ n: number | string }>(sql`SELECT COUNT(*) AS n FROM "Household" h WHERE ${filter}`),
  ]);
  return { rows: rows.map((r) => ({ ...r, balance: Number(r.balance) })), total: Number(count?.n ?? 0) };
}

/** Every entry of a household, newest first, as GET /api/points/me shows them (a resident's copy of their data). */
export function wholeLedger(deps: Db, householdId: string) {
  return deps.db.pointsEntry.findMany({
    where: { householdId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { id: true, kind: true, amount: true, reason: true, createdAt: true },
  });
}

/** The building's households that earned most since the start of the year, with room and head of household. */
export async function topEarners(deps: Db, buildingId: string, now: Date, limit: number) {
  const sums = await deps.db.pointsEntry.groupBy({
    by: ['householdId'],
    where: { kind: 'earn', household: { buildingId }, createdAt: { gte: periodStart(now, 'year') } },
    _sum: { amount: true },
    orderBy: { _sum: { amount: 'desc' } },
    take: limit,
  });
  const households = await deps.db.household.findMany({
    where: { id: { in: sums.map((s) => s.householdId) } },
    include: { unit: true, residents: { where: { relation: '户主' }, take: 1 } },
  });
  const byId = new Map(households.map((h) => [h.id, h]));
  return sums.map((s) => {
    const h = byId.get(s.householdId)!;
    return { household: h, head: h.residents[0]?.name ?? null, earned: s._sum.amount ?? 0 };
  });
}

/** What the community's entries of [start, end) add up to, per kind. */
export async function sumsByKind(deps: Db, communityId: string, start: Date, end: Date) {
  const sums = await deps.db.pointsEntry.groupBy({
    by: ['kind'],
    where: { communityId, createdAt: { gte: start, lt: end } },
    _sum: { amount: true },
  });
  return (kind: string) => sums.find((s) => s.kind === kind)?._sum.amount ?? 0;
}
