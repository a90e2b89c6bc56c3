// 党组织评单's deadline, per community (社区设置 → 评单时限). The value lives in the
// orders folder's own OrderSettings table rather than with the other 社区设置: the
// orders folder owns every deadline of the flow (sla.ts) and the sweeper and digest
// that enforce them, so it reads the value from its own table without asking another
// folder; the settings page edits it through these routes. No row: REVIEW_DEADLINE_DAYS.
// Set by the community's administrators (policies/settings.ts); every change is in the
// audit log with the value before and after.
import type { Viewer } from '../auth/index.js';
import { historyOf, recordAdminChange } from '../audit/index.js';
import type { Deps } from '../context.js';
import { settingsCommunity } from '../categories/index.js';
import type { DbTx } from '../db.js';
import { forbidden } from '../errors.js';
import { mayEditReviewDeadline } from '../policies/index.js';
import { REVIEW_DEADLINE_DEFAULTS, type ReviewDeadlineBody, type ReviewDeadlineQuery } from './reviewDeadlineSchemas.js';
import { REVIEW_DEADLINE_DAYS } from './sla.js';

const AUDIT_TARGET = 'order_settings';

/** One community's 评单 deadline in days. */
export async function reviewDeadlineDaysOf(db: DbTx, communityId: string): Promise<number> {
  return (await db.orderSettings.findUnique({ where: { communityId }, select: { reviewDeadlineDays: true } }))?.reviewDeadlineDays ?? REVIEW_DEADLINE_DAYS;
}

/** Each community's 评单 deadline, for presenting many orders at once (one query). */
export async function reviewDaysLookup(db: DbTx): Promise<(communityId: string) => number> {
  const days = new Map<string, number>();
  for (const [d, ids] of await reviewDeadlineGroups(db)) for (const id of ids) days.set(id, d);
  return (communityId) => days.get(communityId) ?? REVIEW_DEADLINE_DAYS;
}

/**
 * The communities whose deadline is not the default, grouped by their deadline (a handful of
 * values at most): the sweeper asks one condition per group, and the default for the rest.
 */
export async function reviewDeadlineGroups(db: DbTx): Promise<Map<number, string[]>> {
  const rows = await db.orderSettings.findMany({ where: { reviewDeadlineDays: { not: REVIEW_DEADLINE_DAYS } }, select: { communityId: true, reviewDeadlineDays: true } });
  const groups = new Map<number, string[]>();
  for (const r of rows) groups.set(r.reviewDeadlineDays, [...(groups.get(r.reviewDeadlineDays) ?? []), r.communityId]);
  return groups;
}

async function answer(deps: Deps, v: Viewer, communityId: string, db: DbTx = deps.db) {
  return {
    communityId,
    reviewDeadlineDays: await reviewDeadlineDaysOf(db, communityId),
    ...REVIEW_DEADLINE_DEFAULTS,
    editable: mayEditReviewDeadline(v, communityId),
    history: await historyOf(db, { communityId, targetTypes: [AUDIT_TARGET], take: 20 }),
  };
}

export async function getReviewDeadline(deps: Deps, v: Viewer, q: ReviewDeadlineQuery) {
  return answer(deps, v, await settingsCommunity(deps, v, q.communityId, 'query.communityId'));
}

export async function setReviewDeadline(deps: Deps, v: Viewer, body: ReviewDeadlineBody) {
  const communityId = await settingsCommunity(deps, v, body.communityId, 'body.communityId');
  if (!mayEditReviewDeadline(v, communityId)) throw forbidden("only the community's administrators change the 评单 deadline");
  const now = deps.clock();
  return deps.db.$transaction(async (tx) => {
    const before = await reviewDeadlineDaysOf(tx, communityId);
    if (before !== body.reviewDeadlineDays) {
      const days = body.reviewDeadlineDays;
      await tx.orderSettings.upsert({ where: { communityId }, create: { communityId, reviewDeadlineDays: days, updatedAt: now }, update: { reviewDeadlineDays: days, updatedAt: now } });
      await recordAdminChange(tx, {
        actor: v,
        action: 'order_settings.review_deadline',
        at: now,
        target: { type: AUDIT_TARGET, id: communityId, communityId },
        before: { reviewDeadlineDays: before },
        after: { reviewDeadlineDays: days },
      });
    }
    return answer(deps, v, communityId, tx);
  });
}
