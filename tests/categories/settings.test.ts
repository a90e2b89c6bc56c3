// 社区设置 (issue #19 item 4, #21 item 3): service categories, 常用回复 and the notice
// switches, edited over HTTP by whoever the policy allows (server/policies/settings.ts),
// every change in the audit log and read back as the setting's history. Runs on SQLite
// and (project server-pg) on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAutomaticNotices } from '../../server/notices/automatic.js';
import { EMERGENCY_RESPONSE_MINUTES } from '../../server/orders/sla.js';
import { raiseOrder, signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type Client, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;
let huize: { id: string };
let huimin: { id: string };

const send = (c: Client, method: string, path: string, body?: unknown) => s.request(method, path, { token: c.token, body });
const counts = async () => ({
  categories: await s.deps.db.serviceCategory.count(),
  audit: await s.deps.db.auditEntry.count(),
  replies: await s.deps.db.stockReply.count(),
});
const managed = async (c: Client, communityId = huize.id) => (await c.get(`/api/categories/manage?communityId=${communityId}`)).body;
const residentCodes = async () => ((await cast.resident.get('/api/categories')).body as Array<{ code: string }>).map((c) => c.code);

beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  registerAutomaticNotices(s.deps);
  huize = await s.deps.db.community.findFirstOrThrow({ where: { name: '惠泽社区' } });
  huimin = await s.deps.db.community.findFirstOrThrow({ where: { name: '惠民社区' } });
});
afterAll(() => s.close());

