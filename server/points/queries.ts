// Reading the ledger (PointsAccount, PointsEntry). Every write goes through
// ledger.ts, in SQL; these reads are Prisma's, off the hot paths.
import type { Deps } from '../context.js';
import { cursorArgs, toPage } from '../http/paging.js';
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
