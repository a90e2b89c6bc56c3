// The 积分超市 shelf: staff stock it, residents browse it.
import type { Prisma, ShopItem } from '@prisma/client';
import type { Viewer } from '../auth/viewer.js';
import type { Deps } from '../context.js';
import { notFound } from '../errors.js';
import { homeCommunity, isStaffOf } from '../policies/index.js';
import { sql, type SqlClient } from '../sql.js';
import { periodStart } from './calendar.js';
import { staffCommunity } from './rules.js';
import type { CreateItemBody, UpdateItemBody } from './schemas.js';

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

/** How many more of this item the household may take in the current period (null: no limit). */
export async function limitLeft(
  db: SqlClient,
  item: Pick<ShopItem, 'id' | 'limitPerHousehold' | 'limitPeriod'>,
  householdId: string,
  now: Date,
) {
  if (item.limitPerHousehold === null) return null;
  const taken = await db.one<{ quantity: number | string | null }>(sql`
    SELECT SUM(quantity) AS quantity FROM "Redemption"
    WHERE "itemId" = ${item.id} AND "householdId" = ${householdId} AND status <> 'cancelled' AND "createdAt" >= ${periodStart(now, item.limitPeriod)}`);
  return Math.max(0, item.limitPerHousehold - Number(taken?.quantity ?? 0));
}

export async function listShopItems(deps: Deps, v: Viewer) {
  const communityId = homeCommunity(v);
  if (!communityId) return [];
  const staff = isStaffOf(v, communityId);
  const items = await deps.db.shopItem.findMany({
    where: { communityId, ...(staff ? {} : { onShelf: true }) },
    orderBy: [{ pointsPrice: 'asc' }, { name: 'asc' }],
  });
  const now = deps.clock();
  const householdId = v.resident?.householdId;
  return Promise.all(items.map(async (i) => presentItem(i, householdId ? await limitLeft(deps.sql, i, householdId, now) : undefined)));
}

export async function createItem(deps: Deps, v: Viewer, body: CreateItemBody) {
  const communityId = staffCommunity(v);
  const now = deps.clock();
  const item = await deps.db.shopItem.create({
    data: { ...body, communityId, stockAdded: body.stock, createdAt: now, updatedAt: now },
  });
  return presentItem(item);
}

async function itemOfStaff(deps: Deps, v: Viewer, id: string) {
  const item = await deps.db.shopItem.findFirst({ where: { id, communityId: staffCommunity(v) } });
  if (!item) throw notFound('item');
  return item;
}

export async function updateItem(deps: Deps, v: Viewer, id: string, body: UpdateItemBody) {
  await itemOfStaff(deps, v, id);
  return presentItem(await deps.db.shopItem.update({ where: { id }, data: { ...body, updatedAt: deps.clock() } }));
}

/** New goods on the shelf: stock and stock-ever-added move together. */
export async function restockItem(deps: Deps, v: Viewer, id: string, quantity: number) {
  await itemOfStaff(deps, v, id);
  const item = await deps.db.shopItem.update({
    where: { id },
    data: { stock: { increment: quantity }, stockAdded: { increment: quantity }, updatedAt: deps.clock() },
  });
  return presentItem(item);
}
