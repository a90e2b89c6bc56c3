// 网格划分 (#19 item 3): grids as sets of buildings. Staff create and rename grids and
// move a building to another grid; its open orders (grid, suggested worker) and the
// notices still going out to a grid follow it, in one transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceOrder, raiseOrder, signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';
import { writeMark, writesSince } from '../support/writeLog.js';

let s: TestServer;
let cast: Cast;
let huize: { id: string };
let grid1: { id: string };
let grid2: { id: string };
let building1: { id: string };

const patch = (token: string, path: string, body: unknown) => s.request('PATCH', path, { token, body });

beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  const db = s.deps.db;
  huize = await db.community.findFirstOrThrow({ where: { name: '惠泽社区' } });
  grid1 = await db.grid.findFirstOrThrow({ where: { communityId: huize.id, name: '第1网格' } });
  grid2 = await db.grid.findFirstOrThrow({ where: { communityId: huize.id, name: '第2网格' } });
  building1 = await db.building.findFirstOrThrow({ where: { communityId: huize.id, name: '惠泽1栋' } });
});
afterAll(() => s?.close());

async function refusedQuietly(call: () => Promise<{ status: number; body: any }>, status: number) {
  const mark = await writeMark(s.deps.db);
  const r = await call();
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(await writesSince(s.deps.db, mark)).toEqual({});
  return r;
}

