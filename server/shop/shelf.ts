// Staff stock the 积分超市 shelf: new goods, changes, more of the same. Each is in the
// audit log (#19 item 5) with what changed before and after, written in the change's
// own transaction: a Prisma one, the shop's SQL run on it (sqlOn), as recordAdminChange needs.
import type { Viewer } from '../auth/index.js';
import { recordAdminChange } from '../audit/index.js';
import type { Deps } from '../context.js';
import { sqlOn } from '../db.js';
import { notFound } from '../errors.js';
import { pointsStaffCommunity } from '../policies/index.js';
import { sql, type SqlClient } from '../sql.js';
import { presentItem } from './presenter.js';
import { addStock, changeItem, findItem, insertItem, type ItemChanges } from './queries.js';
import type { CreateItemBody, UpdateItemBody } from './schemas.js';

const itemById = async (deps: Deps, id: string) => (await findItem(deps.sql, sql`i.id = ${id}`))!;

/** The item's settings and stock, for an audit entry; read through Prisma's raw SQL, which returns SQLite's booleans as 0/1. */
async function auditedItem(s: SqlClient, id: string, communityId: string) {
  const i = await findItem(s, sql`i.id = ${id} AND i."communityId" = ${communityId}`);
  if (!i) return undefined;
  const n = (x: unknown) => (x === null || x === undefined ? null : Number(x));
  return {
    name: i.name, description: i.description, icon: i.icon, pointsPrice: Number(i.pointsPrice),
    limitPerHousehold: n(i.limitPerHousehold), limitPeriod: i.limitPeriod,
    onShelf: (i.onShelf as unknown) === true || Number(i.onShelf) === 1,
    stock: Number(i.stock), stockAdded: Number(i.stockAdded),
  };
}

export async function createItem(deps: Deps, v: Viewer, body: CreateItemBody) {
  const communityId = pointsStaffCommunity(v);
  const now = deps.clock();
  const id = await deps.db.$transaction(async (tx) => {
    const itemId = await insertItem(sqlOn(tx), { ...body, communityId }, now);
    const { name, description, icon, pointsPrice, stock, limitPerHousehold, limitPeriod, onShelf } = body;
    await recordAdminChange(tx, {
      actor: v, action: 'shop_item.create', at: now, target: { type: 'shop_item', id: itemId, communityId },
      before: null, after: { name, description, icon, pointsPrice, stock, limitPerHousehold, limitPeriod, onShelf },
    });
    return itemId;
  });
  return presentItem(await itemById(deps, id));
}

/** A change names only what changes (taking it off the shelf too); the entry holds the fields that did. */
export async function updateItem(deps: Deps, v: Viewer, id: string, body: UpdateItemBody) {
  const communityId = pointsStaffCommunity(v);
  const now = deps.clock();
  await deps.db.$transaction(async (tx) => {
    const s = sqlOn(tx);
    const before = await auditedItem(s, id, communityId);
    if (!before) throw notFound('item');
    const changed = (Object.keys(body) as Array<keyof UpdateItemBody>).filter((k) => body[k] !== undefined && body[k] !== before[k]);
    if (!changed.length) return;
    await changeItem(s, id, Object.fromEntries(changed.map((k) => [k, body[k]])) as ItemChanges, now);
    const pick = (x: Record<string, unknown>) => Object.fromEntries(changed.map((k) => [k, x[k]]));
    await recordAdminChange(tx, { actor: v, action: 'shop_item.update', at: now, target: { type: 'shop_item', id, communityId }, before: pick(before), after: pick({ ...before, ...body }) });
  });
  return presentItem(await itemById(deps, id));
}

/** New goods on the shelf: stock and stock-ever-added move together. */
export async function restockItem(deps: Deps, v: Viewer, id: string, quantity: number) {
  const communityId = pointsStaffCommunity(v);
  const now = deps.clock();
  await deps.db.$transaction(async (tx) => {
    const s = sqlOn(tx);
    if (!(await findItem(s, sql`i.id = ${id} AND i."communityId" = ${communityId}`))) throw notFound('item');
    await addStock(s, id, quantity, now);
    // read after the relative update, which holds the row: redemptions may move the stock meanwhile
    const after = (await auditedItem(s, id, communityId))!;
    await recordAdminChange(tx, {
      actor: v, action: 'shop_item.restock', at: now, target: { type: 'shop_item', id, communityId },
      before: { stock: after.stock - quantity, stockAdded: after.stockAdded - quantity },
      after: { stock: after.stock, stockAdded: after.stockAdded, quantity },
    });
  });
  return presentItem(await itemById(deps, id));
}
