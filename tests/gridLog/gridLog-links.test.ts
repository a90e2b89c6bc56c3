// The 民情日志 about one order or one household (the console's order drawer and household
// page, the worker's order page): GET /api/grid-log?orderId= / ?householdId= lists the
// entries linked to it, for whoever reads the log of its grid; a worker of another grid,
// another community's staff and the roles that read no log are refused (404 / 403).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseOrder, signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;
let household: string;
let order: string;
let linked: string[];

beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  household = (await cast.resident.get('/api/me')).body.resident.householdId;
  order = (await raiseOrder(cast.resident, { description: '楼上漏水，卫生间天花板一直滴水' })).id;
  const other = (await raiseOrder(cast.resident, { description: '楼道灯坏了，晚上看不见' })).id;
  const write = async (text: string, body: Record<string, unknown>) => {
    const r = await cast.gridWorker.post('/api/grid-log', { kind: 'dispute', text, ...body });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  linked = [
    await write('上门看了漏水，302与402约好周六请物业看', { orderIds: [order], householdIds: [household], occurredAt: '2026-11-20T10:00:00+08:00' }),
    await write('物业已修好楼上管道，回访302满意', { orderIds: [order], occurredAt: '2026-11-25T10:00:00+08:00' }),
  ];
  await write('楼道灯的事', { orderIds: [other] });
  await write('与本户无关的一条', { kind: 'other' });
});
afterAll(() => s?.close());

describe('the log about one order or household', () => {
  it('lists the entries linked to an order, newest first, for its grid’s worker and its community’s staff', async () => {
    for (const c of [cast.gridWorker, cast.staff, cast.admin]) {
      const r = await c.get(`/api/grid-log?orderId=${order}`);
      expect(r.status).toBe(200);
      expect(r.body.items.map((e: any) => e.id)).toEqual([...linked].reverse());
      expect(r.body.total).toBe(2);
      expect(r.body.items.every((e: any) => e.orders.some((o: any) => o.id === order))).toBe(true);
    }
  });

  it('lists the entries linked to a household', async () => {
    const r = await cast.staff.get(`/api/grid-log?householdId=${household}`);
    expect(r.status).toBe(200);
    expect(r.body.items.map((e: any) => e.id)).toEqual([linked[0]]);
  });

  it('refuses a worker of another grid, another community’s staff, and those who read no log; an unknown object is not found', async () => {
    for (const q of [`orderId=${order}`, `householdId=${household}`]) {
      expect((await cast.gridWorker2.get(`/api/grid-log?${q}`)).status, `gridWorker2 ${q}`).toBe(404);
      expect((await cast.staffHuimin.get(`/api/grid-log?${q}`)).status, `staffHuimin ${q}`).toBe(404);
      expect((await cast.gridWorkerHuimin.get(`/api/grid-log?${q}`)).status).toBe(404);
      for (const c of [cast.resident, cast.buildingHead, cast.reviewer]) expect((await c.get(`/api/grid-log?${q}`)).status).toBe(403);
    }
    const missing = await cast.staff.get('/api/grid-log?orderId=no-such-order');
    expect(missing.status).toBe(404);
    expect((await cast.staff.get('/api/grid-log?householdId=no-such-household')).status).toBe(404);
  });
});
