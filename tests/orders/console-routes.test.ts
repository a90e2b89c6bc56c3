// The staff console's order routes: the list's filters, 批量派单 with per-order
// results, and the Excel export of what a filter shows, each in the viewer's scope.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceOrder, raiseOrder, signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;
let leak: { id: string }; // 惠泽1栋, words 水管爆裂
let quarrel: { id: string }; // 惠泽4栋 (第2网格), another category
let huimin: { id: string }; // another community, same words
let building1: { id: string; gridId: string };

beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  leak = await raiseOrder(cast.resident, { description: '楼上水管爆裂，水漏到我家天花板了。' });
  quarrel = await raiseOrder(cast.resident2, { category: 'dispute', description: '邻居装修噪音太大，晚上十点还在敲。' });
  huimin = await raiseOrder(cast.residentHuimin, { description: '楼上水管爆裂，水漏到我家天花板了。' });
  building1 = await s.deps.db.building.findFirstOrThrow({ where: { name: '惠泽1栋' }, select: { id: true, gridId: true } });
});
afterAll(() => s.close());

const ids = async (c: Cast[keyof Cast], q: string) => {
  const r = await c.get(`/api/orders?limit=100&${q}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.items.map((o: { id: string }) => o.id) as string[];
};

describe('list filters', () => {
  it('text, category, grid and building narrow the list, never past the scope', async () => {
    expect(await ids(cast.staff, `q=${encodeURIComponent('水管爆裂')}`)).toEqual([leak.id]);
    expect(await ids(cast.staffHuimin, `q=${encodeURIComponent('水管爆裂')}`)).toEqual([huimin.id]);
    const disputes = await ids(cast.staff, 'category=dispute');
    expect(disputes).toContain(quarrel.id);
    expect(disputes).not.toContain(leak.id);
    const inBuilding = await ids(cast.staff, `buildingId=${building1.id}`);
    expect(inBuilding).toContain(leak.id);
    expect(inBuilding).not.toContain(quarrel.id);
    const inGrid = await ids(cast.staff, `gridId=${building1.gridId}`);
    expect(inGrid).toContain(leak.id);
    expect(inGrid).not.toContain(quarrel.id);
    // another community's grid: a filter narrows the scope, it does not widen it
    expect(await ids(cast.staffHuimin, `gridId=${building1.gridId}`)).toEqual([]);
    expect(await ids(cast.gridWorker2, `buildingId=${building1.id}`)).toEqual([]);
  });

  it('LIKE wildcards in the text are taken literally', async () => {
    expect(await ids(cast.staff, 'q=%25')).toEqual([]);
    expect(await ids(cast.staff, 'q=_')).toEqual([]);
  });

  it('a date range picks orders filed in it', async () => {
    const before = s.now();
    s.advance(60);
    const later = await raiseOrder(cast.resident, { description: '走廊的灯坏了，晚上看不见路。' });
    const after = new Date(s.now().getTime() + 1000);
    const range = (from: Date, to: Date) => `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
    const inRange = await ids(cast.staff, range(new Date(before.getTime() + 1000), after));
    expect(inRange).toEqual([later.id]);
    expect(await ids(cast.staff, range(new Date(before.getTime() - 86_400_000), new Date(before.getTime() + 1000)))).toEqual(
      expect.arrayContaining([leak.id, quarrel.id]),
    );
  });

  it('refuses a bad filter with the field named', async () => {
    const backwards = await cast.staff.get('/api/orders?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z');
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details).toEqual([expect.objectContaining({ path: 'query.to' })]);
    const notADate = await cast.staff.get('/api/orders?from=yesterday');
    expect(notADate.status).toBe(400);
    expect(notADate.body.error.details[0].path).toBe('query.from');
    expect((await cast.staff.get('/api/orders?q=')).status).toBe(400);
  });
});