describe('service categories', () => {
  let created: { id: string; code: string };

  it('the community’s administrator adds one; a resident sees it with its icon and deadlines', async () => {
    const r = await send(cast.admin, 'POST', '/api/categories/manage', { communityId: huize.id, name: '电梯故障', icon: '🛗', responseMinutes: 30, resolveMinutes: 480 });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ name: '电梯故障', icon: '🛗', responseMinutes: 30, resolveMinutes: 480, emergency: false, active: true, orders: 0 });
    expect(r.body.code).toMatch(/^c_[0-9a-f]{8}$/);
    created = r.body;
    const seen = (await cast.resident.get('/api/categories')).body as any[];
    expect(seen.at(-1)).toEqual({ code: created.code, name: '电梯故障', icon: '🛗', responseMinutes: 30, resolveMinutes: 480 });
    // 惠民's residents do not
    expect(((await cast.residentHuimin.get('/api/categories')).body as any[]).map((c) => c.code)).not.toContain(created.code);
  });

  it('is edited: its deadline changes for the resident, and the change is in its history with before and after', async () => {
    const r = await send(cast.admin, 'PATCH', `/api/categories/manage/${created.id}`, { resolveMinutes: 600, icon: '🚪' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ resolveMinutes: 600, icon: '🚪' });
    const seen = ((await cast.resident.get('/api/categories')).body as any[]).find((c) => c.code === created.code);
    expect(seen).toMatchObject({ resolveMinutes: 600, icon: '🚪' });
    const h = await cast.admin.get(`/api/categories/history?communityId=${huize.id}&target=category&targetId=${created.id}`);
    expect(h.status).toBe(200);
    expect(h.body.items.map((e: any) => e.action)).toEqual(['category.update', 'category.create']);
    const [update] = h.body.items;
    expect(update).toMatchObject({ actionLabel: '修改服务类别', actor: { id: cast.admin.userId }, target: { type: 'category', typeLabel: '服务类别', id: created.id } });
    expect(update.before).toEqual({ icon: '🛗', resolveMinutes: 480 });
    expect(update.after).toEqual({ icon: '🚪', resolveMinutes: 600 });
    expect(update.changes).toContainEqual({ field: 'resolveMinutes', label: '办结时限(分钟)', before: 480, after: 600 });
    // the same entry is in the audit log itself
    expect((await cast.admin.get(`/api/audit?action=category.update&communityId=${huize.id}`)).body.items.map((e: any) => e.id)).toContain(update.id);
  });

  it('is reordered: the resident’s grid follows the new order', async () => {
    const { items } = await managed(cast.admin);
    const ids = items.map((c: any) => c.id);
    const moved = [ids.at(-1), ...ids.slice(0, -1)];
    const r = await send(cast.admin, 'PUT', '/api/categories/manage/order', { communityId: huize.id, ids: moved });
    expect(r.status).toBe(200);
    expect(r.body.items.map((c: any) => c.id)).toEqual(moved);
    expect((await residentCodes())[0]).toBe(created.code);
    // every category once, or nothing moves
    const before = await counts();
    const bad = await send(cast.admin, 'PUT', '/api/categories/manage/order', { communityId: huize.id, ids: moved.slice(1) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('body.ids');
    expect(await counts()).toEqual(before);
    expect((await residentCodes())[0]).toBe(created.code);
    const h = await cast.admin.get(`/api/categories/history?communityId=${huize.id}&target=category`);
    const reorder = h.body.items.find((e: any) => e.action === 'category.reorder');
    expect(reorder.after.order[0]).toBe(created.code);
    expect(reorder.before.order.at(-1)).toBe(created.code);
  });

  it('with orders is switched off, not removed; one without orders is removed', async () => {
    const o = await raiseOrder(cast.resident, { category: created.code, description: '3号电梯门关不上，一直报警。' });
    expect(o.category).toMatchObject({ code: created.code });
    const refused = await send(cast.admin, 'DELETE', `/api/categories/manage/${created.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.reason).toBe('has_orders');
    const off = await send(cast.admin, 'PATCH', `/api/categories/manage/${created.id}`, { active: false });
    expect(off.body).toMatchObject({ active: false, orders: 1 });
    expect(await residentCodes()).not.toContain(created.code);
    // the order keeps its category; filing a new one in it is refused
    expect((await cast.resident.get(`/api/orders/${o.id}`)).body.category).toMatchObject({ code: created.code, name: '电梯故障' });
    const filed = await cast.resident.post('/api/orders', { category: created.code, description: '电梯又坏了，关不上门。' });
    expect(filed.status).toBe(400);
    // still on the settings page, switched off
    expect((await managed(cast.admin)).items.find((c: any) => c.id === created.id)).toMatchObject({ active: false });
    await send(cast.admin, 'PATCH', `/api/categories/manage/${created.id}`, { active: true });
    expect(await residentCodes()).toContain(created.code);

    const spare = await send(cast.admin, 'POST', '/api/categories/manage', { communityId: huize.id, code: 'parking', name: '停车管理', icon: '🅿️', responseMinutes: 60, resolveMinutes: 1440 });
    expect(spare.status).toBe(201);
    expect((await send(cast.admin, 'POST', '/api/categories/manage', { communityId: huize.id, code: 'parking', name: '停车', icon: '🚗', responseMinutes: 60, resolveMinutes: 1440 })).status).toBe(409);
    expect((await send(cast.admin, 'DELETE', `/api/categories/manage/${spare.body.id}`)).status).toBe(204);
    expect(await residentCodes()).not.toContain('parking');
    const h = await cast.admin.get(`/api/categories/history?communityId=${huize.id}&targetId=${spare.body.id}`);
    expect(h.body.items[0]).toMatchObject({ action: 'category.delete', before: { code: 'parking', name: '停车管理' }, after: null });
  });

  it('marked emergency makes a filed order an emergency with a 10-minute response deadline, whatever the resident chose', async () => {
    const r = await send(cast.admin, 'POST', '/api/categories/manage', { communityId: huize.id, name: '燃气泄漏', icon: '🔥', responseMinutes: 60, resolveMinutes: 720, emergency: true });
    expect(r.status).toBe(201);
    expect(r.body.emergency).toBe(true);
    const before = s.now().getTime();
    const o = await raiseOrder(cast.resident, { category: r.body.code, urgency: 'normal', description: '厨房里闻到很重的煤气味。' });
    expect(o.urgency).toBe('emergency');
    expect(new Date(o.responseDueAt).getTime() - new Date(o.createdAt).getTime()).toBe(EMERGENCY_RESPONSE_MINUTES * 60_000);
    expect(new Date(o.createdAt).getTime()).toBeGreaterThanOrEqual(before);
    const row = await s.deps.db.order.findUniqueOrThrow({ where: { id: o.id } });
    expect(row.urgency).toBe('emergency');
    // an ordinary category still files as the resident chose
    expect((await raiseOrder(cast.resident, { category: 'repair', urgency: 'normal' })).urgency).toBe('normal');
    // switched back to ordinary: orders follow the resident's choice again
    await send(cast.admin, 'PATCH', `/api/categories/manage/${r.body.id}`, { emergency: false });
    expect((await raiseOrder(cast.resident, { category: r.body.code, urgency: 'normal', description: '楼道里有一点煤气味。' })).urgency).toBe('normal');
  });

  it('bad minutes or an empty name: 400 naming the field, nothing written', async () => {
    const { items } = await managed(cast.admin);
    const repair = items.find((c: any) => c.code === 'repair');
    const before = await counts();
    const cases: Array<[string, string, unknown, string]> = [
      ['POST', '/api/categories/manage', { communityId: huize.id, name: '', icon: '🔧', responseMinutes: 30, resolveMinutes: 60 }, 'body.name'],
      ['POST', '/api/categories/manage', { communityId: huize.id, name: '   ', icon: '🔧', responseMinutes: 30, resolveMinutes: 60 }, 'body.name'],
      ['POST', '/api/categories/manage', { communityId: huize.id, name: '修车', icon: '🔧', responseMinutes: 0, resolveMinutes: 60 }, 'body.responseMinutes'],
      ['POST', '/api/categories/manage', { communityId: huize.id, name: '修车', icon: '🔧', responseMinutes: 30.5, resolveMinutes: 60 }, 'body.responseMinutes'],
      ['POST', '/api/categories/manage', { communityId: huize.id, name: '修车', icon: '🔧', responseMinutes: '30', resolveMinutes: 60 }, 'body.responseMinutes'],
      ['POST', '/api/categories/manage', { communityId: huize.id, name: '修车', icon: '🔧', responseMinutes: 30, resolveMinutes: 99_999 }, 'body.resolveMinutes'],
      ['POST', '/api/categories/manage', { communityId: huize.id, name: '修车', icon: '🔧', responseMinutes: 600, resolveMinutes: 60 }, 'body.resolveMinutes'],
      ['POST', '/api/categories/manage', { communityId: huize.id, name: '修车', icon: 'AB', responseMinutes: 30, resolveMinutes: 60 }, 'body.icon'],
      ['PATCH', `/api/categories/manage/${repair.id}`, { responseMinutes: -5 }, 'body.responseMinutes'],
      ['PATCH', `/api/categories/manage/${repair.id}`, { name: '' }, 'body.name'],
      ['PATCH', `/api/categories/manage/${repair.id}`, { name: '报修13800001111' }, 'body.name'],
      // longer than its resolve time (2880)
      ['PATCH', `/api/categories/manage/${repair.id}`, { responseMinutes: 3000 }, 'body.resolveMinutes'],
    ];
    for (const [method, path, body, field] of cases) {
      const r = await send(cast.admin, method, path, body);
      expect(r.status, `${method} ${JSON.stringify(body)}`).toBe(400);
      expect(r.body.error.details.map((d: any) => d.path), JSON.stringify(body)).toContain(field);
    }
    expect(await counts()).toEqual(before);
    expect((await managed(cast.admin)).items.find((c: any) => c.code === 'repair')).toMatchObject({ name: '水电维修', responseMinutes: 120 });
  });

  it('staff read them but do not change them; staff of another community and residents are refused; 街道 admins change theirs', async () => {
    const { items, editable } = await managed(cast.staff);
    expect(editable).toBe(false);
    const repair = items.find((c: any) => c.code === 'repair');
    const before = await counts();
    expect((await send(cast.staff, 'PATCH', `/api/categories/manage/${repair.id}`, { name: '水电' })).status).toBe(403);
    expect((await send(cast.staff, 'POST', '/api/categories/manage', { name: '修车', icon: '🔧', responseMinutes: 30, resolveMinutes: 60 })).status).toBe(403);
    // another community's staff: not found, neither the category nor the community
    expect((await send(cast.staffHuimin, 'PATCH', `/api/categories/manage/${repair.id}`, { name: '水电' })).status).toBe(404);
    expect((await send(cast.staffHuimin, 'DELETE', `/api/categories/manage/${repair.id}`)).status).toBe(404);
    expect((await cast.staffHuimin.get(`/api/categories/manage?communityId=${huize.id}`)).status).toBe(404);
    expect((await cast.staffHuimin.get(`/api/categories/history?communityId=${huize.id}`)).status).toBe(404);
    expect((await send(cast.staffHuimin, 'PUT', '/api/categories/manage/order', { communityId: huize.id, ids: [repair.id] })).status).toBe(404);
    expect((await cast.resident.get('/api/categories/manage')).status).toBe(403);
    expect((await cast.gridWorker.get('/api/categories/history')).status).toBe(403);
    expect((await send(cast.resident, 'POST', '/api/categories/manage', { name: '修车', icon: '🔧', responseMinutes: 30, resolveMinutes: 60 })).status).toBe(403);
    expect(await counts()).toEqual(before);
    // the 街道 admin above 惠泽 administers it
    const street = await managed(cast.streetAdmin);
    expect(street.editable).toBe(true);
    const r = await send(cast.streetAdmin, 'PATCH', `/api/categories/manage/${repair.id}`, { responseMinutes: 90 });
    expect(r.status).toBe(200);
    expect(((await cast.resident.get('/api/categories')).body as any[]).find((c) => c.code === 'repair').responseMinutes).toBe(90);
    // staff see the history of their community's settings
    const h = await cast.staff.get(`/api/categories/history?target=category&targetId=${repair.id}`);
    expect(h.body.items[0]).toMatchObject({ actor: { id: cast.streetAdmin.userId }, before: { responseMinutes: 120 }, after: { responseMinutes: 90 } });
  });
});

describe('常用回复 on the settings page', () => {
  it('are edited and reordered per category and purpose, offered to the worker, and their history kept', async () => {
    const add = (c: Client, body: object) => send(c, 'POST', '/api/categories/replies', body);
    const a = await add(cast.admin, { communityId: huize.id, category: 'housing', purpose: 'ask', text: '漏水的是哪个房间？请拍照片。' });
    expect(a.status).toBe(201);
    const b = await add(cast.staff, { category: 'housing', purpose: 'ask', text: '楼上住户联系过了吗？' });
    const c = await add(cast.staff, { category: 'housing', purpose: 'resolve', text: '已联系楼上住户维修防水，请您确认，物业电话 13800001111。' });
    expect(c.status).toBe(201);
    const reorder = await send(cast.staff, 'PUT', '/api/categories/replies/order', { ids: [b.body.id, a.body.id] });
    expect(reorder.status).toBe(200);
    expect(reorder.body.map((r: any) => [r.id, r.sort])).toEqual([[b.body.id, 10], [a.body.id, 20]]);
    const edited = await send(cast.staff, 'PATCH', `/api/categories/replies/${a.body.id}`, { text: '漏水的是哪个房间？请拍两张照片。' });
    expect(edited.status).toBe(200);

    // the grid worker is offered them in that order when asking about a 房屋漏水 order
    const offered = await cast.gridWorker.get('/api/categories/replies?category=housing&purpose=ask');
    expect(offered.body.map((r: any) => r.text)).toEqual(['楼上住户联系过了吗？', '漏水的是哪个房间？请拍两张照片。']);
    expect((await cast.gridWorker.get('/api/categories/replies?category=housing&purpose=resolve')).body.map((r: any) => r.id)).toContain(c.body.id);

    // another community's staff neither see nor move them
    const before = await counts();
    expect((await send(cast.staffHuimin, 'PUT', '/api/categories/replies/order', { ids: [a.body.id, b.body.id] })).status).toBe(400);
    expect((await send(cast.staffHuimin, 'PUT', '/api/categories/replies/order', { communityId: huize.id, ids: [a.body.id, b.body.id] })).status).toBe(404);
    expect((await cast.staffHuimin.get(`/api/categories/replies?communityId=${huize.id}`)).status).toBe(404);
    expect((await send(cast.gridWorker, 'PUT', '/api/categories/replies/order', { ids: [a.body.id, b.body.id] })).status).toBe(403);
    expect(await counts()).toEqual(before);

    const h = await cast.staff.get('/api/categories/history?target=stock_reply');
    const actions = h.body.items.map((e: any) => e.action);
    expect(actions.slice(0, 5)).toEqual(['stock_reply.update', 'stock_reply.reorder', 'stock_reply.create', 'stock_reply.create', 'stock_reply.create']);
    expect(h.body.items[0]).toMatchObject({ before: { text: '漏水的是哪个房间？请拍照片。' }, after: { text: '漏水的是哪个房间？请拍两张照片。' } });
    // a phone number in a reply is offered as written, but the audit log holds none
    const created = h.body.items.find((e: any) => e.target.id === c.body.id);
    expect(created.after.text).toBe('已联系楼上住户维修防水，请您确认，物业电话 138****11。');
    expect(JSON.stringify(h.body)).not.toMatch(/1[3-9]\d{9}/);
  });
});

describe('通知自动化 on the settings page', () => {
  it('switched off by the administrator, an emergency order is not announced; the switch’s history shows before and after', async () => {
    const huizeCat = await send(cast.admin, 'POST', '/api/categories/manage', { communityId: huize.id, code: 'gas', name: '燃气', icon: '🔥', responseMinutes: 30, resolveMinutes: 240, emergency: true });
    expect(huizeCat.status).toBe(201);
    const alerts = (orderId: string) => s.deps.db.notice.count({ where: { source: `order.emergency:${orderId}` } });

    const on = await raiseOrder(cast.resident, { category: 'gas', description: '单元门口有煤气味，很重。' });
    await s.deps.events.settled();
    expect(await alerts(on.id)).toBe(1);

    const off = await send(cast.admin, 'PUT', '/api/notices/automation', { communityId: huize.id, emergencyOrders: false });
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ communityId: huize.id, jobs: true, trainings: true, emergencyOrders: false });
    const quiet = await raiseOrder(cast.resident, { category: 'gas', description: '楼道里还是有煤气味。' });
    expect(quiet.urgency).toBe('emergency');
    await s.deps.events.settled();
    expect(await alerts(quiet.id)).toBe(0);
    // the same value again changes nothing and records nothing
    const audit = await s.deps.db.auditEntry.count();
    await send(cast.admin, 'PUT', '/api/notices/automation', { communityId: huize.id, emergencyOrders: false });
    expect(await s.deps.db.auditEntry.count()).toBe(audit);

    // staff of another community: not found; the 街道 admin above 惠民 sets 惠民's
    expect((await send(cast.staffHuimin, 'PUT', '/api/notices/automation', { communityId: huize.id, emergencyOrders: true })).status).toBe(404);
    expect((await send(cast.streetAdmin, 'PUT', '/api/notices/automation', { communityId: huimin.id, jobs: false })).status).toBe(200);
    expect((await cast.staffHuimin.get('/api/notices/automation')).body).toMatchObject({ jobs: false });

    const h = await cast.staff.get('/api/categories/history?target=notice_automation');
    expect(h.body.items).toHaveLength(1);
    expect(h.body.items[0]).toMatchObject({ action: 'notice_automation.update', actionLabel: '修改通知自动化', actor: { id: cast.admin.userId }, before: { emergencyOrders: true }, after: { emergencyOrders: false } });
    await send(cast.admin, 'PUT', '/api/notices/automation', { communityId: huize.id, emergencyOrders: true });
    const back = await raiseOrder(cast.resident, { category: 'gas', description: '又闻到煤气味了。' });
    await s.deps.events.settled();
    expect(await alerts(back.id)).toBe(1);
  });
});
