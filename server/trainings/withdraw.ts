import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { AppError, forbidden } from '../errors.js';
import { trainingInCommunity } from './enrol.js';
import { enrolmentOf, firstInLine, freeSeat, takeSeat, updateEnrolment } from './queries.js';

/** Leaving frees the seat for the first on the waiting list. */
export async function withdraw(deps: Deps, v: Viewer, trainingId: string) {
  const me = v.resident;
  if (!me) throw forbidden('this account is not linked to a household yet');
  const now = deps.clock();
  return deps.db.$transaction(async (tx) => {
    const t = await trainingInCommunity(tx, v, trainingId);
    const e = await enrolmentOf(tx, trainingId, me.id);
    if (!e || (e.status !== 'enrolled' && e.status !== 'waitlisted')) throw new AppError('invalid_transition', 'you are not enrolled in this course');
    await updateEnrolment(tx, e.id, { status: 'withdrawn', updatedAt: now });
    let promoted: string | null = null;
    if (e.status === 'enrolled') {
      await freeSeat(tx, t.id);
      const next = await firstInLine(tx, trainingId);
      if (next && (await takeSeat(tx, t))) {
        await updateEnrolment(tx, next.id, { status: 'enrolled', updatedAt: now });
        promoted = next.residentId;
      }
    }
    return { withdrawn: true as const, promotedResidentId: promoted };
  });
}
