import type Koa from 'koa';
import type { AppCustom, AppState } from '../context.js';
import { AppError } from '../errors.js';
import { viewerForToken } from './sessions.js';

export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/i.exec(header ?? '');
  return m ? m[1]! : null;
}

/** Every route after this one needs a signed-in user. */
export const requireViewer: Koa.Middleware<AppState, AppCustom> = async (ctx, next) => {
  const token = bearerToken(ctx.get('authorization'));
  if (!token) throw new AppError('unauthenticated', 'sign in first (Authorization: Bearer <token>)');
  const viewer = await viewerForToken(ctx.deps, token);
  if (!viewer) throw new AppError('unauthenticated', 'session expired, sign in again');
  ctx.state.viewer = viewer;
  await next();
};
