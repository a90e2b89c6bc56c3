// One error type for everything the API refuses on purpose, mapped to HTTP in one middleware.
import type Koa from 'koa';
import { prismaErrorCode } from './db.js';
import { z } from 'zod';
import type { Logger } from './logger.js';

export type ErrorCode =
  | 'invalid_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'invalid_transition'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'upstream_error'
  | 'unavailable'
  | 'internal';

const STATUS: Record<ErrorCode, number> = {
  invalid_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  invalid_transition: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  upstream_error: 502,
  unavailable: 503,
  internal: 500,
};

export interface ErrorDetail {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    /** A stable machine word for why (sold_out, insufficient_points, full …): clients match on it, not on the message. */
    readonly reason?: string,
    /** Headers sent with the refusal (Retry-After on a 429). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message: string) => new AppError('forbidden', message);
export const badRequest = (path: string, message: string) =>
  new AppError('invalid_request', `${path}: ${message}`, [{ path, message }]);

/** Turns a zod failure into a 400 that names each bad field, prefixed by where it was (body, query, params). */
export function fromZod(error: z.ZodError, where: string): AppError {
  const details = error.issues.map((i) => ({
    path: [where, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  const summary = details.map((d) => `${d.path}: ${d.message}`).join('; ');
  return new AppError('invalid_request', summary, details);
}

export function errorMiddleware(logger: Logger): Koa.Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.body === undefined) {
        if (ctx.status === 404 && (ctx.path.startsWith('/api') || ctx.path.startsWith('/open311/'))) throw new AppError('not_found', `no route ${ctx.method} ${ctx.path}`);
        // the routers' allowedMethods: a known path with another method (405), or a method no router knows (501);
        // both are the caller's mistake, answered in the usual error body (the Allow header stays)
        if (ctx.status === 405 || ctx.status === 501) throw new AppError('method_not_allowed', `${ctx.method} is not allowed on ${ctx.path}`);
      }
    } catch (err) {
      const e = toAppError(err);
      if (e.code === 'unavailable') logger.warn({ err, path: ctx.path, method: ctx.method }, 'request refused: database busy');
      else if (e.status >= 500) logger.error({ err, path: ctx.path, method: ctx.method }, 'request failed');
      ctx.status = e.status;
      ctx.body = {
        error: { code: e.code, message: e.message, ...(e.reason ? { reason: e.reason } : {}), ...(e.details ? { details: e.details } : {}) },
      };
      // headers the refusal carries (a rate limit's Retry-After) go out with it
      const headers = e.headers ?? (err as { headers?: Record<string, string> }).headers;
      if (headers && (e.status < 500 || e.code === 'unavailable')) ctx.set(headers);
    }
  };
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof z.ZodError) return fromZod(err, 'body');
  const prismaCode = prismaErrorCode(err);
  if (prismaCode === 'P2002') return new AppError('conflict', 'already exists');
  if (prismaCode === 'P2025') return new AppError('not_found', 'not found');
  // no connection or transaction slot in time (P2024, P2028), a write conflict or deadlock (P2034):
  // nothing was written; the client may simply try again
  if (prismaCode === 'P2024' || prismaCode === 'P2028' || prismaCode === 'P2034') {
    return new AppError('unavailable', 'the server is busy, try again in a moment', undefined, 'busy', { 'Retry-After': '1' });
  }
  const status = (err as { status?: number; statusCode?: number }).status ?? (err as { statusCode?: number }).statusCode;
  const expose = (err as { expose?: boolean }).expose;
  const message = (err as Error).message ?? 'error';
  if (status === 413) return new AppError('payload_too_large', 'body: too large');
  if (status === 415) return new AppError('unsupported_media_type', message);
  if (status === 429) return new AppError('rate_limited', 'too many requests, try again later');
  if (status && status >= 400 && status < 500) {
    // co-body marks unparsable JSON 400 without `expose`; other library errors are exposed on purpose
    if (err instanceof SyntaxError || /json/i.test(message)) {
      return new AppError('invalid_request', 'body: invalid JSON', [{ path: 'body', message: 'invalid JSON' }]);
    }
    if (expose) return new AppError(status === 404 ? 'not_found' : 'invalid_request', message);
  }
  return new AppError('internal', 'internal error');
}
