// Community roles and the grids: who may give and take 楼栋长, 网格员, staff and 党组织
// reviewer roles, and who may draw the grids (server/accounts/, server/org/ grids).
import type { Prisma, Role } from '@prisma/client';
import type { Viewer } from '../auth/viewer.js';
import { communitiesWith, isAdmin, isStaffOf, mayAdministerCommunity } from './roles.js';

/** The roles given inside one community, each bound to its place. */
export const COMMUNITY_ROLES = ['BUILDING_HEAD', 'GRID_WORKER', 'STAFF', 'REVIEWER'] as const satisfies readonly Role[];
export type CommunityRole = (typeof COMMUNITY_ROLES)[number];

/**
 * Who may give or take a community role:
 * - the community's administrators (platform admin, the 街道/县 admins above it): every one of them;
 * - the community's staff: 楼栋长 and 网格员 only. They know the buildings and the
 *   workers, and a grid without its worker cannot wait for the 街道; but staff do not
 *   make other staff, nor the 党组织 reviewers who judge their work (评单).
 */
export function mayManageRole(v: Viewer, communityId: string, role: Role): boolean {
  if (mayAdministerCommunity(v, communityId)) return (COMMUNITY_ROLES as readonly Role[]).includes(role);
  if (communitiesWith(v, ['STAFF']).includes(communityId)) return role === 'BUILDING_HEAD' || role === 'GRID_WORKER';
  return false;
}

/** The community roles this viewer may give and take in a community (the 账号 page's choices). */
export const rolesManageable = (v: Viewer, communityId: string): CommunityRole[] =>
  COMMUNITY_ROLES.filter((r) => mayManageRole(v, communityId, r));

/** The 账号 page of a community at all: whoever may manage some role there. */
export const mayListAccounts = (v: Viewer, communityId: string) => rolesManageable(v, communityId).length > 0;

/** Communities whose accounts the viewer manages, as a condition on UserRole (null: none at all). */
export function accountCommunityScope(v: Viewer): Prisma.UserRoleWhereInput | null {
  if (isAdmin(v)) return {};
  const communities = communitiesWith(v, ['STAFF']);
  return communities.length ? { communityId: { in: communities } } : null;
}

/**
 * Drawing the grids (create, rename, move a building to another grid): the community's
 * staff, who divide the 网格 (网格划分表), and its administrators.
 */
export const mayManageGrids = (v: Viewer, communityId: string) => isStaffOf(v, communityId) || mayAdministerCommunity(v, communityId);

/**
 * The group bot account's login QR: whoever scans it with WeChat becomes the bot's
 * account in every building group, so only platform admins see it (the bot serves the
 * whole deployment, not one community).
 */
export const maySeeBotLoginQr = (v: Viewer) => isAdmin(v);
