import type { Prisma } from '@prisma/client';
import type { Viewer } from '../auth/viewer.js';
import { orderScope } from './orders.js';
import { communitiesWith, isAdmin, isStaffOf } from './roles.js';

/**
 * An image is visible to its uploader and to whoever can see the order it is attached to;
 * one WeChat's content check found risky only to the community's staff (and admins),
 * the uploader included no longer.
 */
export function uploadScope(v: Viewer): Prisma.UploadWhereInput {
  const inReach: Prisma.UploadWhereInput = { OR: [{ ownerId: v.userId }, { orderPhoto: { order: orderScope(v) } }] };
  if (isAdmin(v)) return inReach;
  const notRisky: Prisma.UploadWhereInput = { OR: [{ mediaCheck: { is: null } }, { mediaCheck: { verdict: { not: 'risky' } } }] };
  const moderated = communitiesWith(v, ['STAFF']);
  return { AND: [inReach, moderated.length ? { OR: [notRisky, { communityId: { in: moderated } }] } : notRisky] };
}

/** How a photo shows on an order: as usual, flagged (risky, to staff, who decide what to do), or not at all. */
export function photoShownTo(v: Viewer, communityId: string, verdict: string | null): 'shown' | 'flagged' | 'hidden' {
  if (verdict !== 'risky') return 'shown';
  return isStaffOf(v, communityId) ? 'flagged' : 'hidden';
}
