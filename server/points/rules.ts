// What earns points in a community. Adding, changing and retiring a rule is in the audit
// log (#19 item 5), written in the change's own transaction; awards are in the ledger.
import type { PointsRule } from '@prisma/client';
import { recordAdminChange } from '../audit/index.js';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { canManagePoints, homeCommunity, pointsStaffCommunity } from '../policies/index.js';
import { presentRule } from './presenter.js';
import type { CreateRuleBody, UpdateRuleBody } from './schemas.js';

/** Everyone in a community may read its rules: residents want to know how to earn (staff see retired ones too). */
export async function listRules(deps: Deps, v: Viewer) {
  const communityId = homeCommunity(v);
  if (!communityId) return [];
  const rules = await deps.db.pointsRule.findMany({
    where: { communityId, ...(canManagePoints(v, communityId) ? {} : { active: true }) },
    orderBy: { createdAt: 'asc' },
  });
  return rules.map(presentRule);
}

/** What an audit entry records of a rule: its own settings, nothing about households. */
const auditedRule = (r: Pick<PointsRule, 'code' | 'name' | 'points' | 'monthlyCap' | 'active'>) => ({
  code: r.code, name: r.name, points: r.points, monthlyCap: r.monthlyCap, active: r.active,
});

export async function createRule(deps: Deps, v: Viewer, body: CreateRuleBody) {
  const communityId = pointsStaffCommunity(v);
  const now = deps.clock();
  return deps.db.$transaction(async (tx) => {
    const clash = await tx.pointsRule.findUnique({ where: { communityId_code: { communityId, code: body.code } } });
    if (clash) throw new AppError('conflict', `body.code: a rule "${body.code}" already exists`);
    const rule = await tx.pointsRule.create({
      data: { communityId, code: body.code, name: body.name, points: body.points, monthlyCap: body.monthlyCap ?? null, createdAt: now },
    });
    await recordAdminChange(tx, { actor: v, action: 'points_rule.create', at: now, target: { type: 'points_rule', id: rule.id, communityId }, before: null, after: auditedRule(rule) });
    return rule;
  });
}

/** A change names only what changes; retiring is `active: false`. The entry holds the changed fields. */
export async function updateRule(deps: Deps, v: Viewer, id: string, body: UpdateRuleBody) {
  const communityId = pointsStaffCommunity(v);
  const now = deps.clock();
  return deps.db.$transaction(async (tx) => {
    const rule = await tx.pointsRule.findFirst({ where: { id, communityId } });
    if (!rule) throw notFound('rule');
    const changed = (Object.keys(body) as Array<keyof UpdateRuleBody>).filter((k) => body[k] !== undefined && body[k] !== rule[k]);
    if (!changed.length) return rule;
    const updated = await tx.pointsRule.update({ where: { id }, data: Object.fromEntries(changed.map((k) => [k, body[k]])) });
    const pick = (r: PointsRule) => Object.fromEntries(changed.map((k) => [k, r[k]]));
    const action = changed.length === 1 && changed[0] === 'active' ? (updated.active ? 'points_rule.reactivate' : 'points_rule.retire') : 'points_rule.update';
    await recordAdminChange(tx, { actor: v, action, at: now, target: { type: 'points_rule', id, communityId }, before: pick(rule), after: pick(updated) });
    return updated;
  });
}
