// 邀请码 for a 县/街道 role (#19 items 1 and 3): for an official not on e家社区 yet. Whoever
// may give the role there (mayGrantRegionRole) names the person; the person signs in to the
// mini-program with WeChat and enters the code where residents enter theirs (POST
// /api/me/link), which gives that account the role. Same shape as the community roles'
// invitations (server/accounts/roleInvites.ts): only an HMAC of a code is stored, 7 days,
// one use, withdrawable, listed; every step is in the audit log. Stored in RegionInvite,
// not RoleInvite: see prisma/schema/regions.prisma for why.
// At the PC, the new official then signs in by 扫码登录 with that WeChat (a region role is
// a console role: policies/auth.ts), or with a first password the platform admin gives
// (POST /api/auth/accounts/:id/password) and they change at the first sign-in.
import type { Role } from '@prisma/client';
import type { Viewer } from '../auth/index.js';
import { recordAdminChange } from '../audit/index.js';
import { hashCode, humanCode } from '../codes.js';
import type { Deps } from '../context.js';
import { isUniqueViolation } from '../db.js';
import { AppError, badRequest, forbidden, notFound } from '../errors.js';
import { mayGrantRegionRole, regionRoleFits, visibleRegions } from '../policies/index.js';
import {
  closeRegionInvite,
  insertRegionInvite,
  insertRegionRole,
  nameNewAccount,
  namesOfUsers,
  openRegionInvites,
  regionById,
  regionInviteByHash,
  regionInviteById,
  regionRoleHeld,
} from './queries.js';
import { ROLE_WORDS } from './regionRoles.js';
import { regionRole, type RegionInviteBody, type RegionRoleName } from './schemas.js';

// its own purpose: a code of one kind never hashes to the other's
const PURPOSE = 'region-invite';
export const REGION_INVITE_VALID_DAYS = 7;
const codeHashOf = (secret: string, code: string) => hashCode(secret, PURPOSE, code);

async function visibleRegion(deps: Deps, v: Viewer, id: string) {
  const seen = visibleRegions(v);
  const region = seen === null || seen.includes(id) ? await regionById(deps.db, id) : null;
  if (!region) throw notFound('region');
  return region;
}

type InviteRow = { id: string; name: string; role: Role; expiresAt: Date; createdAt: Date; createdById: string };
const present = (r: InviteRow, createdBy: { id: string; name: string }) => ({
  id: r.id, name: r.name, role: r.role as RegionRoleName, expiresAt: r.expiresAt, createdAt: r.createdAt, createdBy,
});

export async function createRegionInvite(deps: Deps, v: Viewer, regionId: string, body: RegionInviteBody) {
  const region = await visibleRegion(deps, v, regionId);
  if (!regionRoleFits(body.role, region.level)) throw badRequest('body.role', `${body.role} does not fit a ${region.level === 'COUNTY' ? '县' : '街道'}`);
  if (!mayGrantRegionRole(v, region, body.role)) throw forbidden('you may not give this role here');
  const now = deps.clock();
  const expiresAt = new Date(now.getTime() + REGION_INVITE_VALID_DAYS * 86_400_000);
  for (let i = 0; i < 5; i++) {
    const code = humanCode(8);
    try {
      const row = await deps.db.$transaction(async (tx) => {
        const r = await insertRegionInvite(tx, { regionId: region.id, role: body.role, name: body.name, codeHash: codeHashOf(deps.config.sessionSecret, code), expiresAt, createdById: v.userId, createdAt: now });
        await recordAdminChange(tx, {
          actor: v, action: 'region_role.invite', at: now,
          target: { type: 'region_invite', id: r.id, regionId: region.id },
          before: null,
          after: { role: ROLE_WORDS[body.role], region: region.name, name: body.name },
        });
        return r;
      });
      deps.logger.info({ inviteId: row.id, role: body.role, regionId: region.id, by: v.userId }, 'region role invitation made');
      return { ...present(row, { id: v.userId, name: v.displayName }), code };
    } catch (e) {
      if (isUniqueViolation(e)) continue; // two codes alike: draw again
      throw e;
    }
  }
  throw new AppError('conflict', 'could not make a code, try again');
}

