import type { Viewer } from '../auth/index.js';
import { humanCode } from '../codes.js';
import type { Deps } from '../context.js';
import { isUniqueViolation } from '../db.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { canInviteResident, relationsTo, requireVisible, residentScope } from '../policies/index.js';
import { INVITE_VALID_DAYS, inviteCodeHash } from './invites.js';
import { presentInvite } from './presenter.js';

/** A one-time code for a resident without an account, to type in after their first WeChat sign-in. */
export async function inviteResident(deps: Deps, v: Viewer, residentId: string) {
  const r = await deps.db.resident.findFirst({
    where: { AND: [{ id: residentId }, residentScope(v)] },
    include: { user: { select: { id: true } }, household: { include: { building: { select: { gridId: true } } } } },
  });
  if (!r) throw notFound('resident');
  if (!canInviteResident(v, { communityId: r.communityId, gridId: r.household.building.gridId })) {
    throw forbidden('only the grid worker and community staff give out account codes');
  }
  if (r.user) throw new AppError('conflict', 'this resident already has an account');
  const seen = relationsTo(v, { communityId: r.communityId, gridId: r.household.building.gridId, buildingId: r.household.buildingId, householdId: r.householdId });
  requireVisible(seen, 'name'); // before the code is written: the answer names them
  const now = deps.clock();
  const expiresAt = new Date(now.getTime() + INVITE_VALID_DAYS * 86_400_000);
  for (let i = 0; i < 5; i++) {
    const code = humanCode(8);
    try {
      await deps.db.residentInvite.create({
        data: { communityId: r.communityId, residentId: r.id, codeHash: inviteCodeHash(deps.config.sessionSecret, code), expiresAt, createdById: v.userId, createdAt: now },
      });
      return presentInvite(code, expiresAt, r, seen);
    } catch (e) {
      // two codes alike: draw again
      if (isUniqueViolation(e)) continue;
      throw e;
    }
  }
  throw new AppError('conflict', 'could not make a code, try again');
}
