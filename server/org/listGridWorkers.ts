import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { forbidden } from '../errors.js';
import { gridWorkerScope } from '../policies/index.js';
import { presentGridWorker } from './presenter.js';

/** For the dispatch picker: the community's grid workers and how much each has open. */
export async function listGridWorkers(deps: Deps, v: Viewer) {
  const scope = gridWorkerScope(v);
  if (!scope) throw forbidden('only community staff can see the grid workers');
  const workers = await deps.db.userRole.findMany({
    where: { AND: [{ role: 'GRID_WORKER' }, scope] },
    include: { user: { select: { id: true, displayName: true } }, grid: { select: { id: true, name: true } } },
    orderBy: { createdAt: 'asc' },
  });
  const open = await deps.db.order.groupBy({
    by: ['assigneeId'],
    where: { assigneeId: { in: workers.map((r) => r.userId) }, status: { in: ['dispatched', 'accepted', 'reopened'] } },
    _count: { _all: true },
  });
  const openBy = new Map(open.map((o) => [o.assigneeId, o._count._all]));
  return workers.map((r) => presentGridWorker(r, openBy.get(r.userId) ?? 0));
}
