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
import { presentRedemptionTo, storedRedemption } from './presenter.js';
import { findItemForHousehold, insertRedemption, limitLeft, reserveStock, type RedemptionRow } from './queries.js';
import type { RedeemBody } from './schemas.js';

const pickupCode = () => String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');

const soldOut = () => new AppError('conflict', 'sold out', undefined, 'sold_out');

export async function redeemItem(deps: Deps, v: Viewer, body: RedeemBody, idempotencyKey: string) {
  const household = householdOf(v);
  if (!household) throw forbidden('only a resident linked to a household can redeem points');
  // read before the transaction (it needs no lock; the stock is checked again by the
  // conditional update), refused inside it: a retried key must still get its first answer
  const item = await findItemForHousehold(deps.sql, body.itemId, household.communityId, household.householdId);
  const r = await idempotent(deps, { scope: 'shop.redemption', userId: v.userId, key: idempotencyKey, request: body }, async (tx) => {
    const now = deps.clock();
    if (!item) throw badRequest('body.itemId', 'not on the shelf of your community shop');
    if (item.limitPerHousehold !== null) {
      // the limit check needs the household serialised: its account row first, always, so that
      // one lock order (account, then item) in redemption and cancellation keeps PostgreSQL free
      // of deadlocks. (Without a limit the debit below takes the same lock, still before the item.)
      await lockHouseholdAccount(tx, household.householdId);
      const left = (await limitLeft(tx, item, household.householdId, now))!;
      if (body.quantity > left) {
        throw new AppError(
          'conflict',
          left === 0 ? 'limit reached: your household has taken its share this period' : `limit: your household may take ${left} more this period`,
          undefined,
          'limit_reached',
        );
      }
    }
    if (item.stock < body.quantity) throw soldOut();
    const points = item.pointsPrice * body.quantity;
    const redemption = { communityId: household.communityId, householdId: household.householdId, itemId: item.id, quantity: body.quantity, points, createdById: v.userId };
    const inserted = await insertRedemption(tx, redemption, pickupCode, now);
    if (!inserted) throw new AppError('conflict', 'could not allocate a pickup code, try again');
    await bookEntry(tx, {
      communityId: household.communityId,
      householdId: household.householdId,
      kind: 'redeem',
      amount: -points,
      reason: `兑换 ${item.name} ×${body.quantity}`,
      reference: `redeem:${inserted.id}`,
      redemptionId: inserted.id,
      residentId: household.id,
      at: now,
    });
    // the answer is what was just written, not read back
    const row: RedemptionRow = {
      ...redemption,
      ...inserted,
      status: 'reserved',
      createdAt: now,
      handedOverAt: null,
      handedOverById: null,
      cancelledAt: null,
      cancelledById: null,
      item: { id: item.id, name: item.name, icon: item.icon },
      household: { room: item.h_room, buildingId: household.buildingId, unit: { name: item.u_name }, building: { name: item.b_name, gridId: household.gridId } },
    };
    return {
      status: 201,
      body: presentRedemptionTo(v, row),
      // The item's row is the one every household competes for: its lock is taken last, after
      // the answer is recorded, so PostgreSQL holds it for this statement and the commit only.
      // The conditional update still refuses a sale the stock cannot cover (someone else took
      // the last bag meanwhile): the whole redemption rolls back.
      lastWrite: async () => {
        if (!(await reserveStock(tx, item.id, body.quantity, now))) throw soldOut();
      },
    };
  });
  // a replay answers from the idempotency record, whose dates are text
  return r.replayed ? { ...r, body: storedRedemption(r.body) } : r;
}
