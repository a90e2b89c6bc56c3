// Places and people: who may see which household, and file for whom.
import type { Prisma } from '@prisma/client';
import type { Viewer } from '../auth/viewer.js';
import { buildingsHeadedBy, communitiesWith, gridsWorkedBy, isAdmin, isStaffOf } from './roles.js';
import { fieldRule, type PersonalField, type Place, type ViewerRelation } from './visibility.js';

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

/**
 * Each way a viewer reaches households in a list, with the relation it gives
 * them to those households: their own, the building they head, the grid they
 * work, the community they staff. householdScope and the filters a list allows
 * are both made from it, so the two cannot disagree.
 */
function householdReach(v: Viewer): Array<{ relation: ViewerRelation; where: Prisma.HouseholdWhereInput }> {
  if (isAdmin(v)) return [{ relation: 'admin', where: {} }];
  const reach: Array<{ relation: ViewerRelation; where: Prisma.HouseholdWhereInput }> = [];
  if (v.resident) reach.push({ relation: 'household', where: { id: v.resident.householdId } });
  const buildings = buildingsHeadedBy(v);
  if (buildings.length) reach.push({ relation: 'buildingHead', where: { buildingId: { in: buildings } } });
  const grids = gridsWorkedBy(v);
  if (grids.length) reach.push({ relation: 'gridWorker', where: { building: { gridId: { in: grids } } } });
  const communities = communitiesWith(v, ['STAFF']);
  if (communities.length) reach.push({ relation: 'staff', where: { communityId: { in: communities } } });
  return reach;
}

/** Households a viewer may list: own, the building they head, the grid they work, the community they staff. */
export function householdScope(v: Viewer): Prisma.HouseholdWhereInput {
  if (isAdmin(v)) return {};
  const reach = householdReach(v);
  return reach.length ? { OR: reach.map((r) => r.where) } : { id: { in: [] } };
}

/**
 * A household list may be filtered by a personal field (a 七彩 tag) only when
 * the viewer sees that field on every household they reach: a building head
 * asking for 残疾 households would learn who they are from which rows, or which
 * cursor, came back. Decided before the query (the table, server/policies/visibility.ts).
 */
export const mayFilterHouseholdsBy = (v: Viewer, field: PersonalField) =>
  householdReach(v).every((r) => fieldRule(r.relation, field) === 'shown');

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

/** Who may raise a request for a resident: themselves and their household, the building head, the grid worker, community staff. */
export function canFileFor(v: Viewer, p: Place): boolean {
  return (
    v.resident?.householdId === p.householdId ||
    buildingsHeadedBy(v).includes(p.buildingId) ||
    gridsWorkedBy(v).includes(p.gridId) ||
    isStaffOf(v, p.communityId)
  );
}

/**
 * Revealing a full 身份证号 (written to the access log): community staff of the
 * person's community, who keep the register and fill in the forms that need it
 * (低保, 医保, 就业 reports), and admins. Not the grid worker: they check who they
 * talk to by the masked number, and a phone call away from staff is enough for
 * the rare case beyond that.
 */
export const mayRevealIdNumber = (v: Viewer, p: { communityId: string }) => isStaffOf(v, p.communityId);

/**
 * 迁出/去世: removing a person's personal fields is staff's (their community) and
 * admins' step: it cannot be undone, and staff are the ones who record moves.
 */
export const mayRecordLeaving = (v: Viewer, p: { communityId: string }) => isStaffOf(v, p.communityId);

/**
 * The access log (GET /api/access-log): admins only. It is the record that
 * oversees staff, who are the ones revealing; letting them read and export it
 * would add one more copy of who looked at whom without adding oversight.
 */
export const mayReadAccessLog = (v: Viewer) => isAdmin(v);
