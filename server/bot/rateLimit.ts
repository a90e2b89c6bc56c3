// Commands per member per minute, counted in the database so that several
// server instances (each with its own bot account) share one limit.
import { Prisma } from '@prisma/client';
import type { Deps } from '../context.js';

const WINDOW_MS = 60_000;

/** Counts this command and says whether it is within the limit; `first` marks the first one over it (answered once). */
export async function countCommand(deps: Deps, contactId: string): Promise<{ allowed: boolean; firstRefusal: boolean }> {
  const now = deps.clock().getTime();
  const windowStart = new Date(now - (now % WINDOW_MS));
  const key = { contactId_windowStart: { contactId, windowStart } };
  let count: number;
  try {
    count = (await deps.db.botCommandWindow.upsert({ where: key, create: { contactId, windowStart, count: 1 }, update: { count: { increment: 1 } } })).count;
  } catch (e) {
    if (!(e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002')) throw e;
    count = (await deps.db.botCommandWindow.update({ where: key, data: { count: { increment: 1 } } })).count; // another instance created it first
  }
  if (count === 1) {
    await deps.db.botCommandWindow.deleteMany({ where: { contactId, windowStart: { lt: windowStart } } });
  }
  const limit = deps.config.bot.commandsPerMinute;
  return { allowed: count <= limit, firstRefusal: count === limit + 1 };
}
