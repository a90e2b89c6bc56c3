// 走访 (care visits, server/visits): who sees which households' due visits, who
// records a visit, who sets the frequencies and the 1+X pairings.
import type { Viewer } from '../auth/viewer.js';
import { forbidden } from '../errors.js';
import { communitiesWith, gridsWorkedBy, homeCommunity, isAdmin, isStaffOf } from './roles.js';

/**
 * What a viewer's own due list covers (no grid asked for): the grids they work,
 * the households paired with them (1+X, any role), and for staff of one community
 * the whole of it.
 */
export function visitReach(v: Viewer): { gridIds: string[]; pairedWith: string; communityId?: string } {
  const communities = communitiesWith(v, ['STAFF']);
  return { gridIds: gridsWorkedBy(v), pairedWith: v.userId, ...(communities.length === 1 ? { communityId: communities[0]! } : {}) };
}

/** Recording a visit: the household's grid worker, its community's staff, or a person paired with it. */
export const mayRecordVisit = (v: Viewer, p: { communityId: string; gridId: string }, paired: boolean) =>
  paired || gridsWorkedBy(v).includes(p.gridId) || isStaffOf(v, p.communityId);

/** A household's visits and schedule: as recording them. */
export const maySeeVisits = mayRecordVisit;

/** Staff may look at any grid of their community's due list (the console's 走访 section). */
export const mayListGridVisits = (v: Viewer, g: { id: string; communityId: string }) =>
  gridsWorkedBy(v).includes(g.id) || isStaffOf(v, g.communityId);

/**
 * The community whose frequencies, pairings, coverage and overdue list a staff
 * member manages: the one asked for if they staff it (admins: any), else their
 * home community; 403 for anyone else.
 */
export function visitsStaffCommunity(v: Viewer, asked?: string): string {
  const communityId = asked ?? (isAdmin(v) ? homeCommunity(v) : communitiesWith(v, ['STAFF'])[0] ?? null);
  if (!communityId || !isStaffOf(v, communityId)) throw forbidden('only community staff manage care visits');
  return communityId;
}

/**
 * 1+X 结对帮扶: who a household may be paired with. The cadres of the case reports
 * (社区干部 and the party organisation's members): the community's staff and
 * 党组织 reviewer accounts, whose role already lets them see the household's
 * names and rooms (server/policies/visibility.ts).
 */
export const PAIRING_ROLES = ['STAFF', 'REVIEWER'] as const;
