// 积分超市 over HTTP: rules, awards (caps, bulk, idempotent), the shop,
// redemption with pickup code, 核销, cancel and refund, and who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byKeys, householdClients, signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;
let rules: Record<string, any>;
let items: Record<string, any>;
let myHousehold: string;
let key = 0;
const redeem = (c: Cast[keyof Cast], body: object, k = `test-key-${++key}`) =>
  s.request('POST', '/api/shop/redemptions', { token: c.token, body, headers: { 'idempotency-key': k } });
const balance = async (c: Cast[keyof Cast]) => (await c.get('/api/points/me')).body.balance as number;

beforeAll(async () => {
  s = await startServer({ SESSION_TTL_HOURS: String(24 * 365) }); // the cap test moves a month ahead
  cast = await signInAll(s);
  rules = Object.fromEntries((await cast.staff.get('/api/points/rules')).body.map((r: any) => [r.code, r]));
  items = Object.fromEntries((await cast.resident.get('/api/shop/items')).body.map((i: any) => [i.name, i]));
  myHousehold = (await cast.resident.get('/api/me')).body.resident.householdId;
});
afterAll(() => s.close());

describe('the demo household', () => {
  it('holds a few hundred points, with the ledger newest first, equal to the sum of its entries', async () => {
    const me = (await cast.resident.get('/api/points/me?limit=100')).body;
    expect(me.balance).toBeGreaterThanOrEqual(200);
    expect(me.balance).toBeLessThan(1000);
    expect(me.entries.reduce((t: number, e: any) => t + e.amount, 0)).toBe(me.balance);
    const times = me.entries.map((e: any) => Date.parse(e.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('sees rice, oil, washing powder and school supplies in the shop', async () => {
    expect(Object.keys(items)).toEqual(expect.arrayContaining(['大米 5kg', '菜籽油 1.8L', '洗衣粉 2kg', '作业本（10本）']));
    expect(items['大米 5kg']).toMatchObject({ pointsPrice: 120, limitLeft: 1 });
  });
});

describe('awards', () => {
  it('staff award to many households at once; each gets an earn entry', async () => {
    // five by address, not the list's first five (it is in random id order): the same households every run
    const hs = (await s.deps.db.household.findMany({ where: { community: { name: '惠泽社区' } }, select: { id: true, room: true, building: { select: { name: true } }, unit: { select: { name: true } } } }))
      .sort((a, b) => byKeys([a.building.name, a.unit.name, a.room], [b.building.name, b.unit.name, b.room]))
      .slice(0, 5)
      .map((h) => h.id);
    const before = await Promise.all(hs.map(async (h: string) => (await cast.staff.get(`/api/points/households/${h}`)).body.balance));
    const r = await cast.staff.post('/api/points/awards', { ruleId: rules.activity.id, householdIds: hs, note: '清洁家园' });
    expect(r.status).toBe(200);
    expect(r.body.awarded).toHaveLength(5);
    const after = await Promise.all(hs.map(async (h: string) => (await cast.staff.get(`/api/points/households/${h}`)).body));
    after.forEach((a: any, i: number) => {
      expect(a.balance).toBe(before[i] + 5);
      expect(a.entries[0]).toMatchObject({ kind: 'earn', amount: 5, reason: '参加社区活动：清洁家园' });
    });
  });

  it('honour a monthly cap per household', async () => {
    // hygiene_check: 10 points, at most 10 a month — the demo already awarded it this month? use a fresh rule
    const rule = (await cast.staff.post('/api/points/rules', { code: 'stair_sweep', name: '打扫楼道', points: 8, monthlyCap: 20 })).body;
    const award = () => cast.staff.post('/api/points/awards', { ruleId: rule.id, householdIds: [myHousehold] });
    expect((await award()).body.awarded).toEqual([{ householdId: myHousehold, amount: 8 }]);
    expect((await award()).body.awarded).toEqual([{ householdId: myHousehold, amount: 8 }]);
    expect((await award()).body.awarded).toEqual([{ householdId: myHousehold, amount: 4 }]);
    expect((await award()).body.skipped).toEqual([{ householdId: myHousehold, reason: 'monthly_cap' }]);
    s.advance(31 * 1440); // next month
    expect((await award()).body.awarded).toEqual([{ householdId: myHousehold, amount: 8 }]);
  });

  it('with the same Idempotency-Key, a repeated batch books nothing twice', async () => {
    const before = await balance(cast.resident);
    const send = () =>
      s.request('POST', '/api/points/awards', {
        token: cast.staff.token,
        body: { ruleId: rules.volunteer_hour.id, householdIds: [myHousehold], times: 2 },
        headers: { 'idempotency-key': 'cleanup-day-2026-11-21' },
      });
    expect((await send()).body.awarded).toHaveLength(1);
    expect((await send()).body.skipped).toEqual([{ householdId: myHousehold, reason: 'already_awarded' }]);
    expect(await balance(cast.resident)).toBe(before + 10);
  });

  it('are refused to non-staff and for households of another community', async () => {
    for (const c of [cast.resident, cast.gridWorker, cast.reviewer, cast.buildingHead]) {
      expect((await c.post('/api/points/awards', { ruleId: rules.activity.id, householdIds: [myHousehold] })).status).toBe(403);
    }
    const r = await cast.staffHuimin.post('/api/points/awards', { ruleId: rules.activity.id, householdIds: [myHousehold] });
    expect(r.status).toBe(400); // 惠民's staff: neither the rule nor the household is theirs
    const theirRule = (await cast.staffHuimin.get('/api/points/rules')).body[0];
    const r2 = await cast.staffHuimin.post('/api/points/awards', { ruleId: theirRule.id, householdIds: [myHousehold] });
    expect(r2.status).toBe(400);
    expect(r2.body.error.details[0].path).toBe('body.householdIds.0');
  });
});

describe('redemption', () => {
  it('deducts points, reserves stock, and returns a pickup code the shop keeper hands over against', async () => {
    const before = await balance(cast.resident);
    const stockBefore = items['洗衣粉 2kg'].stock;
    const r = await redeem(cast.resident, { itemId: items['洗衣粉 2kg'].id, quantity: 2 });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'reserved', points: 80, quantity: 2 });
    expect(r.body.pickupCode).toMatch(/^\d{6}$/);
    expect(await balance(cast.resident)).toBe(before - 80);
    const shelf = (await cast.resident.get('/api/shop/items')).body.find((i: any) => i.id === items['洗衣粉 2kg'].id);
    expect(shelf).toMatchObject({ stock: stockBefore - 2, limitLeft: 0 });

    // the resident cannot hand over their own goods; staff can, once
    expect((await cast.resident.post('/api/shop/redemptions/handover', { pickupCode: r.body.pickupCode })).status).toBe(403);
    expect((await cast.staffHuimin.post('/api/shop/redemptions/handover', { pickupCode: r.body.pickupCode })).status).toBe(404);
    // at the counter, staff look the code up before handing over; residents find only their own
    const looked = (await cast.staff.get(`/api/shop/redemptions?pickupCode=${r.body.pickupCode}`)).body.items;
    expect(looked.map((x: any) => x.id)).toEqual([r.body.id]);
    expect((await cast.resident2.get(`/api/shop/redemptions?pickupCode=${r.body.pickupCode}`)).body.items).toEqual([]);
    expect((await cast.staff.get('/api/shop/redemptions?pickupCode=12ab56')).status).toBe(400);
    const done = await cast.staff.post('/api/shop/redemptions/handover', { pickupCode: r.body.pickupCode });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('handed_over');
    expect((await cast.staff.post('/api/shop/redemptions/handover', { pickupCode: r.body.pickupCode })).status).toBe(409);
    // and once handed over it can no longer be cancelled
    expect((await cast.resident.post(`/api/shop/redemptions/${r.body.id}/cancel`)).status).toBe(409);
  });

  it('a cancelled redemption refunds the points and puts the stock back', async () => {
    const before = await balance(cast.resident);
    const r = await redeem(cast.resident, { itemId: items['香皂'].id, quantity: 3 });
    expect(await balance(cast.resident)).toBe(before - 30);
    const c = await cast.resident.post(`/api/shop/redemptions/${r.body.id}/cancel`);
    expect(c.body.status).toBe('cancelled');
    expect(await balance(cast.resident)).toBe(before);
    const entries = (await cast.resident.get('/api/points/me')).body.entries.slice(0, 2);
    expect(entries.map((e: any) => [e.kind, e.amount])).toEqual([
      ['refund', 30],
      ['redeem', -30],
    ]);
    expect((await cast.resident.post(`/api/shop/redemptions/${r.body.id}/cancel`)).status).toBe(409);
  });

  it('repeating a request with the same Idempotency-Key returns the first answer and charges nothing more', async () => {
    const before = await balance(cast.resident);
    const first = await redeem(cast.resident, { itemId: items['毛巾'].id }, 'towel-once-123');
    const again = await redeem(cast.resident, { itemId: items['毛巾'].id }, 'towel-once-123');
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await balance(cast.resident)).toBe(before - 15);
    const different = await redeem(cast.resident, { itemId: items['毛巾'].id, quantity: 2 }, 'towel-once-123');
    expect(different.status).toBe(409);
    expect(await balance(cast.resident)).toBe(before - 15);
  });

  it('needs an Idempotency-Key', async () => {
    const r = await s.request('POST', '/api/shop/redemptions', { token: cast.resident.token, body: { itemId: items['毛巾'].id } });
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].path).toBe('headers.idempotency-key');
  });

  it('refuses what the household cannot afford, an item of another community, and the per-household limit', async () => {
    const before = await balance(cast.resident);
    const poor = await householdClients(s, 1);
    // the demo may have given this household points: spend them first
    const had = (await poor[0]!.client.get('/api/points/me')).body.balance;
    if (had > 0) await cast.staff.post('/api/points/adjustments', { householdId: poor[0]!.householdId, amount: -had, reason: '测试清零' });
    const r = await redeem(poor[0]!.client as any, { itemId: items['香皂'].id });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toBe('not enough points');
    const huiminItem = (await cast.residentHuimin.get('/api/shop/items')).body[0];
    const r2 = await redeem(cast.resident, { itemId: huiminItem.id });
    expect(r2.status).toBe(400);
    expect(r2.body.error.details[0].path).toBe('body.itemId');
    // 书包: one a month
    await cast.staff.post('/api/points/adjustments', { householdId: myHousehold, amount: 400, reason: '测试补录' });
    expect((await redeem(cast.resident, { itemId: items['书包'].id })).status).toBe(201);
    const r3 = await redeem(cast.resident, { itemId: items['书包'].id });
    expect(r3.status).toBe(409);
    expect(r3.body.error.message).toMatch(/limit reached/);
    expect(r3.body.error.reason).toBe('limit_reached');
    expect(await balance(cast.resident)).toBe(before + 400 - 150);
  });

  it('only staff manage the shelf', async () => {
    expect((await cast.resident.post('/api/shop/items', { name: '酱油', pointsPrice: 30, stock: 10 })).status).toBe(403);
    const made = await cast.staff.post('/api/shop/items', { name: '酱油', pointsPrice: 30, stock: 10 });
    expect(made.status).toBe(201);
    expect((await cast.staff.post(`/api/shop/items/${made.body.id}/restock`, { quantity: 5 })).body.stock).toBe(15);
    expect((await cast.staffHuimin.post(`/api/shop/items/${made.body.id}/restock`, { quantity: 5 })).status).toBe(404);
    const off = await s.request('PATCH', `/api/shop/items/${made.body.id}`, { token: cast.staff.token, body: { onShelf: false } });
    expect(off.body.onShelf).toBe(false);
    expect((await cast.resident.get('/api/shop/items')).body.map((i: any) => i.id)).not.toContain(made.body.id);
    expect((await redeem(cast.resident, { itemId: made.body.id })).status).toBe(400);
  });

  it('a change names only what changes: taking an item off the shelf keeps its limit, icon and description', async () => {
    const made = await cast.staff.post('/api/shop/items', { name: '挂面', description: '每户每周两把', icon: '🍜', pointsPrice: 8, stock: 20, limitPerHousehold: 2, limitPeriod: 'week' });
    expect(made.status).toBe(201);
    const off = await s.request('PATCH', `/api/shop/items/${made.body.id}`, { token: cast.staff.token, body: { onShelf: false } });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ onShelf: false, limitPerHousehold: 2, limitPeriod: 'week', icon: '🍜', description: '每户每周两把' });
    const on = await s.request('PATCH', `/api/shop/items/${made.body.id}`, { token: cast.staff.token, body: { onShelf: true } });
    expect(on.body).toMatchObject({ onShelf: true, limitPerHousehold: 2, limitPeriod: 'week', icon: '🍜', description: '每户每周两把' });
  });
});

