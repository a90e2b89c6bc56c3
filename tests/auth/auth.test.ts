import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_SESSION_SECRET, loadConfig } from '../../server/config.js';
import { byKeys } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
beforeAll(async () => {
  // this file signs in many times; the limit itself is tested on a server of its own below
  s = await startServer({ LOGIN_RATE_PER_MINUTE: '1000' });
});
afterAll(() => s.close());

describe('health and identity', () => {
  it('answers /api/health', async () => {
    const r = await s.request('GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('ok');
  });

  it('refuses /api/me without a token, with the error shape of the contract', async () => {
    const r = await s.request('GET', '/api/me');
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('unauthenticated');
    expect(typeof r.body.error.message).toBe('string');
  });

  it('refuses a made-up token', async () => {
    const r = await s.request('GET', '/api/me', { token: 'x'.repeat(43) });
    expect(r.status).toBe(401);
  });

  it('tells a resident who they are and where they live', async () => {
    const me = (await (await s.login('demo-resident')).get('/api/me')).body;
    expect(me.linked).toBe(true);
    expect(me.community.name).toBe('惠泽社区');
    expect(me.building.name).toBe('惠泽1栋');
    expect(me.grid.name).toBe('第1网格');
    expect(me.room).toBe('1单元 302');
    expect(me.roles).toEqual([]);
  });

  it('lists each role with the place it covers', async () => {
    const head = (await (await s.login('demo-buildinghead')).get('/api/me')).body;
    expect(head.roles.map((r: any) => r.role)).toEqual(['BUILDING_HEAD']);
    expect(head.roles[0].buildingId).toBe(head.building.id); // heads live in the building they head
    const worker = (await (await s.login('demo-gridworker')).get('/api/me')).body;
    expect(worker.roles[0]).toMatchObject({ role: 'GRID_WORKER' });
    expect(worker.linked).toBe(false);
    expect(worker.community.name).toBe('惠泽社区');
  });
});

describe('dev-login', () => {
  it('names the bad field', async () => {
    const r = await s.request('POST', '/api/auth/dev-login', { body: { openid: '' } });
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].path).toBe('body.openid');
  });

  it('does not invent accounts', async () => {
    const r = await s.request('POST', '/api/auth/dev-login', { body: { openid: 'nobody-here' } });
    expect(r.status).toBe(404);
  });

  it('is refused in production', async () => {
    const prod = await startServer({
      NODE_ENV: 'production',
      SESSION_SECRET: 'a-production-secret-that-is-long-enough-1234',
      WECHAT_APPID: 'wx123',
      WECHAT_SECRET: 'sec',
      // production refuses the development keys of ID numbers (tests/org/id-numbers.test.ts)
      ID_NUMBER_KEYS: `v1:${Buffer.alloc(32, 7).toString('base64')}`,
      ID_NUMBER_HASH_KEY: Buffer.alloc(32, 8).toString('base64'),
    });
    try {
      const r = await prod.request('POST', '/api/auth/dev-login', { body: { openid: 'demo-resident' } });
      expect(r.status).toBe(404);
      expect(r.body.token).toBeUndefined();
    } finally {
      await prod.close();
    }
  });
});

describe('WeChat login', () => {
  it('creates an unlinked user on first login and finds the same user the next time', async () => {
    const first = await s.request('POST', '/api/auth/wechat', { body: { code: 'fake:new-wx-user-1' } });
    expect(first.status).toBe(200);
    expect(first.body.isNewUser).toBe(true);
    const again = await s.request('POST', '/api/auth/wechat', { body: { code: 'fake:new-wx-user-1' } });
    // a wx.login code is single-use, as at WeChat
    expect(again.status).toBe(401);
    const me = await s.request('GET', '/api/me', { token: first.body.token });
    expect(me.body.linked).toBe(false);
    expect(me.body.community).toBeNull();
  });

  it('signs an existing account in through its openid', async () => {
    const r = await s.request('POST', '/api/auth/wechat', { body: { code: 'fake:demo-staff' } });
    expect(r.status).toBe(200);
    expect(r.body.isNewUser).toBe(false);
    const me = await s.request('GET', '/api/me', { token: r.body.token });
    expect(me.body.user.name).toBe('吴婷');
  });

  it('refuses an invalid code and a missing one', async () => {
    expect((await s.request('POST', '/api/auth/wechat', { body: { code: 'garbage' } })).status).toBe(401);
    const r = await s.request('POST', '/api/auth/wechat', { body: {} });
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].path).toBe('body.code');
  });

  it('a new user cannot raise a request until linked to a household', async () => {
    const r = await s.request('POST', '/api/auth/wechat', { body: { code: 'fake:new-wx-user-2' } });
    const order = await s.request('POST', '/api/orders', {
      token: r.body.token,
      body: { category: 'repair', description: '水管漏水了' },
    });
    expect(order.status).toBe(403);
  });
});

