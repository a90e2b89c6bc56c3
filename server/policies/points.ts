// The points ledger and the 积分超市.
import type { Viewer } from '../auth/viewer.js';
import { forbidden } from '../errors.js';
import { join, sql, type SqlQuery } from '../sql.js';
import { communitiesWith, homeCommunity, isAdmin, isStaffOf } from './roles.js';
import { relationsTo, visibilityFor, type Place } from './visibility.js';

/** Staff of a community run its points: rules, awards, adjustments, expiry, the shop's shelf. */
export const canManagePoints = (v: Viewer, communityId: string) => isStaffOf(v, communityId);

/** The community a staff member manages points and the shop for (their home community); 403 for anyone else. */
export function pointsStaffCommunity(v: Viewer): string {
  const communityId = homeCommunity(v);
  if (!communityId || !canManagePoints(v, communityId)) throw forbidden('only community staff manage points');
  return communityId;
}

/**
 * The household whose points a viewer holds and spends: their own, as a
 * resident linked to one; null for an account without a household.
 */
export const householdOf = (v: Viewer) => v.resident ?? null;

/** A household's points ledger: whoever the visibility table shows its balance to (the household itself and its community's staff). */
export const canSeeLedger = (v: Viewer, h: Place) => visibilityFor(relationsTo(v, h), 'pointsBalance') === 'shown';

/** A building's 积分榜: its own residents and their community's staff. */
export const canSeeLeaderboard = (v: Viewer, b: { id: string; communityId: string }) =>
  v.resident?.buildingId === b.id || isStaffOf(v, b.communityId);

/** The communities whose shop counter a viewer staffs (核销 there). */
export const shopCounterCommunities = (v: Viewer) => communitiesWith(v, ['STAFF']);

/**
 * Redemptions a viewer can see, as one SQL condition on the redemption `r`:
 * their own household's, or their community's for staff (the shop counter).
 */
export function redemptionScopeSql(v: Viewer): SqlQuery {
  if (isAdmin(v)) return sql`1 = 1`;
  const arms: SqlQuery[] = [];
  if (v.resident) arms.push(sql`r."householdId" = ${v.resident.householdId}`);
  for (const c of shopCounterCommunities(v)) arms.push(sql`r."communityId" = ${c}`);
  return arms.length ? sql`(${join(arms, ' OR ')})` : sql`1 = 0`;
}

export const redemptionPolicy = {
  /** Staff at the counter, or the household itself before pickup. */
  cancel: (v: Viewer, r: { householdId: string; communityId: string }) =>
    v.resident?.householdId === r.householdId || isStaffOf(v, r.communityId),
  handOver: (v: Viewer, r: { communityId: string }) => isStaffOf(v, r.communityId),
};
