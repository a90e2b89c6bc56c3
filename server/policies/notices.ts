// Notices: who reads which, who writes, schedules and follows them.
import type { Prisma } from '@prisma/client';
import type { Viewer } from '../auth/viewer.js';
import { buildingsHeadedBy, communitiesAdministeredAbove, communitiesWith, gridsWorkedBy, isAdmin, isStaffOf, mayAdministerCommunity } from './roles.js';

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

/** Staff of some community, or an admin: whoever may do notice work at all (which community is asked separately). */
const staffSomewhere = (v: Viewer) => isAdmin(v) || communitiesWith(v, ['STAFF']).length > 0;

/** Writing notices, switching automatic ones and following their delivery is community staff's work. */
export const noticePolicy = {
  /** Writing notices at all; `compose` then says for which community. */
  write: staffSomewhere,
  compose: (v: Viewer, communityId: string) => isStaffOf(v, communityId),
  /** The per-community switches of automatic notices, at all; `automateFor` says for which community. */
  automate: (v: Viewer) => staffSomewhere(v) || communitiesAdministeredAbove(v).length > 0,
  /** A community's switches: its staff, and its administrators (社区设置, policies/settings.ts). */
  automateFor: (v: Viewer, communityId: string) => isStaffOf(v, communityId) || mayAdministerCommunity(v, communityId),
  manage: (v: Viewer, n: { communityId: string }) => isStaffOf(v, n.communityId),
};

/** The notices a viewer manages: their communities' (an admin's: all); null for someone who is no staff. */
export function managedNoticeScope(v: Viewer): Prisma.NoticeWhereInput | null {
  if (isAdmin(v)) return {};
  const communities = communitiesWith(v, ['STAFF']);
  return communities.length ? { communityId: { in: communities } } : null;
}
