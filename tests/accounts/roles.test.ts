// Community roles (#19 item 3): staff give and take 楼栋长 and 网格员, the community's
// administrators staff and reviewers too; people not yet on e家社区 get an invitation code
// that gives the role when entered in the mini-program; removing a role ends its access
// and its sessions at once, and a grid worker's open orders go back to 待派单.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceOrder, raiseOrder, signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type Client, type TestServer } from '../support/server.js';
import { writeMark, writesSince } from '../support/writeLog.js';

let s: TestServer;
let cast: Cast;
let huize: { id: string };
let grid1: { id: string; name: string };
let grid2: { id: string; name: string };
let building5: { id: string; name: string };

const del = (c: Client, path: string) => s.request('DELETE', path, { token: c.token });

/** A WeChat account seen for the first time (the fake WeChat's `fake:<openid>` codes), belonging to nobody. */
async function newWechatAccount(openid: string): Promise<Client> {
  const r = await s.request('POST', '/api/auth/wechat', { body: { code: `fake:${openid}` } });
  if (r.status !== 200) throw new Error(`wechat sign-in: ${r.status} ${JSON.stringify(r.body)}`);
  const token = r.body.token as string;
  return {
    token,
    userId: r.body.userId,
    get: (p) => s.request('GET', p, { token }),
    post: (p, b) => s.request('POST', p, { token, body: b ?? {} }),
  };
}

beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  const db = s.deps.db;
  huize = await db.community.findFirstOrThrow({ where: { name: '惠泽社区' } });
  grid1 = await db.grid.findFirstOrThrow({ where: { communityId: huize.id, name: '第1网格' } });
  grid2 = await db.grid.findFirstOrThrow({ where: { communityId: huize.id, name: '第2网格' } });
  building5 = await db.building.findFirstOrThrow({ where: { communityId: huize.id, name: '惠泽5栋' } });
});
afterAll(() => s?.close());

/** Refused, and nothing written (the write log of the test database). */
async function refusedQuietly(call: () => Promise<{ status: number; body: any }>, status: number) {
  const mark = await writeMark(s.deps.db);
  const r = await call();
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(await writesSince(s.deps.db, mark)).toEqual({});
  return r;
}

