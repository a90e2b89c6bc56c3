// Before pickup, the household or staff cancel a redemption: the goods go back
// on the shelf and the points back to the household, in one transaction.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { bookEntry, lockHouseholdAccount } from '../points/index.js';
import { redemptionPolicy, redemptionScopeSql } from '../policies/index.js';
import { sql } from '../sql.js';
import { presentRedemptionTo } from './presenter.js';
import { findRedemption, markCancelled, returnStock } from './queries.js';

export async function cancelRedemption(deps: Deps, v: Viewer, id: string) {
  const now = deps.clock();
  return deps.sql.transaction(async (tx) => {
    const r = await findRedemption(tx, sql`r.id = ${id} AND ${redemptionScopeSql(v)}`);
    if (!r) throw notFound('redemption');
    if (!redemptionPolicy.cancel(v, r)) throw forbidden('you cannot cancel this redemption');
    await lockHouseholdAccount(tx, r.householdId); // same lock order as redeemItem: account, then item
    if (!(await markCancelled(tx, id, v.userId, now))) throw new AppError('invalid_transition', `cannot cancel a redemption that is ${r.status}`);
    await returnStock(tx, r.itemId, r.quantity, now);
    await bookEntry(tx, {
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
    return presentRedemptionTo(v, (await findRedemption(tx, sql`r.id = ${id}`))!);
  });
}
