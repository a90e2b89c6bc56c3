// Sign-in on each request: the bearer token → the Viewer every policy decision sees.
import type Koa from 'koa';
import type { AppContext, AppCustom, AppState } from '../context.js';
import { AppError } from '../errors.js';
import { checkCsrf, clearConsoleCookies, CONSOLE_IDLE_MS, refuseForeignOrigin, sessionCookieOf } from './consoleSession.js';
import { endSession, sessionForToken, touchSession } from './sessions.js';
import type { Viewer } from './viewer.js';

export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/i.exec(header ?? '');
  return m ? m[1]! : null;
}

/** The session each signed-in request came with (kept beside the context, not in the shared AppState). */
const sessionIds = new WeakMap<object, string>();
export const sessionIdOf = (ctx: AppContext) => sessionIds.get(ctx);

/** Routes a console session whose first password is not yet changed may still call. */
const BEFORE_PASSWORD_CHANGE = new Set(['/api/auth/password/change', '/api/auth/logout']);

/**
 * Signs the request in from its bearer token (the mini-program) or, without one,
 * from the console's session cookie (with its CSRF checks), or refuses it (401).
 */
export async function authenticate(ctx: AppContext): Promise<Viewer> {
  const deps = ctx.deps;
  const bearer = bearerToken(ctx.get('authorization'));
  const cookie = bearer ? null : sessionCookieOf(ctx);
  const token = bearer ?? cookie;
  if (!token) throw new AppError('unauthenticated', 'sign in first (Authorization: Bearer <token>)');
  // the Origin before the database: a foreign page learns nothing from the answer
  if (cookie) refuseForeignOrigin(ctx);
  // a cookie whose session is over is cleared with the refusal: the console then knows it is signed out
  const over = (e: AppError) => {
    if (cookie) clearConsoleCookies(ctx);
    return e;
  };
  const found = await sessionForToken(deps, token);
  if (!found || (cookie && found.session.kind !== 'console')) throw over(new AppError('unauthenticated', 'session expired, sign in again'));
  const { viewer, session } = found;
  if (session.kind === 'console') {
    const now = deps.clock().getTime();
    if (session.lastSeenAt && now - session.lastSeenAt.getTime() > CONSOLE_IDLE_MS) {
      await endSession(deps, session.id);
      throw over(new AppError('unauthenticated', `signed out after ${CONSOLE_IDLE_MS / 60_000} minutes without activity, sign in again`, undefined, 'idle_timeout'));
    }
    if (session.roleRemoved) {
      await endSession(deps, session.id);
      throw over(new AppError('unauthenticated', 'a role of this account was removed, sign in again', undefined, 'role_removed'));
    }
    if (cookie) checkCsrf(ctx, deps, cookie);
    if (session.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(ctx.path)) {
      throw new AppError('forbidden', 'change the first password before anything else (POST /api/auth/password/change)', undefined, 'password_change_required');
    }
    await touchSession(deps, session.id, session.lastSeenAt);
  }
  ctx.state.viewer = viewer;
  sessionIds.set(ctx, session.id);
  return viewer;
}

/** Every route after this one needs a signed-in user. */
export const requireViewer: Koa.Middleware<AppState, AppCustom> = async (ctx, next) => {
  await authenticate(ctx);
  await next();
};

/** The viewer requireViewer signed in, for middleware that runs after it (a rate limit's key). */
export function viewerOf(ctx: Pick<AppContext, 'state'>): Viewer {
  const v = ctx.state.viewer;
  if (!v) throw new AppError('unauthenticated', 'sign in first');
  return v;
}
