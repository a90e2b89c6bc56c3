import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { notFound } from '../errors.js';
import { orderScopeSql } from '../policies/index.js';
import { sql } from '../sql.js';
import { findOrderDetail } from './queries.js';
import { presentOrderDetail } from './presenter.js';

export async function getOrder(deps: Deps, viewer: Viewer, id: string) {
  const order = await findOrderDetail(deps.sql, sql`o.id = ${id} AND ${orderScopeSql(viewer)}`);
  if (!order) throw notFound('order');
  return presentOrderDetail(order, viewer, deps.clock(), deps.config.sessionSecret);
}
