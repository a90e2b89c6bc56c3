import type { Prisma, Role } from '@prisma/client';
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

/** What a Viewer is made of, as a Prisma select on User (also used nested under Session). */
export const viewerSelect = {
  id: true,
  displayName: true,
  roles: { select: { role: true, communityId: true, gridId: true, buildingId: true } },
  resident: {
    select: { id: true, name: true, communityId: true, householdId: true, household: { select: { buildingId: true, building: { select: { gridId: true } } } } },
  },
} satisfies Prisma.UserSelect;

export type ViewerRow = Prisma.UserGetPayload<{ select: typeof viewerSelect }>;

export function toViewer(user: ViewerRow): Viewer {
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

export async function loadViewer(db: DbTx, userId: string): Promise<Viewer | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: viewerSelect });
  return user ? toViewer(user) : null;
}
