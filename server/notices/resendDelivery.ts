// Staff send one group's post again: a plain failure (the channel said no) at a word,
// a group whose earlier send was interrupted (可能已发出) only when staff confirm they
// know it may get the post twice.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { deliveryProgress, findManaged } from './manageNotices.js';
import type { ResendDeliveryBody } from './schemas.js';

export async function resendDelivery(deps: Deps, viewer: Viewer, noticeId: string, deliveryId: string, body: ResendDeliveryBody) {
  const n = await findManaged(deps, viewer, noticeId);
  if (n.cancelledAt) throw new AppError('invalid_transition', 'the notice is withdrawn', undefined, 'withdrawn');
  const d = await deps.db.noticeDelivery.findFirst({ where: { id: deliveryId, noticeId }, select: { status: true } });
  if (!d) throw notFound('delivery');
  if (d.status === 'possibly_sent' && body.confirmPossiblyPosted !== true) {
    throw new AppError(
      'conflict',
      'this group may have got the notice already (its send was interrupted before the outcome was recorded); look in the group, then send again with confirmPossiblyPosted: true',
      [{ path: 'body.confirmPossiblyPosted', message: 'must be true to send to a group that may have got the notice' }],
      'possibly_posted',
    );
  }
  if (d.status !== 'failed' && d.status !== 'possibly_sent') {
    throw new AppError('invalid_transition', `this group's post is ${d.status}: only a failed or possibly sent one is sent again`, undefined, 'not_resendable');
  }
  const now = deps.clock();
  // guarded by the state read above: a resend racing another changes nothing twice
  const r = await deps.db.noticeDelivery.updateMany({
    where: { id: deliveryId, noticeId, status: d.status },
    data: { status: 'pending', attempts: 0, lastError: null, attemptStartedAt: null, claimedBy: null, claimedUntil: null, nextAttemptAt: now, updatedAt: now },
  });
  if (!r.count) throw new AppError('conflict', "this group's post changed meanwhile; look again", undefined, 'changed');
  deps.logger.info({ noticeId, deliveryId, was: d.status }, 'group post queued again by staff');
  deps.events.emit('notice.queued', { noticeId, communityId: n.communityId, sendAt: now });
  return deliveryProgress(deps, viewer, noticeId);
}
