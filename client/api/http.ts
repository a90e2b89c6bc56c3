// The one place that talks to the server (Taro.request / Taro.uploadFile).
import Taro from '@tarojs/taro';
import { KEYS, readStored, writeStored } from '../lib/storage.js';
import { ApiError, type ErrorDetail, type RouteWords } from './errors.js';

const TIMEOUT_MS = 20_000;

let token: string | undefined = readStored<string>(KEYS.token);
let onSignedOut: (() => void) | undefined;

export const session = {
  token: () => token,
  set(t: string | undefined) {
    token = t;
    writeStored(KEYS.token, t);
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

function queryString(q: Query | undefined): string {
  if (!q) return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined) continue;
    const s = Array.isArray(v) ? v.join(',') : String(v);
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(s)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

function headers(json: boolean, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...(json ? { 'content-type': 'application/json' } : {}),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...extra,
  };
}

/** An answer outside 2xx, with what this route's refusals mean (see errors.ts). */
function failure(status: number, data: unknown, words?: RouteWords): ApiError {
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

export async function request<T>(method: 'GET' | 'POST', path: string, opts: RequestOptions = {}): Promise<T> {
  let res: { statusCode: number; data: unknown };
  try {
    res = await Taro.request({
      url: apiUrl(`/api${path}${queryString(opts.query)}`),
      method,
      header: headers(opts.body !== undefined, opts.headers),
      ...(opts.body !== undefined ? { data: opts.body as TaroGeneral.IAnyObject } : {}),
      dataType: 'json',
      timeout: TIMEOUT_MS,
    });
  } catch {
    throw new ApiError(0, 'network', 'no answer', { words: opts.words });
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T;
  throw failure(res.statusCode, res.data, opts.words);
}

/** A local photo (a temp file path on WeChat, a blob: URL in the browser) → POST /api/uploads. */
export async function upload<T>(path: string, filePath: string): Promise<T> {
  let res: { statusCode: number; data: string };
  try {
    res = await Taro.uploadFile({ url: apiUrl(`/api${path}`), filePath, name: 'file', header: headers(false), timeout: 60_000 });
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
