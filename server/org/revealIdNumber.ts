import type { Viewer } from '../auth/index.js';
import { recordAccess } from '../accessLog/index.js';
import type { Deps } from '../context.js';
import { forbidden, notFound } from '../errors.js';
import { mayRevealIdNumber, residentScope } from '../policies/index.js';
import { idNumberOf } from './idNumbers.js';

/**
 * 查看完整身份证号: the full number, as an explicit step with a reason. The
 * access-log entry is written first: no entry, no number. (Lists show it masked.)
 */
export async function revealIdNumber(deps: Deps, v: Viewer, residentId: string, reason: string, requestId: string) {
  const r = await deps.db.resident.findFirst({ where: { AND: [{ id: residentId }, residentScope(v)] }, select: { id: true, communityId: true, idNumberEncrypted: true } });
  if (!r) throw notFound('resident');
  if (!mayRevealIdNumber(v, r)) throw forbidden('only community staff and administrators reveal a full ID number');
  const idNumber = idNumberOf(deps.config.idNumbers, r);
  if (!idNumber) throw notFound('身份证号 of this resident (none on record)');
  const entry = await recordAccess(deps.db, { communityId: r.communityId, actorId: v.userId, residentId: r.id, field: 'idNumber', reason, requestId, at: deps.clock() });
  return { residentId: r.id, idNumber, accessLogId: entry.id, requestId };
}
