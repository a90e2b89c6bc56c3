// 走访频次: staff set a frequency per 七彩 tag for their community, and one
// household's own (a frequency, or 不需要走访) that wins over its tags'.
import type { HouseholdTagKind } from '@prisma/client';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { notFound } from '../errors.js';
import { isStaffOf, visitsStaffCommunity } from '../policies/index.js';
import { deleteOverride, householdPlace, overridesOf, rulesOf, upsertOverride, upsertRule } from './queries.js';
import { chinaDay, DEFAULT_INTERVALS, intervalsOf, TAG_KINDS, TAG_LABELS } from './rules.js';
import { schedule } from './schedule.js';

export async function visitRules(deps: Deps, v: Viewer, q: { communityId?: string | undefined }) {
  const communityId = visitsStaffCommunity(v, q.communityId);
  const [rules, overrides] = await Promise.all([rulesOf(deps.sql, [communityId]), overridesOf(deps.sql, communityId)]);
  const intervals = intervalsOf(rules);
  return {
    communityId,
    rules: TAG_KINDS.map((tag) => ({ tag, label: TAG_LABELS[tag], intervalDays: intervals[tag], defaultDays: DEFAULT_INTERVALS[tag] })),
    overrides: overrides.map((o) => ({
      householdId: o.householdId,
      building: o.building,
      unit: o.unit,
      room: o.room,
      intervalDays: o.intervalDays === null ? null : Number(o.intervalDays),
      note: o.note ?? null,
      updatedAt: new Date(o.updatedAt),
    })),
  };
}

export async function setVisitRule(deps: Deps, v: Viewer, tag: HouseholdTagKind, body: { intervalDays: number | null; communityId?: string | undefined }) {
  const communityId = visitsStaffCommunity(v, body.communityId);
  await upsertRule(deps.sql, { communityId, tag, intervalDays: body.intervalDays, updatedById: v.userId, at: deps.clock() });
  return visitRules(deps, v, { communityId });
}

async function staffHousehold(deps: Deps, v: Viewer, householdId: string) {
  const h = await householdPlace(deps.sql, householdId, v.userId);
  if (!h || !isStaffOf(v, h.communityId)) throw notFound('household');
  return h;
}

export async function setVisitOverride(deps: Deps, v: Viewer, householdId: string, body: { intervalDays: number | null; note?: string | undefined }) {
  const h = await staffHousehold(deps, v, householdId);
  const now = deps.clock();
  await upsertOverride(deps.sql, { communityId: h.communityId, householdId, intervalDays: body.intervalDays, note: body.note || null, updatedById: v.userId, at: now });
  const [after] = await schedule(deps.sql, { householdIds: [householdId] }, chinaDay(now), { all: true });
  return { householdId, intervalDays: body.intervalDays, note: body.note || null, dueOn: after?.dueOn ?? null };
}

export async function removeVisitOverride(deps: Deps, v: Viewer, householdId: string) {
  await staffHousehold(deps, v, householdId);
  await deleteOverride(deps.sql, householdId);
}
