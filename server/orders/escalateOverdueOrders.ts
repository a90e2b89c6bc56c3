// The service-level sweeper: every order past a deadline gets one escalation
// per missed deadline, on its timeline and as an `order.escalated` event.
// Safe to run as often as wanted, and on several instances: the unique key
// (orderId, stage, dueAt) lets exactly one insert win.
import { isUniqueViolation } from '../db.js';
import type { Deps } from '../context.js';
import { AWAITING_CLAIM, overdueFlags, overdueWhere } from './sla.js';

const BATCH = 500;

export async function escalateOverdueOrders(deps: Deps): Promise<number> {
  const now = deps.clock();
  const candidates = await deps.db.order.findMany({
    where: overdueWhere(now),
    select: {
      id: true,
      communityId: true,
      gridId: true,
      status: true,
      urgency: true,
      responseDueAt: true,
      resolveDueAt: true,
      escalations: { select: { stage: true, dueAt: true } },
    },
    orderBy: { responseDueAt: 'asc' },
    take: BATCH,
  });
  let raised = 0;
  for (const o of candidates) {
    const flags = overdueFlags(o, now);
    const due: Array<{ stage: 'response' | 'resolution'; dueAt: Date }> = [];
    if (flags.response && AWAITING_CLAIM.includes(o.status)) due.push({ stage: 'response', dueAt: o.responseDueAt });
    if (flags.resolution) due.push({ stage: 'resolution', dueAt: o.resolveDueAt });
    for (const d of due) {
      if (o.escalations.some((e) => e.stage === d.stage && e.dueAt.getTime() === d.dueAt.getTime())) continue;
      try {
        await deps.db.$transaction([
          deps.db.escalation.create({
            data: { communityId: o.communityId, orderId: o.id, stage: d.stage, dueAt: d.dueAt, raisedAt: now },
          }),
          deps.db.orderEvent.create({
            data: {
              communityId: o.communityId,
              orderId: o.id,
              actorId: null,
              action: 'escalate',
              fromStatus: o.status,
              toStatus: o.status,
              note: d.stage === 'response' ? '超时未接单，已上报社区' : '超时未办结，已上报社区',
              createdAt: now,
            },
          }),
        ]);
      } catch (e) {
        if (isUniqueViolation(e)) continue; // raced: already raised
        throw e;
      }
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
