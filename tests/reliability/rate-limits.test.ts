// Rate limits on sign-in, order creation and redemption: the limit+1-th request
// in a window is 429 with Retry-After (seconds to the window's end) and writes
// nothing; the next window is open again; two instances on one database count
// against one limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type Reply, type TestServer } from '../support/server.js';
import { writeMark, writesSince } from '../support/writeLog.js';
import { startSecondInstance, type SecondInstance } from './second-instance.js';

const LIMIT = 3;
/** What Retry-After must say at the server's (fake) time: whole seconds to the end of the minute window. */
const secondsLeft = (s: TestServer) => Math.max(1, Math.ceil((60_000 - (s.now().getTime() % 60_000)) / 1000));
/** Moves the fake clock to the very start of the next minute window. */
const toNextWindow = (s: TestServer) => s.advance((60_000 - (s.now().getTime() % 60_000)) / 60_000);

function expectRefused(r: Reply, s: TestServer) {
  expect(r.status).toBe(429);
  expect(r.headers.get('retry-after')).toBe(String(secondsLeft(s)));
  expect(r.body).toEqual({ error: { code: 'rate_limited', message: expect.any(String), reason: 'rate_limited' } });
}

describe('sign-in, per client address', () => {
  let s: TestServer;
  let b: SecondInstance;
  beforeAll(async () => {
    s = await startServer({ LOGIN_RATE_PER_MINUTE: String(LIMIT) });
    b = await startSecondInstance(s);
  });
  afterAll(async () => {
    await b.close();
    await s.close();
  });
  const devLogin = (via: { request: TestServer['request'] } = s) => via.request('POST', '/api/auth/dev-login', { body: { openid: 'demo-resident' } });
  const wechatLogin = (openid: string) => s.request('POST', '/api/auth/wechat', { body: { code: `fake:${openid}` } });

  it('refuses the attempt past the limit with 429 and Retry-After, writing nothing; the next minute lets it in', async () => {
    s.advance(1);
    for (let i = 0; i < LIMIT; i++) expect((await devLogin()).status).toBe(200);
    const before = await writeMark(s.deps.db);
    expectRefused(await devLogin(), s);
    // the WeChat login shares the allowance: no user, no session is created
    expectRefused(await wechatLogin('rate-limit-newcomer'), s);
    expect(await writesSince(s.deps.db, before)).toEqual({});
    s.advance(1);
    const r = await wechatLogin('rate-limit-newcomer');
    expect(r.status).toBe(200);
    expect(await s.deps.db.wechatIdentity.count({ where: { openid: 'rate-limit-newcomer' } })).toBe(1);
  });

  it('Retry-After counts down to the end of the window', async () => {
    toNextWindow(s);
    for (let i = 0; i < LIMIT; i++) await devLogin();
    for (const step of [0, 0.25, 0.5, 0.24]) {
      s.advance(step);
      expectRefused(await devLogin(), s);
    }
    expect((await devLogin()).headers.get('retry-after')).toBe('1'); // 0.6 s left

  });

  it('two instances on one database share the counter', async () => {
    s.advance(1);
    expect((await devLogin(s)).status).toBe(200);
    expect((await devLogin(b)).status).toBe(200);
    expect((await devLogin(s)).status).toBe(200);
    expectRefused(await devLogin(b), s);
    expectRefused(await devLogin(s), s);
    s.advance(1);
    expect((await devLogin(b)).status).toBe(200);
  });

  it('concurrent attempts on both instances in a fresh window let exactly the limit through', async () => {
    s.advance(1);
    const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => devLogin(i % 2 ? b : s)));
    const codes = replies.map((r) => r.status).sort();
    expect(codes).toEqual([...Array(LIMIT).fill(200), ...Array(10 - LIMIT).fill(429)]);
    const windows = await s.deps.db.rateLimitWindow.findMany({ where: { bucket: 'login' } });
    expect(windows).toEqual([expect.objectContaining({ count: 10 })]); // ended windows were cleaned away
  });
});

