import crypto from 'node:crypto';
import type { AppContext } from '../context.js';

/**
 * The request's id: the caller's (or the proxy's) X-Request-Id when it is a
 * plain token, else a fresh one; answered back in X-Request-Id. For records that
 * must be matched to a request later (the access log).
 */
export function requestIdOf(ctx: AppContext): string {
  const given = ctx.get('x-request-id');
  const id = /^[\w.:-]{8,64}$/.test(given) ? given : crypto.randomUUID();
  ctx.set('X-Request-Id', id);
  return id;
}
