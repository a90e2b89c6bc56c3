// 信息更正 (PIPL Art. 46, POST /api/me/corrections): a linked resident says which item of
// their copy is wrong and what is right; it becomes an order of the 信息更正 kind, filed
// through the 四单 flow's own filing (deadlines, timeline, staff's 待派单 queue), which
// the ordinary 报事 picker never offers and POST /api/orders refuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORRECTION_LIMITS } from '../../shared/limits.js';
import { signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';
import { writeMark, writesSince } from '../support/writeLog.js';

const ask = { item: '电话', correction: '我的电话换了，新号码是 13800001111' };

describe('POST /api/me/corrections', () => {
  let s: TestServer;
  let cast: Cast;
  beforeAll(async () => {
    s = await startServer();
    cast = await signInAll(s);
  });
  afterAll(() => s.close());

  const correctionCategories = () => s.deps.db.serviceCategory.findMany({ where: { code: 'correction' } });

  it("files a 信息更正 order for the resident's own household, with the category's deadlines and a submit on its timeline", async () => {
    expect(await correctionCategories()).toEqual([]); // the demo data has none: the first request makes it
    const before = s.now().getTime();
    const r = await cast.resident.post('/api/me/corrections', ask);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      category: { code: 'correction', name: '信息更正', icon: '📝' },
      status: 'submitted',
      urgency: 'normal',
      title: '信息更正：电话',
      filedOnBehalf: false,
      filedBy: { id: cast.resident.userId },
    });
    expect(r.body.description).toBe('有误的信息：电话\n正确的应该是：我的电话换了，新号码是 13800001111');
    expect(r.body.timeline.map((e: { action: string }) => e.action)).toEqual(['submit']);
    expect(Date.parse(r.body.responseDueAt) - before).toBe(1440 * 60_000);
    expect(Date.parse(r.body.resolveDueAt) - before).toBe(15 * 1440 * 60_000);

    const row = await s.deps.db.order.findUniqueOrThrow({ where: { id: r.body.id }, include: { category: true, resident: true, household: true } });
    const me = await s.deps.db.user.findUniqueOrThrow({ where: { id: cast.resident.userId }, include: { resident: true } });
    expect(row.category).toMatchObject({ code: 'correction', communityId: me.resident!.communityId, active: true });
    expect(row.residentId).toBe(me.resident!.id);
    expect(row.householdId).toBe(me.resident!.householdId);
    expect(await correctionCategories()).toHaveLength(1);
  });

  it("is in staff's 待派单 queue and goes through the 四单 flow like any order; the resident follows it in 我的报事", async () => {
    const { body: filed } = await cast.resident.post('/api/me/corrections', { item: '王秀英的出生年份', correction: '应该是1956年' });
    const queue = await cast.staff.get('/api/orders?status=submitted&limit=100');
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((o: { id: string }) => o.id)).toContain(filed.id);
    // another community's staff never see it
    const elsewhere = await cast.staffHuimin.get('/api/orders?status=submitted&limit=100');
    expect(elsewhere.body.items.map((o: { id: string }) => o.id)).not.toContain(filed.id);
    const mine = await cast.resident.get('/api/orders?limit=100');
    expect(mine.body.items.map((o: { id: string }) => o.id)).toContain(filed.id);

    const dispatched = await cast.staff.post(`/api/orders/${filed.id}/dispatch`, { note: '请核对户籍信息' });
    expect(dispatched.status).toBe(200);
    expect(dispatched.body.status).toBe('dispatched');
  });

  it('is not offered in the ordinary 报事 picker, and POST /api/orders refuses it by name', async () => {
    expect((await correctionCategories()).length).toBeGreaterThan(0); // made by the tests above
    for (const who of [cast.resident, cast.staff, cast.gridWorker]) {
      const list = await who.get('/api/categories');
      expect(list.status).toBe(200);
      expect(list.body.length).toBeGreaterThan(5);
      expect(list.body.map((c: { code: string }) => c.code)).not.toContain('correction');
    }
    const mark = await writeMark(s.deps.db);
    const r = await cast.resident.post('/api/orders', { category: 'correction', description: '电话不对，请改一下' });
    expect(r.status).toBe(400);
    expect(r.body.error.details).toEqual([{ path: 'body.category', message: expect.any(String) }]);
    expect(await writesSince(s.deps.db, mark)).toEqual({});
  });

  it('bad input is a 400 naming the field, and writes nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [{ correction: ask.correction }, 'body.item'],
      [{ item: '   ', correction: ask.correction }, 'body.item'],
      [{ item: '电'.repeat(CORRECTION_LIMITS.item.max + 1), correction: ask.correction }, 'body.item'],
      [{ item: ask.item }, 'body.correction'],
      [{ item: ask.item, correction: ' 对 ' }, 'body.correction'],
      [{ item: ask.item, correction: '对'.repeat(CORRECTION_LIMITS.correction.max + 1) }, 'body.correction'],
      [{ item: 42, correction: ask.correction }, 'body.item'],
    ];
    const mark = await writeMark(s.deps.db);
    for (const [body, field] of cases) {
      const r = await cast.resident.post('/api/me/corrections', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('invalid_request');
      expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual([field]);
    }
    expect(await writesSince(s.deps.db, mark)).toEqual({});
    // at the limits exactly, it is accepted
    const edge = await cast.resident.post('/api/me/corrections', { item: '电'.repeat(CORRECTION_LIMITS.item.max), correction: '对'.repeat(CORRECTION_LIMITS.correction.max) });
    expect(edge.status).toBe(201);
  });

  it('refuses an account linked to no household and working accounts with 403, writing nothing', async () => {
    const fresh = await s.request('POST', '/api/auth/wechat', { body: { code: 'fake:correction-unlinked' } });
    expect(fresh.status).toBe(200);
    const mark = await writeMark(s.deps.db);
    const unlinked = await s.request('POST', '/api/me/corrections', { token: fresh.body.token, body: ask });
    expect(unlinked.status).toBe(403);
    expect(unlinked.body.error.code).toBe('forbidden');
    for (const who of [cast.staff, cast.gridWorker, cast.reviewer, cast.admin]) expect((await who.post('/api/me/corrections', ask)).status).toBe(403);
    expect(await writesSince(s.deps.db, mark)).toEqual({});
    expect((await s.request('POST', '/api/me/corrections', { body: ask })).status).toBe(401);
  });

  it("a first request in another community makes that community's category; requests at once make one, not two", async () => {
    const huimin = await s.deps.db.community.findFirstOrThrow({ where: { name: '惠民社区' } });
    expect(await s.deps.db.serviceCategory.count({ where: { code: 'correction', communityId: huimin.id } })).toBe(0);
    const answers = await Promise.all([cast.residentHuimin, cast.residentHuimin, cast.residentHuimin].map((c) => c.post('/api/me/corrections', ask)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(await s.deps.db.serviceCategory.count({ where: { code: 'correction', communityId: huimin.id } })).toBe(1);
    expect(new Set(answers.map((a) => a.body.category.code))).toEqual(new Set(['correction']));
  });

  it('a category switched off is switched on again: the right to correction cannot be closed', async () => {
    await s.deps.db.serviceCategory.updateMany({ where: { code: 'correction' }, data: { active: false } });
    const r = await cast.buildingHead.post('/api/me/corrections', { item: '就业情况', correction: '我现在在县城务工' });
    expect(r.status).toBe(201);
    const huize = await s.deps.db.community.findFirstOrThrow({ where: { name: '惠泽社区' } });
    expect(await s.deps.db.serviceCategory.findMany({ where: { code: 'correction', communityId: huize.id }, select: { active: true } })).toEqual([{ active: true }]);
    // still not in the picker
    expect((await cast.buildingHead.get('/api/categories')).body.map((c: { code: string }) => c.code)).not.toContain('correction');
  });
});

describe('POST /api/me/corrections is rate-limited with filing', () => {
  let s: TestServer;
  let cast: Cast;
  beforeAll(async () => {
    s = await startServer({ ORDER_RATE_PER_MINUTE: '2' });
    cast = await signInAll(s);
  });
  afterAll(() => s.close());

  it('counts against the same per-user limit as POST /api/orders: past it, 429 with Retry-After and no order', async () => {
    // the start of a fresh minute window, so the three requests share one
    s.advance((60_000 - (s.now().getTime() % 60_000)) / 60_000);
    expect((await cast.resident.post('/api/orders', { category: 'repair', description: '水管漏水了' })).status).toBe(201);
    expect((await cast.resident.post('/api/me/corrections', ask)).status).toBe(201);
    const orders = await s.deps.db.order.count();
    const third = await cast.resident.post('/api/me/corrections', ask);
    expect(third.status).toBe(429);
    expect(third.body.error.reason).toBe('rate_limited');
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await s.deps.db.order.count()).toBe(orders);
    // another resident has a limit of their own
    expect((await cast.resident2.post('/api/me/corrections', ask)).status).toBe(201);
  });
});
