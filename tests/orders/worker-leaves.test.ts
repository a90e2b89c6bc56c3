// 待补充 orders follow the grids too (server/orders/gridChanges.ts): a grid worker who loses
// their grid leaves no order waiting for a resident's answer in their hands (it waits on,
// unassigned, and the answer takes it to 待派单), and a building moved to another grid takes
// its waiting orders along. Over real HTTP on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceOrder, raiseOrder, signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;
let grid1: { id: string };
let grid2: { id: string };

beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  const huize = await s.deps.db.community.findFirstOrThrow({ where: { name: '惠泽社区' } });
  grid1 = await s.deps.db.grid.findFirstOrThrow({ where: { communityId: huize.id, name: '第1网格' } });
  grid2 = await s.deps.db.grid.findFirstOrThrow({ where: { communityId: huize.id, name: '第2网格' } });
});
afterAll(() => s.close());

async function askResident(id: string) {
  const r = await cast.gridWorker.post(`/api/orders/${id}/ask`, { question: '请拍一张漏水位置的照片。' });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.status).toBe('awaiting_info');
}

describe('a grid worker who loses the grid', () => {
  it('leaves no 待补充 order with them: it waits on unassigned, and the answer takes it to 待派单', async () => {
    const db = s.deps.db;
    // claimed, then the worker asked the resident for more
    const waiting = await raiseOrder(cast.resident, { description: '卫生间天花板漏水，一直往下滴。' });
    await advanceOrder(cast, waiting.id, 'accepted');
    await askResident(waiting.id);
    // dispatched only, then asked
    const waitingDispatched = await raiseOrder(cast.resident, { description: '阳台的窗户关不上了，风很大。' });
    await advanceOrder(cast, waitingDispatched.id, 'dispatched');
    await askResident(waitingDispatched.id);
    const before = await db.order.findUniqueOrThrow({ where: { id: waiting.id } });
    expect(before).toMatchObject({ status: 'awaiting_info', assigneeId: cast.gridWorker.userId, pausedFrom: 'accepted' });
    const inHand = await db.order.count({
      where: { assigneeId: cast.gridWorker.userId, gridId: grid1.id, status: { in: ['dispatched', 'accepted', 'reopened', 'awaiting_info'] } },
    });

    const role = await db.userRole.findFirstOrThrow({ where: { userId: cast.gridWorker.userId, role: 'GRID_WORKER', gridId: grid1.id } });
    const r = await s.request('DELETE', `/api/accounts/roles/${role.id}`, { token: cast.staff.token });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.ordersReturned).toBe(inHand);

    // still waiting for the resident, the question open and the deadlines paused, but nobody's: as if asked before dispatch
    for (const o of [waiting, waitingDispatched]) {
      const row = await db.order.findUniqueOrThrow({ where: { id: o.id } });
      expect(row).toMatchObject({ status: 'awaiting_info', assigneeId: null, dispatchedAt: null, claimedAt: null, pausedFrom: 'submitted', suggestedAssigneeId: null });
      expect(row.pausedAt).not.toBeNull();
      const last = await db.orderEvent.findFirstOrThrow({ where: { orderId: o.id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
      expect(last).toMatchObject({ action: 'reopen', fromStatus: 'awaiting_info', toStatus: 'awaiting_info', actorId: cast.staff.userId });
    }
    // the departed worker, signed in again, sees none of it
    const again = await s.login('demo-gridworker');
    expect((await again.get(`/api/orders/${waiting.id}`)).status).toBe(404);

    // a new worker of 第1网格 sees it and is suggested for it
    const given = await cast.staff.post('/api/accounts/roles', { userId: cast.gridWorker2.userId, role: 'GRID_WORKER', gridId: grid1.id });
    expect(given.status, JSON.stringify(given.body)).toBe(201);
    expect(await db.order.findUniqueOrThrow({ where: { id: waiting.id } })).toMatchObject({ suggestedAssigneeId: cast.gridWorker2.userId });
    const worker2 = await s.login('demo-gridworker-2'); // a new role: signed in again to hold it
    expect((await worker2.get(`/api/orders/${waiting.id}`)).status).toBe(200);

    // the resident answers: to 待派单, not back to the departed worker; staff dispatch it
    s.advance(60);
    const answered = await cast.resident.post(`/api/orders/${waiting.id}/updates`, { text: '照片发不了，漏水在卫生间灯旁边。' });
    expect(answered.status, JSON.stringify(answered.body)).toBe(201);
    const row = await db.order.findUniqueOrThrow({ where: { id: waiting.id } });
    expect(row).toMatchObject({ status: 'submitted', assigneeId: null, pausedFrom: null, pausedAt: null });
    // the deadlines moved on by the hour it waited, as for any answer
    expect(row.resolveDueAt.getTime() - before.resolveDueAt.getTime()).toBeGreaterThanOrEqual(60 * 60_000);
    const dispatched = await cast.staff.post(`/api/orders/${waiting.id}/dispatch`, { assigneeId: cast.gridWorker2.userId });
    expect(dispatched.status, JSON.stringify(dispatched.body)).toBe(200);
    expect(dispatched.body.status).toBe('dispatched');
  });
});

describe('a building moved to another grid', () => {
  it('takes its 待补充 orders along, suggested to the new grid’s worker', async () => {
    const db = s.deps.db;
    // asked by staff before dispatch: nobody's yet (惠泽1栋, 第1网格)
    const o = await raiseOrder(cast.resident, { description: '楼道里的扶手松了，老人上下楼危险。' });
    const asked = await cast.staff.post(`/api/orders/${o.id}/ask`, { question: '是几楼到几楼的扶手？' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    const row = await db.order.findUniqueOrThrow({ where: { id: o.id } });
    const building = row.buildingId;
    expect(row).toMatchObject({ status: 'awaiting_info', gridId: grid1.id });

    const r = await cast.staff.post(`/api/org/buildings/${building}/move`, { gridId: grid2.id });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const moved = await db.order.findUniqueOrThrow({ where: { id: o.id } });
    const worker2 = (await db.userRole.findFirstOrThrow({ where: { role: 'GRID_WORKER', gridId: grid2.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })).userId;
    expect(moved).toMatchObject({ status: 'awaiting_info', gridId: grid2.id, suggestedAssigneeId: worker2 });
  });
});
