// 邀请码 for a role: for a person not on e家社区 yet (a new 网格员, a 楼栋长 who has never
// opened the mini-program). Staff name the person and the place; the person signs in to
// the mini-program with WeChat and enters the code where residents enter theirs
// (POST /api/me/link), which gives that account the role. Only an HMAC of a code is stored.
import type { Viewer } from '../auth/index.js';
import { hashCode, humanCode } from '../codes.js';
import type { Deps } from '../context.js';
import { isUniqueViolation } from '../db.js';
import { AppError, notFound } from '../errors.js';
import { rolesManageable } from '../policies/index.js';
import { grantRole } from './assignRole.js';
import { recordRoleChange } from './audit.js';
import { checkPlace, communityOf } from './places.js';
import { presentInvite } from './presenter.js';
import type { RoleInviteBody } from './schemas.js';

const PURPOSE = 'role-invite';
export const ROLE_INVITE_VALID_DAYS = 7;
const codeHashOf = (secret: string, code: string) => hashCode(secret, PURPOSE, code);

type Place = { id: string; name: string };

/** Names of the places and people the invitations mention, in a few queries. */
async function describe(deps: Deps, rows: Array<{ gridId: string | null; buildingId: string | null; createdById: string }>) {
  const ids = (f: (r: (typeof rows)[number]) => string | null) => [...new Set(rows.map(f).filter((x): x is string => !!x))];
  const [grids, buildings, users] = await Promise.all([
    deps.db.grid.findMany({ where: { id: { in: ids((r) => r.gridId) } }, select: { id: true, name: true } }),
    deps.db.building.findMany({ where: { id: { in: ids((r) => r.buildingId) } }, select: { id: true, name: true } }),
    deps.db.user.findMany({ where: { id: { in: ids((r) => r.createdById) } }, select: { id: true, displayName: true } }),
  ]);
  const g = new Map<string, Place>(grids.map((x) => [x.id, x]));
  const b = new Map<string, Place>(buildings.map((x) => [x.id, x]));
  const u = new Map<string, Place>(users.map((x) => [x.id, { id: x.id, name: x.displayName }]));
  return (r: { gridId: string | null; buildingId: string | null; createdById: string }) => ({
    grid: r.gridId ? (g.get(r.gridId) ?? null) : null,
    building: r.buildingId ? (b.get(r.buildingId) ?? null) : null,
    createdBy: u.get(r.createdById) ?? { id: r.createdById, name: '' },
  });
}

export async function createRoleInvite(deps: Deps, v: Viewer, body: RoleInviteBody) {
  const communityId = communityOf(v, body.communityId, 'body.communityId');
  const now = deps.clock();
  const expiresAt = new Date(now.getTime() + ROLE_INVITE_VALID_DAYS * 86_400_000);
  for (let i = 0; i < 5; i++) {
    const code = humanCode(8);
    try {
      const invite = await deps.db.$transaction(async (tx) => {
        const { grid, building } = await checkPlace(tx, v, { communityId, role: body.role, gridId: body.gridId, buildingId: body.buildingId });
        const row = await tx.roleInvite.create({
          data: {
            communityId,
            role: body.role,
            gridId: grid?.id ?? null,
            buildingId: building?.id ?? null,
            name: body.name,
            codeHash: codeHashOf(deps.config.sessionSecret, code),
            expiresAt,
            createdById: v.userId,
            createdAt: now,
          },
        });
        await recordRoleChange(tx, { actorId: v.userId, action: 'role.invite', communityId, target: { type: 'role_invite', id: row.id }, before: null, after: { role: row.role, grid, building, name: row.name }, at: now });
        return { ...row, grid, building };
      });
      deps.logger.info({ inviteId: invite.id, role: body.role, communityId, by: v.userId }, 'role invitation made');
      return { ...presentInvite({ ...invite, createdBy: { id: v.userId, name: v.displayName } }), code };
    } catch (e) {
      if (isUniqueViolation(e)) continue; // two codes alike: draw again
      throw e;
    }
  }
  throw new AppError('conflict', 'could not make a code, try again');
}

