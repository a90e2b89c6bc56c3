// Jobs, training and the employment ledger (就业台账).
import type { Prisma } from '@prisma/client';
import type { Viewer } from '../auth/viewer.js';
import { communitiesWith, gridsWorkedBy, isAdmin, isStaffOf } from './roles.js';

/** Postings and courses are published to the whole community; staff run them. */
export const canManageJobs = (v: Viewer, communityId: string) => isStaffOf(v, communityId);

/**
 * Whose employment a viewer may see and record: their own household (to see),
 * the grid's worker (who collects the 就业信息 door to door) and community staff.
 * Building heads do not see their neighbours' employment.
 */
export function employmentScope(v: Viewer): Prisma.ResidentWhereInput {
  if (isAdmin(v)) return {};
  const or: Prisma.ResidentWhereInput[] = [];
  if (v.resident) or.push({ householdId: v.resident.householdId });
  const grids = gridsWorkedBy(v);
  if (grids.length) or.push({ household: { building: { gridId: { in: grids } } } });
  const communities = communitiesWith(v, ['STAFF']);
  if (communities.length) or.push({ communityId: { in: communities } });
  return or.length ? { OR: or } : { id: { in: [] } };
}

/** The employment ledger of households beyond one's own: grid workers and staff. */
export const canListEmployment = (v: Viewer) =>
  isAdmin(v) || v.roles.some((r) => r.role === 'GRID_WORKER' || r.role === 'STAFF');

export const canRecordEmployment = (v: Viewer, p: { communityId: string; gridId: string }) =>
  isStaffOf(v, p.communityId) || gridsWorkedBy(v).includes(p.gridId);
