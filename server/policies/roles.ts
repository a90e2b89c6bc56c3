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
const WORKING_ROLES: readonly Role[] = [
  'BUILDING_HEAD', 'GRID_WORKER', 'STAFF', 'REVIEWER', 'ADMIN',
  'COUNTY_ADMIN', 'COUNTY_OVERSIGHT', 'STREET_ADMIN', 'STREET_OVERSIGHT',
];

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
  v.roles.map((r) => ({ role: r.role, communityId: r.communityId, gridId: r.gridId, buildingId: r.buildingId, ...(r.regionId ? { regionId: r.regionId } : {}) }));

// --- the levels above the community (县/街道, issue #19) ---------------------------

/** The region roles that administer what is under them; the *_OVERSIGHT ones only read aggregates. */
export const REGION_ADMIN_ROLES: readonly Role[] = ['COUNTY_ADMIN', 'STREET_ADMIN'];
export const REGION_ROLES: readonly Role[] = ['COUNTY_ADMIN', 'COUNTY_OVERSIGHT', 'STREET_ADMIN', 'STREET_OVERSIGHT'];
export const isRegionRole = (role: Role) => REGION_ROLES.includes(role);

const reachOf = (v: Viewer, roles: readonly Role[]) => v.regions.filter((r) => roles.includes(r.role));

/** The communities under the viewer's 县/街道 admin roles. */
export const communitiesAdministeredAbove = (v: Viewer) => [...new Set(reachOf(v, REGION_ADMIN_ROLES).flatMap((r) => r.communityIds))];
/** The 县 and 街道 the viewer administers (a 县 admin: the 县 and its 街道). */
export const regionsAdministered = (v: Viewer) => [...new Set(reachOf(v, REGION_ADMIN_ROLES).flatMap((r) => r.regionIds))];
/** The communities under any of the viewer's region roles, admin or oversight. */
export const communitiesOverseen = (v: Viewer) => [...new Set(reachOf(v, REGION_ROLES).flatMap((r) => r.communityIds))];
/** The 县 and 街道 under any of the viewer's region roles. */
export const regionsOverseen = (v: Viewer) => [...new Set(reachOf(v, REGION_ROLES).flatMap((r) => r.regionIds))];
/** Holds a 县/街道 role of either kind. */
export const holdsRegionRole = (v: Viewer) => v.regions.length > 0;
/** The 县/街道 of the viewer's first region role (where their account's changes are audited), else null. */
export const homeRegion = (v: Viewer) => v.regions[0]?.regionId ?? null;
/** The 县 the viewer administers as a 县 admin (they manage its 街道 too). */
export const countiesAdministered = (v: Viewer) => reachOf(v, ['COUNTY_ADMIN']).map((r) => r.regionId);

/**
 * May this viewer administer the community: its registry (import, export, people who left),
 * its grids and roles, its settings (issue #19)? The platform admin, and the admins of the
 * 街道 and 县 above it.
 */
export const mayAdministerCommunity = (v: Viewer, communityId: string) =>
  isAdmin(v) || communitiesAdministeredAbove(v).includes(communityId);
