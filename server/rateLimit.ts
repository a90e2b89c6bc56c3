// Rate limits: fixed-window counters in the database, so that every server
// instance (and every bot account) counts against one shared limit. Nothing of
// it lives in a process's memory. Used as Koa middleware for sign-in, order
// creation, redemptions and account codes (below), and directly by the group
// bot for its commands.
import type Koa from 'koa';
import type { AppCustom, AppContext, AppState, Deps } from './context.js';
import { AppError } from './errors.js';
import { sql } from './sql.js';

export type RateBucket = 'login' | 'password' | 'order' | 'redeem' | 'bot' | 'link' | 'invite' | 'reveal' | 'open311';

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
  // hand-written (server/sql.ts): this runs on every order and redemption
  const row = await deps.sql.one<{ count: number }>(sql`
    INSERT INTO "RateLimitWindow" (bucket, key, "windowStart", count) VALUES (${limit.bucket}, ${key}, ${windowStart}, 1)
    ON CONFLICT (bucket, key, "windowStart") DO UPDATE SET count = "RateLimitWindow".count + 1
    RETURNING count`);
  const count = row!.count;
  if (count === 1) {
    await deps.sql.run(sql`DELETE FROM "RateLimitWindow" WHERE bucket = ${limit.bucket} AND "windowStart" < ${windowStart}`);
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

/** The signed-in user, as a limit's key: for routes behind sign-in (the chain runs sign-in first). */
export function perUser(ctx: AppContext): string {
  const v = ctx.state.viewer;
  if (!v) throw new AppError('unauthenticated', 'sign in first');
  return v.userId;
}

// 账号绑定 codes are 8 characters a person types: a tight limit on entering them
// (POST /api/me/link) keeps an account from guessing, and one on giving them out
// (POST /api/org/residents/:id/invite) keeps a stolen working account from minting
// codes in bulk. Both per user; here, as the two routes live in two domains.
export const limitLinking = rateLimit({
  bucket: 'link',
  perMinute: (config) => config.linkRatePerMinute,
  key: perUser,
  message: 'too many codes entered, try again in a minute',
});

export const limitInviting = rateLimit({
  bucket: 'invite',
  perMinute: (config) => config.inviteRatePerMinute,
  key: perUser,
  message: 'too many account codes made, try again in a minute',
});
