// After a redemption: the shop keeper hands the goods over (核销) against the
// pickup code, or it is cancelled and points and stock go back.
import type { Prisma } from '@prisma/client';
import type { Viewer } from '../auth/viewer.js';
import type { Deps } from '../context.js';
import { sqlOn } from '../db.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { cursorArgs, toPage } from '../http/paging.js';
import { communitiesWith, redemptionPolicy, redemptionScope } from '../policies/index.js';
import { bookEntry, lockHouseholdAccount } from './ledger.js';
import type { ListRedemptionsQuery } from './schemas.js';

export const redemptionInclude = {
  item: { select: { id: true, name: true, icon: true } },
  household: { select: { room: true, unit: { select: { name: true } }, building: { select: { name: true } } } },
} satisfies Prisma.RedemptionInclude;

/** What presentRedemption shows: the row with its item and the household's place. */
type RedemptionRow = Pick<
  Prisma.RedemptionGetPayload<{ include: typeof redemptionInclude }>,
  'id' | 'item' | 'quantity' | 'points' | 'status' | 'pickupCode' | 'householdId' | 'household' | 'createdAt' | 'handedOverAt' | 'cancelledAt'
>;

export function presentRedemption(r: RedemptionRow) {
  return {
    id: r.id,
    item: r.item,
    quantity: r.quantity,
    points: r.points,
    status: r.status,
    pickupCode: r.pickupCode,
    household: { id: r.householdId, building: r.household.building.name, room: `${r.household.unit.name} ${r.household.room}` },
    createdAt: r.createdAt,
    handedOverAt: r.handedOverAt,
    cancelledAt: r.cancelledAt,
  };
}

export async function listRedemptions(deps: Deps, v: Viewer, q: ListRedemptionsQuery) {
  const rows = await deps.db.redemption.findMany({
    where: { AND: [redemptionScope(v), q.status ? { status: q.status } : {}, q.pickupCode ? { pickupCode: q.pickupCode } : {}] },
    include: redemptionInclude,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    ...cursorArgs(q),
  });
  const page = toPage(rows, q.limit);
  return { items: page.items.map(presentRedemption), nextCursor: page.nextCursor };
}

export async function cancelRedemption(deps: Deps, v: Viewer, id: string) {
  const now = deps.clock();
  return deps.db.$transaction(async (tx) => {
    const r = await tx.redemption.findFirst({ where: { AND: [{ id }, redemptionScope(v)] } });
    if (!r) throw notFound('redemption');
    if (!redemptionPolicy.cancel(v, r)) throw forbidden('you cannot cancel this redemption');
    await lockHouseholdAccount(sqlOn(tx), r.householdId); // same lock order as redeemItem: account, then item
    const done = await tx.redemption.updateMany({
      where: { id, status: 'reserved' },
      data: { status: 'cancelled', cancelledAt: now, cancelledById: v.userId },
    });
    if (done.count !== 1) throw new AppError('invalid_transition', `cannot cancel a redemption that is ${r.status}`);
    await tx.shopItem.update({ where: { id: r.itemId }, data: { stock: { increment: r.quantity }, updatedAt: now } });
    await bookEntry(sqlOn(tx), {
      communityId: r.communityId,
      householdId: r.householdId,
      kind: 'refund',
      amount: r.points,
      reason: '取消兑换，积分退回',
      reference: `refund:${r.id}`,
      redemptionId: r.id,
      grantedById: v.userId,
      at: now,
    });
    return presentRedemption(await tx.redemption.findUniqueOrThrow({ where: { id }, include: redemptionInclude }));
  });
}

/** 核销: staff type or scan the code the resident shows. */
export async function handOverRedemption(deps: Deps, v: Viewer, pickupCode: string) {
  const now = deps.clock();
  const communities = communitiesWith(v, ['STAFF']);
  if (!communities.length) throw forbidden('only community staff hand over redeemed goods');
  const r = await deps.db.redemption.findFirst({ where: { pickupCode, communityId: { in: communities } } });
  if (!r || !redemptionPolicy.handOver(v, r)) throw notFound('pickup code');
  const done = await deps.db.redemption.updateMany({
    where: { id: r.id, status: 'reserved' },
    data: { status: 'handed_over', handedOverAt: now, handedOverById: v.userId },
  });
  if (done.count !== 1) {
    throw new AppError('invalid_transition', r.status === 'handed_over' ? 'already handed over' : `this redemption is ${r.status}`);
  }
  return presentRedemption(await deps.db.redemption.findUniqueOrThrow({ where: { id: r.id }, include: redemptionInclude }));
}