describe('sessions', () => {
  it('ends with logout', async () => {
    const c = await s.login('demo-resident');
    expect((await c.get('/api/me')).status).toBe(200);
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    expect((await c.get('/api/me')).status).toBe(401);
  });

  it('expires after its lifetime', async () => {
    const c = await s.login('demo-resident');
    s.advance(31 * 24 * 60);
    expect((await c.get('/api/me')).status).toBe(401);
  });
});

describe('login rate limit', () => {
  it('answers 429 with Retry-After past the limit', async () => {
    const limited = await startServer({ LOGIN_RATE_PER_MINUTE: '3' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        codes.push((await limited.request('POST', '/api/auth/dev-login', { body: { openid: 'demo-resident' } })).status);
      }
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      const r = await limited.request('POST', '/api/auth/dev-login', { body: { openid: 'demo-resident' } });
      expect(r.body.error.code).toBe('rate_limited');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

describe('configuration', () => {
  it('refuses to start in production with the default secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', WECHAT_APPID: 'a', WECHAT_SECRET: 'b' })).toThrow(ConfigError);
    expect(() =>
      loadConfig({ NODE_ENV: 'production', SESSION_SECRET: DEFAULT_SESSION_SECRET, WECHAT_APPID: 'a', WECHAT_SECRET: 'b' }),
    ).toThrow(/SESSION_SECRET/);
  });

  it('refuses to start in production without WeChat credentials', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) })).toThrow(/WECHAT_APPID/);
  });

  it('names a bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('takes PORT and DATABASE_URL from the environment', () => {
    const c = loadConfig({ PORT: '8123', DATABASE_URL: 'file:./somewhere/x.db' });
    expect(c.port).toBe(8123);
    expect(c.databaseUrl).toMatch(/^file:\/.*somewhere\/x\.db$/);
    expect(c.demoData).toBe(true);
  });
});

describe('linking a WeChat account to a resident (账号绑定)', () => {
  it('the grid worker gives a one-time code; entering it makes the new account the resident\'s', async () => {
    const worker = await s.login('demo-gridworker');
    const people = (await worker.get('/api/org/residents?limit=100&q=101')).body;
    // someone without an account yet
    // the first by building and name: the list orders one room's people by id, which is random
    const target = people.filter((p: any) => p.room === '1单元 101').sort((a: any, b: any) => byKeys([a.building.name, a.name], [b.building.name, b.name]))[0];
    const invite = await worker.post(`/api/org/residents/${target.id}/invite`);
    expect(invite.status).toBe(201);
    expect(invite.body.code).toMatch(/^[2-9A-HJ-KM-NP-Z]{8}$/);

    const fresh = await s.request('POST', '/api/auth/wechat', { body: { code: 'fake:new-wx-user-link' } });
    const token = fresh.body.token;
    const link = (code: string) => s.request('POST', '/api/me/link', { token, body: { code } });
    expect((await link('WRONGCODE')).status).toBe(404);
    // typed in lower case with a space, as people do
    const typed = `${invite.body.code.slice(0, 4).toLowerCase()} ${invite.body.code.slice(4)}`;
    expect((await link(typed)).status).toBe(200);
    const me = (await s.request('GET', '/api/me', { token })).body;
    expect(me.linked).toBe(true);
    expect(me.resident.name).toBe(target.name);
    expect(me.room).toBe('1单元 101');
    // and the code is spent
    const other = await s.request('POST', '/api/auth/wechat', { body: { code: 'fake:new-wx-user-link-2' } });
    expect((await s.request('POST', '/api/me/link', { token: other.body.token, body: { code: invite.body.code } })).status).toBe(404);
    // a resident with an account gets no second one
    expect((await worker.post(`/api/org/residents/${target.id}/invite`)).status).toBe(409);
  });

  it('only the grid\'s worker and staff give codes, and a code expires after a week', async () => {
    const staff = await s.login('demo-staff');
    const target = (await staff.get('/api/org/residents?limit=100&q=102')).body
      .filter((p: any) => p.building.name === '惠泽1栋' && p.room === '1单元 102')
      .sort((a: any, b: any) => byKeys([a.name], [b.name]))[0];
    expect((await (await s.login('demo-buildinghead')).post(`/api/org/residents/${target.id}/invite`)).status).toBe(403);
    expect((await (await s.login('demo-gridworker-2')).post(`/api/org/residents/${target.id}/invite`)).status).toBe(404);
    expect((await (await s.login('demo-resident')).post(`/api/org/residents/${target.id}/invite`)).status).toBe(404);
    const invite = (await staff.post(`/api/org/residents/${target.id}/invite`)).body;
    s.advance(8 * 24 * 60);
    const fresh = await s.request('POST', '/api/auth/wechat', { body: { code: 'fake:new-wx-user-late' } });
    expect((await s.request('POST', '/api/me/link', { token: fresh.body.token, body: { code: invite.code } })).status).toBe(404);
  });
});
