import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { notFound } from '../errors.js';
import { jobsStaffCommunity } from '../policies/index.js';
import { awardForRule, dayLabel } from '../points/index.js';
import { completeEnrolments, findSession } from './queries.js';
import { enrolmentsByResident } from './recordAttendance.js';

/** The points rule a completed course earns, if the community has it (server/points). */
export const TRAINING_COMPLETED_RULE = 'training_completed';

/**
 * Completion, and the points it earns where the community has a
 * `training_completed` rule. Completing someone twice awards nothing twice.
 */
export async function completeTraining(deps: Deps, v: Viewer, trainingId: string, residentIds: string[]) {
  const communityId = jobsStaffCommunity(v);
  const now = deps.clock();
  const completed = await deps.db.$transaction(async (tx) => {
    if (!(await findSession(tx, trainingId, communityId))) throw notFound('training');
    const byResident = await enrolmentsByResident(tx, trainingId, residentIds, 'body.residentIds');
    const fresh = [...byResident.values()].filter((e) => e.status === 'enrolled');
    await completeEnrolments(tx, fresh.map((e) => e.id), now);
    return [...byResident.values()];
  });
  const rule = await deps.db.pointsRule.findUnique({ where: { communityId_code: { communityId, code: TRAINING_COMPLETED_RULE } } });
  let pointsAwarded = 0;
  if (rule?.active) {
    // one batch per course: each household is paid once per course, however often this is called
    const result = await awardForRule(deps, {
      communityId,
      ruleId: rule.id,
      householdIds: [...new Set(completed.map((e) => e.householdId))],
      times: 1,
      note: `${dayLabel(now)} 结业`,
      grantedById: v.userId,
      batch: `training:${trainingId}`,
    });
    pointsAwarded = result.awarded.reduce((s, a) => s + a.amount, 0);
  }
  return { completed: completed.length, pointsAwarded };
}