/** The region's open invitations, of the roles the viewer may give there. */
export async function listRegionInvites(deps: Deps, v: Viewer, regionId: string) {
  const region = await visibleRegion(deps, v, regionId);
  const roles = regionRole.options.filter((r) => regionRoleFits(r, region.level) && mayGrantRegionRole(v, region, r));
  if (!roles.length) throw forbidden('you may not give a role here');
  const rows = await openRegionInvites(deps.db, region.id, roles, deps.clock());
  const users = new Map((await namesOfUsers(deps.db, [...new Set(rows.map((r) => r.createdById))])).map((u) => [u.id, u.displayName]));
  return { items: rows.map((r) => present(r, { id: r.createdById, name: users.get(r.createdById) ?? '' })) };
}

export async function withdrawRegionInvite(deps: Deps, v: Viewer, regionId: string, inviteId: string) {
  const region = await visibleRegion(deps, v, regionId);
  const now = deps.clock();
  await deps.db.$transaction(async (tx) => {
    const r = await regionInviteById(tx, inviteId, region.id);
    // an invitation one may not withdraw is as good as unknown
    if (!r || !mayGrantRegionRole(v, region, r.role)) throw notFound('invitation');
    if (r.usedAt) throw new AppError('conflict', 'the code was already used: remove the role instead');
    if (!(await closeRegionInvite(tx, r.id, { revokedAt: now }))) throw new AppError('conflict', 'the code was used or withdrawn meanwhile');
    await recordAdminChange(tx, {
      actor: v, action: 'region_role.invite_withdraw', at: now,
      target: { type: 'region_invite', id: r.id, regionId: region.id },
      before: { role: ROLE_WORDS[r.role as RegionRoleName] ?? r.role, region: region.name, name: r.name },
      after: null,
    });
  });
}

/**
 * POST /api/me/link with a region role's code: null when the code is no such invitation (it
 * may be a community role's or a resident's), else the role now held. A resident's own
 * account cannot take a working role (docs/domains.md): the code stays unspent.
 */
export async function acceptRegionInvite(deps: Deps, v: Viewer, code: string) {
  const invite = await regionInviteByHash(deps.db, codeHashOf(deps.config.sessionSecret, code));
  if (!invite) return null;
  const now = deps.clock();
  if (invite.usedAt || invite.revokedAt || invite.expiresAt <= now) {
    throw new AppError('not_found', 'code: not valid (wrong, used, withdrawn or expired); ask for a new one');
  }
  if (v.resident) {
    throw new AppError(
      'forbidden',
      "this WeChat account is a resident's own (linked to a household) and cannot take a working role: sign in with a second WeChat account and enter the code there",
      undefined,
      'resident_account',
    );
  }
  const region = await deps.db.$transaction(async (tx) => {
    const where = await regionById(tx, invite.regionId);
    if (!where) throw new AppError('not_found', 'code: the 县/街道 is gone; ask for a new one');
    // refused before the code is spent: the role is already there
    if (await regionRoleHeld(tx, v.userId, invite.role, where.id)) throw new AppError('conflict', 'this account already holds that role', undefined, 'already_held');
    if (!(await closeRegionInvite(tx, invite.id, { usedAt: now, usedById: v.userId }))) throw new AppError('not_found', 'code: already used');
    const grant = await insertRegionRole(tx, { userId: v.userId, role: invite.role, regionId: where.id, createdAt: now });
    await nameNewAccount(tx, v.userId, grant.id, invite.name);
    await recordAdminChange(tx, {
      actor: v, action: 'region_role.invite_accept', at: now,
      target: { type: 'user', id: v.userId, regionId: where.id },
      before: null,
      after: { role: ROLE_WORDS[invite.role as RegionRoleName] ?? invite.role, region: where.name, name: invite.name },
    });
    return where;
  });
  deps.logger.info({ inviteId: invite.id, userId: v.userId, role: invite.role, regionId: region.id }, 'region role invitation accepted');
  return { linked: true as const, regionRole: { role: invite.role as string, region: { id: region.id, name: region.name } } };
}
