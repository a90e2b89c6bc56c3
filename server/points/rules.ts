// What earns points in a community, and whether points expire there.
import type { Viewer } from '../auth/viewer.js';
import type { Deps } from '../context.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { homeCommunity, isStaffOf } from '../policies/index.js';
import type { CreateRuleBody, UpdateRuleBody } from './schemas.js';

/** The community a staff member manages points for (their home community). */
export function staffCommunity(v: Viewer): string {
  const communityId = homeCommunity(v);
  if (!communityId || !isStaffOf(v, communityId)) throw forbidden('only community staff manage points');
  return communityId;
}

/** Everyone in a community may read its rules: residents want to know how to earn. */
export async function listRules(deps: Deps, v: Viewer) {
  const communityId = homeCommunity(v);
  if (!communityId) return [];
  return deps.db.pointsRule.findMany({
    where: { communityId, ...(isStaffOf(v, communityId) ? {} : { active: true }) },
    orderBy: { createdAt: 'asc' },
    select: { id: true, code: true, name: true, points: true, monthlyCap: true, active: true },
  });
}

export async function createRule(deps: Deps, v: Viewer, body: CreateRuleBody) {
  const communityId = staffCommunity(v);
  const clash = await deps.db.pointsRule.findUnique({ where: { communityId_code: { communityId, code: body.code } } });
  if (clash) throw new AppError('conflict', `body.code: a rule "${body.code}" already exists`);
  return deps.db.pointsRule.create({
    data: { communityId, code: body.code, name: body.name, points: body.points, monthlyCap: body.monthlyCap ?? null, createdAt: deps.clock() },
  });
}

export async function updateRule(deps: Deps, v: Viewer, id: string, body: UpdateRuleBody) {
  const communityId = staffCommunity(v);
  const rule = await deps.db.pointsRule.findFirst({ where: { id, communityId } });
  if (!rule) throw notFound('rule');
  return deps.db.pointsRule.update({ where: { id }, data: body });
}

export async function getSettings(deps: Deps, v: Viewer) {
  const communityId = homeCommunity(v);
  if (!communityId) throw notFound('community');
  const s = await deps.db.pointsSettings.findUnique({ where: { communityId } });
  return { expiryMonths: s?.expiryMonths ?? null };
}

export async function updateSettings(deps: Deps, v: Viewer, expiryMonths: number | null) {
  const communityId = staffCommunity(v);
  await deps.db.pointsSettings.upsert({
    where: { communityId },
    create: { communityId, expiryMonths },
    update: { expiryMonths },
  });
  return { expiryMonths };
}
