// What other folders look up about accounts (User, this folder's table): the names they
// show beside a row an account made, and the account a resident signs in with.
import type { DbTx } from '../db.js';

/** Account id → its display name, for the ids given (unknown ones are left out). */
export async function accountNames(db: DbTx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const users = await db.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, displayName: true } });
  return new Map(users.map((u) => [u.id, u.displayName]));
}

/** The account linked to a resident (their own WeChat sign-in), or null. */
export const accountOfResident = (db: DbTx, residentId: string) => db.user.findUnique({ where: { residentId }, select: { id: true } });
