// A fake API server for component tests: the real API client and Taro's real H5
// request run, only `fetch` is replaced. Routes are "METHOD /api/path" (without
// the query); each answers with a body (200) or { status, body }, or throws for
// "the network is down". Every call is recorded with its query and body.
import { vi } from 'vitest';
import type { z } from 'zod';
import type { AnyRoute, RouteGroup } from '../../../server/http/route.js';

// ---- the server's own declarations ---------------------------------------------------
// Every call the client makes is checked against the route the server declares for it
// (server/routes.ts, the list app.ts mounts): a path the server does not serve, or params,
// a query or a body its zod schemas refuse, is answered 400 as the server would, and
// recorded in `schemaViolations`, which fails the test (support/setup.ts).

interface Declared {
  pattern: RegExp;
  names: string[];
  route: AnyRoute;
  label: string;
}
let declared: Promise<Declared[]> | undefined;
/** Loads the server's route list (once per file; support/setup.ts does it before the tests, so no test waits for it). */
export const declaredRoutes = () =>
  (declared ??= import('../../../server/routes.js').then(({ routeGroups }: { routeGroups: RouteGroup[] }) =>
    routeGroups.flatMap((g) =>
      g.routes.map((r) => {
        const full = (g.prefix + r.path).replace(/\/$/, '') || '/';
        const names: string[] = [];
        const pattern = new RegExp(`^${full.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_, n: string) => (names.push(n), '([^/]+)'))}$`);
        return { pattern, names, route: r, label: `${r.method.toUpperCase()} ${full}` };
      }),
    ),
  ));

/** Calls the server would have refused as malformed: each names the call and what is wrong. */
export const schemaViolations: string[] = [];

async function checkAgainstServer(call: Call): Promise<{ path: string; message: string }[] | null> {
  const routes = await declaredRoutes();
  const method = call.method.toLowerCase();
  const onPath = routes.filter((d) => d.pattern.test(call.path));
  const found = onPath.find((d) => d.route.method === method);
  if (!found) return [{ path: 'route', message: onPath.length ? `the server serves ${onPath.map((d) => d.label).join(', ')}, not ${call.method}` : 'the server has no such route' }];
  const problems: { path: string; message: string }[] = [];
  const check = (schema: z.ZodType | undefined, value: unknown, where: string) => {
    if (!schema) return;
    const r = schema.safeParse(value);
    if (!r.success) for (const i of r.error.issues) problems.push({ path: [where, ...i.path.map(String)].join('.'), message: i.message });
  };
  const m = found.pattern.exec(call.path)!;
  check(found.route.params, Object.fromEntries(found.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)])), 'params');
  check(found.route.query, call.query, 'query');
  if (!found.route.upload) check(found.route.body, call.body ?? {}, 'body');
  return problems.length ? problems : null;
}

export interface Call {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  headers: Record<string, string>;
}

/** A body (200), `{ status, body }`, or OFFLINE. */
export type Answer = object | string | number | boolean | null | symbol;
type Handler = Answer | ((call: Call) => Answer | Promise<Answer>);

/** An error answer as the server writes it (server/errors.ts). */
export const refusal = (status: number, code: string, message: string, extra: { reason?: string; details?: Array<{ path: string; message: string }> } = {}) => ({
  status,
  body: { error: { code, message, ...extra } },
});

export const OFFLINE = Symbol('offline');

const isAnswer = (a: unknown): a is { status: number; body?: unknown } =>
  typeof a === 'object' && a !== null && 'status' in a && typeof (a as { status: unknown }).status === 'number' && Object.keys(a).every((k) => k === 'status' || k === 'body');

export function fakeServer(routes: Record<string, Handler>) {
  const calls: Call[] = [];
  const table = new Map(Object.entries(routes));
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init: RequestInit = {}) => {
      const url = new URL(String(input), 'http://app.test');
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((value, key) => (headers[key.toLowerCase()] = value));
      const call: Call = {
        method: init.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: init.body ? JSON.parse(String(init.body)) : undefined,
        headers,
      };
      calls.push(call);
      const problems = await checkAgainstServer(call);
      if (problems) {
        schemaViolations.push(`${call.method} ${call.path}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
        return new Response(JSON.stringify(refusal(400, 'invalid_request', 'the request does not match the API', { details: problems }).body), {
          status: 400,
          headers: { 'content-type': 'application/json' },
        });
      }
      const handler = table.get(`${call.method} ${call.path}`);
      if (handler === undefined) throw new Error(`fake server: no route ${call.method} ${call.path}`);
      const answer: unknown = typeof handler === 'function' ? await (handler as (c: Call) => Answer)(call) : handler;
      if (answer === OFFLINE) throw new TypeError('Failed to fetch');
      const { status, body } = isAnswer(answer) ? answer : { status: 200, body: answer };
      return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    }),
  );
  return {
    calls,
    /** Replaces (or adds) a route's answer. */
    on(route: string, handler: Handler) {
      table.set(route, handler);
    },
    /** Calls to one route, e.g. `POST /api/notices`. */
    to(route: string) {
      return calls.filter((c) => `${c.method} ${c.path}` === route);
    },
  };
}
