// Staff mark whether someone who registered was hired; a hire goes straight
// into the employment ledger, in the same transaction.
import type { EmploymentStatus, JobKind } from '@prisma/client';
import { EMPLOYMENT_STATUS_LABELS } from '../../shared/words.js';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { notFound } from '../errors.js';
import { recordSituation } from '../employment/index.js';
import { jobsStaffCommunity } from '../policies/index.js';
import { findInterestWithJob, setOutcome } from './queries.js';
import type { OutcomeBody } from './schemas.js';

const STATUS_FOR_KIND: Record<JobKind, EmploymentStatus> = {
  workshop: 'employed_local',
  local: 'employed_local',
  public_welfare: 'public_welfare',
  outbound: 'employed_outbound',
};

export async function recordOutcome(deps: Deps, v: Viewer, jobId: string, interestId: string, body: OutcomeBody) {
  const communityId = jobsStaffCommunity(v);
  const now = deps.clock();
  return deps.db.$transaction(async (tx) => {
    const interest = await findInterestWithJob(tx, interestId, jobId, communityId);
    if (!interest) throw notFound('interest');
    await setOutcome(tx, interest.id, body.outcome, now, v.userId);
    let employment: string | null = null;
    if (body.outcome === 'hired' && body.recordEmployment) {
      const status = STATUS_FOR_KIND[interest.job.kind];
      await recordSituation(
        tx,
        { communityId, householdId: interest.householdId, residentId: interest.residentId, recordedById: v.userId, source: 'hired', at: now },
        { status, employer: interest.job.employer, since: now },
      );
      employment = EMPLOYMENT_STATUS_LABELS[status];
    }
    return { id: interest.id, outcome: body.outcome, employmentRecorded: employment };
  });
}
