import type { Prisma, Role } from '@prisma/client';
import type { DbTx } from '../db.js';

export interface RoleGrant {
  role: Role;
  communityId: string | null;
  gridId: string | null;
  buildingId: string | null;
  /** the 县 or 街道 of a region role (COUNTY_*, STREET_*); absent or null for the others */
  regionId?: string | null;
}

/**
 * What one region role (县/街道 admin or oversight) reaches, resolved when the
 * viewer is loaded so the policies stay pure functions: the region itself and
 * the 街道 under a 县, and every community attached to them.
 */
export interface RegionReach {
  role: Role;
  regionId: string;
  level: 'COUNTY' | 'STREET';
  /** the region and, for a 县, its 街道 */
  regionIds: string[];
  communityIds: string[];
}

/** The signed-in user as every policy decision sees them. */
export interface Viewer {
  userId: string;
  displayName: string;
  resident: {
    id: string;
    name: string;
    householdId: string;
    buildingId: string;
    gridId: string;
    communityId: string;
  } | null;
  roles: RoleGrant[];
  /** one per region role, empty for everyone else */
  regions: RegionReach[];
}

/** What a Viewer is made of, as a Prisma select on User (also used nested under Session). */
export const viewerSelect = {
  id: true,
  displayName: true,
  roles: { select: { role: true, communityId: true, gridId: true, buildingId: true, regionId: true } },
  resident: {
    select: { id: true, name: true, communityId: true, householdId: true, household: { select: { buildingId: true, building: { select: { gridId: true } } } } },
  },
} satisfies Prisma.UserSelect;

export type ViewerRow = Prisma.UserGetPayload<{ select: typeof viewerSelect }>;

export function toViewer(user: ViewerRow, regions: RegionReach[] = []): Viewer {
  const r = user.resident;
  return {
    userId: user.id,
    displayName: user.displayName,
    resident: r
      ? {
          id: r.id,
          name: r.name,
          householdId: r.householdId,
          buildingId: r.household.buildingId,
          gridId: r.household.building.gridId,
          communityId: r.communityId,
        }
      : null,
    roles: user.roles,
    regions,
  };
}

/**
 * The reach of the viewer's region roles: one look-up of the regions and the
 * communities under them, only for viewers that hold a region role (a read of
 * server/regions' and server/org's tables, as the session look-up reads the org's).
 */
export async function regionReachOf(db: DbTx, grants: RoleGrant[]): Promise<RegionReach[]> {
  const held = grants.filter((g) => g.regionId);
  if (!held.length) return [];
  const ids = [...new Set(held.map((g) => g.regionId!))];
  const regions = await db.region.findMany({
    where: { OR: [{ id: { in: ids } }, { parentId: { in: ids } }] },
    select: { id: true, level: true, parentId: true, communities: { select: { id: true }, orderBy: { id: 'asc' } } },
    orderBy: { id: 'asc' },
  });
  return held.flatMap((g) => {
    const own = regions.find((r) => r.id === g.regionId);
    if (!own) return [];
    const covered = regions.filter((r) => r.id === own.id || r.parentId === own.id);
    return [{
      role: g.role,
      regionId: own.id,
      level: own.level,
      regionIds: covered.map((r) => r.id),
      communityIds: covered.flatMap((r) => r.communities.map((c) => c.id)),
    }];
  });
}

export async function loadViewer(db: DbTx, userId: string): Promise<Viewer | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: viewerSelect });
  return user ? toViewer(user, await regionReachOf(db, user.roles)) : null;
}
