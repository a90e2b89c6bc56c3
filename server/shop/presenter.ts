// What residents and staff see of the shelf and of redemptions. A redemption is
// what a household spent (its points, in the visibility table) and where to take
// it (its room): shown as the table allows for the viewer's relations to the household.
import type { ShopItem } from '@prisma/client';
import type { Viewer } from '../auth/index.js';
import { mustReveal, relationsTo, requireVisible, type Place, type ViewerRelation } from '../policies/index.js';
import type { RedemptionRow } from './queries.js';

export function presentItem(i: ShopItem, limitLeft?: number | null) {
  return {
    id: i.id,
    name: i.name,
    description: i.description,
    icon: i.icon,
    pointsPrice: i.pointsPrice,
    stock: i.stock,
    limitPerHousehold: i.limitPerHousehold,
    limitPeriod: i.limitPeriod,
    onShelf: i.onShelf,
    ...(limitLeft !== undefined ? { limitLeft } : {}),
  };
}

/** Where the household that redeemed lives: what the viewer's relations to it are decided from. */
export const placeOfRedemption = (r: RedemptionRow): Place => ({
  communityId: r.communityId,
  gridId: r.household.building.gridId,
  buildingId: r.household.buildingId,
  householdId: r.householdId,
});

/**
 * A redemption as these relations see it. Redemptions reach the household itself
 * and the staff at its community's counter (redemptionScopeSql), who see what it
 * spent; any other relation is a scope bug, refused.
 */
export function presentRedemption(r: RedemptionRow, seen: readonly ViewerRelation[]) {
  requireVisible(seen, 'pointsBalance');
  return {
    id: r.id,
    item: r.item,
    quantity: r.quantity,
    points: r.points,
    status: r.status,
    pickupCode: r.pickupCode,
    household: { id: r.householdId, building: r.household.building.name, room: mustReveal(seen, 'room', `${r.household.unit.name} ${r.household.room}`) },
    createdAt: r.createdAt,
    handedOverAt: r.handedOverAt,
    cancelledAt: r.cancelledAt,
  };
}

/** A redemption as the viewer sees it. */
export const presentRedemptionTo = (v: Viewer, r: RedemptionRow) => presentRedemption(r, relationsTo(v, placeOfRedemption(r)));

export type PresentedRedemption = ReturnType<typeof presentRedemption>;

/** A redemption's first answer as the idempotency record kept it (JSON), with its dates as dates again. */
export function storedRedemption(stored: PresentedRedemption): PresentedRedemption {
  const date = (d: Date | string | null) => (d === null ? null : new Date(d));
  return { ...stored, createdAt: new Date(stored.createdAt), handedOverAt: date(stored.handedOverAt), cancelledAt: date(stored.cancelledAt) };
}
