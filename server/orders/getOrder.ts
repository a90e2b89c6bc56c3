import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { notFound } from '../errors.js';
import { orderScopeSql } from '../policies/index.js';
import { sql } from '../sql.js';
import { findOrderDetail } from './queries.js';
import { presentOrderDetail } from './presenter.js';
import { reviewDeadlineDaysOf } from './reviewDeadline.js';

export async function getOrder(deps: Deps, viewer: Viewer, id: string) {
  const order = await findOrderDetail(deps.sql, sql`o.id = ${id} AND ${orderScopeSql(viewer)}`);
  if (!order) throw notFound('order');
  return presentOrderDetail(order, viewer, deps.clock(), deps.config.sessionSecret, await reviewDeadlineDaysOf(deps.db, order.communityId));
}

/**
 * Every order of a household, oldest first, each as its order page shows it to the
 * viewer (timeline, notes, photos): for a resident's copy of their data. The caller
 * passes the viewer's own household; nothing of another household is read.
 */
export async function ordersOfHousehold(deps: Deps, viewer: Viewer, householdId: string) {
  const ids = await deps.sql.all<{ id: string }>(sql`
    SELECT o.id FROM "Order" o WHERE o."householdId" = ${householdId} ORDER BY o."createdAt", o.id`);
  const orders = [];
  for (const { id } of ids) {
    const order = await findOrderDetail(deps.sql, sql`o.id = ${id} AND o."householdId" = ${householdId}`);
    if (order) orders.push(presentOrderDetail(order, viewer, deps.clock(), deps.config.sessionSecret, await reviewDeadlineDaysOf(deps.db, order.communityId)));
  }
  return orders;
}
