import type { Role } from '@prisma/client';
import type { DbTx } from '../db.js';

export interface RoleGrant {
  role: Role;
  communityId: string | null;
  gridId: string | null;
  buildingId: string | null;
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
}

export async function loadViewer(db: DbTx, userId: string): Promise<Viewer | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    include: {
      roles: { select: { role: true, communityId: true, gridId: true, buildingId: true } },
      resident: { include: { household: { include: { building: { select: { gridId: true } } } } } },
    },
  });
  if (!user) return null;
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
  };
}
