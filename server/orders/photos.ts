import type { DbTx } from '../db.js';
import { badRequest } from '../errors.js';

/** Attaches the caller's own, not yet used uploads to an order event; anything else is a 400 naming the photo. */
export async function attachPhotos(
  tx: DbTx,
  p: { uploadIds: string[]; ownerId: string; communityId: string; orderId: string; eventId: string; at: Date },
) {
  if (!p.uploadIds.length) return;
  const seen = new Set<string>();
  p.uploadIds.forEach((id, i) => {
    if (seen.has(id)) throw badRequest(`body.photos.${i}`, 'listed twice');
    seen.add(id);
  });
  const usable = await tx.upload.findMany({
    where: { id: { in: p.uploadIds }, ownerId: p.ownerId, communityId: p.communityId, orderPhoto: null },
    select: { id: true },
  });
  const ok = new Set(usable.map((u) => u.id));
  p.uploadIds.forEach((id, i) => {
    if (!ok.has(id)) throw badRequest(`body.photos.${i}`, 'not a photo you uploaded, or already attached');
  });
  await tx.orderPhoto.createMany({
    data: p.uploadIds.map((uploadId) => ({
      uploadId,
      orderId: p.orderId,
      eventId: p.eventId,
      communityId: p.communityId,
      createdAt: p.at,
    })),
  });
}
