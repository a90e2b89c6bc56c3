// TRUST_PROXY: behind nginx every connection comes from nginx, so the sign-in
// limit (per client address, server/auth/routes.ts) must read the client from
// X-Forwarded-For, and only when the operator says a proxy is there: without
// one, a client could otherwise pick a new address for every attempt.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';
import { startServer, type TestServer } from '../support/server.js';

const LIMIT = 2;

const signIn = (s: TestServer, forwardedFor?: string) =>
  s.request('POST', '/api/auth/dev-login', {
    body: { openid: 'demo-resident' },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  });
const statuses = async (s: TestServer, ...forwardedFor: Array<string | undefined>) => {
  const out: number[] = [];
  for (const f of forwardedFor) out.push((await signIn(s, f)).status);
  return out;
};

describe('without TRUST_PROXY (the default)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer({ LOGIN_RATE_PER_MINUTE: String(LIMIT) });
  });
  afterAll(() => s.close());

  it('ignores X-Forwarded-For: different values share the connection\'s one limit', async () => {
    s.advance(1);
    expect(await statuses(s, '203.0.113.1', '203.0.113.2', '203.0.113.3', undefined)).toEqual([200, 200, 429, 429]);
    const windows = await s.deps.db.rateLimitWindow.findMany({ where: { bucket: 'login' } });
    expect(windows.map((w) => [w.key, w.count])).toEqual([['127.0.0.1', 4]]);
  });
});

describe('TRUST_PROXY=1 (behind one proxy)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer({ LOGIN_RATE_PER_MINUTE: String(LIMIT), TRUST_PROXY: '1' });
  });
  afterAll(() => s.close());

  it('gives each client address in X-Forwarded-For its own limit', async () => {
    s.advance(1);
    expect(await statuses(s, '203.0.113.1', '203.0.113.1', '203.0.113.1')).toEqual([200, 200, 429]);
    expect(await statuses(s, '203.0.113.2', '203.0.113.2', '203.0.113.2')).toEqual([200, 200, 429]);
    const windows = await s.deps.db.rateLimitWindow.findMany({ where: { bucket: 'login' }, orderBy: { key: 'asc' } });
    expect(windows.map((w) => [w.key, w.count])).toEqual([
      ['203.0.113.1', 3],
      ['203.0.113.2', 3],
    ]);
  });

  it('reads only the address the proxy added: what a client wrote before it changes nothing', async () => {
    s.advance(1);
    // nginx appending ($proxy_add_x_forwarded_for) to a header the client sent itself
    expect(await statuses(s, '198.51.100.7, 203.0.113.9', '198.51.100.8, 203.0.113.9', '10.0.0.1, 203.0.113.9')).toEqual([200, 200, 429]);
    // without the header (a request not through the proxy) the connection's address counts
    expect(await statuses(s, undefined, undefined, undefined)).toEqual([200, 200, 429]);
  });
});

describe('TRUST_PROXY=2 (a load balancer in front of nginx)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer({ LOGIN_RATE_PER_MINUTE: String(LIMIT), TRUST_PROXY: '2' });
  });
  afterAll(() => s.close());

  it('takes the address the outer proxy saw', async () => {
    s.advance(1);
    // client → load balancer (adds the client) → nginx (adds the balancer) → server
    expect(await statuses(s, 'spoofed, 203.0.113.5, 10.0.0.2', 'other, 203.0.113.5, 10.0.0.3', '203.0.113.5, 10.0.0.2')).toEqual([200, 200, 429]);
    expect((await signIn(s, '203.0.113.6, 10.0.0.2')).status).toBe(200);
  });
});

it('TRUST_PROXY is a number of proxies', () => {
  expect(loadConfig({}).trustProxyHops).toBe(0);
  expect(loadConfig({ TRUST_PROXY: '1' }).trustProxyHops).toBe(1);
  for (const bad of ['true', 'yes', '-1', '1.5', '11', 'loopback']) {
    expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(ConfigError);
  }
});
