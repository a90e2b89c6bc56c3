// Places and people: who may see which household, and file for whom.
import type { HouseholdTagKind, Prisma } from '@prisma/client';
import type { Viewer } from '../auth/viewer.js';
import { buildingsHeadedBy, communitiesWith, gridsWorkedBy, isAdmin, isStaffOf } from './roles.js';

export interface Place {
  communityId: string;
  gridId: string;
  buildingId: string;
  householdId: string;
}

/**
 * How much of a household a viewer may see.
 * - full: own household, community staff, admin (ID numbers, phones, every tag)
 * - contact: the grid's worker (phones and every tag, ID numbers masked) — they call and visit
 * - basic: anyone else in scope (names and rooms; no sensitive tags)
 */
export type HouseholdAccess = 'full' | 'contact' | 'basic';

export function householdAccess(v: Viewer, p: Place): HouseholdAccess {
  if (v.resident?.householdId === p.householdId || isStaffOf(v, p.communityId)) return 'full';
  if (gridsWorkedBy(v).includes(p.gridId)) return 'contact';
  return 'basic';
}

/** Residents a viewer may look up (to file for them, or to see a grid's households). */
export function residentScope(v: Viewer): Prisma.ResidentWhereInput {
  if (isAdmin(v)) return {};
  const or: Prisma.ResidentWhereInput[] = [];
  if (v.resident) or.push({ householdId: v.resident.householdId });
  const buildings = buildingsHeadedBy(v);
  if (buildings.length) or.push({ household: { buildingId: { in: buildings } } });
  const grids = gridsWorkedBy(v);
  if (grids.length) or.push({ household: { building: { gridId: { in: grids } } } });
  const communities = communitiesWith(v, ['STAFF']);
  if (communities.length) or.push({ communityId: { in: communities } });
  return or.length ? { OR: or } : { id: { in: [] } };
}

/** Households a viewer may list: own, the building they head, the grid they work, the community they staff. */
export function householdScope(v: Viewer): Prisma.HouseholdWhereInput {
  if (isAdmin(v)) return {};
  const or: Prisma.HouseholdWhereInput[] = [];
  if (v.resident) or.push({ id: v.resident.householdId });
  const buildings = buildingsHeadedBy(v);
  if (buildings.length) or.push({ buildingId: { in: buildings } });
  const grids = gridsWorkedBy(v);
  if (grids.length) or.push({ building: { gridId: { in: grids } } });
  const communities = communitiesWith(v, ['STAFF']);
  if (communities.length) or.push({ communityId: { in: communities } });
  return or.length ? { OR: or } : { id: { in: [] } };
}

/** Listing households at all takes some role beyond being a resident; householdScope then decides which. */
export const canListHouseholds = (v: Viewer) => v.roles.some((r) => r.role !== 'RESIDENT');

/**
 * The grid workers a viewer may list (the dispatch picker): every community's
 * for an admin, those of the communities they staff; null for anyone else.
 */
export function gridWorkerScope(v: Viewer): Prisma.UserRoleWhereInput | null {
  if (isAdmin(v)) return {};
  const communities = communitiesWith(v, ['STAFF']);
  return communities.length ? { communityId: { in: communities } } : null;
}

/** Account codes (账号绑定) come from the people who know the family: the grid's worker and community staff. */
export const canInviteResident = (v: Viewer, p: { communityId: string; gridId: string }) =>
  isStaffOf(v, p.communityId) || gridsWorkedBy(v).includes(p.gridId);

/** Tags that are nobody's business but the household's, its grid worker's and the community staff's. */
export const SENSITIVE_TAGS: ReadonlySet<HouseholdTagKind> = new Set(['DISABLED', 'LOW_INCOME', 'MONITORED']);

/** Who may raise a request for a resident: themselves and their household, the building head, the grid worker, community staff. */
export function canFileFor(v: Viewer, p: Place): boolean {
  return (
    v.resident?.householdId === p.householdId ||
    buildingsHeadedBy(v).includes(p.buildingId) ||
    gridsWorkedBy(v).includes(p.gridId) ||
    isStaffOf(v, p.communityId)
  );
}
