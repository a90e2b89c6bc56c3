import type { AppContext, Deps } from '../context.js';
import { clearConsoleCookies, refuseForeignOrigin, sessionCookieOf } from './consoleSession.js';
import { bearerToken } from './middleware.js';
import { revokeSession } from './sessions.js';

/**
 * Ends the session of the request's bearer token or, without one, of the console's
 * cookie (whose cookies are cleared); without either there is nothing to end.
 */
export async function logout(deps: Deps, ctx: AppContext): Promise<void> {
  const token = bearerToken(ctx.get('authorization'));
  if (token) return revokeSession(deps, token);
  const cookie = sessionCookieOf(ctx);
  if (!cookie) return;
  // signing someone out is harmless but still not for other sites to do
  refuseForeignOrigin(ctx);
  await revokeSession(deps, cookie);
  clearConsoleCookies(ctx);
}
