import type { Prisma } from '@prisma/client';
import type { Viewer } from '../auth/viewer.js';
import type { Deps } from '../context.js';
import { cursorArgs, toPage } from '../http/paging.js';
import { orderScope } from '../policy.js';
import { orderInclude, presentOrder } from './presenter.js';
import type { ListOrdersQuery } from './schemas.js';
import { overdueWhere } from './sla.js';

/** Orders in the viewer's scope (own household, grid, or community by role), newest first, paged by cursor. */
export async function listOrders(deps: Deps, viewer: Viewer, q: ListOrdersQuery) {
  const now = deps.clock();
  const filters: Prisma.OrderWhereInput[] = [orderScope(viewer)];
  if (q.status) filters.push({ status: { in: q.status } });
  if (q.urgency) filters.push({ urgency: q.urgency });
  if (q.overdue) filters.push(overdueWhere(now));
  if (q.mine) filters.push({ assigneeId: viewer.userId });
  const rows = await deps.db.order.findMany({
    where: { AND: filters },
    include: orderInclude,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    ...cursorArgs(q),
  });
  const page = toPage(rows, q.limit);
  return { items: page.items.map((o) => presentOrder(o, viewer, now)), nextCursor: page.nextCursor };
}
