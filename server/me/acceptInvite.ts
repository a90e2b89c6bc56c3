import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { AppError } from '../errors.js';
import { spendInvite } from '../org/index.js';

/** 账号绑定: the signed-in account becomes the resident's whose code it enters. */
export async function acceptInvite(deps: Deps, v: Viewer, code: string) {
  if (v.resident) throw new AppError('conflict', 'this account is already linked to a resident');
  const now = deps.clock();
  await deps.db.$transaction(async (tx) => {
    const resident = await spendInvite(tx, deps.config.sessionSecret, code, v.userId, now);
    const taken = await tx.user.findUnique({ where: { residentId: resident.id } });
    if (taken) throw new AppError('conflict', 'this resident already has an account');
    await tx.user.update({ where: { id: v.userId }, data: { residentId: resident.id, displayName: resident.name } });
  });
  return { linked: true };
}
