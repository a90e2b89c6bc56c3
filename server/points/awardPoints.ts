// Staff award points against a rule, to one household or to many at once
// (after a clean-up day). Each household's entry has the reference
// award:<batch>:<household>, so repeating a batch (same Idempotency-Key)
// books nothing twice; a rule's monthly cap is honoured per household.
import { isUniqueViolation, sqlOn } from '../db.js';
import crypto from 'node:crypto';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import { pointsStaffCommunity } from '../policies/index.js';
import { bookEntry } from './ledger.js';
import { periodStart } from './calendar.js';
import type { AwardBody } from './schemas.js';

export interface AwardGrant {
  communityId: string;
  ruleId: string;
  householdIds: string[];
  times: number;
  residentId?: string | null;
  note?: string | null;
  grantedById: string | null;
  /** Identifies the batch; the same batch never books twice. */
  batch: string;
}

export interface AwardResult {
  awarded: Array<{ householdId: string; amount: number }>;
  skipped: Array<{ householdId: string; reason: 'monthly_cap' | 'already_awarded' }>;
}

/**
 * Books the award. Also the hook for other domains (e.g. a completed training
 * awarding points): call it with grantedById of the staff member who recorded it.
 */
export async function awardForRule(deps: Deps, g: AwardGrant): Promise<AwardResult> {
  const now = deps.clock();
  const attempt = () =>
    deps.db.$transaction(async (tx) => {
      const rule = await tx.pointsRule.findFirst({ where: { id: g.ruleId, communityId: g.communityId, active: true } });
      if (!rule) throw badRequest('body.ruleId', 'no such active rule in this community');
      const refs = g.householdIds.map((h) => `award:${g.batch}:${h}`);
      const done = new Set(
        (await tx.pointsEntry.findMany({ where: { reference: { in: refs } }, select: { householdId: true } })).map((e) => e.householdId),
      );
      const earned = new Map<string, number>();
      if (rule.monthlyCap !== null) {
        const sums = await tx.pointsEntry.groupBy({
          by: ['householdId'],
          where: { ruleId: rule.id, kind: 'earn', householdId: { in: g.householdIds }, createdAt: { gte: periodStart(now, 'month') } },
          _sum: { amount: true },
        });
        for (const s of sums) earned.set(s.householdId, s._sum.amount ?? 0);
      }
      const result: AwardResult = { awarded: [], skipped: [] };
      for (const householdId of g.householdIds) {
        if (done.has(householdId)) {
          result.skipped.push({ householdId, reason: 'already_awarded' });
          continue;
        }
        let amount = rule.points * g.times;
        if (rule.monthlyCap !== null) amount = Math.min(amount, rule.monthlyCap - (earned.get(householdId) ?? 0));
        if (amount <= 0) {
          result.skipped.push({ householdId, reason: 'monthly_cap' });
          continue;
        }
        await bookEntry(sqlOn(tx), {
          communityId: g.communityId,
          householdId,
          kind: 'earn',
          amount,
          reason: g.note ? `${rule.name}：${g.note}` : rule.name,
          reference: `award:${g.batch}:${householdId}`,
          at: now,
          ruleId: rule.id,
          residentId: g.residentId ?? null,
          grantedById: g.grantedById,
        });
        result.awarded.push({ householdId, amount });
      }
      return result;
    });
  try {
    return await attempt();
  } catch (e) {
    // the same batch raced itself: the second pass sees the first one's entries
    if (isUniqueViolation(e)) return attempt();
    throw e;
  }
}

export async function awardPoints(deps: Deps, v: Viewer, body: AwardBody, idempotencyKey?: string) {
  const communityId = pointsStaffCommunity(v);
  const ids = [...new Set(body.householdIds)];
  const found = await deps.db.household.findMany({ where: { id: { in: ids }, communityId }, select: { id: true } });
  const known = new Set(found.map((h) => h.id));
  body.householdIds.forEach((h, i) => {
    if (!known.has(h)) throw badRequest(`body.householdIds.${i}`, 'not a household of this community');
  });
  if (body.residentId) {
    if (ids.length !== 1) throw badRequest('body.residentId', 'only with a single household');
    const r = await deps.db.resident.findFirst({ where: { id: body.residentId, householdId: ids[0] } });
    if (!r) throw notFound('body.residentId: resident of that household');
  }
  return awardForRule(deps, {
    communityId,
    ruleId: body.ruleId,
    householdIds: ids,
    times: body.times,
    residentId: body.residentId ?? null,
    note: body.note ?? null,
    grantedById: v.userId,
    batch: idempotencyKey ? `${v.userId}:${idempotencyKey}` : crypto.randomUUID(),
  });
}
