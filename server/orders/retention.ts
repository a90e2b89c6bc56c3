// Retention of order photos: a year after the order closed (evaluated or
// cancelled; shared/retention.ts), its photos are deleted. The order, its
// timeline and its figures stay.
import { ORDER_PHOTO_RETENTION_DAYS } from '../../shared/retention.js';
import type { Deps } from '../context.js';
import { join, sql } from '../sql.js';
import { forgetUploads } from '../uploads/index.js';

export async function forgetOldOrderPhotos(deps: Pick<Deps, 'db' | 'sql' | 'storage' | 'clock'>, batch = 200): Promise<number> {
  const before = new Date(deps.clock().getTime() - ORDER_PHOTO_RETENTION_DAYS * 86_400_000);
  let total = 0;
  for (;;) {
    const rows = await deps.sql.all<{ id: string; uploadId: string }>(sql`
      SELECT p.id, p."uploadId" FROM "OrderPhoto" p JOIN "Order" o ON o.id = p."orderId"
      WHERE o."closedAt" IS NOT NULL AND o."closedAt" < ${before} AND o.status IN ('closed', 'cancelled')
      ORDER BY p.id LIMIT ${batch}`);
    if (!rows.length) return total;
    await deps.sql.run(sql`DELETE FROM "OrderPhoto" WHERE id IN (${join(rows.map((r) => r.id))})`);
    total += await forgetUploads(deps, rows.map((r) => r.uploadId));
    if (rows.length < batch) return total;
  }
}
