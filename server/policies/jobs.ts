// Jobs, training and the employment ledger (就业台账).
import type { Prisma } from '@prisma/client';
import type { Viewer } from '../auth/viewer.js';
import { forbidden } from '../errors.js';
import { communitiesWith, gridsWorkedBy, homeCommunity, isAdmin, isStaffOf } from './roles.js';

/** Postings and courses are published to the whole community; staff run them. */
export const canManageJobs = (v: Viewer, communityId: string) => isStaffOf(v, communityId);

/**
 * The community a staff member runs postings, courses and the ledger's Excel
 * for (their home community); 403 for anyone else.
 */
export function jobsStaffCommunity(v: Viewer): string {
  const communityId = homeCommunity(v);
  if (!communityId || !canManageJobs(v, communityId)) throw forbidden('only community staff manage jobs and training');
  return communityId;
}

/**
 * Whose employment a viewer reaches, in parts: everyone (the admin); else their
 * own household (to see), the grids they work (the grid's worker collects the
 * 就业信息 door to door) and the communities they staff. Building heads do not
 * see their neighbours' employment. employmentScope below and the
 * zero-employment list's SQL (server/employment/queries.ts) are both made from
 * it, so the two cannot disagree on who is in reach.
 */
export interface EmploymentReach {
  everyone: boolean;
  householdId: string | null;
  grids: string[];
  communities: string[];
}

export const employmentReach = (v: Viewer): EmploymentReach => ({
  everyone: isAdmin(v),
  householdId: v.resident?.householdId ?? null,
  grids: gridsWorkedBy(v),
  communities: communitiesWith(v, ['STAFF']),
});

/** The residents whose employment a viewer may see and record (employmentReach as a Prisma condition). */
export function employmentScope(v: Viewer): Prisma.ResidentWhereInput {
  const reach = employmentReach(v);
  if (reach.everyone) return {};
  const or: Prisma.ResidentWhereInput[] = [];
  if (reach.householdId) or.push({ householdId: reach.householdId });
  if (reach.grids.length) or.push({ household: { building: { gridId: { in: reach.grids } } } });
  if (reach.communities.length) or.push({ communityId: { in: reach.communities } });
  return or.length ? { OR: or } : { id: { in: [] } };
}

/** The employment ledger of households beyond one's own: grid workers and staff. */
export const canListEmployment = (v: Viewer) =>
  isAdmin(v) || v.roles.some((r) => r.role === 'GRID_WORKER' || r.role === 'STAFF');

export const canRecordEmployment = (v: Viewer, p: { communityId: string; gridId: string }) =>
  isStaffOf(v, p.communityId) || gridsWorkedBy(v).includes(p.gridId);

/** The community whose employment figures a viewer sees: staff of their home community; 403 for anyone else. */
export function employmentFiguresCommunity(v: Viewer): string {
  const communityId = homeCommunity(v);
  if (!communityId || !isStaffOf(v, communityId)) throw forbidden('only community staff see the employment figures');
  return communityId;
}

// --- 就业摸底: the monthly employment survey ---------------------------------------

/** The survey tasks a viewer works or follows: of the grids they work, the communities they staff (the admin: all). */
export function surveyTaskScope(v: Viewer): Prisma.EmploymentSurveyTaskWhereInput {
  const reach = employmentReach(v);
  if (reach.everyone) return {};
  const or: Prisma.EmploymentSurveyTaskWhereInput[] = [];
  if (reach.grids.length) or.push({ gridId: { in: reach.grids } });
  if (reach.communities.length) or.push({ communityId: { in: reach.communities } });
  return or.length ? { OR: or } : { id: { in: [] } };
}

/** The community whose month a viewer generates and whose progress they follow: staff of their home community; 403 for anyone else. */
export const surveyStaffCommunity = (v: Viewer) => employmentFiguresCommunity(v);
