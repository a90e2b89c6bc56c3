// 迁出/去世: a person leaves the community. Their personal fields are removed
// (PIPL Art. 47: the purpose ended) while the rows that carry the community's
// history stay, so orders, points entries and employment records still count:
// the Resident row is kept, anonymised, and off every roster (leftAt).
import type { LeaveReason } from '@prisma/client';
import { recordAdminChange } from '../audit/index.js';
import { forgetResidentAccounts, type Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { mayRecordLeaving, residentScope } from '../policies/index.js';

/** What a resident who left is called wherever history names them. */
export const LEFT_NAMES: Record<LeaveReason, string> = { moved_out: '已迁出居民', deceased: '已故居民' };
/** What their WeChat account is called afterwards. */
const FORGOTTEN_ACCOUNT = '已注销用户';

export async function residentLeaves(deps: Deps, v: Viewer, residentId: string, reason: LeaveReason) {
  const now = deps.clock();
  return deps.db.$transaction(async (tx) => {
    const r = await tx.resident.findFirst({ where: { AND: [{ id: residentId }, residentScope(v)] }, select: { id: true, communityId: true, leftAt: true } });
    if (!r) throw notFound('resident');
    if (!mayRecordLeaving(v, r)) throw forbidden('only community staff and administrators record that a resident left');
    // conditional: two staff recording it at once anonymise once
    const done = await tx.resident.updateMany({
      where: { id: r.id, leftAt: null },
      data: { name: LEFT_NAMES[reason], phone: null, idNumberEncrypted: null, idNumberHash: null, birthYear: null, leftAt: now, leftReason: reason },
    });
    if (done.count !== 1) throw new AppError('conflict', 'this resident has already left', undefined, 'already_left');
    const accounts = await forgetResidentAccounts(tx, r.id, now, FORGOTTEN_ACCOUNT);
    // codes not yet entered would link a new account to the anonymised row
    const invites = await tx.residentInvite.deleteMany({ where: { residentId: r.id, usedAt: null } });
    // no name: the entry outlives the anonymisation, and the row it names now reads 已迁出居民
    await recordAdminChange(tx, {
      actor: v, action: 'resident.leave', at: now,
      target: { type: 'resident', id: r.id, communityId: r.communityId },
      before: { status: '在册' },
      after: { status: LEFT_NAMES[reason], accountsUnlinked: accounts, invitesDeleted: invites.count },
    });
    return { id: r.id, name: LEFT_NAMES[reason], leftAt: now, leftReason: reason, accountsUnlinked: accounts, invitesDeleted: invites.count };
  });
}
