// The audit log for the points rules, the points settings and the 积分超市 shelf (#19 item 5):
// each administrative change is one entry with its actor, before and after, written in the
// change's transaction; a refused change writes none. Over HTTP, on the test databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;
let huize: { id: string };

beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  huize = await s.deps.db.community.findFirstOrThrow({ where: { name: '惠泽社区' } });
});
afterAll(() => s?.close());

const patch = (c: { token: string }, path: string, body: unknown) => s.request('PATCH', path, { token: c.token, body });
const put = (c: { token: string }, path: string, body: unknown) => s.request('PUT', path, { token: c.token, body });
const entriesOf = (targetId: string) => s.deps.db.auditEntry.findMany({ where: { targetId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
const countAll = () => s.deps.db.auditEntry.count();

describe('points rules', () => {
  it('adding, changing and retiring a rule are one entry each, with the staff member, before and after', async () => {
    const made = await cast.staff.post('/api/points/rules', { code: 'tree_planting', name: '植树（每棵）', points: 5, monthlyCap: 50 });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    s.advance(1);
    const changed = await patch(cast.staff, `/api/points/rules/${made.body.id}`, { points: 8, name: '植树（每棵）' });
    expect(changed.status).toBe(200);
    s.advance(1);
    expect((await patch(cast.staff, `/api/points/rules/${made.body.id}`, { active: false })).status).toBe(200);
    // the same values again change nothing and record nothing
    expect((await patch(cast.staff, `/api/points/rules/${made.body.id}`, { active: false })).status).toBe(200);

    const rows = await entriesOf(made.body.id);
    expect(rows.map((e) => e.action)).toEqual(['points_rule.create', 'points_rule.update', 'points_rule.retire']);
    for (const e of rows) expect(e).toMatchObject({ actorId: cast.staff.userId, targetType: 'points_rule', communityId: huize.id });
    expect(JSON.parse(rows[0]!.after!)).toEqual({ code: 'tree_planting', name: '植树（每棵）', points: 5, monthlyCap: 50, active: true });
    expect(rows[0]!.before).toBeNull();
    expect([JSON.parse(rows[1]!.before!), JSON.parse(rows[1]!.after!)]).toEqual([{ points: 5 }, { points: 8 }]);
    expect([JSON.parse(rows[2]!.before!), JSON.parse(rows[2]!.after!)]).toEqual([{ active: true }, { active: false }]);

    // the console's 操作日志 reads them in words
    const r = await cast.streetAdmin.get('/api/audit?limit=200&action=points_rule.retire');
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(1);
    expect(r.body.items[0]).toMatchObject({ actionLabel: '停用积分规则', actor: { id: cast.staff.userId }, community: { id: huize.id } });
  });

  it('a refused change writes no entry', async () => {
    const rule = await s.deps.db.pointsRule.findFirstOrThrow({ where: { communityId: huize.id, active: true } });
    const before = await countAll();
    // not staff; a clash of codes; another community's staff; a bad field
    expect((await cast.gridWorker.post('/api/points/rules', { code: 'sneaky', name: '偷加', points: 1000 })).status).toBe(403);
    expect((await cast.staff.post('/api/points/rules', { code: rule.code, name: '重复', points: 1 })).status).toBe(409);
    expect((await patch(cast.staffHuimin, `/api/points/rules/${rule.id}`, { points: 9999 })).status).toBe(404);
    expect((await patch(cast.staff, `/api/points/rules/${rule.id}`, { points: 0 })).status).toBe(400);
    expect((await put(cast.gridWorker, '/api/points/settings', { expiryMonths: 1 })).status).toBe(403);
    expect(await countAll()).toBe(before);
    expect((await s.deps.db.pointsRule.findUniqueOrThrow({ where: { id: rule.id } })).points).toBe(rule.points);
  });
});

describe('points settings', () => {
  it('setting when points expire is an entry with the months before and after; the same value again is none', async () => {
    const was = (await cast.staff.get('/api/points/settings')).body.expiryMonths;
    expect((await put(cast.staff, '/api/points/settings', { expiryMonths: 24 })).status).toBe(200);
    expect((await put(cast.staff, '/api/points/settings', { expiryMonths: 24 })).status).toBe(200);
    const rows = await s.deps.db.auditEntry.findMany({ where: { action: 'points_settings.update', communityId: huize.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: cast.staff.userId, targetType: 'points_settings', targetId: huize.id });
    expect([JSON.parse(rows[0]!.before!), JSON.parse(rows[0]!.after!)]).toEqual([{ expiryMonths: was }, { expiryMonths: 24 }]);
  });
});

describe('the 积分超市 shelf', () => {
  it('new goods, a change, taking off the shelf and a restock are one entry each, before and after', async () => {
    const made = await cast.staff.post('/api/shop/items', { name: '洗衣液 2kg', pointsPrice: 120, stock: 10, limitPerHousehold: 2 });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const id = made.body.id;
    expect((await patch(cast.staff, `/api/shop/items/${id}`, { pointsPrice: 150, name: '洗衣液 2kg' })).status).toBe(200);
    expect((await patch(cast.staff, `/api/shop/items/${id}`, { onShelf: false })).status).toBe(200);
    const restocked = await cast.staff.post(`/api/shop/items/${id}/restock`, { quantity: 5 });
    expect(restocked.status).toBe(200);
    expect(restocked.body).toMatchObject({ stock: 15, onShelf: false, pointsPrice: 150, limitPerHousehold: 2 });

    const rows = await entriesOf(id);
    expect(rows.map((e) => e.action)).toEqual(['shop_item.create', 'shop_item.update', 'shop_item.update', 'shop_item.restock']);
    for (const e of rows) expect(e).toMatchObject({ actorId: cast.staff.userId, targetType: 'shop_item', communityId: huize.id });
    expect(rows[0]!.before).toBeNull();
    expect(JSON.parse(rows[0]!.after!)).toEqual({ name: '洗衣液 2kg', description: '', icon: '🎁', pointsPrice: 120, stock: 10, limitPerHousehold: 2, limitPeriod: 'month', onShelf: true });
    expect([JSON.parse(rows[1]!.before!), JSON.parse(rows[1]!.after!)]).toEqual([{ pointsPrice: 120 }, { pointsPrice: 150 }]);
    expect([JSON.parse(rows[2]!.before!), JSON.parse(rows[2]!.after!)]).toEqual([{ onShelf: true }, { onShelf: false }]);
    expect([JSON.parse(rows[3]!.before!), JSON.parse(rows[3]!.after!)]).toEqual([{ stock: 10, stockAdded: 10 }, { stock: 15, stockAdded: 15, quantity: 5 }]);

    const words = await cast.admin.get('/api/audit/actions');
    expect(words.body.items).toEqual(expect.arrayContaining([
      { action: 'shop_item.restock', label: '积分超市补货' },
      { action: 'points_rule.create', label: '新增积分规则' },
    ]));
  });

  it('a refused shelf change writes no entry and changes nothing', async () => {
    const item = await s.deps.db.shopItem.findFirstOrThrow({ where: { communityId: huize.id } });
    const before = await countAll();
    expect((await cast.resident.post('/api/shop/items', { name: '白给', pointsPrice: 1, stock: 100 })).status).toBe(403);
    expect((await patch(cast.gridWorker, `/api/shop/items/${item.id}`, { pointsPrice: 1 })).status).toBe(403);
    expect((await patch(cast.staffHuimin, `/api/shop/items/${item.id}`, { pointsPrice: 1 })).status).toBe(404);
    expect((await cast.staffHuimin.post(`/api/shop/items/${item.id}/restock`, { quantity: 5 })).status).toBe(404);
    expect((await cast.staff.post(`/api/shop/items/${item.id}/restock`, { quantity: 0 })).status).toBe(400);
    expect(await countAll()).toBe(before);
    expect(await s.deps.db.shopItem.findUniqueOrThrow({ where: { id: item.id } })).toEqual(item);
  });
});
