import { badRequest } from '../errors.js';
import { newId } from '../ids.js';
import { join, sql, type SqlClient } from '../sql.js';

/**
 * Attaches the caller's own, not yet used uploads to an order event; anything
 * else is a 400 naming the photo. In SQL, so that filing an order (server/sql.ts)
 * and the Prisma transactions of the other steps (sqlOn(tx)) share it.
 */
export async function attachPhotos(
  tx: SqlClient,
  p: { uploadIds: string[]; ownerId: string; communityId: string; orderId: string; eventId: string; at: Date },
) {
  if (!p.uploadIds.length) return;
  const seen = new Set<string>();
  p.uploadIds.forEach((id, i) => {
    if (seen.has(id)) throw badRequest(`body.photos.${i}`, 'listed twice');
    seen.add(id);
  });
  const usable = await tx.all<{ id: string }>(sql`
    SELECT u.id FROM "Upload" u
    WHERE u.id IN (${join(p.uploadIds)}) AND u."ownerId" = ${p.ownerId} AND u."communityId" = ${p.communityId}
      AND NOT EXISTS (SELECT 1 FROM "OrderPhoto" op WHERE op."uploadId" = u.id)`);
  const ok = new Set(usable.map((u) => u.id));
  p.uploadIds.forEach((id, i) => {
    if (!ok.has(id)) throw badRequest(`body.photos.${i}`, 'not a photo you uploaded, or already attached');
  });
  for (const uploadId of p.uploadIds) {
    await tx.run(sql`
      INSERT INTO "OrderPhoto" (id, "communityId", "orderId", "eventId", "uploadId", "createdAt")
      VALUES (${newId()}, ${p.communityId}, ${p.orderId}, ${p.eventId}, ${uploadId}, ${p.at})`);
  }
}
