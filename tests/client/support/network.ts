// A fake API server for component tests: the real API client and Taro's real H5
// request run, only `fetch` is replaced. Routes are "METHOD /api/path" (without
// the query); each answers with a body (200) or { status, body }, or throws for
// "the network is down". Every call is recorded with its query and body.
import { vi } from 'vitest';

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
