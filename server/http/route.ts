// Routes that describe themselves. Each route is declared once, with the zod
// schemas of what it takes (params, query, body) and what it answers. The same
// declarations become the Koa routers (server/routes.ts → app.ts) and the
// OpenAPI document (server/openapi.ts), so the two cannot drift apart.
//
// A request runs: sign-in (unless public) → the route's own middleware (rate
// limits, multipart) → validation of params, query and body (400 naming the
// field) → the handler → where the configuration asks for it (development and
// tests), a check of the answer against the declared response schema.
import Router from '@koa/router';
import type Koa from 'koa';
import type { z } from 'zod';
import type { Viewer } from '../auth/viewer.js';
import { requireViewer } from '../auth/middleware.js';
import type { AppContext, AppCustom, AppState, Deps } from '../context.js';
import { AppError } from '../errors.js';
import { parse } from './validate.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call a route: `viewer` (default) a signed-in user; `public` anyone (sign-in
 * itself, the API document); `self` the handler decides (an image behind a signed URL
 * or a bearer token).
 */
export type Auth = 'viewer' | 'public' | 'self';

type Schema = z.ZodType;
type Out<S> = S extends Schema ? z.output<S> : undefined;

export interface RouteInput<P, Q, B, A extends Auth> {
  deps: Deps;
  viewer: A extends 'viewer' ? Viewer : Viewer | undefined;
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  /** The Koa context, for what a declaration cannot say: headers, a status that depends on the outcome. */
  ctx: AppContext;
}

export interface RouteSpec<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined, R extends Schema | null, A extends Auth> {
  method: Method;
  /** Relative to the group's prefix, Koa style (`/:id/claim`). */
  path: string;
  /** One line in the domain's words, shown in the API document. */
  summary: string;
  description?: string;
  auth?: A;
  params?: P;
  query?: Q;
  body?: B;
  /** A body that is not JSON (the document says so; the route's middleware reads it). */
  upload?: { field: string; description: string };
  /** The JSON answer; null for none (204) or a non-JSON answer (see `produces`). */
  response: R;
  /** A non-JSON answer: its media type, for the document. */
  produces?: string;
  /** The success status; the handler may still set another through ctx (a replayed redemption). */
  status?: number;
  /** Extra headers the route reads (for the document): name → description. */
  headers?: Record<string, { description: string; required?: boolean }>;
  /** Runs after sign-in and before validation: rate limits, multipart parsing. */
  use?: Koa.Middleware<AppState, AppCustom>[];
  handler: (input: RouteInput<P, Q, B, A>) => Promise<R extends Schema ? z.input<R> : void> | (R extends Schema ? z.input<R> : void);
}

// eslint-style `any` kept to this one alias: a list of routes of different shapes
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteSpec<any, any, any, any, any>;

/** Declares one route; an identity function so TypeScript checks the handler against the schemas. */
export function route<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  R extends Schema | null = null,
  A extends Auth = 'viewer',
>(spec: RouteSpec<P, Q, B, R, A>): AnyRoute {
  return spec as AnyRoute;
}

/** The routes under one URL prefix, owned by one server folder. */
export interface RouteGroup {
  /** The folder and the document's tag: `orders`, `shop`… */
  name: string;
  prefix: string;
  description: string;
  routes: AnyRoute[];
}

export const routeGroup = (name: string, prefix: string, description: string, routes: AnyRoute[]): RouteGroup => ({
  name,
  prefix,
  description,
  routes,
});

/** The full path of a route, Koa style. */
export const fullPath = (g: RouteGroup, r: AnyRoute) => (g.prefix + r.path).replace(/\/$/, '') || '/';

export function buildRouter(group: RouteGroup): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: group.prefix });
  for (const spec of group.routes) {
    const chain: Koa.Middleware<AppState, AppCustom>[] = [];
    if ((spec.auth ?? 'viewer') === 'viewer') chain.push(requireViewer);
    chain.push(...(spec.use ?? []));
    chain.push(async (ctx) => {
      const input = {
        deps: ctx.deps,
        viewer: ctx.state.viewer,
        params: spec.params ? parse(spec.params, (ctx as { params?: unknown }).params, 'params') : undefined,
        query: spec.query ? parse(spec.query, ctx.query, 'query') : undefined,
        body: spec.body ? parse(spec.body, ctx.request.body, 'body') : undefined,
        ctx,
      };
      ctx.status = spec.status ?? (spec.response === null && !spec.produces ? 204 : 200);
      const result = await spec.handler(input);
      if (spec.response) {
        if (ctx.deps.config.checkResponses) checkResponse(ctx, spec, result);
        ctx.body = result;
      }
    });
    router[spec.method](spec.path, ...chain);
  }
  return router;
}

/**
 * The answer must be what the route declares, and nothing more: a field the
 * schema does not name is a failure too (it is how a personal field would leak
 * unnoticed). On in development and tests, off in production (its cost).
 */
function checkResponse(ctx: AppContext, spec: AnyRoute, body: unknown) {
  const r = (spec.response as Schema).safeParse(body);
  const problems = r.success
    ? undeclared(body, r.data, '').map((p) => `${p}: not declared in the response schema`)
    : r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  if (!problems.length) return;
  // paths and messages only: never the values, which may be personal
  ctx.deps.logger.error({ route: `${spec.method.toUpperCase()} ${ctx.path}`, problems }, 'response does not match its schema');
  throw new AppError('internal', `response does not match its schema: ${problems.slice(0, 5).join('; ')}`, undefined, 'response_schema');
}

/** Keys present in what the handler returned but stripped by the schema's parse. */
function undeclared(sent: unknown, parsed: unknown, path: string): string[] {
  if (Array.isArray(sent) && Array.isArray(parsed)) return sent.flatMap((x, i) => undeclared(x, parsed[i], `${path}.${i}`));
  if (!isPlain(sent) || !isPlain(parsed)) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(sent)) {
    const at = path ? `${path}.${k}` : k;
    if (!(k in parsed)) {
      if (v !== undefined) out.push(at);
    } else out.push(...undeclared(v, parsed[k], at));
  }
  return out;
}

const isPlain = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !Buffer.isBuffer(v);
