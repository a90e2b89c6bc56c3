// The one way a console session starts, whichever sign-in proved who it is (a password,
// or a scan confirmed on the phone): the session row with the role grants it signs in
// with, the httpOnly cookie and the readable csrf cookie, and the same answer.
import type { AppContext, Deps } from '../context.js';
import { CONSOLE_IDLE_MS, CONSOLE_SESSION_MS, setConsoleCookies } from './consoleSession.js';
import { issueSession } from './sessions.js';
import type { Viewer } from './viewer.js';

export async function startConsoleSession(deps: Deps, ctx: AppContext, account: Viewer, mustChangePassword: boolean) {
  const session = await issueSession(deps, account.userId, {
    kind: 'console',
    ttlMs: CONSOLE_SESSION_MS,
    userAgent: ctx.get('user-agent'),
    // the grants it signs in with: one of them removed ends the session (sessions.ts)
    roles: account.roles,
  });
  setConsoleCookies(ctx, session.token, session.expiresAt);
  return {
    userId: account.userId,
    displayName: account.displayName,
    expiresAt: session.expiresAt,
    idleMinutes: CONSOLE_IDLE_MS / 60_000,
    mustChangePassword,
  };
}
