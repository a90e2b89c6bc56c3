// The MediaCheck table: this folder is its one owner.
import type { Db } from '../db.js';
import type { Verdict } from '../contentSecurity.js';

export type MediaVerdict = Verdict | 'pending' | 'unchecked';

export async function insertMediaCheck(
  db: Db,
  c: { uploadId: string; communityId: string; traceId: string | null; verdict: MediaVerdict; requestedAt: Date },
): Promise<void> {
  await db.mediaCheck.create({ data: c });
}

/**
 * The verdict of the check WeChat answers, once: a push repeated by WeChat (it retries when
 * the answer is slow) finds the check decided and changes nothing. Whether one was changed.
 */
export async function decideMediaCheck(db: Db, traceId: string, verdict: Verdict | 'unchecked', label: number | null, at: Date): Promise<boolean> {
  const r = await db.mediaCheck.updateMany({ where: { traceId, verdict: 'pending' }, data: { verdict, label, decidedAt: at } });
  return r.count > 0;
}
