// The pace of bot commands: so many per member per minute, counted with the
// shared database counter of server/rateLimit.ts so that several server
// instances (each with its own bot account) share one limit.
import type { Deps } from '../context.js';
import { countRequest } from '../rateLimit.js';

/** Counts this command and says whether it is within the limit; `firstRefusal` marks the first one over it (answered once). */
export async function countCommand(deps: Deps, contactId: string): Promise<{ allowed: boolean; firstRefusal: boolean }> {
  const r = await countRequest(deps, { bucket: 'bot', max: deps.config.bot.commandsPerMinute, windowMs: 60_000 }, contactId);
  return { allowed: r.allowed, firstRefusal: r.firstRefusal };
}
