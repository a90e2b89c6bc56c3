// A resident spends points at the 积分超市. Stock is reserved and points are
// deducted in one transaction, each by a conditional update, so simultaneous
// redemptions can neither oversell nor overdraw. The answer carries the pickup
// code the shop keeper checks (核销).
import crypto from 'node:crypto';
import type { Viewer } from '../auth/viewer.js';
import type { Deps } from '../context.js';
import type { ShopItem } from '@prisma/client';
import { AppError, badRequest, forbidden } from '../errors.js';
import { idempotent } from '../idempotency.js';
import { bookEntry, lockHouseholdAccount } from './ledger.js';
import { limitLeft } from './shopItems.js';
import { presentRedemption } from './redemptions.js';
import { newId } from '../ids.js';
import { sql, type SqlClient } from '../sql.js';
import type { RedeemBody } from './schemas.js';

async function freshPickupCode(tx: SqlClient, communityId: string): Promise<string> {
  for (let i = 0; i < 10; i++) {
    const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
    const taken = await tx.one(sql`SELECT 1 AS taken FROM "Redemption" WHERE "communityId" = ${communityId} AND "pickupCode" = ${code}`);
    if (!taken) return code;
  }
  throw new AppError('conflict', 'could not allocate a pickup code, try again');
}

type ShelfItem = Pick<ShopItem, 'id' | 'name' | 'icon' | 'pointsPrice' | 'stock' | 'limitPerHousehold' | 'limitPeriod'>;

// Hand-written SQL (server/sql.ts): this is the busiest write of the shop.
export async function redeemItem(deps: Deps, v: Viewer, body: RedeemBody, idempotencyKey: string) {
  const household = v.resident;
  if (!household) throw forbidden('only a resident linked to a household can redeem points');
  return idempotent(deps, { scope: 'shop.redemption', userId: v.userId, key: idempotencyKey, request: body }, async (tx) => {
    const now = deps.clock();
    const item = await tx.one<ShelfItem>(sql`
      SELECT id, name, icon, "pointsPrice", stock, "limitPerHousehold", "limitPeriod" FROM "ShopItem"
      WHERE id = ${body.itemId} AND "communityId" = ${household.communityId} AND "onShelf" = ${true}`);
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
    const soldOut = () => new AppError('conflict', 'sold out', undefined, 'sold_out');
    if (item.stock < body.quantity) throw soldOut();
    const redemption = {
      id: newId(),
      communityId: household.communityId,
      householdId: household.householdId,
      itemId: item.id,
      quantity: body.quantity,
      points: item.pointsPrice * body.quantity,
      status: 'reserved' as const,
      pickupCode: await freshPickupCode(tx, household.communityId),
      createdById: v.userId,
      createdAt: now,
    };
    await tx.run(sql`
      INSERT INTO "Redemption" (id, "communityId", "householdId", "itemId", quantity, points, status, "pickupCode", "createdById", "createdAt")
      VALUES (${redemption.id}, ${redemption.communityId}, ${redemption.householdId}, ${redemption.itemId}, ${redemption.quantity},
              ${redemption.points}, ${redemption.status}, ${redemption.pickupCode}, ${redemption.createdById}, ${now})`);
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
    const place = (await tx.one<{ room: string; unit: string; building: string }>(sql`
      SELECT h.room, un.name AS unit, b.name AS building FROM "Household" h
      JOIN "Unit" un ON un.id = h."unitId" JOIN "Building" b ON b.id = h."buildingId" WHERE h.id = ${household.householdId}`))!;
    // The item's row is the one every household competes for: its lock is taken last, so
    // PostgreSQL holds it for this statement and the commit only. The conditional update
    // still refuses a sale the stock cannot cover (someone else took the last bag meanwhile).
    const reserved = await tx.run(sql`
      UPDATE "ShopItem" SET stock = stock - ${body.quantity}, "updatedAt" = ${now} WHERE id = ${item.id} AND stock >= ${body.quantity}`);
    if (reserved !== 1) throw soldOut();
    const body201 = presentRedemption({
      ...redemption,
      handedOverAt: null,
      cancelledAt: null,
      item: { id: item.id, name: item.name, icon: item.icon },
      household: { room: place.room, unit: { name: place.unit }, building: { name: place.building } },
    });
    return { status: 201, body: body201 };
  });
}
