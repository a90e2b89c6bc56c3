// The service-level sweeper: every order past a deadline gets one escalation
// per missed deadline, on its timeline and as an `order.escalated` event.
// Safe to run as often as wanted, and on several instances: the unique key
// (orderId, stage, dueAt) lets exactly one insert win (queries.ts raiseEscalation).
//
// A sweep reads at most BATCH orders, and only orders with a missed deadline that
// has no escalation yet (NOT EXISTS on Escalation, answered by that unique index):
// overdue orders escalated long ago, however many, never fill the batch and hide
// one that has just gone overdue. A bigger wave than BATCH is taken over the next
// sweeps, oldest deadline first.
import type { Order } from '@prisma/client';
import type { Deps } from '../context.js';
import { join, raw, sql } from '../sql.js';
import { raiseEscalation } from './queries.js';
import { AWAITING_CLAIM, overdueFlags, UNRESOLVED } from './sla.js';

const BATCH = 500;

/** Orders past a deadline of theirs that has not been escalated: the oldest `batch`, by response deadline. */
async function unescalated(deps: Deps, now: Date): Promise<string[]> {
  const query = sql`
    SELECT o.id FROM "Order" o
    WHERE (o.status IN (${join(AWAITING_CLAIM)}) AND o."responseDueAt" < ${now}
           AND NOT EXISTS (SELECT 1 FROM "Escalation" x WHERE x."orderId" = o.id AND x.stage = 'response' AND x."dueAt" = o."responseDueAt"))
       OR (o.status IN (${join(UNRESOLVED)}) AND o."resolveDueAt" < ${now}
           AND NOT EXISTS (SELECT 1 FROM "Escalation" x WHERE x."orderId" = o.id AND x.stage = 'resolution' AND x."dueAt" = o."resolveDueAt"))
    ORDER BY o."responseDueAt", o.id
    LIMIT ${raw(String(BATCH))}`;
  return (await deps.sql.all<{ id: string }>(query)).map((r) => r.id);
}

export async function escalateOverdueOrders(deps: Deps): Promise<number> {
  const now = deps.clock();
  const ids = await unescalated(deps, now);
  if (!ids.length) return 0;
  const candidates = await deps.sql.all<Pick<Order, 'id' | 'communityId' | 'gridId' | 'status' | 'urgency' | 'responseDueAt' | 'resolveDueAt'>>(sql`
    SELECT id, "communityId", "gridId", status, urgency, "responseDueAt", "resolveDueAt" FROM "Order"
    WHERE id IN (${join(ids)}) ORDER BY "responseDueAt", id`);
  let raised = 0;
  for (const o of candidates) {
    const flags = overdueFlags(o, now);
    const due: Array<{ stage: 'response' | 'resolution'; dueAt: Date }> = [];
    if (flags.response && AWAITING_CLAIM.includes(o.status)) due.push({ stage: 'response', dueAt: o.responseDueAt });
    if (flags.resolution) due.push({ stage: 'resolution', dueAt: o.resolveDueAt });
    for (const d of due) {
      const note = d.stage === 'response' ? '超时未接单，已上报社区' : '超时未办结，已上报社区';
      if (!(await raiseEscalation(deps.sql, o, d.stage, d.dueAt, note, now))) continue; // raced: already raised
      raised++;
      deps.events.emit('order.escalated', {
        orderId: o.id,
        communityId: o.communityId,
        gridId: o.gridId,
        stage: d.stage,
        dueAt: d.dueAt,
        urgency: o.urgency,
      });
    }
  }
  return raised;
}
