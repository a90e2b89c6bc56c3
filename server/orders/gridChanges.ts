// Orders follow the grids: a building moved to another grid takes its open orders
// along, and a grid worker who steps down hands theirs back to the community.
// Both run inside the caller's transaction (the move, the removal), on SQL written
// once for both databases (sqlOn(tx) in the caller).
import type { OrderStatus } from '@prisma/client';
import { join, sql, type SqlClient } from '../sql.js';
import { recordOrderEvent } from './queries.js';

/**
 * Work still to do: not yet resolved, closed or cancelled (a resolved order waits only for the
 * resident and the reviewer). 待补充 (awaiting_info) too: it waits for the resident's answer and
 * then goes back to one of the others, in the grid and with the worker it has then.
 */
const OPEN: OrderStatus[] = ['submitted', 'dispatched', 'accepted', 'reopened', 'awaiting_info'];

/** The worker an order of this grid is suggested to: the longest-serving one, as filing picks (submitOrder). */
const firstWorkerOf = (gridId: string) => sql`(SELECT ur."userId" FROM "UserRole" ur WHERE ur.role = 'GRID_WORKER' AND ur."gridId" = ${gridId}
   ORDER BY ur."createdAt", ur.id LIMIT 1)`;

/**
 * A building moved to `toGridId`: its open orders move with it, so the new grid's worker
 * sees them and is suggested for them; an order already with a worker stays with them
 * (their assignment keeps it in their hands; staff may re-dispatch it). The number moved.
 */
export async function moveBuildingOrders(tx: SqlClient, p: { buildingId: string; toGridId: string; now: Date }): Promise<number> {
  return tx.run(sql`
    UPDATE "Order" SET "gridId" = ${p.toGridId}, "suggestedAssigneeId" = ${firstWorkerOf(p.toGridId)}, "updatedAt" = ${p.now}
    WHERE "buildingId" = ${p.buildingId} AND status IN (${join(OPEN)})`);
}

/**
 * A grid worker's role for `gridId` was removed (call it after the role is gone): the
 * orders of that grid in their hands go back to 待派单 with a line on each timeline, and
 * the grid's orders that suggested them now suggest the grid's next worker (or nobody).
 * Otherwise their assignment would keep letting them see and act on those orders.
 *
 * One waiting for the resident's answer (待补充) keeps waiting, the question still open,
 * but with nobody assigned and as if asked before dispatch (pausedFrom 'submitted'): the
 * grid's workers and staff see it, and the answer takes it to 待派单 rather than back to
 * the departed worker (the state an order asked about before dispatch is in).
 */
export async function returnOrdersOfWorker(
  tx: SqlClient,
  p: { userId: string; gridId: string; actorId: string; now: Date },
): Promise<number> {
  const held = await tx.all<{ id: string; communityId: string; status: OrderStatus }>(sql`
    SELECT id, "communityId", status FROM "Order"
    WHERE "assigneeId" = ${p.userId} AND "gridId" = ${p.gridId} AND status IN ('dispatched', 'accepted', 'reopened', 'awaiting_info')`);
  for (const o of held) {
    const waiting = o.status === 'awaiting_info';
    const changed = await tx.run(
      waiting
        ? sql`
      UPDATE "Order" SET "pausedFrom" = 'submitted', "assigneeId" = NULL, "dispatchedAt" = NULL, "claimedAt" = NULL, "updatedAt" = ${p.now}
      WHERE id = ${o.id} AND status = 'awaiting_info' AND "assigneeId" = ${p.userId}`
        : sql`
      UPDATE "Order" SET status = 'submitted', "assigneeId" = NULL, "dispatchedAt" = NULL, "claimedAt" = NULL, "updatedAt" = ${p.now}
      WHERE id = ${o.id} AND status = ${o.status}`,
    );
    if (changed !== 1) continue;
    await recordOrderEvent(tx, {
      communityId: o.communityId,
      orderId: o.id,
      actorId: p.actorId,
      action: 'reopen',
      fromStatus: o.status,
      toStatus: waiting ? 'awaiting_info' : 'submitted',
      note: waiting ? '原网格员已不再负责本网格，居民补充信息后工单退回社区重新派单' : '原网格员已不再负责本网格，工单退回社区重新派单',
      at: p.now,
    });
  }
  await tx.run(sql`
    UPDATE "Order" SET "suggestedAssigneeId" = ${firstWorkerOf(p.gridId)}, "updatedAt" = ${p.now}
    WHERE "gridId" = ${p.gridId} AND "suggestedAssigneeId" = ${p.userId} AND status IN (${join(OPEN)})`);
  return held.length;
}

/** A grid got a worker: its open orders that had nobody to suggest now suggest the grid's worker. */
export async function suggestWorkerWhereNone(tx: SqlClient, p: { gridId: string; now: Date }): Promise<number> {
  return tx.run(sql`
    UPDATE "Order" SET "suggestedAssigneeId" = ${firstWorkerOf(p.gridId)}, "updatedAt" = ${p.now}
    WHERE "gridId" = ${p.gridId} AND "suggestedAssigneeId" IS NULL AND status IN (${join(OPEN)})`);
}
