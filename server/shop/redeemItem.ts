// A resident spends points at the 积分超市. Stock is reserved and points are
// deducted in one transaction, each by a conditional update, so simultaneous
// redemptions can neither oversell nor overdraw. The answer carries the pickup
// code the shop keeper checks (核销).
import crypto from 'node:crypto';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { AppError, badRequest, forbidden } from '../errors.js';
import { idempotent } from '../idempotency.js';
import { bookEntry, lockHouseholdAccount } from '../points/index.js';
import { householdOf } from '../policies/index.js';
import { sql, type SqlClient } from '../sql.js';
import { presentRedemption, storedRedemption } from './presenter.js';
import { findItem, findRedemption, insertRedemption, limitLeft, pickupCodeTaken, reserveStock } from './queries.js';
import type { RedeemBody } from './schemas.js';

async function freshPickupCode(tx: SqlClient, communityId: string): Promise<string> {
  for (let i = 0; i < 10; i++) {
    const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
    if (!(await pickupCodeTaken(tx, communityId, code))) return code;
  }
  throw new AppError('conflict', 'could not allocate a pickup code, try again');
}

const soldOut = () => new AppError('conflict', 'sold out', undefined, 'sold_out');

export async function redeemItem(deps: Deps, v: Viewer, body: RedeemBody, idempotencyKey: string) {
  const household = householdOf(v);
  if (!household) throw forbidden('only a resident linked to a household can redeem points');
  const r = await idempotent(deps, { scope: 'shop.redemption', userId: v.userId, key: idempotencyKey, request: body }, async (tx) => {
    const now = deps.clock();
    const item = await findItem(tx, sql`i.id = ${body.itemId} AND i."communityId" = ${household.communityId} AND i."onShelf" = ${true}`);
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
    if (item.stock < body.quantity) throw soldOut();
    const points = item.pointsPrice * body.quantity;
    const id = await insertRedemption(
      tx,
      {
        communityId: household.communityId,
        householdId: household.householdId,
        itemId: item.id,
        quantity: body.quantity,
        points,
        pickupCode: await freshPickupCode(tx, household.communityId),
        createdById: v.userId,
      },
      now,
    );
    await bookEntry(tx, {
      communityId: household.communityId,
      householdId: household.householdId,
      kind: 'redeem',
      amount: -points,
      reason: `兑换 ${item.name} ×${body.quantity}`,
      reference: `redeem:${id}`,
      redemptionId: id,
      residentId: household.id,
      at: now,
    });
    const redemption = (await findRedemption(tx, sql`r.id = ${id}`))!;
    // The item's row is the one every household competes for: its lock is taken last, so
    // PostgreSQL holds it for this statement and the commit only. The conditional update
    // still refuses a sale the stock cannot cover (someone else took the last bag meanwhile).
    if (!(await reserveStock(tx, item.id, body.quantity, now))) throw soldOut();
    return { status: 201, body: presentRedemption(redemption) };
  });
  // a replay answers from the idempotency record, whose dates are text
  return r.replayed ? { ...r, body: storedRedemption(r.body) } : r;
}