describe('GET /api/accounts', () => {
  it("shows staff the 楼栋长 and 网格员 of their community, and administrators every community role", async () => {
    const staff = await cast.staff.get('/api/accounts?limit=100');
    expect(staff.status).toBe(200);
    expect(staff.body.manageable).toEqual(['BUILDING_HEAD', 'GRID_WORKER']);
    const roles = new Set(staff.body.items.flatMap((a: any) => a.roles.map((r: any) => r.role)));
    expect([...roles].sort()).toEqual(['BUILDING_HEAD', 'GRID_WORKER']);
    expect(staff.body.items.some((a: any) => a.id === cast.gridWorker.userId)).toBe(true);
    expect(staff.body.items.some((a: any) => a.id === cast.staff.userId)).toBe(false);
    // 3 grid workers and 9 building heads in 惠泽
    expect(staff.body.items).toHaveLength(12);

    const admin = await cast.admin.get(`/api/accounts?communityId=${huize.id}&limit=100`);
    expect(admin.status).toBe(200);
    expect(admin.body.manageable).toEqual(['BUILDING_HEAD', 'GRID_WORKER', 'STAFF', 'REVIEWER']);
    expect(admin.body.items.some((a: any) => a.id === cast.reviewer.userId)).toBe(true);

    // by name, by role, paged
    const worker = await s.deps.db.user.findUniqueOrThrow({ where: { id: cast.gridWorker.userId } });
    const byName = await cast.staff.get(`/api/accounts?q=${encodeURIComponent(worker.displayName)}`);
    expect(byName.body.items.map((a: any) => a.id)).toEqual([worker.id]);
    const workers = await cast.staff.get('/api/accounts?role=GRID_WORKER');
    expect(workers.body.items).toHaveLength(3);
    const first = await cast.staff.get('/api/accounts?limit=5');
    expect(first.body.items).toHaveLength(5);
    const second = await cast.staff.get(`/api/accounts?limit=5&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect(second.body.items.map((a: any) => a.id)).not.toContain(first.body.items[4].id);
  });

  it('is not for grid workers, residents, nor the staff of another community', async () => {
    expect((await cast.gridWorker.get('/api/accounts')).status).toBe(404);
    expect((await cast.resident.get('/api/accounts')).status).toBe(404);
    expect((await cast.staffHuimin.get(`/api/accounts?communityId=${huize.id}`)).status).toBe(404);
    const bad = await cast.staff.get('/api/accounts?role=MAYOR');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('query.role');
  });
});

describe('POST /api/accounts/roles', () => {
  it('gives 楼栋长 of a building to an account of the community; the account holds it at once', async () => {
    const r = await cast.staff.post('/api/accounts/roles', { userId: cast.gridWorker2.userId, role: 'BUILDING_HEAD', buildingId: building5.id });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ role: 'BUILDING_HEAD', building: { id: building5.id, name: '惠泽5栋' }, grid: null, user: { id: cast.gridWorker2.userId } });
    const me = await cast.gridWorker2.get('/api/me');
    expect(me.body.roles).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'BUILDING_HEAD', buildingId: building5.id })]));
    // twice is a conflict, not a second row
    const again = await refusedQuietly(() => cast.staff.post('/api/accounts/roles', { userId: cast.gridWorker2.userId, role: 'BUILDING_HEAD', buildingId: building5.id }), 409);
    expect(again.body.error.reason).toBe('already_held');
    const audit = await s.deps.db.auditEntry.findFirst({ where: { action: 'role.assign', targetId: cast.gridWorker2.userId }, orderBy: { at: 'desc' } });
    expect(audit).toMatchObject({ actorId: cast.staff.userId, communityId: huize.id });
    expect(JSON.parse(audit!.after!)).toMatchObject({ role: 'BUILDING_HEAD', building: '惠泽5栋' });
  });

  it('refuses, writing nothing: staff giving staff or reviewer roles, outsiders, grid workers, resident accounts, bad places', async () => {
    const body = { userId: cast.gridWorker2.userId, role: 'STAFF' };
    const staffRole = await refusedQuietly(() => cast.staff.post('/api/accounts/roles', body), 403);
    expect(staffRole.body.error.details[0].path).toBe('body.role');
    await refusedQuietly(() => cast.staff.post('/api/accounts/roles', { ...body, role: 'REVIEWER' }), 403);
    await refusedQuietly(() => cast.staffHuimin.post('/api/accounts/roles', { ...body, role: 'GRID_WORKER', gridId: grid2.id, communityId: huize.id }), 404);
    await refusedQuietly(() => cast.gridWorker.post('/api/accounts/roles', { ...body, role: 'BUILDING_HEAD', buildingId: building5.id }), 404);
    // the demo's building head lives in the building: a resident's own account takes no new working role
    const resident = await refusedQuietly(() => cast.staff.post('/api/accounts/roles', { userId: cast.buildingHead.userId, role: 'GRID_WORKER', gridId: grid2.id }), 409);
    expect(resident.body.error.reason).toBe('resident_account');
    // an account of another community is not found here
    await refusedQuietly(() => cast.staff.post('/api/accounts/roles', { userId: cast.gridWorkerHuimin.userId, role: 'GRID_WORKER', gridId: grid2.id }), 404);
    // the place: required, of the right kind, of this community
    const noGrid = await refusedQuietly(() => cast.staff.post('/api/accounts/roles', { userId: cast.gridWorker2.userId, role: 'GRID_WORKER' }), 400);
    expect(noGrid.body.error.details[0].path).toBe('body.gridId');
    const huiminGrid = await s.deps.db.grid.findFirstOrThrow({ where: { community: { name: '惠民社区' } } });
    const foreign = await refusedQuietly(() => cast.staff.post('/api/accounts/roles', { userId: cast.gridWorker2.userId, role: 'GRID_WORKER', gridId: huiminGrid.id }), 400);
    expect(foreign.body.error.details[0].path).toBe('body.gridId');
    const mixed = await refusedQuietly(() => cast.staff.post('/api/accounts/roles', { userId: cast.gridWorker2.userId, role: 'BUILDING_HEAD', buildingId: building5.id, gridId: grid2.id }), 400);
    expect(mixed.body.error.details[0].path).toBe('body.gridId');
  });

  it("lets the 街道 admin above the community manage every community role; its oversight role manages none", async () => {
    const db = s.deps.db;
    const street = await db.userRole.findFirstOrThrow({ where: { userId: cast.streetAdmin.userId, role: 'STREET_ADMIN' } });
    const under = await db.community.findFirstOrThrow({ where: { regionId: street.regionId } });
    const list = await cast.streetAdmin.get(`/api/accounts?communityId=${under.id}`);
    expect(list.status).toBe(200);
    expect(list.body.manageable).toEqual(['BUILDING_HEAD', 'GRID_WORKER', 'STAFF', 'REVIEWER']);
    expect((await cast.streetViewer.get(`/api/accounts?communityId=${under.id}`)).status).toBe(404);
  });

  it('lets an administrator make staff and reviewers', async () => {
    const r = await cast.admin.post('/api/accounts/roles', { communityId: huize.id, userId: cast.gridWorker2.userId, role: 'REVIEWER' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect((await del(cast.staff, `/api/accounts/roles/${r.body.id}`)).status).toBe(404); // staff do not take it either
    expect((await del(cast.admin, `/api/accounts/roles/${r.body.id}`)).status).toBe(200);
  });
});

describe('invitations', () => {
  it('a code gives a new WeChat account the role; used once; listed until used; named in the account', async () => {
    const made = await cast.staff.post('/api/accounts/invites', { role: 'GRID_WORKER', gridId: grid2.id, name: '新来的网格员' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ role: 'GRID_WORKER', grid: { id: grid2.id }, name: '新来的网格员', createdBy: { id: cast.staff.userId } });
    expect(made.body.code).toMatch(/^[2-9A-Z]{8}$/);
    const open = await cast.staff.get('/api/accounts/invites');
    expect(open.body.map((i: any) => i.id)).toContain(made.body.id);
    expect(JSON.stringify(open.body)).not.toContain(made.body.code);

    // a resident's own account cannot take it, and the code stays good
    const byResident = await refusedQuietly(() => cast.resident.post('/api/me/link', { code: made.body.code }), 403);
    expect(byResident.body.error.reason).toBe('resident_account');

    const newcomer = await newWechatAccount('wx-new-grid-worker');
    const linked = await newcomer.post('/api/me/link', { code: made.body.code.toLowerCase() });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    expect(linked.body).toMatchObject({ linked: true, role: { role: 'GRID_WORKER', grid: { id: grid2.id }, community: { id: huize.id } } });
    const me = await newcomer.get('/api/me');
    expect(me.body.user.name).toBe('新来的网格员');
    expect(me.body.roles).toEqual([expect.objectContaining({ role: 'GRID_WORKER', gridId: grid2.id, communityId: huize.id })]);
    // it works as a grid worker at once: the grid's households
    expect((await newcomer.get(`/api/org/households?gridId=${grid2.id}&limit=5`)).status).toBe(200);
    // spent
    const other = await newWechatAccount('wx-someone-else');
    await refusedQuietly(() => other.post('/api/me/link', { code: made.body.code }), 404);
    expect((await cast.staff.get('/api/accounts/invites')).body.map((i: any) => i.id)).not.toContain(made.body.id);
    // and the new worker is on the 账号 list
    expect((await cast.staff.get('/api/accounts?q=新来的网格员')).body.items).toHaveLength(1);
  });

  it('withdrawn codes give nothing; staff invite only 楼栋长 and 网格员; outsiders are refused', async () => {
    const made = await cast.staff.post('/api/accounts/invites', { role: 'BUILDING_HEAD', buildingId: building5.id, name: '王阿姨' });
    expect(made.status).toBe(201);
    expect((await del(cast.staffHuimin, `/api/accounts/invites/${made.body.id}`)).status).toBe(404);
    expect((await del(cast.staff, `/api/accounts/invites/${made.body.id}`)).status).toBe(204);
    const late = await newWechatAccount('wx-late-comer');
    await refusedQuietly(() => late.post('/api/me/link', { code: made.body.code }), 404);
    expect((await late.get('/api/me')).body.roles).toEqual([]);

    await refusedQuietly(() => cast.staff.post('/api/accounts/invites', { role: 'STAFF', name: '李主任' }), 403);
    await refusedQuietly(() => cast.gridWorker.post('/api/accounts/invites', { role: 'GRID_WORKER', gridId: grid1.id, name: '张三' }), 404);
    await refusedQuietly(() => cast.staffHuimin.post('/api/accounts/invites', { communityId: huize.id, role: 'GRID_WORKER', gridId: grid1.id, name: '张三' }), 404);
    const noName = await refusedQuietly(() => cast.staff.post('/api/accounts/invites', { role: 'GRID_WORKER', gridId: grid1.id, name: ' ' }), 400);
    expect(noName.body.error.details[0].path).toBe('body.name');
    // an administrator invites a reviewer
    const reviewer = await cast.admin.post('/api/accounts/invites', { communityId: huize.id, role: 'REVIEWER', name: '党支部刘书记' });
    expect(reviewer.status).toBe(201);
  });
});

describe('DELETE /api/accounts/roles/:id', () => {
  it("ends the grid worker's access and sessions at once; their open orders go back to 待派单 for the grid's next worker", async () => {
    const db = s.deps.db;
    const role = await db.userRole.findFirstOrThrow({ where: { userId: cast.gridWorker.userId, role: 'GRID_WORKER', gridId: grid1.id } });
    // an order of 第1网格 dispatched to them and claimed, one dispatched only, one new
    const claimed = await raiseOrder(cast.resident, { description: '楼道灯坏了，晚上看不见台阶。' });
    await advanceOrder(cast, claimed.id, 'accepted');
    const dispatched = await raiseOrder(cast.resident, { description: '下水道堵了，请来疏通一下。' });
    await advanceOrder(cast, dispatched.id, 'dispatched');
    const fresh = await raiseOrder(cast.resident, { description: '门口的垃圾桶坏了需要换新的。' });
    expect((await cast.gridWorker.get(`/api/orders/${claimed.id}`)).status).toBe(200);
    expect(await db.session.count({ where: { userId: cast.gridWorker.userId, revokedAt: null } })).toBeGreaterThan(0);
    // the demo has orders of theirs under way too: all of 第1网格's in their hands go back
    const inHand = await db.order.count({ where: { assigneeId: cast.gridWorker.userId, gridId: grid1.id, status: { in: ['dispatched', 'accepted', 'reopened'] } } });
    expect(inHand).toBeGreaterThanOrEqual(2);

    // who may not: the grid worker themselves, another community's staff
    await refusedQuietly(() => del(cast.gridWorker, `/api/accounts/roles/${role.id}`), 404);
    await refusedQuietly(() => del(cast.staffHuimin, `/api/accounts/roles/${role.id}`), 404);

    const r = await del(cast.staff, `/api/accounts/roles/${role.id}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ id: role.id, role: 'GRID_WORKER', user: { id: cast.gridWorker.userId }, ordersReturned: inHand });
    expect(r.body.sessionsEnded).toBeGreaterThanOrEqual(1);

    // their next request is refused: the session is over
    const next = await cast.gridWorker.get(`/api/orders/${claimed.id}`);
    expect(next.status).toBe(401);
    // signed in again, they hold nothing in 第1网格 and see none of its orders
    const again = await s.login('demo-gridworker');
    expect((await again.get('/api/me')).body.roles).toEqual([]);
    for (const o of [claimed, dispatched, fresh]) expect((await again.get(`/api/orders/${o.id}`)).status).toBe(404);
    expect((await again.post(`/api/orders/${claimed.id}/resolve`, { note: '修好了' })).status).toBe(404);

    // the orders: back to 待派单, nobody to suggest (第1网格 has no other worker), a line on the timeline
    for (const o of [claimed, dispatched]) {
      const row = await db.order.findUniqueOrThrow({ where: { id: o.id } });
      expect(row).toMatchObject({ status: 'submitted', assigneeId: null, suggestedAssigneeId: null });
      const last = await db.orderEvent.findFirstOrThrow({ where: { orderId: o.id }, orderBy: { createdAt: 'desc' } });
      expect(last).toMatchObject({ action: 'reopen', toStatus: 'submitted', actorId: cast.staff.userId });
    }
    expect(await db.order.findUniqueOrThrow({ where: { id: fresh.id } })).toMatchObject({ status: 'submitted', suggestedAssigneeId: null });
    expect(await db.auditEntry.count({ where: { action: 'role.remove', targetId: cast.gridWorker.userId } })).toBe(1);

    // a new worker for 第1网格: the orders waiting there suggest them
    const newWorker = await cast.staff.post('/api/accounts/roles', { userId: cast.gridWorker2.userId, role: 'GRID_WORKER', gridId: grid1.id });
    expect(newWorker.status).toBe(201);
    expect(await db.order.findUniqueOrThrow({ where: { id: fresh.id } })).toMatchObject({ suggestedAssigneeId: cast.gridWorker2.userId });
  });
});
