// A resident spends points at the 积分超市. Stock is reserved and points are
// deducted in one transaction, each by a conditional update, so simultaneous
// redemptions can neither oversell nor overdraw. The answer carries the pickup
// code the shop keeper checks (核销).
import crypto from 'node:crypto';
import type { Viewer } from '../auth/viewer.js';
import type { Deps } from '../context.js';
import type { DbTx } from '../db.js';
import { AppError, badRequest, forbidden } from '../errors.js';
import { idempotent } from '../idempotency.js';
import { bookEntry, lockHouseholdAccount } from './ledger.js';
import { limitLeft } from './shopItems.js';
import { presentRedemption, redemptionInclude } from './redemptions.js';
import type { RedeemBody } from './schemas.js';

async function freshPickupCode(tx: DbTx, communityId: string): Promise<string> {
  for (let i = 0; i < 10; i++) {
    const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
    if (!(await tx.redemption.findUnique({ where: { communityId_pickupCode: { communityId, pickupCode: code } } }))) return code;
  }
  throw new AppError('conflict', 'could not allocate a pickup code, try again');
}

export async function redeemItem(deps: Deps, v: Viewer, body: RedeemBody, idempotencyKey: string) {
  const household = v.resident;
  if (!household) throw forbidden('only a resident linked to a household can redeem points');
  return idempotent(deps, { scope: 'shop.redemption', userId: v.userId, key: idempotencyKey, request: body }, async (tx) => {
    const now = deps.clock();
    const item = await tx.shopItem.findFirst({ where: { id: body.itemId, communityId: household.communityId, onShelf: true } });
    if (!item) throw badRequest('body.itemId', 'not on the shelf of your community shop');
    // account row first, always: the limit check needs the household serialised, and one lock
    // order (account, then item) in redemption and cancellation keeps PostgreSQL free of deadlocks
    await lockHouseholdAccount(tx, household.householdId);
    const left = await limitLeft(tx, item, household.householdId, now);
    if (left !== null && body.quantity > left) {
      throw new AppError(
        'conflict',
        left === 0 ? 'limit reached: your household has taken its share this period' : `limit: your household may take ${left} more this period`,
        undefined,
        'limit_reached',
      );
    }
    const reserved = await tx.shopItem.updateMany({
      where: { id: item.id, stock: { gte: body.quantity } },
      data: { stock: { decrement: body.quantity }, updatedAt: now },
    });
    if (reserved.count !== 1) throw new AppError('conflict', 'sold out', undefined, 'sold_out');
    const redemption = await tx.redemption.create({
      data: {
        communityId: household.communityId,
        householdId: household.householdId,
        itemId: item.id,
        quantity: body.quantity,
        points: item.pointsPrice * body.quantity,
        pickupCode: await freshPickupCode(tx, household.communityId),
        createdById: v.userId,
        createdAt: now,
      },
      include: redemptionInclude,
    });
    await bookEntry(tx, {
      communityId: household.communityId,
      householdId: household.householdId,
      kind: 'redeem',
      amount: -redemption.points,
      reason: `兑换 ${item.name} ×${body.quantity}`,
      reference: `redeem:${redemption.id}`,
      redemptionId: redemption.id,
      residentId: household.id,
      at: now,
    });
    return { status: 201, body: presentRedemption(redemption) };
  });
}