/** The community's invitations not yet used, withdrawn or expired, of the roles the viewer manages. */
export async function listRoleInvites(deps: Deps, v: Viewer, q: { communityId?: string | undefined }) {
  const communityId = communityOf(v, q.communityId, 'query.communityId');
  const roles = rolesManageable(v, communityId);
  if (!roles.length) throw notFound('communityId: community');
  const rows = await deps.db.roleInvite.findMany({
    where: { communityId, role: { in: roles }, usedAt: null, revokedAt: null, expiresAt: { gt: deps.clock() } },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take: 200,
  });
  const names = await describe(deps, rows);
  return rows.map((r) => presentInvite({ ...r, ...names(r) }));
}

export async function withdrawRoleInvite(deps: Deps, v: Viewer, inviteId: string) {
  const now = deps.clock();
  await deps.db.$transaction(async (tx) => {
    const r = await tx.roleInvite.findUnique({ where: { id: inviteId } });
    if (!r || !rolesManageable(v, r.communityId).includes(r.role as never)) throw notFound('invitation');
    if (r.usedAt) throw new AppError('conflict', 'the code was already used: remove the role instead');
    const done = await tx.roleInvite.updateMany({ where: { id: r.id, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
    if (done.count !== 1) throw new AppError('conflict', 'the code was used or withdrawn meanwhile');
    await recordRoleChange(tx, { actorId: v.userId, action: 'role.invite_withdraw', communityId: r.communityId, target: { type: 'role_invite', id: r.id }, before: { role: r.role, name: r.name }, after: null, at: now });
  });
}

/**
 * POST /api/me/link with a role code: null when the code is no role invitation (it may be
 * a resident's), else the role now held. A resident's own account cannot take a working
 * role (docs/domains.md): the code stays unspent for a second WeChat account.
 */
export async function acceptRoleInvite(deps: Deps, v: Viewer, code: string) {
  const hash = codeHashOf(deps.config.sessionSecret, code);
  const invite = await deps.db.roleInvite.findUnique({ where: { codeHash: hash } });
  if (!invite) return null;
  const now = deps.clock();
  if (invite.usedAt || invite.revokedAt || invite.expiresAt <= now) {
    throw new AppError('not_found', 'code: not valid (wrong, used, withdrawn or expired); ask the community for a new one');
  }
  if (v.resident) throw residentAccount();
  const granted = await deps.db.$transaction(async (tx) => {
    const spent = await tx.roleInvite.updateMany({ where: { id: invite.id, usedAt: null, revokedAt: null }, data: { usedAt: now, usedById: v.userId } });
    if (spent.count !== 1) throw new AppError('not_found', 'code: already used');
    const grant = await grantRole(tx, v.userId, { communityId: invite.communityId, role: invite.role, gridId: invite.gridId ?? undefined, buildingId: invite.buildingId ?? undefined }, now);
    // the account had no name of its own yet (a first WeChat sign-in): the name staff wrote
    await tx.user.updateMany({ where: { id: v.userId, residentId: null, roles: { none: { id: { not: grant.id } } } }, data: { displayName: invite.name } });
    const community = await tx.community.findUniqueOrThrow({ where: { id: invite.communityId }, select: { id: true, name: true } });
    await recordRoleChange(tx, { actorId: v.userId, action: 'role.invite_accept', communityId: invite.communityId, target: { type: 'user', id: v.userId }, before: null, after: { ...grant, name: invite.name }, at: now });
    return { grant, community };
  });
  deps.logger.info({ inviteId: invite.id, userId: v.userId, role: invite.role }, 'role invitation accepted');
  return {
    linked: true,
    role: { role: granted.grant.role, community: granted.community, grid: granted.grant.grid, building: granted.grant.building },
  };
}

const residentAccount = () =>
  new AppError(
    'forbidden',
    "this WeChat account is a resident's own (linked to a household) and cannot take a working role: sign in with a second WeChat account and enter the code there",
    undefined,
    'resident_account',
  );
