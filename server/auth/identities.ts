// A user's WeChat identity, for the calls WeChat makes per user (content security,
// subscribe messages): the first openid the account signed in with.
import type { Db } from '../db.js';

/** The account's openid; null for an account without one (a console password account). */
export async function openidOf(db: Db, userId: string): Promise<string | null> {
  const identity = await db.wechatIdentity.findFirst({ where: { userId }, orderBy: { createdAt: 'asc' }, select: { openid: true } });
  return identity?.openid ?? null;
}
