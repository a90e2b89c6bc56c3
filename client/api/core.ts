// The typed calls' plumbing, without any one platform: session token, query strings,
// refusals as ApiError. How a request actually goes out is a Transport, installed once by
// each app: Taro's (http.ts) in the mini-program and its H5 build, fetch in the staff
// console (client/console/src/api.ts). Nothing here may import Taro or the DOM.
import { ApiError, type ErrorDetail, type RouteWords } from './errors.js';

export interface TransportReply {
  statusCode: number;
  data: unknown;
}

export interface Transport {
  /** `url` is what apiUrl made of the path; a thrown error means there was no answer. */
  request(r: { url: string; method: HttpMethod; headers: Record<string, string>; body?: unknown; timeoutMs: number }): Promise<TransportReply>;
  /** One file as multipart field `file`; `data` may be the raw text of the answer. */
  upload(r: { url: string; filePath: string; headers: Record<string, string>; timeoutMs: number }): Promise<TransportReply>;
  /** Where the session token is kept between visits. */
  loadToken(): string | undefined;
  saveToken(token: string | undefined): void;
}

const TIMEOUT_MS = 20_000;

let transport: Transport | undefined;
let token: string | undefined;
let onSignedOut: (() => void) | undefined;

/** Each app calls this once, before its first request. */
export function installTransport(t: Transport) {
  transport = t;
  token = t.loadToken();
}

function using(): Transport {
  if (!transport) throw new Error('client/api: no transport installed (import client/api/index.js, or installTransport first)');
  return transport;
}

export const session = {
  token: () => token,
  set(t: string | undefined) {
    token = t;
    using().saveToken(t);
  },
  /** Called when the server says the session is gone (expired, revoked). */
  onSignedOut(handler: () => void) {
    onSignedOut = handler;
  },
};

/** `/api/uploads/…` → an absolute URL on weapp, where there is no same origin. */
export function apiUrl(path: string): string {
  return /^https?:/.test(path) ? path : `${EJIA_API_BASE}${path}`;
}

export type Query = Record<string, string | number | boolean | string[] | undefined>;

export function queryString(q: Query | undefined): string {
  if (!q) return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined) continue;
    const s = Array.isArray(v) ? v.join(',') : String(v);
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(s)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

// What a session other than the bearer token needs on every request: the console's cookie
// session adds its CSRF header (client/console/src/signIn.ts). Requests made with fetch by hand
// (uploads with a file name, downloads) get it through authHeaders as the transport's do.
let sessionHeaders: (h: Record<string, string>) => Record<string, string> = (h) => h;
export function installSessionHeaders(fn: (h: Record<string, string>) => Record<string, string>): void {
  sessionHeaders = fn;
}

export function authHeaders(json: boolean, extra: Record<string, string> = {}): Record<string, string> {
  return sessionHeaders({
    ...(json ? { 'content-type': 'application/json' } : {}),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...extra,
  });
}

/** An answer outside 2xx, with what this route's refusals mean (see errors.ts). */
export function failure(status: number, data: unknown, words?: RouteWords): ApiError {
  const e = (data as { error?: { code?: string; message?: string; reason?: string; details?: ErrorDetail[] } } | null)?.error;
  // no error body (a proxy's page): the status says what happened
  const err = new ApiError(status, e?.code ?? 'unknown', e?.message ?? '', { details: e?.details ?? [], reason: e?.reason, words });
  if (status === 401 && token) {
    session.set(undefined);
    onSignedOut?.();
  }
  return err;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Extra request headers, e.g. the `Idempotency-Key` of a redemption. */
  headers?: Record<string, string>;
  /** What this route's refusals mean, in plain words (errors.ts ROUTE_WORDS). */
  words?: RouteWords;
}

/** PATCH is for the console only: wx.request has none (client/api/http.ts). */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function request<T>(method: HttpMethod, path: string, opts: RequestOptions = {}): Promise<T> {
  let res: TransportReply;
  try {
    res = await using().request({
      url: apiUrl(`/api${path}${queryString(opts.query)}`),
      method,
      headers: authHeaders(opts.body !== undefined, opts.headers),
      ...(opts.body !== undefined ? { body: opts.body } : {}),
      timeoutMs: TIMEOUT_MS,
    });
  } catch {
    throw new ApiError(0, 'network', 'no answer', { words: opts.words });
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T;
  throw failure(res.statusCode, res.data, opts.words);
}

/** A local photo (a temp file path on WeChat, a blob: URL in the browser) → POST /api/uploads. */
export async function upload<T>(path: string, filePath: string): Promise<T> {
  let res: TransportReply;
  try {
    res = await using().upload({ url: apiUrl(`/api${path}`), filePath, headers: authHeaders(false), timeoutMs: 60_000 });
  } catch {
    throw new ApiError(0, 'network', 'upload failed');
  }
  let data: unknown = res.data;
  try {
    data = typeof res.data === 'string' ? JSON.parse(res.data) : res.data;
  } catch {
    data = null;
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return data as T;
  throw failure(res.statusCode, data);
}
