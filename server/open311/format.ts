// The GeoReport v2 wire format: answers as JSON or XML (the suffix decides), errors in
// the spec's shape ([{code, description}] / <errors><error>…), and POST bodies as the
// spec's application/x-www-form-urlencoded (the app's body parser reads JSON only).
import type Koa from 'koa';
import type { AppCustom, AppState } from '../context.js';
import { AppError } from '../errors.js';

const XML_NAMES: Record<string, { list: string; item: string }> = {
  services: { list: 'services', item: 'service' },
  requests: { list: 'service_requests', item: 'request' },
};

const escapeXml = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
// characters XML 1.0 cannot carry at all
// eslint-disable-next-line no-control-regex
const xmlSafe = (s: string) => escapeXml(s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ''));

const value = (v: unknown): string => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : xmlSafe(String(v)));

/** `[{…}, {…}]` as <list><item><field>…</field></item></list>, with the XML declaration the spec asks for. */
export function toXml(rows: Array<Record<string, unknown>>, names: { list: string; item: string }): string {
  const items = rows.map((r) => `<${names.item}>${Object.entries(r).map(([k, v]) => `<${k}>${value(v)}</${k}>`).join('')}</${names.item}>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${names.list}>${items.join('')}</${names.list}>`;
}

const isXml = (path: string) => path.endsWith('.xml');
const resourceOf = (path: string) => (/\/services\.\w+$/.test(path) ? 'services' : 'requests');

/**
 * Outermost middleware of every /open311/v2 route: turns the JSON answer into XML for
 * `.xml`, and any refusal (a missing key, a field the route's schema refused, a 404)
 * into the spec's error list with the same HTTP status.
 */
export const open311Format: Koa.Middleware<AppState, AppCustom> = async (ctx, next) => {
  try {
    await next();
    if (isXml(ctx.path) && Array.isArray(ctx.body)) {
      ctx.body = toXml(ctx.body as Array<Record<string, unknown>>, XML_NAMES[resourceOf(ctx.path)]!);
      ctx.type = 'text/xml; charset=utf-8';
    }
  } catch (err) {
    // anything but a refusal (a 500) keeps the app's own handling and logging
    if (!(err instanceof AppError) || err.status >= 500) throw err;
    const description = err.details?.length ? err.details.map((d) => `${d.path}: ${d.message}`).join('; ') : err.message;
    const errors = [{ code: err.status, description }];
    ctx.status = err.status;
    if (err.headers) ctx.set(err.headers);
    if (isXml(ctx.path)) {
      ctx.type = 'text/xml; charset=utf-8';
      ctx.body = toXml(errors, { list: 'errors', item: 'error' });
    } else ctx.body = errors;
  }
};

const FORM_LIMIT = 64 * 1024;

/** Reads an application/x-www-form-urlencoded body (the spec's POST) into ctx.request.body. */
export const readForm: Koa.Middleware<AppState, AppCustom> = async (ctx, next) => {
  if (ctx.method === 'POST' && ctx.is('application/x-www-form-urlencoded')) {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > FORM_LIMIT) throw new AppError('payload_too_large', 'body: too large');
      chunks.push(chunk);
    }
    ctx.request.body = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
  }
  await next();
};
