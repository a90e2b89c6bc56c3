// What earns points in a community.
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

export async function createRule(deps: Deps, v: Viewer, body: CreateRuleBody) {
  const communityId = pointsStaffCommunity(v);
  const clash = await deps.db.pointsRule.findUnique({ where: { communityId_code: { communityId, code: body.code } } });
  if (clash) throw new AppError('conflict', `body.code: a rule "${body.code}" already exists`);
  return deps.db.pointsRule.create({
    data: { communityId, code: body.code, name: body.name, points: body.points, monthlyCap: body.monthlyCap ?? null, createdAt: deps.clock() },
  });
}

export async function updateRule(deps: Deps, v: Viewer, id: string, body: UpdateRuleBody) {
  const communityId = pointsStaffCommunity(v);
  const rule = await deps.db.pointsRule.findFirst({ where: { id, communityId } });
  if (!rule) throw notFound('rule');
  return deps.db.pointsRule.update({ where: { id }, data: body });
}
