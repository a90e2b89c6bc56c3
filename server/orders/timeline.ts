import type { OrderAction, OrderStatus } from '@prisma/client';
import { newId } from '../ids.js';
import { sql, type SqlClient } from '../sql.js';

export interface OrderEventInput {
  communityId: string;
  orderId: string;
  actorId: string | null;
  action: OrderAction;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus;
  at: Date;
  note?: string | null | undefined;
  rating?: number | undefined;
  satisfied?: boolean | undefined;
  assigneeId?: string | undefined;
}

/** One step on an order's timeline; its id. In SQL, for filing (server/sql.ts) and the other steps (sqlOn(tx)) alike. */
export async function recordOrderEvent(tx: SqlClient, e: OrderEventInput): Promise<string> {
  const id = newId();
  await tx.run(sql`
    INSERT INTO "OrderEvent" (id, "communityId", "orderId", "actorId", action, "fromStatus", "toStatus", note, rating, satisfied, "assigneeId", "createdAt")
    VALUES (${id}, ${e.communityId}, ${e.orderId}, ${e.actorId}, ${e.action}, ${e.fromStatus}, ${e.toStatus}, ${e.note ?? null},
            ${e.rating ?? null}, ${e.satisfied ?? null}, ${e.assigneeId ?? null}, ${e.at})`);
  return id;
}
