import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { notFound } from '../errors.js';
import { jobsStaffCommunity } from '../policies/index.js';
import { presentTraining } from './presenter.js';
import { findSession, rosterOf } from './queries.js';

/** Staff: everyone who signed up, with a phone, their attendance and completion. */
export async function listEnrolments(deps: Deps, v: Viewer, trainingId: string) {
  const t = await findSession(deps.db, trainingId, jobsStaffCommunity(v));
  if (!t) throw notFound('training');
  const rows = await rosterOf(deps.db, trainingId);
  return {
    training: presentTraining(t),
    enrolments: rows.map((e) => ({
      id: e.id,
      resident: e.resident,
      status: e.status,
      queuedAt: e.queuedAt,
      attended: e.attendance.filter((a) => a.present).length,
      absent: e.attendance.filter((a) => !a.present).length,
      completedAt: e.completedAt,
    })),
  };
}
