// Sign-in on each request: the bearer token → the Viewer every policy decision sees.
import type Koa from 'koa';
import type { AppContext, AppCustom, AppState } from '../context.js';
import { AppError } from '../errors.js';
import { viewerForToken } from './sessions.js';
import type { Viewer } from './viewer.js';

export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/i.exec(header ?? '');
  return m ? m[1]! : null;
}

/** Signs the request in from its bearer token, or refuses it (401). */
export async function authenticate(ctx: AppContext): Promise<Viewer> {
  const token = bearerToken(ctx.get('authorization'));
  if (!token) throw new AppError('unauthenticated', 'sign in first (Authorization: Bearer <token>)');
  const viewer = await viewerForToken(ctx.deps, token);
  if (!viewer) throw new AppError('unauthenticated', 'session expired, sign in again');
  ctx.state.viewer = viewer;
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
