// The levels above the community (县/区 → 乡镇/街道 → 社区): who creates what, who
// gives which region role, who sees the oversight figures (issue #19).
import type { Role } from '@prisma/client';
import type { Viewer } from '../auth/viewer.js';
import { communitiesOverseen, countiesAdministered, holdsRegionRole, isAdmin, regionsAdministered, regionsOverseen } from './roles.js';

export interface RegionRef {
  id: string;
  level: 'COUNTY' | 'STREET';
  parentId: string | null;
}

/** A 县 is created by the platform admin only. */
export const mayCreateCounty = (v: Viewer) => isAdmin(v);

/** A 街道 under a 县: the platform admin, or that 县's admin. */
export const mayCreateStreet = (v: Viewer, countyId: string) => isAdmin(v) || countiesAdministered(v).includes(countyId);

/** A community under a 街道: the platform admin, that 街道's admin, or the admin of the 县 above it. */
export const mayCreateCommunityIn = (v: Viewer, street: RegionRef) =>
  street.level === 'STREET' && (isAdmin(v) || regionsAdministered(v).includes(street.id));

/**
 * Giving or taking a region role: the platform admin any; a region admin the
 * oversight roles of a region they administer, and the admin roles only of the
 * regions below theirs (a 县 admin names its 街道's admins), never a peer of
 * their own rank, so no admin can widen their own level.
 */
export function mayGrantRegionRole(v: Viewer, region: RegionRef, role: Role): boolean {
  if (isAdmin(v)) return true;
  const oversight = role === 'COUNTY_OVERSIGHT' || role === 'STREET_OVERSIGHT';
  if (oversight) return regionsAdministered(v).includes(region.id);
  return region.level === 'STREET' && region.parentId !== null && countiesAdministered(v).includes(region.parentId);
}

/** Looks accounts up to name officials: the platform admin and the region admins. */
export const mayAppointOfficials = (v: Viewer) => isAdmin(v) || regionsAdministered(v).length > 0;

/** The region roles that fit a region's level. */
export const regionRoleFits = (role: Role, level: RegionRef['level']) =>
  level === 'COUNTY' ? role === 'COUNTY_ADMIN' || role === 'COUNTY_OVERSIGHT' : role === 'STREET_ADMIN' || role === 'STREET_OVERSIGHT';

/** Sees the region tree: the platform admin all of it, region roles their part. */
export const maySeeRegions = (v: Viewer) => isAdmin(v) || holdsRegionRole(v);

/** The regions a viewer sees (null: every one). */
export const visibleRegions = (v: Viewer): string[] | null => (isAdmin(v) ? null : regionsOverseen(v));

/** The oversight figures (aggregates only, no personal field): the platform admin and every region role. */
export const mayOversee = (v: Viewer) => isAdmin(v) || holdsRegionRole(v);

/** The communities whose figures a viewer compares (null: every one, the platform admin). */
export const overseenCommunities = (v: Viewer): string[] | null => (isAdmin(v) ? null : communitiesOverseen(v));

/** One community's figures (the drill-down). */
export const mayOverseeCommunity = (v: Viewer, communityId: string) => isAdmin(v) || communitiesOverseen(v).includes(communityId);
