// The points ledger and the 积分超市.
import type { Prisma } from '@prisma/client';
import type { Viewer } from '../auth/viewer.js';
import { communitiesWith, isAdmin, isStaffOf } from './roles.js';

/** A household's points ledger: the household itself and its community's staff. */
export const canSeeLedger = (v: Viewer, h: { id: string; communityId: string }) =>
  v.resident?.householdId === h.id || isStaffOf(v, h.communityId);

/** Redemptions a viewer can see: their own household's, or their community's for staff (the shop counter). */
export function redemptionScope(v: Viewer): Prisma.RedemptionWhereInput {
  if (isAdmin(v)) return {};
  const or: Prisma.RedemptionWhereInput[] = [];
  if (v.resident) or.push({ householdId: v.resident.householdId });
  const communities = communitiesWith(v, ['STAFF']);
  if (communities.length) or.push({ communityId: { in: communities } });
  return or.length ? { OR: or } : { id: { in: [] } };
}

export const redemptionPolicy = {
  /** Staff at the counter, or the household itself before pickup. */
  cancel: (v: Viewer, r: { householdId: string; communityId: string }) =>
    v.resident?.householdId === r.householdId || isStaffOf(v, r.communityId),
  handOver: (v: Viewer, r: { communityId: string }) => isStaffOf(v, r.communityId),
};
