// The service-level sweeper: every order past a deadline gets one escalation
// per missed deadline, on its timeline and as an `order.escalated` event.
// Safe to run as often as wanted, and on several instances: the unique key
// (orderId, stage, dueAt) lets exactly one insert win (queries.ts raiseEscalation).
//
// The deadlines: claim (`response`; 10 minutes for an emergency), resolve
// (`resolution`), an emergency still unclaimed 10 minutes after its claim
// deadline (`response_second`: 20 minutes in, the community's leaders are told),
// and the party branch's review of a resolution (`review`, 党组织评单, within its
// community's deadline: reviewDeadline.ts). Whom each
// alerts is server/notices/escalationAlerts.ts, which follows the event.
//
// A sweep reads at most BATCH orders, and only orders with a missed deadline that
// has no escalation yet (NOT EXISTS on Escalation, answered by that unique index):
// overdue orders escalated long ago, however many, never fill the batch and hide
// one that has just gone overdue. A bigger wave than BATCH is taken over the next
// sweeps, oldest deadline first.
import type { EscalationStage, Order } from '@prisma/client';
import type { Deps } from '../context.js';
import { join, raw, sql, type SqlQuery } from '../sql.js';
import { raiseEscalation } from './queries.js';
import { reviewDeadlineGroups } from './reviewDeadline.js';
import {
  AWAITING_CLAIM,
  EMERGENCY_SECOND_ALERT_MINUTES,
  overdueFlags,
  REVIEW_DEADLINE_DAYS,
  reviewDueAt,
  secondAlertDueAt,
  UNRESOLVED,
} from './sla.js';

const BATCH = 500;

/** The note each stage leaves on the order's timeline (who was alerted follows as its own entry); `days`: the community's 评单 deadline. */
const NOTES: Record<EscalationStage, (days: number) => string> = {
  response: () => '超时未接单，已上报社区',
  resolution: () => '超时未办结，已上报社区',
  response_second: () => '紧急工单20分钟仍无人接单，已上报社区领导',
  review: (days) => `办结${days}天仍未评单，已提醒党组织和社区干部`,
};

/**
 * A later stage (the 20-minute alert, a late 评单) whose deadline passed longer ago than this is not
 * raised: after an outage, or when the feature first runs on years of orders, alerting people about
 * a day-old deadline would be noise. The overdue lists and the 08:30 digest still show those orders.
 */
const LATER_STAGES_WITHIN_MS = 24 * 60 * 60_000;

/** Orders past a deadline of theirs that has not been escalated: the oldest `batch`, by response deadline. */
async function unescalated(deps: Deps, now: Date): Promise<string[]> {
  // the later stages are keyed on the deadline they follow: an escalation raised after that deadline
  // (x.dueAt later than it) is this round's; a reopened or re-resolved order starts a new round
  const secondAlertCutoff = new Date(now.getTime() - EMERGENCY_SECOND_ALERT_MINUTES * 60_000);
  const query = sql`
    SELECT o.id FROM "Order" o
    WHERE (o.status IN (${join(AWAITING_CLAIM)}) AND o."responseDueAt" < ${now}
           AND NOT EXISTS (SELECT 1 FROM "Escalation" x WHERE x."orderId" = o.id AND x.stage = 'response' AND x."dueAt" = o."responseDueAt"))
       OR (o.status IN (${join(UNRESOLVED)}) AND o."resolveDueAt" < ${now}
           AND NOT EXISTS (SELECT 1 FROM "Escalation" x WHERE x."orderId" = o.id AND x.stage = 'resolution' AND x."dueAt" = o."resolveDueAt"))
       OR (o.status IN (${join(AWAITING_CLAIM)}) AND o.urgency = 'emergency'
           AND o."responseDueAt" < ${secondAlertCutoff} AND o."responseDueAt" >= ${new Date(secondAlertCutoff.getTime() - LATER_STAGES_WITHIN_MS)}
           AND NOT EXISTS (SELECT 1 FROM "Escalation" x WHERE x."orderId" = o.id AND x.stage = 'response_second' AND x."dueAt" > o."responseDueAt"))
    ORDER BY o."responseDueAt", o.id
    LIMIT ${raw(String(BATCH))}`;
  return (await deps.sql.all<{ id: string }>(query)).map((r) => r.id);
}