describe('批量派单', () => {
  it('dispatches what it may and answers per order why not the rest', async () => {
    const a = await raiseOrder(cast.resident);
    const b = await raiseOrder(cast.resident2);
    const claimed = await raiseOrder(cast.resident);
    await advanceOrder(cast, claimed.id, 'accepted');
    const worker = cast.gridWorker.userId;
    const r = await cast.staff.post('/api/orders/dispatch', { orderIds: [a.id, claimed.id, huimin.id, b.id, 'no-such-order'], assigneeId: worker, note: '请今天处理' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.dispatched).toBe(2);
    expect(r.body.failed).toBe(3);
    const byId = Object.fromEntries(r.body.results.map((x: { orderId: string }) => [x.orderId, x]));
    expect(byId[a.id]).toMatchObject({ ok: true, order: { status: 'dispatched', assignee: { id: worker } } });
    expect(byId[b.id]).toMatchObject({ ok: true, order: { status: 'dispatched', assignee: { id: worker } } });
    expect(byId[claimed.id]).toMatchObject({ ok: false, error: { code: 'invalid_transition' } });
    // another community's order is not even said to exist
    expect(byId[huimin.id]).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(byId['no-such-order']).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // in the order asked
    expect(r.body.results.map((x: { orderId: string }) => x.orderId)).toEqual([a.id, claimed.id, huimin.id, b.id, 'no-such-order']);
    // really written, with the note on each timeline
    const detail = (await cast.staff.get(`/api/orders/${b.id}`)).body;
    expect(detail.status).toBe('dispatched');
    expect(detail.timeline.at(-1)).toMatchObject({ action: 'dispatch', note: '请今天处理', assigneeId: worker });
    expect((await cast.staffHuimin.get(`/api/orders/${huimin.id}`)).body.status).toBe('submitted');
  });

  it('without an assignee, each order goes to its own suggested grid worker', async () => {
    const a = await raiseOrder(cast.resident);
    const b = await raiseOrder(cast.resident2);
    const r = await cast.staff.post('/api/orders/dispatch', { orderIds: [a.id, b.id] });
    expect(r.body.dispatched).toBe(2);
    expect(r.body.results[0].order.assignee.id).toBe(cast.gridWorker.userId);
    expect(r.body.results[1].order.assignee.id).toBe(cast.gridWorker2.userId);
  });

  it('is refused whole to a role that dispatches nowhere, and a worker outside the community is named', async () => {
    const a = await raiseOrder(cast.resident);
    const byWorker = await cast.gridWorker.post('/api/orders/dispatch', { orderIds: [a.id] });
    expect(byWorker.status).toBe(403);
    expect(byWorker.body.error.code).toBe('forbidden');
    const outsider = await cast.staff.post('/api/orders/dispatch', { orderIds: [a.id], assigneeId: cast.gridWorkerHuimin.userId });
    expect(outsider.body.results[0]).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('body.assigneeId') } });
    expect((await cast.staff.get(`/api/orders/${a.id}`)).body.status).toBe('submitted');
  });

  it('refuses a malformed request as a whole', async () => {
    const twice = await cast.staff.post('/api/orders/dispatch', { orderIds: [leak.id, leak.id] });
    expect(twice.status).toBe(400);
    expect(twice.body.error.details[0].path).toBe('body.orderIds');
    expect((await cast.staff.post('/api/orders/dispatch', { orderIds: [] })).status).toBe(400);
    const many = Array.from({ length: 101 }, (_, i) => `o${i}`);
    expect((await cast.staff.post('/api/orders/dispatch', { orderIds: many })).status).toBe(400);
  });
});

