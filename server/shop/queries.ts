// The shop's tables, ShopItem and Redemption: every read and write of them,
// in hand-written SQL (server/sql.ts). A redemption is the busiest write of the
// shop and must share its transaction with the points ledger (server/points),
// which is SQL too; the rest of the shop goes the same way so that each table
// has one data path. Stock only ever moves by a conditional or relative update.
import type { LimitPeriod, Redemption, ShopItem } from '@prisma/client';
import { newId } from '../ids.js';
import { periodStart } from '../points/index.js';
import { empty, join, raw, sql, type SqlClient, type SqlQuery } from '../sql.js';

// ---- the shelf -------------------------------------------------------------------

/**
 * An item on a community's shelf, with the place of the household about to take
 * it (what the redemption's answer shows): one query before a redemption's transaction.
 */
export const findItemForHousehold = (db: SqlClient, itemId: string, communityId: string, householdId: string) =>
  db.one<ShopItem & { h_room: string; u_name: string; b_name: string }>(sql`
    SELECT i.*, h.room AS h_room, un.name AS u_name, b.name AS b_name
    FROM "ShopItem" i, "Household" h JOIN "Unit" un ON un.id = h."unitId" JOIN "Building" b ON b.id = h."buildingId"
    WHERE i.id = ${itemId} AND i."communityId" = ${communityId} AND i."onShelf" = ${true} AND h.id = ${householdId}`);

/** The first item matching `where` (a condition on the item `i`). */
export const findItem = (db: SqlClient, where: SqlQuery) => db.one<ShopItem>(sql`SELECT i.* FROM "ShopItem" i WHERE ${where} LIMIT 1`);

/** A community's shelf, cheapest first; with the goods taken off it when `offShelfToo`. */
export const listItems = (db: SqlClient, communityId: string, offShelfToo: boolean) =>
  db.all<ShopItem>(sql`
    SELECT i.* FROM "ShopItem" i WHERE i."communityId" = ${communityId} ${offShelfToo ? empty : sql`AND i."onShelf" = ${true}`}
    ORDER BY i."pointsPrice" ASC, i.name ASC`);

export interface NewItem {
  communityId: string;
  name: string;
  description: string;
  icon: string;
  pointsPrice: number;
  stock: number;
  limitPerHousehold: number | null;
  limitPeriod: LimitPeriod;
  onShelf: boolean;
}

/** Puts a new item on the shelf: everything in stock is also everything ever added. */
export async function insertItem(db: SqlClient, item: NewItem, now: Date): Promise<string> {
  const id = newId();
  await db.run(sql`
    INSERT INTO "ShopItem" (id, "communityId", name, description, icon, "pointsPrice", stock, "stockAdded", "limitPerHousehold", "limitPeriod", "onShelf", "createdAt", "updatedAt")
    VALUES (${id}, ${item.communityId}, ${item.name}, ${item.description}, ${item.icon}, ${item.pointsPrice}, ${item.stock}, ${item.stock},
            ${item.limitPerHousehold}, ${item.limitPeriod}, ${item.onShelf}, ${now}, ${now})`);
  return id;
}

/** What staff may change of an item; stock only moves by restocking, redeeming and cancelling. */
const EDITABLE = ['name', 'description', 'icon', 'pointsPrice', 'limitPerHousehold', 'limitPeriod', 'onShelf'] as const;
export type ItemChanges = Partial<Pick<ShopItem, (typeof EDITABLE)[number]>>;

export async function changeItem(db: SqlClient, id: string, changes: ItemChanges, now: Date): Promise<void> {
  const sets = EDITABLE.filter((c) => changes[c] !== undefined).map((c) => sql`${raw(`"${c}"`)} = ${changes[c]}`);
  await db.run(sql`UPDATE "ShopItem" SET ${join([...sets, sql`"updatedAt" = ${now}`], ', ')} WHERE id = ${id}`);
}

/** New goods on the shelf: stock and stock-ever-added move together. */
export async function addStock(db: SqlClient, id: string, quantity: number, now: Date): Promise<void> {
  await db.run(sql`
    UPDATE "ShopItem" SET stock = stock + ${quantity}, "stockAdded" = "stockAdded" + ${quantity}, "updatedAt" = ${now} WHERE id = ${id}`);
}

/**
 * Takes `quantity` off the shelf for a redemption, only if the stock covers it
 * (someone else may have taken the last bag meanwhile). False when it did not.
 */
export async function reserveStock(db: SqlClient, itemId: string, quantity: number, now: Date): Promise<boolean> {
  const reserved = await db.run(sql`
    UPDATE "ShopItem" SET stock = stock - ${quantity}, "updatedAt" = ${now} WHERE id = ${itemId} AND stock >= ${quantity}`);
  return reserved === 1;
}

/** A cancelled redemption's goods go back on the shelf. */
export async function returnStock(db: SqlClient, itemId: string, quantity: number, now: Date): Promise<void> {
  await db.run(sql`UPDATE "ShopItem" SET stock = stock + ${quantity}, "updatedAt" = ${now} WHERE id = ${itemId}`);
}

/** How many more of this item the household may take in the current period (null: no limit). */
export async function limitLeft(
  db: SqlClient,
  item: Pick<ShopItem, 'id' | 'limitPerHousehold' | 'limitPeriod'>,
  householdId: string,
  now: Date,
): Promise<number | null> {
  if (item.limitPerHousehold === null) return null;
  const taken = await db.one<{ quantity: number | string | null }>(sql`
    SELECT SUM(quantity) AS quantity FROM "Redemption"
    WHERE "itemId" = ${item.id} AND "householdId" = ${householdId} AND status <> 'cancelled' AND "createdAt" >= ${periodStart(now, item.limitPeriod)}`);
  return Math.max(0, item.limitPerHousehold - Number(taken?.quantity ?? 0));
}

