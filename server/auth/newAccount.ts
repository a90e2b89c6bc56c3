// An account the system makes rather than a WeChat sign-in: the one an integration's
// requests are filed under (server/open311, 代报 by 12345热线) and the first platform
// administrator (npm run admin:create, server/accounts). No WeChat identity and no
// password: it signs in only once a password is set for it. Inside the caller's
// transaction, so the account exists only together with what it is for.
import type { DbTx } from '../db.js';

export async function createAccount(tx: DbTx, a: { displayName: string; createdAt: Date }): Promise<{ id: string }> {
  return tx.user.create({ data: { displayName: a.displayName, createdAt: a.createdAt }, select: { id: true } });
}
