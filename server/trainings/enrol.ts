// Residents enrol up to capacity, then onto a waiting list that moves up when
// someone withdraws (withdraw.ts).
import type { Enrolment } from '@prisma/client';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import type { DbTx } from '../db.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { homeCommunity } from '../policies/index.js';
import { presentEnrolment } from './presenter.js';
import { enrolmentOf, findSession, insertEnrolment, takeSeat, updateEnrolment, waitlistPosition } from './queries.js';

/** A course of the viewer's community, inside the transaction; another community's is not found. */
export async function trainingInCommunity(tx: DbTx, v: Viewer, id: string) {
  const t = await findSession(tx, id, homeCommunity(v) ?? '');
  if (!t) throw notFound('training');
  return t;
}

const present = async (tx: DbTx, e: Enrolment) => presentEnrolment(e, e.status === 'waitlisted' ? await waitlistPosition(tx, e) : null);

/** `created`: false when the resident had signed up already (the answer is then what the first tap did). */
export async function enrol(deps: Deps, v: Viewer, trainingId: string, waitlist: boolean) {
  const me = v.resident;
  if (!me) throw forbidden('this account is not linked to a household yet');
  const now = deps.clock();
  return deps.db.$transaction(async (tx) => {
    const t = await trainingInCommunity(tx, v, trainingId);
    if (t.status !== 'open' || t.signupDeadline < now) throw new AppError('invalid_transition', 'sign-up for this course has closed', undefined, 'signup_closed');
    const existing = await enrolmentOf(tx, trainingId, me.id);
    // a second tap answers with what the first one did
    if (existing && existing.status !== 'withdrawn') return { created: false, enrolment: await present(tx, existing) };
    const seated = await takeSeat(tx, t);
    if (!seated && !waitlist) {
      throw new AppError('conflict', 'full: every seat is taken; ask to join the waiting list (waitlist: true)', undefined, 'full');
    }
    const data = { status: seated ? ('enrolled' as const) : ('waitlisted' as const), queuedAt: now, updatedAt: now };
    const e = existing
      ? await updateEnrolment(tx, existing.id, data)
      : await insertEnrolment(tx, { ...data, communityId: t.communityId, trainingId, residentId: me.id, householdId: me.householdId, createdAt: now });
    return { created: true, enrolment: await present(tx, e) };
  });
}
