// Bad input on every route: a 400 that names the field, never a 500, and nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceOrder, raiseOrder, signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;
let orderId: string;
let resolvedId: string;
beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  orderId = (await raiseOrder(cast.resident)).id;
  resolvedId = (await raiseOrder(cast.resident)).id;
  await advanceOrder(cast, resolvedId, 'resolved');
});
afterAll(() => s.close());

const writes = async () => {
  const db = s.deps.db;
  const [orders, events, photos, uploads, sessions, users] = await Promise.all([
    db.order.count(),
    db.orderEvent.count(),
    db.orderPhoto.count(),
    db.upload.count(),
    db.session.count(),
    db.user.count(),
  ]);
  return { orders, events, photos, uploads, sessions, users, updated: (await db.order.aggregate({ _max: { updatedAt: true } }))._max.updatedAt?.getTime() };
};

// paths name the orders as :order (just submitted) and :resolved
type Case = [who: keyof Cast | null, method: 'GET' | 'POST', path: string, body: unknown, field: string];

const longText = '很'.repeat(2001);
const CASES: Case[] = [
  [null, 'POST', '/api/auth/dev-login', { openid: 42 }, 'body.openid'],
  [null, 'POST', '/api/auth/dev-login', [], 'body'],
  [null, 'POST', '/api/auth/wechat', { code: '' }, 'body.code'],
  [null, 'POST', '/api/auth/wechat', { code: 'x'.repeat(200) }, 'body.code'],
  ['resident', 'POST', '/api/orders', {}, 'body.category'],
  ['resident', 'POST', '/api/orders', { category: 'repair' }, 'body.description'],
  ['resident', 'POST', '/api/orders', { category: 'repair', description: '漏' }, 'body.description'],
  ['resident', 'POST', '/api/orders', { category: 'repair', description: longText }, 'body.description'],
  ['resident', 'POST', '/api/orders', { category: 'rockets', description: '水管漏水' }, 'body.category'],
  ['resident', 'POST', '/api/orders', { category: 'repair', description: '水管漏水', urgency: 'urgent' }, 'body.urgency'],
  ['resident', 'POST', '/api/orders', { category: 'repair', description: '水管漏水', title: '' }, 'body.title'],
  ['resident', 'POST', '/api/orders', { category: 'repair', description: '水管漏水', photos: 'abc' }, 'body.photos'],
  ['resident', 'POST', '/api/orders', { category: 'repair', description: '水管漏水', photos: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }, 'body.photos'],
  ['resident', 'POST', '/api/orders', { category: 'repair', description: '水管漏水', photos: ['no-such-upload'] }, 'body.photos.0'],
  ['buildingHead', 'POST', '/api/orders', { category: 'repair', description: '水管漏水', onBehalfOf: 7 }, 'body.onBehalfOf'],
  ['resident', 'GET', '/api/orders?status=open', undefined, 'query.status.0'],
  ['resident', 'GET', '/api/orders?limit=1000', undefined, 'query.limit'],
  ['resident', 'GET', '/api/orders?limit=abc', undefined, 'query.limit'],
  ['resident', 'GET', '/api/orders?overdue=maybe', undefined, 'query.overdue'],
  ['resident', 'GET', '/api/orders?urgency=high', undefined, 'query.urgency'],
  ['staff', 'GET', '/api/orders/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', undefined, 'params.id'],
  ['staff', 'POST', '/api/orders/:order/dispatch', { assigneeId: 123 }, 'body.assigneeId'],
  ['staff', 'POST', '/api/orders/:order/dispatch', { assigneeId: 'nobody' }, 'body.assigneeId'],
  ['staff', 'POST', '/api/orders/:order/dispatch', { note: 'x'.repeat(501) }, 'body.note'],
  ['gridWorker', 'POST', '/api/orders/:order/claim', { note: 5 }, 'body.note'],
  ['gridWorker', 'POST', '/api/orders/:resolved/resolve', {}, 'body.note'],
  ['gridWorker', 'POST', '/api/orders/:resolved/resolve', { note: '好了', photos: [1] }, 'body.photos.0'],
  ['resident', 'POST', '/api/orders/:resolved/feedback', { satisfied: true }, 'body.rating'],
  ['resident', 'POST', '/api/orders/:resolved/feedback', { satisfied: 'yes', rating: 5 }, 'body.satisfied'],
  ['resident', 'POST', '/api/orders/:resolved/feedback', { satisfied: true, rating: 6 }, 'body.rating'],
  ['resident', 'POST', '/api/orders/:resolved/feedback', { satisfied: true, rating: 4.5 }, 'body.rating'],
  ['reviewer', 'POST', '/api/orders/:resolved/review', { verdict: 'ok', comment: '好' }, 'body.verdict'],
  ['reviewer', 'POST', '/api/orders/:resolved/review', { verdict: 'pass' }, 'body.comment'],
  ['resident', 'POST', '/api/orders/:order/cancel', { reason: ['no'] }, 'body.reason'],
  ['staff', 'GET', '/api/org/households?limit=0', undefined, 'query.limit'],
  ['staff', 'GET', '/api/org/households?tag=RICH', undefined, 'query.tag'],
  ['staff', 'GET', '/api/org/residents?q=', undefined, 'query.q'],
  ['staff', 'GET', '/api/uploads/not-a-uuid', undefined, 'params.id'],
];

describe('bad input', () => {
  it.each(CASES.map((c) => [`${c[1]} ${c[2]} as ${c[0] ?? 'anonymous'} → 400 naming ${c[4]}`, ...c] as const))('%s', async (_name, who, method, path, body, field) => {
    const before = await writes();
    const token = who ? cast[who].token : undefined;
    const url = path.replace(':order', orderId).replace(':resolved', resolvedId);
    const r = await s.request(method, url, { token, ...(body !== undefined ? { body } : {}) });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_request');
    expect(r.body.error.details.map((d: any) => d.path)).toContain(field);
    expect(r.body.error.message).toContain(field);
    expect(await writes()).toEqual(before);
  });

  it('malformed JSON is a 400, not a 500', async () => {
    const before = await writes();
    const r = await s.request('POST', '/api/orders', {
      token: cast.resident.token,
      raw: '{"category": "repair", ',
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_request');
    expect(await writes()).toEqual(before);
  });

  it('an oversized body is a 413', async () => {
    const r = await s.request('POST', '/api/orders', {
      token: cast.resident.token,
      body: { category: 'repair', description: 'x'.repeat(300_000) },
    });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('payload_too_large');
  });

  it('an unknown route is a JSON 404', async () => {
    const r = await s.request('GET', '/api/nothing-here', { token: cast.resident.token });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
  });

  it('a wrong method is a 405 with Allow', async () => {
    const r = await s.request('DELETE', `/api/orders/${orderId}`, { token: cast.resident.token });
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toContain('GET');
  });
});
