// Linking a group member to a user: the mini-program shows a short one-time
// code, the member sends `#绑定 <code>` in a group (or to the bot).
import { isUniqueViolation } from '../db.js';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { AppError } from '../errors.js';
import { hashCode, humanCode } from '../codes.js';

const LENGTH = 6;
const PURPOSE = 'bot-link';

export async function createLinkCode(deps: Deps, viewer: Viewer) {
  const now = deps.clock();
  const expiresAt = new Date(now.getTime() + deps.config.bot.linkCodeMs);
  // one live code per user; expired codes of anyone are of no use any more
  await deps.db.botLinkCode.deleteMany({
    where: { OR: [{ userId: viewer.userId, usedAt: null }, { expiresAt: { lt: new Date(now.getTime() - 86400_000) } }] },
  });
  for (let i = 0; i < 5; i++) {
    const code = humanCode(LENGTH);
    try {
      await deps.db.botLinkCode.create({
        data: { codeHash: hashCode(deps.config.sessionSecret, PURPOSE, code), userId: viewer.userId, expiresAt, createdAt: now },
      });
      return { code, expiresAt, howTo: `在楼栋微信群里发送：#绑定 ${code}` };
    } catch (e) {
      if (isUniqueViolation(e)) continue; // taken: draw again
      throw e;
    }
  }
  throw new AppError('conflict', 'could not make a code, try again');
}

/** Uses a code once: the member's WeChat contact is then linked to the code's user. Null for an unknown, used or expired code. */
export async function redeemLinkCode(deps: Deps, contactId: string, rawCode: string): Promise<{ userId: string } | null> {
  const now = deps.clock();
  const code = await deps.db.botLinkCode.findUnique({ where: { codeHash: hashCode(deps.config.sessionSecret, PURPOSE, rawCode) } });
  if (!code || code.usedAt || code.expiresAt <= now) return null;
  return deps.db.$transaction(async (tx) => {
    // single use even when two members race with the same code
    const taken = await tx.botLinkCode.updateMany({ where: { id: code.id, usedAt: null }, data: { usedAt: now } });
    if (taken.count !== 1) return null;
    await tx.botMember.upsert({
      where: { contactId },
      create: { contactId, userId: code.userId, linkedAt: now },
      update: { userId: code.userId, linkedAt: now },
    });
    return { userId: code.userId };
  });
}