describe('who sees which ledger', () => {
  it('a household sees its own, staff their community, nobody else', async () => {
    expect((await cast.resident.get(`/api/points/households/${myHousehold}`)).status).toBe(200);
    expect((await cast.staff.get(`/api/points/households/${myHousehold}`)).status).toBe(200);
    for (const c of [cast.resident2, cast.gridWorker, cast.reviewer, cast.staffHuimin, cast.buildingHead]) {
      expect((await c.get(`/api/points/households/${myHousehold}`)).status).toBe(404);
    }
  });

  it('redemption lists are scoped the same way', async () => {
    const mine = (await cast.resident.get('/api/shop/redemptions')).body.items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((r: any) => r.household.id === myHousehold)).toBe(true);
    expect((await cast.resident2.get('/api/shop/redemptions')).body.items.some((r: any) => r.household.id === myHousehold)).toBe(false);
    expect((await cast.staff.get('/api/shop/redemptions?status=reserved')).body.items.length).toBeGreaterThan(0);
    expect((await cast.staffHuimin.get('/api/shop/redemptions')).body.items).toEqual([]);
  });
});

describe('积分榜 and totals', () => {
  it('ranks the building by points earned this year, names masked', async () => {
    const board = (await cast.resident.get('/api/points/leaderboard')).body;
    expect(board.building.name).toBe('惠泽1栋');
    const earned = board.ranks.map((r: any) => r.earned);
    expect([...earned].sort((a, b) => b - a)).toEqual(earned);
    expect(board.ranks.find((r: any) => r.mine)).toBeDefined();
    for (const r of board.ranks) expect(r.head).toMatch(/^.\*+.?$/u);
    // another building's board is not for this resident
    const other = (await cast.resident2.get('/api/me')).body.building.id;
    expect((await cast.resident.get(`/api/points/leaderboard?buildingId=${other}`)).status).toBe(404);
    expect((await cast.staff.get(`/api/points/leaderboard?buildingId=${other}`)).status).toBe(200);
  });

  it('gives staff monthly earned and spent', async () => {
    const months = (await cast.staff.get('/api/points/monthly?months=6')).body;
    expect(months).toHaveLength(6);
    expect(months.some((m: any) => m.earned > 0)).toBe(true);
    expect(months.some((m: any) => m.redeemed > 0)).toBe(true);
    expect((await cast.resident.get('/api/points/monthly')).status).toBe(403);
  });
});