describe('order creation and redemption, per user and per household', () => {
  let s: TestServer;
  let b: SecondInstance;
  let cast: Cast;
  let itemId: string;
  let key = 0;
  beforeAll(async () => {
    s = await startServer({ ORDER_RATE_PER_MINUTE: String(LIMIT), REDEEM_RATE_PER_MINUTE: String(LIMIT) });
    b = await startSecondInstance(s);
    cast = await signInAll(s);
    const item = await cast.staff.post('/api/shop/items', { name: '肥皂', pointsPrice: 1, stock: 1000 });
    expect(item.status).toBe(201);
    itemId = item.body.id;
    for (const c of [cast.resident, cast.resident2]) {
      const householdId = (await c.get('/api/me')).body.resident.householdId;
      expect((await cast.staff.post('/api/points/adjustments', { householdId, amount: 500, reason: '测试用积分' })).status).toBe(200);
    }
  });
  afterAll(async () => {
    await b.close();
    await s.close();
  });

  const fileOrder = (c: Cast[keyof Cast], via: { request: TestServer['request'] } = s) =>
    via.request('POST', '/api/orders', { token: c.token, body: { category: 'repair', description: '楼道灯不亮了，晚上看不见。' } });
  const redeem = (c: Cast[keyof Cast], via: { request: TestServer['request'] } = s) =>
    via.request('POST', '/api/shop/redemptions', { token: c.token, body: { itemId }, headers: { 'idempotency-key': `rate-limit-${++key}` } });

  it('orders: the one past the limit is 429 and files nothing; others are not affected; the next minute files again', async () => {
    s.advance(1);
    for (let i = 0; i < LIMIT; i++) expect((await fileOrder(cast.resident)).status).toBe(201);
    const before = await writeMark(s.deps.db);
    expectRefused(await fileOrder(cast.resident), s);
    expect(await writesSince(s.deps.db, before)).toEqual({});
    expect((await fileOrder(cast.resident2)).status).toBe(201); // another user has an allowance of their own
    s.advance(1);
    expect((await fileOrder(cast.resident)).status).toBe(201);
  });

  it('redemptions: the one past the limit is 429 and spends nothing; the next minute redeems again', async () => {
    s.advance(1);
    for (let i = 0; i < LIMIT; i++) expect((await redeem(cast.resident)).status).toBe(201);
    const before = await writeMark(s.deps.db);
    const stock = (await s.deps.db.shopItem.findUniqueOrThrow({ where: { id: itemId } })).stock;
    expectRefused(await redeem(cast.resident), s);
    expect(await writesSince(s.deps.db, before)).toEqual({});
    expect((await s.deps.db.shopItem.findUniqueOrThrow({ where: { id: itemId } })).stock).toBe(stock);
    expect((await redeem(cast.resident2)).status).toBe(201); // another household
    s.advance(1);
    expect((await redeem(cast.resident)).status).toBe(201);
  });

  it('redemptions are counted per household: its members share one allowance', async () => {
    s.advance(1);
    // the building head lives in another household of 惠泽1栋; give them a housemate's view by using two members of one household
    const household = (await cast.resident.get('/api/me')).body.resident.householdId as string;
    const mate = await s.deps.db.resident.findFirstOrThrow({ where: { householdId: household, user: null }, orderBy: [{ name: 'asc' }, { birthYear: 'asc' }] }); // the same one every run
    const openid = `rate-limit-mate-${mate.id}`;
    await s.deps.db.user.create({ data: { displayName: mate.name, residentId: mate.id, identities: { create: { openid } } } });
    const housemate = await s.login(openid);
    for (let i = 0; i < LIMIT - 1; i++) expect((await redeem(cast.resident)).status).toBe(201);
    expect((await redeem(housemate as Cast['resident'])).status).toBe(201);
    expectRefused(await redeem(housemate as Cast['resident']), s);
    expectRefused(await redeem(cast.resident), s);
  });

  it('two instances on one database share the counters', async () => {
    s.advance(1);
    expect((await fileOrder(cast.resident, s)).status).toBe(201);
    expect((await fileOrder(cast.resident, b)).status).toBe(201);
    expect((await fileOrder(cast.resident, b)).status).toBe(201);
    expectRefused(await fileOrder(cast.resident, s), s);
    expectRefused(await fileOrder(cast.resident, b), s);

    expect((await redeem(cast.resident, b)).status).toBe(201);
    expect((await redeem(cast.resident, s)).status).toBe(201);
    expect((await redeem(cast.resident, b)).status).toBe(201);
    expectRefused(await redeem(cast.resident, s), s);

    const before = await writeMark(s.deps.db);
    const replies = await Promise.all([fileOrder(cast.resident, s), fileOrder(cast.resident, b), redeem(cast.resident, s), redeem(cast.resident, b)]);
    expect(replies.map((r) => r.status)).toEqual([429, 429, 429, 429]);
    expect(await writesSince(s.deps.db, before)).toEqual({});
  });

  it('concurrent orders on both instances in a fresh window let exactly the limit through', async () => {
    s.advance(1);
    const before = await s.deps.db.order.count();
    const replies = await Promise.all(Array.from({ length: 8 }, (_, i) => fileOrder(cast.resident2, i % 2 ? b : s)));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(LIMIT);
    expect(replies.filter((r) => r.status === 429)).toHaveLength(8 - LIMIT);
    expect(await s.deps.db.order.count()).toBe(before + LIMIT);
  });
});
