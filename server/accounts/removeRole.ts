// Removing a community role ends what it gave at once: the row goes, every session of
// the account ends (it signs in again with what it still holds), and a grid worker's
// open orders of that grid go back to 待派单 (their assignment would otherwise keep
// letting them see and act on those orders).
import { endAllSessions, type Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { sqlOn } from '../db.js';
import { AppError, notFound } from '../errors.js';
import { returnOrdersOfWorker } from '../orders/index.js';
import { mayManageRole } from '../policies/index.js';
import { recordRoleChange } from './audit.js';
import { presentGrant } from './presenter.js';

export async function removeRole(deps: Deps, v: Viewer, roleId: string) {
  const now = deps.clock();
  const out = await deps.db.$transaction(async (tx) => {
    const r = await tx.userRole.findUnique({
      where: { id: roleId },
      select: {
        id: true,
        role: true,
        userId: true,
        communityId: true,
        gridId: true,
        createdAt: true,
        user: { select: { id: true, displayName: true } },
        grid: { select: { id: true, name: true } },
        building: { select: { id: true, name: true } },
      },
    });
    // a role one does not manage is as good as unknown (another community's, a staff role for staff)
    if (!r || !r.communityId || !mayManageRole(v, r.communityId, r.role)) throw notFound('role');
    const gone = await tx.userRole.deleteMany({ where: { id: r.id } });
    if (gone.count !== 1) throw new AppError('conflict', 'the role was removed meanwhile');
    const sessionsEnded = await endAllSessions(tx, r.userId, now);
    const ordersReturned =
      r.role === 'GRID_WORKER' && r.gridId ? await returnOrdersOfWorker(sqlOn(tx), { userId: r.userId, gridId: r.gridId, actorId: v.userId, now }) : 0;
    await recordRoleChange(tx, { actorId: v.userId, action: 'role.remove', communityId: r.communityId, target: { type: 'user', id: r.userId }, before: { role: r.role, grid: r.grid, building: r.building, name: r.user.displayName }, after: null, at: now });
    return { r, sessionsEnded, ordersReturned };
  });
  deps.logger.info({ roleId, userId: out.r.userId, role: out.r.role, sessionsEnded: out.sessionsEnded, ordersReturned: out.ordersReturned, by: v.userId }, 'community role removed');
  return {
    id: out.r.id,
    role: presentGrant(out.r).role,
    user: { id: out.r.user.id, name: out.r.user.displayName },
    sessionsEnded: out.sessionsEnded,
    ordersReturned: out.ordersReturned,
  };
}
