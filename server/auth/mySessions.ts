// A user's own sessions: which are live (the mini-program's tokens and the console's cookies), and ending one.
import type { AppContext, Deps } from '../context.js';
import { notFound } from '../errors.js';
import { clearConsoleCookies, CONSOLE_IDLE_MS } from './consoleSession.js';
import { endSession, listLiveSessions } from './sessions.js';
import type { Viewer } from './viewer.js';

export async function listMySessions(deps: Deps, viewer: Viewer, currentId: string | undefined) {
  const now = deps.clock().getTime();
  const rows = await listLiveSessions(deps, viewer.userId);
  return {
    items: rows
      // a console session idle past its timeout is over, though nothing has marked it yet
      .filter((r) => !(r.kind === 'console' && r.lastSeenAt && now - r.lastSeenAt.getTime() > CONSOLE_IDLE_MS))
      .map((r) => ({
        id: r.id,
        kind: r.kind === 'console' ? ('console' as const) : ('token' as const),
        createdAt: r.createdAt,
        expiresAt: r.expiresAt,
        lastSeenAt: r.lastSeenAt,
        userAgent: r.userAgent,
        current: r.id === currentId,
      })),
  };
}

/** Ends one of the viewer's own sessions; another user's is 404, as one that does not exist. */
export async function revokeMySession(deps: Deps, ctx: AppContext, viewer: Viewer, id: string, currentId: string | undefined) {
  if (!(await endSession(deps, id, viewer.userId))) throw notFound('session');
  if (id === currentId) clearConsoleCookies(ctx);
}
