// Staff stock the 积分超市 shelf: new goods, changes, more of the same.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { notFound } from '../errors.js';
import { pointsStaffCommunity } from '../policies/index.js';
import { sql } from '../sql.js';
import { presentItem } from './presenter.js';
import { addStock, changeItem, findItem, insertItem } from './queries.js';
import type { CreateItemBody, UpdateItemBody } from './schemas.js';

const itemById = async (deps: Deps, id: string) => (await findItem(deps.sql, sql`i.id = ${id}`))!;

async function itemOfStaff(deps: Deps, v: Viewer, id: string) {
  const item = await findItem(deps.sql, sql`i.id = ${id} AND i."communityId" = ${pointsStaffCommunity(v)}`);
  if (!item) throw notFound('item');
  return item;
}

export async function createItem(deps: Deps, v: Viewer, body: CreateItemBody) {
  const communityId = pointsStaffCommunity(v);
  const id = await insertItem(deps.sql, { ...body, communityId }, deps.clock());
  return presentItem(await itemById(deps, id));
}

export async function updateItem(deps: Deps, v: Viewer, id: string, body: UpdateItemBody) {
  await itemOfStaff(deps, v, id);
  await changeItem(deps.sql, id, body, deps.clock());
  return presentItem(await itemById(deps, id));
}

/** New goods on the shelf: stock and stock-ever-added move together. */
export async function restockItem(deps: Deps, v: Viewer, id: string, quantity: number) {
  await itemOfStaff(deps, v, id);
  await addStock(deps.sql, id, quantity, deps.clock());
  return presentItem(await itemById(deps, id));
}