/**
 * Resolutions the party branch has not reviewed in time and that have no escalation for it: a batch of
 * their own, read after the deadlines above, so a day of late reviews never delays an emergency.
 */
async function unreviewed(deps: Deps, now: Date, groups: Map<number, string[]>): Promise<string[]> {
  // each community's own deadline: one arm per deadline some communities set, the default for the others
  const late = (days: number) => {
    const cutoff = new Date(now.getTime() - days * 24 * 60 * 60_000);
    return sql`o."resolvedAt" < ${cutoff} AND o."resolvedAt" >= ${new Date(cutoff.getTime() - LATER_STAGES_WITHIN_MS)}`;
  };
  const own = [...groups.values()].flat();
  const arms: SqlQuery[] = [...groups].map(([days, ids]) => sql`(o."communityId" IN (${join(ids)}) AND ${late(days)})`);
  arms.push(own.length ? sql`(o."communityId" NOT IN (${join(own)}) AND ${late(REVIEW_DEADLINE_DAYS)})` : sql`(${late(REVIEW_DEADLINE_DAYS)})`);
  const query = sql`
    SELECT o.id FROM "Order" o
    WHERE o.status = 'resolved' AND (${join(arms, ' OR ')})
      AND NOT EXISTS (SELECT 1 FROM "Escalation" x WHERE x."orderId" = o.id AND x.stage = 'review' AND x."dueAt" > o."resolvedAt")
    ORDER BY o."resolvedAt", o.id
    LIMIT ${raw(String(BATCH))}`;
  return (await deps.sql.all<{ id: string }>(query)).map((r) => r.id);
}

export async function escalateOverdueOrders(deps: Deps): Promise<number> {
  const now = deps.clock();
  const groups = await reviewDeadlineGroups(deps.db);
  const reviewDays = new Map([...groups].flatMap(([days, ids]) => ids.map((id) => [id, days] as const)));
  const daysOf = (communityId: string) => reviewDays.get(communityId) ?? REVIEW_DEADLINE_DAYS;
  const ids = [...new Set([...(await unescalated(deps, now)), ...(await unreviewed(deps, now, groups))])];
  if (!ids.length) return 0;
  const candidates = await deps.sql.all<Pick<Order, 'id' | 'communityId' | 'gridId' | 'status' | 'urgency' | 'responseDueAt' | 'resolveDueAt' | 'resolvedAt'>>(sql`
    SELECT id, "communityId", "gridId", status, urgency, "responseDueAt", "resolveDueAt", "resolvedAt" FROM "Order"
    WHERE id IN (${join(ids)})`);
  // the deadlines first, oldest first; the late reviews after them
  const rank = new Map(ids.map((id, i) => [id, i]));
  candidates.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
  let raised = 0;
  for (const o of candidates) {
    const days = daysOf(o.communityId);
    const flags = overdueFlags(o, now, days);
    const due: Array<{ stage: EscalationStage; dueAt: Date }> = [];
    if (flags.response) due.push({ stage: 'response', dueAt: o.responseDueAt });
    const recent = (dueAt: Date) => now.getTime() - dueAt.getTime() <= LATER_STAGES_WITHIN_MS;
    if (flags.secondAlert && recent(secondAlertDueAt(o.responseDueAt))) due.push({ stage: 'response_second', dueAt: secondAlertDueAt(o.responseDueAt) });
    if (flags.resolution) due.push({ stage: 'resolution', dueAt: o.resolveDueAt });
    if (flags.review && o.resolvedAt && recent(reviewDueAt(o.resolvedAt, days))) due.push({ stage: 'review', dueAt: reviewDueAt(o.resolvedAt, days) });
    for (const d of due) {
      if (!(await raiseEscalation(deps.sql, o, d.stage, d.dueAt, NOTES[d.stage](days), now))) continue; // raced: already raised
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
