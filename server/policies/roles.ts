// The roles a viewer holds, read one way. Every other policy file builds on these;
// nothing outside server/policies/ reads viewer.roles itself.
import type { Role } from '@prisma/client';
import type { RoleGrant, Viewer } from '../auth/viewer.js';

export const isAdmin = (v: Viewer) => v.roles.some((r) => r.role === 'ADMIN');

export function communitiesWith(v: Viewer, roles: Role[]): string[] {
  return v.roles.filter((r) => roles.includes(r.role) && r.communityId).map((r) => r.communityId!);
}

export const gridsWorkedBy = (v: Viewer) =>
  v.roles.filter((r) => r.role === 'GRID_WORKER' && r.gridId).map((r) => r.gridId!);

export const buildingsHeadedBy = (v: Viewer) =>
  v.roles.filter((r) => r.role === 'BUILDING_HEAD' && r.buildingId).map((r) => r.buildingId!);

export const isStaffOf = (v: Viewer, communityId: string) =>
  isAdmin(v) || communitiesWith(v, ['STAFF']).includes(communityId);

export const isReviewerOf = (v: Viewer, communityId: string) => communitiesWith(v, ['REVIEWER']).includes(communityId);

/** The roles that are work for the community, as against living in it (RESIDENT). */
const WORKING_ROLES: readonly Role[] = ['BUILDING_HEAD', 'GRID_WORKER', 'STAFF', 'REVIEWER', 'ADMIN'];

/** Holds a role that is work for the community: 楼栋长, 网格员, staff, reviewer or admin. */
export const holdsWorkingRole = (v: Viewer) => v.roles.some((r) => WORKING_ROLES.includes(r.role));

/**
 * 账号绑定: may this account become a resident's by entering an invite code? Not a
 * working account: linked to a household, its role's reach would widen to that
 * household (full ID numbers, its points) and the worker would rate their own work.
 * Such a person uses a second WeChat account as the resident (docs/domains.md).
 */
export const mayLinkToResident = (v: Viewer) => !holdsWorkingRole(v);

/** The community a viewer acts in by default: their home, else the first community a role gives them. */
export function homeCommunity(v: Viewer): string | null {
  return v.resident?.communityId ?? v.roles.find((r) => r.communityId)?.communityId ?? null;
}

/** The viewer's roles, each with the place it covers, as the app shows them (GET /api/me). */
export const grantsOf = (v: Viewer): RoleGrant[] =>
  v.roles.map((r) => ({ role: r.role, communityId: r.communityId, gridId: r.gridId, buildingId: r.buildingId }));
