import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { notFound } from '../errors.js';
import { jobsStaffCommunity } from '../policies/index.js';
import { presentRosterEntry, presentTraining } from './presenter.js';
import { findSession, rosterOf } from './queries.js';

/** Staff: everyone who signed up, with a phone (as the visibility table shows them), their attendance and completion. */
export async function listEnrolments(deps: Deps, v: Viewer, trainingId: string) {
  const t = await findSession(deps.db, trainingId, jobsStaffCommunity(v));
  if (!t) throw notFound('training');
  const rows = await rosterOf(deps.db, trainingId);
  return {
    training: presentTraining(t),
    enrolments: rows.map((e) => presentRosterEntry(v, e)),
  };
}
