// Rate limits: fixed-window counters in the database, so that every server
// instance (and every bot account) counts against one shared limit. Nothing of
// it lives in a process's memory. Used as Koa middleware for sign-in, order
// creation and redemptions, and directly by the group bot for its commands.
import { isUniqueViolation } from './db.js';
import type Koa from 'koa';
import type { AppCustom, AppContext, AppState, Deps } from './context.js';
import { AppError } from './errors.js';

export type RateBucket = 'login' | 'order' | 'redeem' | 'bot';

export interface RateLimit {
  bucket: RateBucket;
  /** requests allowed per window */
  max: number;
  windowMs: number;
}

export interface RateCount {
  /** this request's number in its window, itself included */
  count: number;
  allowed: boolean;
  /** the first request over the limit in this window (say so once, then stay quiet) */
  firstRefusal: boolean;
  /** whole seconds until the window ends, at least 1 */
  retryAfterSeconds: number;
}

/**
 * Counts one request of `key` under `limit`: one atomic upsert-increment of the
 * window's row (deps.clock decides the window, so tests move time). When a new
 * window starts, the bucket's ended windows are deleted.
 */
export async function countRequest(deps: Deps, limit: RateLimit, key: string): Promise<RateCount> {
  const now = deps.clock().getTime();
  const start = now - (now % limit.windowMs);
  const windowStart = new Date(start);
  const where = { bucket_key_windowStart: { bucket: limit.bucket, key, windowStart } };
  let count: number;
  try {
    count = (
      await deps.db.rateLimitWindow.upsert({
        where,
        create: { bucket: limit.bucket, key, windowStart, count: 1 },
        update: { count: { increment: 1 } },
        select: { count: true },
      })
    ).count;
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    // another instance created the window's row between our look and our insert
    count = (await deps.db.rateLimitWindow.update({ where, data: { count: { increment: 1 } }, select: { count: true } })).count;
  }
  if (count === 1) {
    await deps.db.rateLimitWindow.deleteMany({ where: { bucket: limit.bucket, windowStart: { lt: windowStart } } });
  }
  return {
    count,
    allowed: count <= limit.max,
    firstRefusal: count === limit.max + 1,
    retryAfterSeconds: Math.max(1, Math.ceil((start + limit.windowMs - now) / 1000)),
  };
}

/** 429 with Retry-After (seconds to the window's end), reason `rate_limited`. */
export function rateLimited(message: string, retryAfterSeconds: number): AppError {
  return new AppError('rate_limited', message, undefined, 'rate_limited', { 'Retry-After': String(retryAfterSeconds) });
}

/**
 * Koa middleware: over the limit the request is refused with 429 before its
 * handler runs, so nothing else is written. `key` says whom to count (a client
 * address, a user, a household).
 */
export function rateLimit(opts: {
  bucket: RateBucket;
  /** per minute, read from the configuration of the request's deps */
  perMinute: (config: Deps['config']) => number;
  key: (ctx: AppContext) => string;
  message: string;
}): Koa.Middleware<AppState, AppCustom> {
  return async (ctx, next) => {
    const deps = ctx.deps;
    const limit: RateLimit = { bucket: opts.bucket, max: opts.perMinute(deps.config), windowMs: 60_000 };
    const r = await countRequest(deps, limit, opts.key(ctx));
    if (!r.allowed) throw rateLimited(opts.message, r.retryAfterSeconds);
    await next();
  };
}