describe('grids', () => {
  it('lists the grids with their buildings (in counting order) and workers; staff create and rename', async () => {
    const list = await cast.staff.get('/api/org/grids');
    expect(list.status).toBe(200);
    expect(list.body.map((g: any) => g.name)).toEqual(['第1网格', '第2网格', '第3网格']);
    expect(list.body[0].buildings.map((b: any) => b.name)).toEqual(['惠泽1栋', '惠泽2栋', '惠泽3栋']);
    expect(list.body[0].workers).toEqual([{ id: cast.gridWorker.userId, name: expect.any(String) }]);

    const made = await cast.staff.post('/api/org/grids', { name: '第4网格' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ name: '第4网格', buildings: [], workers: [] });
    await refusedQuietly(() => cast.staff.post('/api/org/grids', { name: '第4网格' }), 409);
    const renamed = await patch(cast.staff.token, `/api/org/grids/${made.body.id}`, { name: '第4网格（新区）' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('第4网格（新区）');
    expect(await s.deps.db.auditEntry.count({ where: { targetId: made.body.id, action: { in: ['grid.create', 'grid.rename'] } } })).toBe(2);

    const bad = await refusedQuietly(() => cast.staff.post('/api/org/grids', { name: '' }), 400);
    expect(bad.body.error.details[0].path).toBe('body.name');
    await refusedQuietly(() => cast.gridWorker.post('/api/org/grids', { name: '第5网格' }), 404);
    await refusedQuietly(() => cast.staffHuimin.post('/api/org/grids', { communityId: huize.id, name: '第5网格' }), 404);
    await refusedQuietly(() => patch(cast.staffHuimin.token, `/api/org/grids/${made.body.id}`, { name: '改名' }), 404);
    expect((await cast.gridWorker.get('/api/org/grids')).status).toBe(404);
  });
});

describe('POST /api/org/buildings/:id/move', () => {
  it("moves a building's open orders and the notices still going out with it, in one step", async () => {
    const db = s.deps.db;
    // orders of 惠泽1栋 (第1网格): a new one, one in the worker's hands, one closed long ago
    const fresh = await raiseOrder(cast.resident, { description: '楼下的路灯不亮了，晚上很黑。' });
    const inHand = await raiseOrder(cast.resident, { description: '厨房水管漏水，地上都是水。' });
    await advanceOrder(cast, inHand.id, 'accepted');
    const done = await db.order.findFirstOrThrow({ where: { buildingId: building1.id, status: 'closed' } });
    // notices later today: one for 第2网格 (the building joins it), one for 第1网格 (it leaves), one sent already to 第1网格
    const later = new Date(s.now().getTime() + 3 * 3600_000).toISOString();
    const compose = (gridIds: string[], sendAt?: string) =>
      cast.staff.post('/api/notices', { kind: 'service', title: '停水通知', body: '明天上午九点到十二点停水检修，请提前储水。', audience: { type: 'grids', gridIds }, ...(sendAt ? { sendAt } : {}) });
    const forGrid2 = (await compose([grid2.id], later)).body;
    const forGrid1 = (await compose([grid1.id], later)).body;
    const link = await db.buildingGroup.findUniqueOrThrow({ where: { buildingId: building1.id } });
    expect(await db.noticeDelivery.count({ where: { noticeId: forGrid2.id, groupId: link.groupId } })).toBe(0);
    expect(await db.noticeDelivery.findFirst({ where: { noticeId: forGrid1.id, groupId: link.groupId } })).toMatchObject({ status: 'pending' });

    const worker2 = cast.gridWorker2;
    expect((await worker2.get(`/api/orders/${fresh.id}`)).status).toBe(404);

    const r = await cast.staff.post(`/api/org/buildings/${building1.id}/move`, { gridId: grid2.id });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ building: { name: '惠泽1栋' }, from: { id: grid1.id }, to: { id: grid2.id }, deliveriesAdded: 1, deliveriesCancelled: 1 });
    expect(r.body.ordersMoved).toBeGreaterThanOrEqual(2);

    expect(await db.building.findUniqueOrThrow({ where: { id: building1.id } })).toMatchObject({ gridId: grid2.id });
    // open orders: in 第2网格, suggested to its worker; the one in hand keeps its worker
    expect(await db.order.findUniqueOrThrow({ where: { id: fresh.id } })).toMatchObject({ gridId: grid2.id, suggestedAssigneeId: worker2.userId });
    expect(await db.order.findUniqueOrThrow({ where: { id: inHand.id } })).toMatchObject({ gridId: grid2.id, assigneeId: cast.gridWorker.userId, status: 'accepted' });
    // history stays where it happened
    expect(await db.order.findUniqueOrThrow({ where: { id: done.id } })).toMatchObject({ gridId: grid1.id });
    // the new grid's worker sees the new order and is suggested for it
    const seen = await worker2.get(`/api/orders/${fresh.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.suggestedAssignee.id).toBe(worker2.userId);
    // notices: the 第2网格 one now reaches the building and its group, the 第1网格 one no longer does
    expect(await db.noticeBuilding.count({ where: { noticeId: forGrid2.id, buildingId: building1.id } })).toBe(1);
    expect(await db.noticeDelivery.findFirst({ where: { noticeId: forGrid2.id, groupId: link.groupId } })).toMatchObject({ status: 'pending' });
    expect(await db.noticeBuilding.count({ where: { noticeId: forGrid1.id, buildingId: building1.id } })).toBe(0);
    expect(await db.noticeDelivery.findFirst({ where: { noticeId: forGrid1.id, groupId: link.groupId } })).toMatchObject({ status: 'cancelled' });
    // filed from now on: 第2网格
    const next = await raiseOrder(cast.resident, { description: '电梯按钮失灵，按了没反应。' });
    expect(next.suggestedAssignee.id).toBe(worker2.userId);
    const audit = await db.auditEntry.findFirstOrThrow({ where: { action: 'building.move', targetId: building1.id } });
    expect(JSON.parse(audit.before!)).toEqual({ grid: '第1网格' });
  });

  it('refuses, writing nothing: the same grid, another community’s grid, outsiders, grid workers', async () => {
    const db = s.deps.db;
    const building4 = await db.building.findFirstOrThrow({ where: { communityId: huize.id, name: '惠泽4栋' } });
    await refusedQuietly(() => cast.staff.post(`/api/org/buildings/${building4.id}/move`, { gridId: grid2.id }), 409);
    const huiminGrid = await db.grid.findFirstOrThrow({ where: { community: { name: '惠民社区' } } });
    const foreign = await refusedQuietly(() => cast.staff.post(`/api/org/buildings/${building4.id}/move`, { gridId: huiminGrid.id }), 400);
    expect(foreign.body.error.details[0].path).toBe('body.gridId');
    await refusedQuietly(() => cast.staffHuimin.post(`/api/org/buildings/${building4.id}/move`, { gridId: huiminGrid.id }), 404);
    await refusedQuietly(() => cast.gridWorker2.post(`/api/org/buildings/${building4.id}/move`, { gridId: grid1.id }), 404);
    const missing = await refusedQuietly(() => cast.staff.post(`/api/org/buildings/${building4.id}/move`, {}), 400);
    expect(missing.body.error.details[0].path).toBe('body.gridId');
  });
});