describe('bad input', () => {
  it.each([
    ['/api/points/awards', { ruleId: 'x', householdIds: [] }, 'body.householdIds'],
    ['/api/points/awards', { ruleId: 'x', householdIds: ['h'], times: 0 }, 'body.times'],
    ['/api/points/adjustments', { householdId: 'h', amount: 0, reason: '更正' }, 'body.amount'],
    ['/api/points/adjustments', { householdId: 'h', amount: 1.5, reason: '更正' }, 'body.amount'],
    ['/api/points/rules', { code: 'Bad Code', name: 'x', points: 5 }, 'body.code'],
    ['/api/points/rules', { code: 'ok_code', name: 'x', points: -5 }, 'body.points'],
    ['/api/shop/items', { name: '油', pointsPrice: 0, stock: 1 }, 'body.pointsPrice'],
    ['/api/shop/items', { name: '油', pointsPrice: 10, stock: -1 }, 'body.stock'],
    ['/api/shop/redemptions/handover', { pickupCode: '12ab56' }, 'body.pickupCode'],
  ])('%s %j → 400 naming %s', async (path, body, field) => {
    const before = await s.deps.db.pointsEntry.count();
    const r = await cast.staff.post(path, body);
    expect(r.status).toBe(400);
    expect(r.body.error.details.map((d: any) => d.path)).toContain(field);
    expect(await s.deps.db.pointsEntry.count()).toBe(before);
  });

  it('a redemption with a bad quantity', async () => {
    const r = await redeem(cast.resident, { itemId: items['香皂'].id, quantity: 0 });
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].path).toBe('body.quantity');
  });

  it('an adjustment that would take a balance below zero is refused and writes nothing', async () => {
    const bal = await balance(cast.resident);
    const before = await s.deps.db.pointsEntry.count();
    const r = await cast.staff.post('/api/points/adjustments', { householdId: myHousehold, amount: -(bal + 1), reason: '更正' });
    expect(r.status).toBe(409);
    expect(await balance(cast.resident)).toBe(bal);
    expect(await s.deps.db.pointsEntry.count()).toBe(before);
  });
});
