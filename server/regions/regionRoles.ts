// 县/街道 officials: giving and taking the region roles. Removing one ends every
// session of the account at once (it signs in again with what it still holds).
import type { Role } from '@prisma/client';
import { endAllSessions, type Viewer } from '../auth/index.js';
import { recordAdminChange } from '../audit/index.js';
import type { Deps } from '../context.js';
import { AppError, badRequest, forbidden, notFound } from '../errors.js';
import { mayAppointOfficials, mayGrantRegionRole, regionRoleFits, visibleRegions } from '../policies/index.js';
import { accountById, accountsNamed, deleteRegionRole, insertRegionRole, regionById, regionRoleById, regionRoleHeld } from './queries.js';
import type { RegionRoleName } from './schemas.js';

export const ROLE_WORDS: Record<RegionRoleName, string> = {
  COUNTY_ADMIN: '县级管理员',
  COUNTY_OVERSIGHT: '县级督查',
  STREET_ADMIN: '街道管理员',
  STREET_OVERSIGHT: '街道督查',
};

async function visibleRegion(deps: Deps, v: Viewer, id: string) {
  const seen = visibleRegions(v);
  const region = seen === null || seen.includes(id) ? await regionById(deps.db, id) : null;
  if (!region) throw notFound('region');
  return region;
}

export async function assignRegionRole(deps: Deps, v: Viewer, regionId: string, userId: string, role: RegionRoleName) {
  const now = deps.clock();
  const region = await visibleRegion(deps, v, regionId);
  if (!regionRoleFits(role, region.level)) throw badRequest('body.role', `${role} does not fit a ${region.level === 'COUNTY' ? '县' : '街道'}`);
  if (!mayGrantRegionRole(v, region, role)) throw forbidden('you may not give this role here');
  return deps.db.$transaction(async (tx) => {
    const user = await accountById(tx, userId);
    if (!user) throw notFound('userId: account');
    // a resident's own account never takes a working role (docs/domains.md)
    if (user.residentId) throw new AppError('conflict', "this account is a resident's own and cannot take a working role", undefined, 'resident_account');
    if (await regionRoleHeld(tx, user.id, role as Role, region.id)) throw new AppError('conflict', 'this account already holds that role', undefined, 'already_held');
    const grant = await insertRegionRole(tx, { userId: user.id, role: role as Role, regionId: region.id, createdAt: now });
    await recordAdminChange(tx, {
      actor: v, action: 'region_role.assign', at: now,
      target: { type: 'user', id: user.id, regionId: region.id },
      before: null,
      after: { role: ROLE_WORDS[role], region: region.name, name: user.displayName },
    });
    return { id: grant.id, role, user: { id: user.id, name: user.displayName }, since: grant.createdAt };
  });
}

export async function removeRegionRole(deps: Deps, v: Viewer, regionId: string, roleId: string) {
  const now = deps.clock();
  const region = await visibleRegion(deps, v, regionId);
  const out = await deps.db.$transaction(async (tx) => {
    const r = await regionRoleById(tx, roleId, region.id);
    // a role one may not take is as good as unknown
    if (!r || !mayGrantRegionRole(v, region, r.role)) throw notFound('role');
    const gone = await deleteRegionRole(tx, r.id);
    if (gone.count !== 1) throw new AppError('conflict', 'the role was removed meanwhile');
    const ended = await endAllSessions(tx, r.userId, now);
    await recordAdminChange(tx, {
      actor: v, action: 'region_role.remove', at: now,
      target: { type: 'user', id: r.userId, regionId: region.id },
      before: { role: ROLE_WORDS[r.role as RegionRoleName] ?? r.role, region: region.name, name: r.user.displayName },
      after: null,
    });
    return { id: r.id, userId: r.userId, sessionsEnded: ended };
  });
  deps.logger.info({ roleId, userId: out.userId, sessionsEnded: out.sessionsEnded, by: v.userId }, 'region role removed');
  return { id: out.id, sessionsEnded: out.sessionsEnded };
}

/** Accounts a region role may go to, by name (not residents' own accounts). */
export async function regionRoleCandidates(deps: Deps, v: Viewer, q: string) {
  if (!mayAppointOfficials(v)) throw forbidden('only platform, 县 and 街道 admins look up accounts here');
  const rows = await accountsNamed(deps.db, q);
  return { items: rows.map((u) => ({ id: u.id, name: u.displayName, roles: [...new Set(u.roles.map((r) => r.role))] })) };
}
