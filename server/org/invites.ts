// Linking a WeChat account to a resident (账号绑定). A first WeChat login makes an
// account that belongs to nobody; the grid worker or staff, who know the
// family, give the resident a one-time code, and entering it links the account.
// (Names and ID numbers are not used for this: they are known to too many people.)
import { isUniqueViolation } from '../db.js';
import type { Viewer } from '../auth/viewer.js';
import type { Deps } from '../context.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { hashCode, humanCode } from '../codes.js';
import { canRecordEmployment, residentScope } from '../policies/index.js';

const PURPOSE = 'resident-invite';
const VALID_DAYS = 7;

export async function inviteResident(deps: Deps, v: Viewer, residentId: string) {
  const r = await deps.db.resident.findFirst({
    where: { AND: [{ id: residentId }, residentScope(v)] },
    include: { user: { select: { id: true } }, household: { include: { building: { select: { gridId: true } } } } },
  });
  if (!r) throw notFound('resident');
  // the same people who keep the household's records: the grid's worker and staff
  if (!canRecordEmployment(v, { communityId: r.communityId, gridId: r.household.building.gridId })) {
    throw forbidden('only the grid worker and community staff give out account codes');
  }
  if (r.user) throw new AppError('conflict', 'this resident already has an account');
  const now = deps.clock();
  const expiresAt = new Date(now.getTime() + VALID_DAYS * 86_400_000);
  for (let i = 0; i < 5; i++) {
    const code = humanCode(8);
    try {
      await deps.db.residentInvite.create({
        data: { communityId: r.communityId, residentId: r.id, codeHash: hashCode(deps.config.sessionSecret, PURPOSE, code), expiresAt, createdById: v.userId, createdAt: now },
      });
      return { code, expiresAt, resident: { id: r.id, name: r.name } };
    } catch (e) {
      if (isUniqueViolation(e)) continue;
      throw e;
    }
  }
  throw new AppError('conflict', 'could not make a code, try again');
}

/** The signed-in account becomes the resident's. */
export async function acceptInvite(deps: Deps, v: Viewer, code: string) {
  if (v.resident) throw new AppError('conflict', 'this account is already linked to a resident');
  const now = deps.clock();
  const invite = await deps.db.residentInvite.findUnique({ where: { codeHash: hashCode(deps.config.sessionSecret, PURPOSE, code) } });
  if (!invite || invite.usedAt || invite.expiresAt <= now) throw new AppError('not_found', 'code: not valid (wrong, used or expired); ask your grid worker for a new one');
  await deps.db.$transaction(async (tx) => {
    const used = await tx.residentInvite.updateMany({ where: { id: invite.id, usedAt: null }, data: { usedAt: now, usedById: v.userId } });
    if (used.count !== 1) throw new AppError('not_found', 'code: already used');
    const taken = await tx.user.findUnique({ where: { residentId: invite.residentId } });
    if (taken) throw new AppError('conflict', 'this resident already has an account');
    const resident = await tx.resident.findUniqueOrThrow({ where: { id: invite.residentId } });
    await tx.user.update({ where: { id: v.userId }, data: { residentId: invite.residentId, displayName: resident.name } });
  });
  return { linked: true };
}
