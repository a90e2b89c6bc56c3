// The typed API client over Taro's real H5 request implementation; only the network (fetch) is faked.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Call = { url: string; method: string; headers: Record<string, string>; body: unknown };

function fakeNetwork(reply: (call: Call) => { status: number; body?: unknown } | 'offline') {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const headers: Record<string, string> = {};
      // header names are case-insensitive (happy-dom's Headers keeps the case they were given in)
      new Headers(init.headers).forEach((value, key) => (headers[key.toLowerCase()] = value));
      const call = { url: String(url), method: init.method ?? 'GET', headers, body: init.body ? JSON.parse(String(init.body)) : undefined };
      calls.push(call);
      const r = reply(call);
      if (r === 'offline') throw new TypeError('Failed to fetch');
      return new Response(r.body === undefined ? null : JSON.stringify(r.body), { status: r.status, headers: { 'content-type': 'application/json' } });
    }),
  );
  return calls;
}

async function client() {
  vi.resetModules();
  const mod = await import('../../client/api/index.js');
  return mod;
}

beforeEach(() => localStorage.clear());
afterEach(() => vi.unstubAllGlobals());

describe('the API client', () => {
  it('calls same-origin /api with the session token and a query the server parses', async () => {
    const calls = fakeNetwork(() => ({ status: 200, body: { items: [], nextCursor: null } }));
    const { api, session } = await client();
    session.set('tok_abcdefghijklmnopqrstuvwxyz');
    const page = await api.orders.list({ mine: true, status: ['dispatched', 'accepted'], limit: 100 });
    expect(page).toEqual({ items: [], nextCursor: null });
    expect(calls[0]!.url).toBe('/api/orders?mine=true&status=dispatched%2Caccepted&limit=100');
    expect(calls[0]!.method).toBe('GET');
    expect(calls[0]!.headers.authorization).toBe('Bearer tok_abcdefghijklmnopqrstuvwxyz');
  });

  it('posts JSON bodies', async () => {
    const calls = fakeNetwork(() => ({ status: 200, body: { id: 'o-1' } }));
    const { api } = await client();
    await api.orders.feedback('o 1', { satisfied: true, rating: 5 });
    expect(calls[0]!).toMatchObject({ url: '/api/orders/o%201/feedback', method: 'POST', body: { satisfied: true, rating: 5 } });
    expect(calls[0]!.headers['content-type']).toContain('application/json');
  });

  it('sends a redemption with its Idempotency-Key header', async () => {
    const calls = fakeNetwork(() => ({ status: 201, body: { id: 'r-1', pickupCode: '681151' } }));
    const { api } = await client();
    await api.shop.redeem({ itemId: 'i-rice', quantity: 1 }, 'ejia-key-0001');
    expect(calls[0]!).toMatchObject({ url: '/api/shop/redemptions', method: 'POST', body: { itemId: 'i-rice', quantity: 1 } });
    expect(calls[0]!.headers['idempotency-key']).toBe('ejia-key-0001');
  });

  it('asks for the waiting list only when told to', async () => {
    const calls = fakeNetwork(() => ({ status: 201, body: { id: 'e-1', status: 'waitlisted', position: 2 } }));
    const { api } = await client();
    await api.trainings.enrol('t-1');
    await api.trainings.enrol('t-1', true);
    expect(calls.map((c) => [c.url, c.body])).toEqual([
      ['/api/trainings/t-1/enrol', {}],
      ['/api/trainings/t-1/enrol', { waitlist: true }],
    ]);
  });

  it('turns a refusal into an ApiError with plain words', async () => {
    fakeNetwork(() => ({
      status: 400,
      body: { error: { code: 'invalid_request', message: 'body.description: say a few words', details: [{ path: 'body.description', message: 'say a few words' }] } },
    }));
    const { api, ApiError } = await client();
    const err = await api.orders.submit({ category: 'repair', description: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'invalid_request', message: '请多写几个字，说说是什么事。' });
  });

  it('opens one course with GET /api/trainings/:id', async () => {
    const calls = fakeNetwork(() => ({ status: 200, body: { id: 't 1', myWaitlistPosition: 2 } }));
    const { api } = await client();
    expect(await api.trainings.get('t 1')).toMatchObject({ myWaitlistPosition: 2 });
    expect(calls[0]).toMatchObject({ url: '/api/trainings/t%201', method: 'GET' });
  });

  it('keeps the refusal’s stable reason and words it by the reason, whatever the message', async () => {
    fakeNetwork(() => ({ status: 409, body: { error: { code: 'conflict', message: 'anything at all', reason: 'sold_out' } } }));
    const { api } = await client();
    await expect(api.shop.redeem({ itemId: 'i-1' }, 'ejia-key-0002')).rejects.toMatchObject({ status: 409, reason: 'sold_out', message: '这件东西已经换完了，等社区补货后再来。' });
  });

  it('words a refusal without a body (a proxy’s error page) by its status', async () => {
    fakeNetwork(() => ({ status: 502 }));
    const { api } = await client();
    await expect(api.categories()).rejects.toMatchObject({ status: 502, code: 'unknown', message: '服务器暂时连不上，请稍后再试。' });
  });

  it('says the network is down when there is no answer', async () => {
    fakeNetwork(() => 'offline');
    const { api } = await client();
    await expect(api.categories()).rejects.toMatchObject({ code: 'network', message: '网络不好，没有连上。请稍后再试。' });
  });

  it('forgets an expired session and hands over to sign-in', async () => {
    fakeNetwork(() => ({ status: 401, body: { error: { code: 'unauthenticated', message: 'session expired, sign in again' } } }));
    const { api, session } = await client();
    const signedOut = vi.fn();
    session.onSignedOut(signedOut);
    session.set('tok_abcdefghijklmnopqrstuvwxyz');
    await expect(api.me()).rejects.toMatchObject({ status: 401, message: '登录已过期，请重新进入。' });
    expect(signedOut).toHaveBeenCalledTimes(1);
    expect(session.token()).toBeUndefined();
    // and a restart does not pick the dead token up again
    const fresh = await client();
    expect(fresh.session.token()).toBeUndefined();
  });

  it('keeps the token across a restart of the app', async () => {
    fakeNetwork(() => ({ status: 200, body: {} }));
    (await client()).session.set('tok_abcdefghijklmnopqrstuvwxyz');
    expect((await client()).session.token()).toBe('tok_abcdefghijklmnopqrstuvwxyz');
  });
});
