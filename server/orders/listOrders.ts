import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { toPage } from '../http/paging.js';
import { orderScopeArms } from '../policies/index.js';
import { join, sql, type SqlQuery } from '../sql.js';
import { findOrders } from './queries.js';
import { presentOrder } from './presenter.js';
import type { ListOrdersQuery } from './schemas.js';
import { overdueSql } from './sla.js';

/** Orders in the viewer's scope (own household, grid, or community by role), newest first, paged by cursor. */
export async function listOrders(deps: Deps, viewer: Viewer, q: ListOrdersQuery) {
  const now = deps.clock();
  const filters: SqlQuery[] = [];
  if (q.status) filters.push(sql`o.status IN (${join(q.status)})`);
  if (q.urgency) filters.push(sql`o.urgency = ${q.urgency}`);
  if (q.overdue) filters.push(overdueSql(now));
  // "assigned to me" is itself one arm of the scope, and the only one that can match:
  // ANDed into every arm, PostgreSQL intersected the grid's orders with the worker's (1.9 ms on the city)
  const arms = q.mine ? [sql`o."assigneeId" = ${viewer.userId}`] : orderScopeArms(viewer);
  // one row more than asked, to know whether there is a next page
  const rows = await findOrders(deps.sql, arms, filters, q.limit + 1, q.cursor);
  const page = toPage(rows, q.limit);
  return { items: page.items.map((o) => presentOrder(o, viewer, now)), nextCursor: page.nextCursor };
}
