import type { Viewer } from '../auth/viewer.js';
import type { Deps } from '../context.js';
import { notFound } from '../errors.js';
import { orderScope } from '../policy.js';
import { orderDetailInclude, presentOrderDetail } from './presenter.js';

export async function getOrder(deps: Deps, viewer: Viewer, id: string) {
  const order = await deps.db.order.findFirst({
    where: { AND: [{ id }, orderScope(viewer)] },
    include: orderDetailInclude,
  });
  if (!order) throw notFound('order');
  return presentOrderDetail(order, viewer, deps.clock(), deps.config.sessionSecret);
}
