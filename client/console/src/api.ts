// The console's side of the shared typed API client (client/api): the same calls and
// types as the mini-program, over fetch instead of Taro.request. The session token
// lives in sessionStorage: a staff PC is often shared, and closing the browser ends it.
import { installTransport, authHeaders, failure, queryString, type Transport } from '../../api/core.js';
import type { OrderFilters } from '../../api/types.js';

const TOKEN_KEY = 'ejia.console.token';

async function send(url: string, init: RequestInit, timeoutMs: number) {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  let data: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json') && text) data = JSON.parse(text);
  return { statusCode: res.status, data };
}

export const fetchTransport: Transport = {
  request: ({ url, method, headers, body, timeoutMs }) =>
    send(url, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) }, timeoutMs),
  async upload({ url, filePath, headers, timeoutMs }) {
    // filePath is a blob: URL of a picked file
    const form = new FormData();
    form.append('file', await (await fetch(filePath)).blob());
    return send(url, { method: 'POST', headers, body: form }, timeoutMs);
  },
  loadToken: () => sessionStorage.getItem(TOKEN_KEY) ?? undefined,
  saveToken: (t) => (t ? sessionStorage.setItem(TOKEN_KEY, t) : sessionStorage.removeItem(TOKEN_KEY)),
};

installTransport(fetchTransport);

/** GET a file the server makes (an .xlsx) and save it through the browser under the server's name. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await fetch(`/api${path}`, { headers: authHeaders(false) });
  if (!res.ok) {
    const text = await res.text();
    throw failure(res.status, text ? JSON.parse(text) : null);
  }
  const name = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name ? decodeURIComponent(name) : fallbackName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** GET /api/orders/export.xlsx with the list's filters, saved through the browser as a file. */
export const downloadOrders = (filters: OrderFilters) => download(`/orders/export.xlsx${queryString(filters)}`, '工单.xlsx');

export { api } from '../../api/calls.js';
export { ApiError, messageOf, plainMessage } from '../../api/errors.js';
export { session } from '../../api/core.js';
export type * from '../../api/types.js';
