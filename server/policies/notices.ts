// Notices and the building groups they are posted to.
import type { Prisma } from '@prisma/client';
import type { Viewer } from '../auth/viewer.js';
import { buildingsHeadedBy, communitiesWith, gridsWorkedBy, isAdmin, isStaffOf } from './roles.js';

/** Notices a viewer may read: their home building's, the buildings they head, the grids they work, the communities they staff. */
export function noticeScope(v: Viewer): Prisma.NoticeWhereInput {
  if (isAdmin(v)) return {};
  const or: Prisma.NoticeWhereInput[] = [];
  const buildings = [...(v.resident ? [v.resident.buildingId] : []), ...buildingsHeadedBy(v)];
  if (buildings.length) or.push({ buildings: { some: { buildingId: { in: buildings } } } });
  const grids = gridsWorkedBy(v);
  if (grids.length) or.push({ buildings: { some: { building: { gridId: { in: grids } } } } });
  const communities = communitiesWith(v, ['STAFF']);
  if (communities.length) or.push({ communityId: { in: communities } });
  return or.length ? { OR: or } : { id: { in: [] } };
}

/** Writing notices, following their delivery and linking building groups is community staff's work. */
export const noticePolicy = {
  compose: (v: Viewer, communityId: string) => isStaffOf(v, communityId),
  manage: (v: Viewer, n: { communityId: string }) => isStaffOf(v, n.communityId),
  linkGroup: (v: Viewer, b: { communityId: string }) => isStaffOf(v, b.communityId),
};

/** Chat groups staff may see: their community's, and the ones not yet linked to any community (so they can pick). */
export function chatGroupScope(v: Viewer): Prisma.ChatGroupWhereInput {
  if (isAdmin(v)) return {};
  const communities = communitiesWith(v, ['STAFF']);
  if (!communities.length) return { id: { in: [] } };
  return { OR: [{ communityId: null }, { communityId: { in: communities } }] };
}
