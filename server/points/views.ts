// What residents and staff read: a balance and its ledger, the 积分榜 of a
// building, and the community's monthly totals.
import type { Viewer } from '../auth/viewer.js';
import type { Deps } from '../context.js';
import { forbidden, notFound } from '../errors.js';
import { cursorArgs, toPage } from '../http/paging.js';
import { canSeeLedger, homeCommunity, isStaffOf } from '../policies/index.js';
import { householdBalance } from './balance.js';
import { monthBefore, periodStart } from './calendar.js';

async function ledgerPage(deps: Deps, householdId: string, limit: number, cursor?: string) {
  const rows = await deps.db.pointsEntry.findMany({
    where: { householdId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    ...cursorArgs({ limit, cursor }),
    select: { id: true, kind: true, amount: true, reason: true, createdAt: true },
  });
  const page = toPage(rows, limit);
  return { entries: page.items, nextCursor: page.nextCursor };
}

export async function myPoints(deps: Deps, v: Viewer, limit: number, cursor?: string) {
  if (!v.resident) throw forbidden('this account is not linked to a household yet');
  const householdId = v.resident.householdId;
  return { householdId, balance: await householdBalance(deps, householdId), ...(await ledgerPage(deps, householdId, limit, cursor)) };
}

export async function householdLedger(deps: Deps, v: Viewer, householdId: string, limit: number, cursor?: string) {
  const h = await deps.db.household.findUnique({ where: { id: householdId }, select: { id: true, communityId: true } });
  if (!h || !canSeeLedger(v, h)) throw notFound('household');
  return { householdId, balance: await householdBalance(deps, householdId), ...(await ledgerPage(deps, householdId, limit, cursor)) };
}

/** 杨秀英 → 杨*英: the board is posted where the whole building can see it. */
const maskName = (name: string) => (name.length <= 1 ? name : name.length === 2 ? `${name[0]}*` : `${name[0]}${'*'.repeat(name.length - 2)}${name.at(-1)}`);

/** The building's 积分榜: households ranked by points earned this year (spending does not lower a rank). */
export async function leaderboard(deps: Deps, v: Viewer, buildingId: string | undefined, limit: number) {
  const target = buildingId ?? v.resident?.buildingId;
  if (!target) throw forbidden('choose a building');
  const building = await deps.db.building.findUnique({ where: { id: target }, select: { id: true, name: true, communityId: true } });
  const allowed = building && (v.resident?.buildingId === building.id || isStaffOf(v, building.communityId));
  if (!building || !allowed) throw notFound('building');
  const sums = await deps.db.pointsEntry.groupBy({
    by: ['householdId'],
    where: { kind: 'earn', household: { buildingId: building.id }, createdAt: { gte: periodStart(deps.clock(), 'year') } },
    _sum: { amount: true },
    orderBy: { _sum: { amount: 'desc' } },
    take: limit,
  });
  const households = await deps.db.household.findMany({
    where: { id: { in: sums.map((s) => s.householdId) } },
    include: { unit: true, residents: { where: { relation: '户主' }, take: 1 } },
  });
  const byId = new Map(households.map((h) => [h.id, h]));
  return {
    building: { id: building.id, name: building.name },
    ranks: sums.map((s, i) => {
      const h = byId.get(s.householdId)!;
      return {
        rank: i + 1,
        householdId: h.id,
        room: `${h.unit.name} ${h.room}`,
        head: h.residents[0] ? maskName(h.residents[0].name) : null,
        earned: s._sum.amount ?? 0,
        mine: h.id === v.resident?.householdId,
      };
    }),
  };
}

/** Earned and spent per month in the community, newest month first. */
export async function monthlyTotals(deps: Deps, v: Viewer, months: number) {
  const communityId = homeCommunity(v);
  if (!communityId || !isStaffOf(v, communityId)) throw forbidden('only community staff see the monthly totals');
  const now = deps.clock();
  const out = [];
  for (let i = 0; i < months; i++) {
    const m = monthBefore(now, i);
    const sums = await deps.db.pointsEntry.groupBy({
      by: ['kind'],
      where: { communityId, createdAt: { gte: m.start, lt: m.end } },
      _sum: { amount: true },
    });
    const of = (k: string) => sums.find((s) => s.kind === k)?._sum.amount ?? 0;
    out.push({
      month: m.label,
      earned: of('earn'),
      redeemed: -of('redeem'),
      refunded: of('refund'),
      expired: -of('expire'),
      adjusted: of('adjust'),
    });
  }
  return out;
}
