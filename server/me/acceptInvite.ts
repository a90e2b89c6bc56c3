import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { acceptRoleInvite } from '../accounts/index.js';
import { AppError } from '../errors.js';
import { spendInvite } from '../org/index.js';
import { mayLinkToResident } from '../policies/index.js';
import { acceptRegionInvite } from '../regions/index.js';

/** 账号绑定: the signed-in account becomes the resident's whose code it enters. */
export async function acceptInvite(deps: Deps, v: Viewer, code: string) {
  // a code for a role (楼栋长, 网格员, staff, reviewer: server/accounts) gives that role instead
  const role = await acceptRoleInvite(deps, v, code);
  if (role) return role;
  // a code for a 县/街道 role (server/regions) likewise
  const regionRole = await acceptRegionInvite(deps, v, code);
  if (regionRole) return regionRole;
  if (v.resident) throw new AppError('conflict', 'this account is already linked to a resident');
  // refused before the code is spent: the person can still enter it from a second WeChat account
  if (!mayLinkToResident(v)) {
    throw new AppError(
      'forbidden',
      'a working account (building head, grid worker, staff, reviewer, admin) cannot be linked to a resident: sign in with a second WeChat account for your own household',
      undefined,
      'working_account',
    );
  }
  const now = deps.clock();
  await deps.db.$transaction(async (tx) => {
    const resident = await spendInvite(tx, deps.config.sessionSecret, code, v.userId, now);
    const taken = await tx.user.findUnique({ where: { residentId: resident.id } });
    if (taken) throw new AppError('conflict', 'this resident already has an account');
    await tx.user.update({ where: { id: v.userId }, data: { residentId: resident.id, displayName: resident.name } });
  });
  return { linked: true as const };
}
