// Giving a community role to an account the community already has (found by name on the
// 账号 page). One for a person not yet on e家社区 goes by invitation (./roleInvites.ts).
import type { Role } from '@prisma/client';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { sqlOn, type DbTx } from '../db.js';
import { AppError, notFound } from '../errors.js';
import { suggestWorkerWhereNone } from '../orders/index.js';
import { communityOf, checkPlace, type RolePlace } from './places.js';
import { presentGrant } from './presenter.js';
import type { AssignRoleBody } from './schemas.js';
import { recordRoleChange } from './audit.js';

/**
 * A working account never becomes a resident's, nor a resident's account a working one
 * (docs/domains.md, "A worker who is also a resident"): such a person takes the role
 * with a second WeChat account of their own, by an invitation code.
 */
export const residentAccountRefused = () =>
  new AppError(
    'conflict',
    "this account is a resident's own (linked to their household) and cannot take a working role: give the person an invitation code to enter from a second WeChat account",
    undefined,
    'resident_account',
  );

/** Writes the role (inside the caller's transaction), refusing one the account already holds. */
export async function grantRole(tx: DbTx, userId: string, p: RolePlace, now: Date) {
  const same = await tx.userRole.findFirst({
    where: { userId, role: p.role, communityId: p.communityId, gridId: p.gridId ?? null, buildingId: p.buildingId ?? null },
    select: { id: true },
  });
  if (same) throw new AppError('conflict', 'this account already holds that role', undefined, 'already_held');
  const created = await tx.userRole.create({
    data: { userId, role: p.role as Role, communityId: p.communityId, gridId: p.gridId ?? null, buildingId: p.buildingId ?? null, createdAt: now },
    select: { id: true, role: true, createdAt: true, grid: { select: { id: true, name: true } }, building: { select: { id: true, name: true } } },
  });
  // a grid that had no worker: its open orders now have one to suggest
  if (p.role === 'GRID_WORKER' && p.gridId) await suggestWorkerWhereNone(sqlOn(tx), { gridId: p.gridId, now });
  return created;
}

export async function assignRole(deps: Deps, v: Viewer, body: AssignRoleBody) {
  const communityId = communityOf(v, body.communityId, 'body.communityId');
  const p: RolePlace = { communityId, role: body.role, gridId: body.gridId, buildingId: body.buildingId };
  const now = deps.clock();
  const { user, grant } = await deps.db.$transaction(async (tx) => {
    await checkPlace(tx, v, p);
    // an account of this community: one that holds a role in it (others are reached by invitation)
    const user = await tx.user.findFirst({
      where: { id: body.userId, roles: { some: { communityId } } },
      select: { id: true, displayName: true, residentId: true },
    });
    if (!user) throw notFound('userId: account');
    if (user.residentId) throw residentAccountRefused();
    const grant = await grantRole(tx, user.id, p, now);
    await recordRoleChange(tx, { actorId: v.userId, action: 'role.assign', communityId, target: { type: 'user', id: user.id }, before: null, after: { ...grant, name: user.displayName }, at: now });
    return { user, grant };
  });
  deps.logger.info({ userId: user.id, role: body.role, communityId, by: v.userId }, 'community role given');
  return { ...presentGrant(grant), user: { id: user.id, name: user.displayName } };
}
