import type { Prisma } from '@prisma/client';
import type { Viewer } from '../auth/viewer.js';
import { orderScope } from './orders.js';

/** An image is visible to its uploader and to whoever can see the order it is attached to. */
export function uploadScope(v: Viewer): Prisma.UploadWhereInput {
  return { OR: [{ ownerId: v.userId }, { orderPhoto: { order: orderScope(v) } }] };
}
