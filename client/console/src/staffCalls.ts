// Calls of the 就业 and 积分 sections that the shared typed client (client/api/calls.ts)
// cannot make: it speaks GET and POST only, as wx.request does on the mini-program, and
// the console also edits (PATCH), downloads files and uploads a picked File (the
// transport's upload fetches a blob: URL first, which the console's CSP, connect-src
// 'self', refuses). Same headers, same error shape.
import { authHeaders, failure } from '../../api/core.js';
import type { CreateJobInput, LedgerImportResult, ManagedJob, PointsRule, ShopItem, StoredPointsRule, UpdateItemInput, UpdateJobInput, UpdateRuleInput } from './api.js';

async function send<T>(method: 'PATCH' | 'PUT', path: string, body: unknown): Promise<T> {
  const res = await fetch(`/api${path}`, { method, headers: authHeaders(true), body: JSON.stringify(body) });
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : null;
  if (!res.ok) throw failure(res.status, data);
  return data as T;
}

export const updateJob = (id: string, body: UpdateJobInput) => send<ManagedJob>('PATCH', `/jobs/${encodeURIComponent(id)}`, body);
export const updateRule = (id: string, body: UpdateRuleInput) => send<StoredPointsRule | PointsRule>('PATCH', `/points/rules/${encodeURIComponent(id)}`, body);
export const updateItem = (id: string, body: UpdateItemInput) => send<ShopItem>('PATCH', `/shop/items/${encodeURIComponent(id)}`, body);
export type { CreateJobInput };

// the download itself lives beside the orders' export, in the console's first load
export { download } from './api.js';

/** POST /api/employment/import: the picked workbook; `dryRun`, the same answer with nothing written (the preview). */
export async function importLedger(file: File, dryRun: boolean): Promise<LedgerImportResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await fetch(`/api/employment/import${dryRun ? '?dryRun=true' : ''}`, { method: 'POST', headers: authHeaders(false), body: form });
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    // a proxy's error page: the status says what happened
  }
  if (!res.ok) throw failure(res.status, data);
  return data as LedgerImportResult;
}
