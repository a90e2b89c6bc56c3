// The community a request is about, and the place a role covers, checked to be that community's.
import type { Role } from '@prisma/client';
import type { Viewer } from '../auth/index.js';
import type { DbTx } from '../db.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { homeCommunity, mayManageRole } from '../policies/index.js';

/** The community named, or the viewer's own; 400 when neither is known. */
export function communityOf(v: Viewer, communityId: string | undefined, field: string): string {
  const c = communityId ?? homeCommunity(v);
  if (!c) throw badRequest(field, 'required: say which community');
  return c;
}

export interface RolePlace {
  communityId: string;
  role: Role;
  gridId?: string | undefined;
  buildingId?: string | undefined;
}

/**
 * The grid or building of a role, checked to be the community's (another community's
 * looks unknown), and the viewer's right to give that role there (403 naming the role).
 */
export async function checkPlace(tx: DbTx, v: Viewer, p: RolePlace) {
  if (!mayManageRole(v, p.communityId, p.role)) {
    // nothing of the community shows to someone who manages no role there at all
    const any = (['BUILDING_HEAD', 'GRID_WORKER', 'STAFF', 'REVIEWER'] as const).some((r) => mayManageRole(v, p.communityId, r));
    if (!any) throw notFound('communityId: community');
    const message = "not yours to give: community staff give 楼栋长 and 网格员; staff and reviewers are given by the community's administrators";
    throw new AppError('forbidden', `body.role: ${message}`, [{ path: 'body.role', message }]);
  }
  const community = await tx.community.findUnique({ where: { id: p.communityId }, select: { id: true, name: true } });
  if (!community) throw notFound('communityId: community');
  const grid = p.gridId ? await tx.grid.findFirst({ where: { id: p.gridId, communityId: p.communityId }, select: { id: true, name: true } }) : null;
  if (p.gridId && !grid) throw badRequest('body.gridId', 'not a grid of this community');
  const building = p.buildingId
    ? await tx.building.findFirst({ where: { id: p.buildingId, communityId: p.communityId }, select: { id: true, name: true } })
    : null;
  if (p.buildingId && !building) throw badRequest('body.buildingId', 'not a building of this community');
  return { community, grid, building };
}
