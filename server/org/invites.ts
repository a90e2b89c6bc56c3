// Account codes (账号绑定). A first WeChat login makes an account that belongs to
// nobody; the grid worker or staff, who know the family, give the resident a
// one-time code, and entering it links the account (POST /api/me/link).
// (Names and ID numbers are not used for this: they are known to too many people.)
// Only an HMAC of a code is stored.
import { hashCode } from '../codes.js';
import type { DbTx } from '../db.js';
import { AppError } from '../errors.js';

const PURPOSE = 'resident-invite';
export const INVITE_VALID_DAYS = 7;

export const inviteCodeHash = (secret: string, code: string) => hashCode(secret, PURPOSE, code);

/**
 * Spends a code for `userId`, inside the caller's transaction (which links the
 * account): the resident the code was for. 404 for a wrong, used or expired code.
 */
export async function spendInvite(tx: DbTx, secret: string, code: string, userId: string, now: Date) {
  const invite = await tx.residentInvite.findUnique({ where: { codeHash: inviteCodeHash(secret, code) } });
  if (!invite || invite.usedAt || invite.expiresAt <= now) throw new AppError('not_found', 'code: not valid (wrong, used or expired); ask your grid worker for a new one');
  const used = await tx.residentInvite.updateMany({ where: { id: invite.id, usedAt: null }, data: { usedAt: now, usedById: userId } });
  if (used.count !== 1) throw new AppError('not_found', 'code: already used');
  return tx.resident.findUniqueOrThrow({ where: { id: invite.residentId }, select: { id: true, name: true } });
}
