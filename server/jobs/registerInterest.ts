// One tap: "我有意向". Staff see who registered, call them, and mark the outcome.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { presentInterest } from './presenter.js';
import { findPosting, upsertInterest } from './queries.js';

export async function registerInterest(deps: Deps, v: Viewer, jobId: string) {
  const me = v.resident;
  if (!me) throw forbidden('this account is not linked to a household yet');
  const job = await findPosting(deps.db, jobId, me.communityId);
  if (!job) throw notFound('job');
  const now = deps.clock();
  if (job.status !== 'open' || (job.deadline && job.deadline < now)) throw new AppError('invalid_transition', 'this posting is closed');
  // a second tap is not an error: the interest is already there
  const interest = await upsertInterest(deps.db, { communityId: me.communityId, jobId, residentId: me.id, householdId: me.householdId, createdAt: now });
  return presentInterest(interest);
}
