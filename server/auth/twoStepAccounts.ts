// Which accounts have 两步验证 on: the 账号 page marks them, so an administrator can reset
// one for a lost phone (POST /api/auth/accounts/:id/totp/reset). TotpCredential stays this
// folder's table; others ask here.
import type { DbTx } from '../db.js';

/** Of these accounts, the ids of those with two-step sign-in on (enrolled and confirmed). */
export async function twoStepOn(db: DbTx, userIds: string[]): Promise<Set<string>> {
  if (!userIds.length) return new Set();
  const rows = await db.totpCredential.findMany({ where: { userId: { in: userIds }, enabledAt: { not: null } }, select: { userId: true } });
  return new Set(rows.map((r) => r.userId));
}