async function workbook(c: Cast[keyof Cast], q: string) {
  const res = await fetch(`${s.url}/api/orders/export.xlsx?${q}`, { headers: { authorization: `Bearer ${c.token}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('spreadsheetml');
  expect(res.headers.get('content-disposition')).toContain('attachment');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  const sheet = wb.getWorksheet('工单')!;
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  const [head, ...body] = rows;
  return { head: head!, body, col: (name: string) => head!.indexOf(name) };
}

describe('export to Excel', () => {
  it('writes what the filter shows, with Chinese headers, read back with exceljs', async () => {
    const { head, body, col } = await workbook(cast.staff, `q=${encodeURIComponent('水管爆裂')}`);
    expect(head.slice(0, 5)).toEqual(['工单编号', '标题', '类别', '紧急程度', '状态']);
    expect(body.map((r) => r[col('工单编号')])).toEqual([leak.id]);
    const shown = (await cast.staff.get(`/api/orders/${leak.id}`)).body;
    const row = body[0]!;
    expect(row[col('标题')]).toBe(shown.title);
    expect(row[col('楼栋')]).toBe('惠泽1栋');
    expect(row[col('居民')]).toBe(shown.resident.name);
    expect(row[col('居民电话')]).toBe(shown.resident.phone ?? '');
    expect(row[col('提交时间')]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
  });

  it('exports the whole filtered list, not one page, and only the viewer’s scope', async () => {
    const all = await workbook(cast.staff, 'status=submitted,dispatched');
    let listed = 0;
    let cursor: string | null = null;
    do {
      const page: { body: { items: unknown[]; nextCursor: string | null } } = await cast.staff.get(
        `/api/orders?status=submitted,dispatched&limit=5${cursor ? `&cursor=${cursor}` : ''}`,
      );
      listed += page.body.items.length;
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(all.body.length).toBe(listed);
    expect(all.body.length).toBeGreaterThan(5);
    expect(all.body.every((r) => ['待派单', '已派单'].includes(r[all.col('状态')]!))).toBe(true);

    const theirs = await workbook(cast.staffHuimin, '');
    const ourIds = new Set(all.body.map((r) => r[0]));
    expect(theirs.body.some((r) => ourIds.has(r[0]!))).toBe(false);
    const residents = await workbook(cast.resident, '');
    expect(residents.body.length).toBeGreaterThan(0);
    expect(new Set(residents.body.map((r) => r[residents.col('楼栋')]))).toEqual(new Set(['惠泽1栋']));
    expect(residents.body.map((r) => r[0])).not.toContain(quarrel.id);
  });

  it('summarises each order’s timeline in 办理经过, with the workers’ names and the verdict, never a phone', async () => {
    const done = await raiseOrder(cast.resident, { description: '单元门的门禁坏了，刷卡打不开。' });
    await advanceOrder(cast, done.id, 'rated');
    const { head, body, col } = await workbook(cast.staff, `q=${encodeURIComponent('门禁坏了')}`);
    expect(head.at(-1)).toBe('办理经过');
    const row = body.find((r) => r[col('工单编号')] === done.id)!;
    const summary = row[col('办理经过')]!;
    const worker = (await cast.staff.get(`/api/orders/${done.id}`)).body.assignee.name as string;
    // 12-05 09:30 提交 → 09:30 派单 (…) → 09:30 接单 (李网格员) → 09:30 办好 (…) → 09:30 评价 满意
    expect(summary).toMatch(/^\d\d-\d\d \d\d:\d\d 提交 → \d\d:\d\d 派单 \(.+\) → \d\d:\d\d 接单 \(.+\) → \d\d:\d\d 办好 \(.+\) → \d\d:\d\d 评价 满意$/);
    expect(summary).toContain(`接单 (${worker})`);
    // the resident who filed is never named in it, and no phone number slips in
    expect(summary).not.toContain((await cast.staff.get(`/api/orders/${done.id}`)).body.resident.name);
    expect(summary).not.toMatch(/1[3-9]\d{9}/);
    // a grid worker's export (a viewer the phone column is shown to or not) carries the same summary
    const theirs = await workbook(cast.gridWorker, `q=${encodeURIComponent('门禁坏了')}`);
    expect(theirs.body.find((r) => r[theirs.col('工单编号')] === done.id)![theirs.col('办理经过')]).toBe(summary);
  });

  it('refuses a bad filter as JSON naming the field, and a stranger with 401', async () => {
    const r = await cast.staff.get('/api/orders/export.xlsx?urgency=very');
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].path).toBe('query.urgency');
    expect((await s.request('GET', '/api/orders/export.xlsx')).status).toBe(401);
  });
});

describe('the places of the filters', () => {
  it('lists the grids and buildings of the viewer’s orders, and none of another community', async () => {
    const ours = (await cast.staff.get('/api/orders/places')).body;
    expect(ours.buildings).toEqual(expect.arrayContaining([{ id: building1.id, name: '惠泽1栋', gridId: building1.gridId }]));
    expect(ours.grids.map((g: { id: string }) => g.id)).toContain(building1.gridId);
    const theirs = (await cast.staffHuimin.get('/api/orders/places')).body;
    expect(theirs.buildings.length).toBeGreaterThan(0);
    expect(theirs.buildings.map((b: { id: string }) => b.id)).not.toContain(building1.id);
    // a grid worker: their own grid only
    const worker = (await cast.gridWorker2.get('/api/orders/places')).body;
    expect(worker.grids.map((g: { id: string }) => g.id)).not.toContain(building1.gridId);
  });
});
