// What the GeoReport routes read. The orders come from server/orders (ordersForIntegration);
// categories and households belong to other folders too (categories, org): read here, in
// the key's community only, to name what an answer shows; every write goes through their index.ts.
import type { DbTx } from '../db.js';
import { CORRECTION_CATEGORY } from '../categories/index.js';

export const callersOf = (db: DbTx, keyId: string, orderIds: string[]) =>
  db.open311Request.findMany({ where: { keyId, orderId: { in: orderIds } }, select: { orderId: true, callerName: true, callerPhone: true } });

export const servicesOf = (db: DbTx, communityId: string) =>
  db.serviceCategory.findMany({
    where: { communityId, active: true, code: { not: CORRECTION_CATEGORY.code } },
    orderBy: [{ sort: 'asc' }, { code: 'asc' }],
    select: { code: true, name: true, emergency: true, responseMinutes: true, resolveMinutes: true },
  });

/** A household of the community by id, or by building name and room ("惠泽1栋2单元302", "惠泽1栋 302"). */
export async function findHousehold(db: DbTx, communityId: string, by: { id?: string | undefined; address?: string | undefined }) {
  const select = { id: true, communityId: true, buildingId: true, residents: { where: { leftAt: null }, select: { id: true, relation: true }, orderBy: [{ createdAt: 'asc' as const }, { id: 'asc' as const }] } };
  if (by.id) return db.household.findFirst({ where: { id: by.id, communityId }, select });
  const text = (by.address ?? '').replace(/\s+/g, '');
  const buildings = await db.building.findMany({ where: { communityId }, select: { id: true, name: true } });
  // the longest building name the text starts with: 惠泽10栋 before 惠泽1栋
  const building = buildings.filter((b) => text.startsWith(b.name)).sort((a, b) => b.name.length - a.name.length)[0];
  if (!building) return null;
  const rest = text.slice(building.name.length);
  const m = /^(?:(.+?单元))?(\d+)室?$/.exec(rest);
  if (!m) return null;
  const households = await db.household.findMany({ where: { communityId, buildingId: building.id, room: m[2]!, ...(m[1] ? { unit: { name: m[1] } } : {}) }, select });
  // a room number two units share is not an address
  return households.length === 1 ? households[0]! : null;
}
