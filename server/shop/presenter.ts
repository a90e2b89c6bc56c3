// What residents and staff see of the shelf and of redemptions.
import type { ShopItem } from '@prisma/client';
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

export type PresentedRedemption = ReturnType<typeof presentRedemption>;

/** A redemption's first answer as the idempotency record kept it (JSON), with its dates as dates again. */
export function storedRedemption(stored: PresentedRedemption): PresentedRedemption {
  const date = (d: Date | string | null) => (d === null ? null : new Date(d));
  return { ...stored, createdAt: new Date(stored.createdAt), handedOverAt: date(stored.handedOverAt), cancelledAt: date(stored.cancelledAt) };
}