// ---- redemptions ---------------------------------------------------------------------

/**
 * A redemption with what the presenter shows of it: the item, and the household's
 * building and room; with the household's building and grid, where the viewer's
 * relations to it (the visibility table) are decided.
 */
export interface RedemptionRow extends Redemption {
  item: { id: string; name: string; icon: string };
  household: { room: string; buildingId: string; unit: { name: string }; building: { name: string; gridId: string } };
}

type Flat = Redemption & { i_name: string; i_icon: string; h_room: string; h_building: string; u_name: string; b_name: string; b_grid: string };

const withPlace = (where: SqlQuery) => sql`
  SELECT r.*, i.name AS i_name, i.icon AS i_icon, h.room AS h_room, h."buildingId" AS h_building, un.name AS u_name, b.name AS b_name, b."gridId" AS b_grid
  FROM "Redemption" r
  JOIN "ShopItem" i ON i.id = r."itemId"
  JOIN "Household" h ON h.id = r."householdId"
  JOIN "Unit" un ON un.id = h."unitId"
  JOIN "Building" b ON b.id = h."buildingId"
  WHERE ${where}`;

const toRow = ({ i_name, i_icon, h_room, h_building, u_name, b_name, b_grid, ...r }: Flat): RedemptionRow => ({
  ...r,
  item: { id: r.itemId, name: i_name, icon: i_icon },
  household: { room: h_room, buildingId: h_building, unit: { name: u_name }, building: { name: b_name, gridId: b_grid } },
});

/** The first redemption matching `where` (a condition on the redemption `r`). */
export async function findRedemption(db: SqlClient, where: SqlQuery): Promise<RedemptionRow | undefined> {
  const flat = await db.one<Flat>(sql`${withPlace(where)} LIMIT 1`);
  return flat && toRow(flat);
}

/**
 * The newest redemptions matching all of `conditions` (on `r`), at most `take`,
 * after the redemption `cursor` (its id) when given. An unknown cursor gives no rows.
 */
export async function findRedemptions(db: SqlClient, conditions: SqlQuery[], take: number, cursor?: string): Promise<RedemptionRow[]> {
  if (!Number.isInteger(take) || take < 1) throw new Error(`findRedemptions: take must be a positive integer, got ${take}`);
  const all = [...conditions];
  if (cursor) {
    const at = await db.one<{ createdAt: Date; id: string }>(sql`SELECT "createdAt", id FROM "Redemption" WHERE id = ${cursor}`);
    if (!at) return [];
    // the first part bounds the index range; the second breaks ties on the same instant
    all.push(sql`r."createdAt" <= ${at.createdAt} AND (r."createdAt" < ${at.createdAt} OR r.id < ${at.id})`);
  }
  const where = all.length ? join(all, ' AND ') : sql`1 = 1`;
  const rows = await db.all<Flat>(sql`${withPlace(where)} ORDER BY r."createdAt" DESC, r.id DESC ${raw(`LIMIT ${take}`)}`);
  return rows.map(toRow);
}

export interface NewRedemption {
  communityId: string;
  householdId: string;
  itemId: string;
  quantity: number;
  points: number;
  createdById: string;
}

/**
 * A new redemption, reserved: points paid, goods waiting at the shop. Its pickup
 * code is `code()`, drawn again while the community's unique index (communityId,
 * pickupCode) refuses it; null after ten draws. ON CONFLICT DO NOTHING instead of
 * a look-up first: one round trip, and it stays right under concurrent draws.
 */
export async function insertRedemption(db: SqlClient, r: NewRedemption, code: () => string, now: Date): Promise<{ id: string; pickupCode: string } | null> {
  for (let i = 0; i < 10; i++) {
    const id = newId();
    const pickupCode = code();
    const inserted = await db.run(sql`
      INSERT INTO "Redemption" (id, "communityId", "householdId", "itemId", quantity, points, status, "pickupCode", "createdById", "createdAt")
      VALUES (${id}, ${r.communityId}, ${r.householdId}, ${r.itemId}, ${r.quantity}, ${r.points}, 'reserved', ${pickupCode}, ${r.createdById}, ${now})
      ON CONFLICT ("communityId", "pickupCode") DO NOTHING`);
    if (inserted === 1) return { id, pickupCode };
  }
  return null;
}

/** 核销, only from reserved (two keepers typing the same code: one wins). False when it was no longer reserved. */
export async function markHandedOver(db: SqlClient, id: string, byId: string, now: Date): Promise<boolean> {
  const done = await db.run(sql`
    UPDATE "Redemption" SET status = 'handed_over', "handedOverAt" = ${now}, "handedOverById" = ${byId}
    WHERE id = ${id} AND status = 'reserved'`);
  return done === 1;
}

/** Cancels, only from reserved. False when it was no longer reserved. */
export async function markCancelled(db: SqlClient, id: string, byId: string, now: Date): Promise<boolean> {
  const done = await db.run(sql`
    UPDATE "Redemption" SET status = 'cancelled', "cancelledAt" = ${now}, "cancelledById" = ${byId}
    WHERE id = ${id} AND status = 'reserved'`);
  return done === 1;
}
