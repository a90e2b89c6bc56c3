// 民情日志 over HTTP: a grid worker writes entries of their grid (linked to its
// households and orders, with a photo), readers search them newest first, the month
// is exported to Excel and read back; other grids, other roles and risky text refused.
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseOrder, signInAll, type Cast } from '../support/fixtures.js';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat.js';
import { startServer, type Client, type TestServer } from '../support/server.js';

let s: TestServer;
let wx: FakeWechat;
let cast: Cast;
let myHousehold: string;
let otherGridHousehold: string;
let grid1: string;
beforeAll(async () => {
  wx = await startFakeWechat();
  s = await startServer({ WECHAT_APPID: wx.appId, WECHAT_SECRET: wx.secret, WECHAT_API_URL: wx.url });
  wx.riskyWords.add('赌博网站');
  cast = await signInAll(s);
  myHousehold = (await cast.resident.get('/api/me')).body.resident.householdId;
  otherGridHousehold = (await cast.resident2.get('/api/me')).body.resident.householdId;
  grid1 = (await cast.gridWorker.get('/api/me')).body.roles[0].gridId;
});
afterAll(async () => {
  await s?.close();
  await wx?.close();
});

async function uploadAs(c: Client) {
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 40, g: 120, b: 200 } } }).jpeg().toBuffer();
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'p.jpg');
  const r = await s.request('POST', '/api/uploads', { token: c.token, raw: form });
  expect(r.status).toBe(201);
  return r.body.id as string;
}
const entryCount = () => s.deps.db.gridLogEntry.count();

describe('writing the log', () => {
  it('a worker writes an entry of their grid, linked to its household and order, with a photo', async () => {
    const order = await raiseOrder(cast.resident, { description: '楼道灯坏了，晚上看不见' });
    const photoId = await uploadAs(cast.gridWorker);
    const r = await cast.gridWorker.post('/api/grid-log', {
      kind: 'dispute',
      text: '1单元302与402因楼上漏水起争执，已上门调解，约定周六请物业看。',
      householdIds: [myHousehold],
      orderIds: [order.id],
      photoId,
      occurredAt: '2026-11-20T10:00:00+08:00',
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ gridId: grid1, kind: 'dispute', kindLabel: '矛盾纠纷', photo: { id: photoId }, orders: [{ id: order.id }] });
    expect(r.body.households).toEqual([{ id: myHousehold, building: '惠泽1栋', room: '1单元 302' }]);
    expect(r.body.photo.url).toMatch(/^\/api\/uploads\//);
    // read back as staff: the same entry
    const back = await cast.staff.get(`/api/grid-log/${r.body.id}`);
    expect(back.status).toBe(200);
    expect(back.body.text).toBe(r.body.text);
    const links = await s.deps.db.gridLogHousehold.findMany({ where: { entryId: r.body.id } });
    expect(links.map((l) => l.householdId)).toEqual([myHousehold]);
  });

  it('refuses households and orders of another grid, a photo not theirs, and a worker of another grid, writing nothing', async () => {
    const before = await entryCount();
    const other = await cast.gridWorker.post('/api/grid-log', { kind: 'sentiment', text: '了解情况', householdIds: [otherGridHousehold] });
    expect(other.status).toBe(400);
    expect(other.body.error.details[0].path).toBe('body.householdIds');
    const order2 = await raiseOrder(cast.resident2, { description: '门锁坏了' });
    const o = await cast.gridWorker.post('/api/grid-log', { kind: 'sentiment', text: '了解情况', orderIds: [order2.id] });
    expect(o.status).toBe(400);
    expect(o.body.error.details[0].path).toBe('body.orderIds');
    const theirPhoto = await uploadAs(cast.gridWorker2);
    const p = await cast.gridWorker.post('/api/grid-log', { kind: 'other', text: '拍照', photoId: theirPhoto });
    expect(p.status).toBe(400);
    expect(p.body.error.details[0].path).toBe('body.photoId');
    // the worker of 第2网格 cannot write in 第1网格
    const w2 = await cast.gridWorker2.post('/api/grid-log', { gridId: grid1, kind: 'sentiment', text: '路过看看' });
    expect(w2.status).toBe(403);
    for (const c of [cast.staff, cast.buildingHead, cast.resident, cast.reviewer]) {
      expect((await c.post('/api/grid-log', { kind: 'sentiment', text: '看看' })).status).toBe(403);
    }
    const bad = await cast.gridWorker.post('/api/grid-log', { kind: 'gossip', text: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: any) => d.path).sort()).toEqual(['body.kind', 'body.text']);
    expect(await entryCount()).toBe(before);
  });

  it('text WeChat finds risky is refused, naming the field', async () => {
    const before = await entryCount();
    const r = await cast.gridWorker.post('/api/grid-log', { kind: 'sentiment', text: '有人在群里发赌博网站' });
    expect(r.status).toBe(400);
    expect(r.body.error.reason).toBe('content_risky');
    expect(r.body.error.details[0].path).toBe('body.text');
    expect(await entryCount()).toBe(before);
  });
});

describe('reading and searching', () => {
  beforeAll(async () => {
    const write = (c: Client, body: object) => c.post('/api/grid-log', body).then((r) => expect(r.status).toBe(201));
    await write(cast.gridWorker, { kind: 'hazard', text: '3栋楼道堆放杂物，堵住消防通道', occurredAt: '2026-11-25T15:00:00+08:00' });
    await write(cast.gridWorker, { kind: 'policy', text: '张大爷咨询高龄补贴怎么申请', householdIds: [myHousehold], occurredAt: '2026-11-28T09:30:00+08:00' });
    await write(cast.gridWorker, { kind: 'sentiment', text: '居民反映小区门口缺少公交站', occurredAt: '2026-12-01T08:00:00+08:00' });
    await write(cast.gridWorker2, { kind: 'hazard', text: '4栋电动车楼道充电', occurredAt: '2026-11-26T20:00:00+08:00' });
  });

  it('lists newest first, and searches by words, kind, household and dates', async () => {
    const all = (await cast.gridWorker.get('/api/grid-log')).body;
    const times = all.items.map((e: any) => Date.parse(e.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(all.items.every((e: any) => e.gridId === grid1)).toBe(true);
    expect(all.total).toBe(all.items.length);

    const words = (await cast.staff.get(`/api/grid-log?q=${encodeURIComponent('消防通道')}`)).body;
    expect(words.items.map((e: any) => e.text)).toEqual(['3栋楼道堆放杂物，堵住消防通道']);
    const hazards = (await cast.staff.get('/api/grid-log?kind=hazard')).body;
    expect(hazards.items.map((e: any) => e.text)).toEqual(['4栋电动车楼道充电', '3栋楼道堆放杂物，堵住消防通道']);
    const household = (await cast.staff.get(`/api/grid-log?householdId=${myHousehold}`)).body;
    expect(household.items.map((e: any) => e.kind)).toEqual(['policy', 'dispute']);
    const nov = (await cast.staff.get(`/api/grid-log?from=${encodeURIComponent('2026-11-26T00:00:00+08:00')}&to=${encodeURIComponent('2026-12-01T00:00:00+08:00')}`)).body;
    expect(nov.items.map((e: any) => e.text)).toEqual(['张大爷咨询高龄补贴怎么申请', '4栋电动车楼道充电']);
    // a LIKE wildcard is a plain character
    expect((await cast.staff.get('/api/grid-log?q=%25')).body.total).toBe(0);
    const page = (await cast.staff.get('/api/grid-log?limit=2&offset=1')).body;
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(5);
  });

  it('a worker of another grid, other communities and other roles read nothing of it', async () => {
    const mine = (await cast.gridWorker.get('/api/grid-log?kind=dispute')).body.items[0];
    expect((await cast.gridWorker2.get(`/api/grid-log/${mine.id}`)).status).toBe(404);
    expect((await cast.gridWorker2.get('/api/grid-log')).body.items.every((e: any) => e.gridId !== grid1)).toBe(true);
    expect((await cast.staffHuimin.get(`/api/grid-log/${mine.id}`)).status).toBe(404);
    expect((await cast.staffHuimin.get('/api/grid-log')).body.total).toBe(0);
    for (const c of [cast.resident, cast.buildingHead, cast.reviewer, cast.streetViewer, cast.countyAdmin]) {
      expect((await c.get('/api/grid-log')).status).toBe(403);
      expect((await c.get(`/api/grid-log/${mine.id}`)).status).toBe(403);
    }
  });
});

describe('the monthly report', () => {
  it("exports a month's entries per grid with Chinese headers, read back with exceljs", async () => {
    const r = await fetch(`${s.url}/api/grid-log/export?month=2026-11`, { headers: { authorization: `Bearer ${cast.staff.token}` } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await r.arrayBuffer()) as any);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['第1网格', '第2网格']);
    const sheet = wb.getWorksheet('第1网格')!;
    expect(String(sheet.getRow(1).getCell(1).value)).toBe('第1网格 民情日志 2026年11月（共3条）');
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['序号', '日期', '类别', '内容', '涉及住户', '关联工单', '记录人', '照片']);
    const rows = [3, 4, 5].map((n) => (sheet.getRow(n).values as unknown[]).slice(1));
    expect(rows.map((x) => [x[0], x[1], x[2]])).toEqual([
      [1, '2026-11-20 10:00', '矛盾纠纷'],
      [2, '2026-11-25 15:00', '安全隐患'],
      [3, '2026-11-28 09:30', '政策咨询'],
    ]);
    expect(rows[0]![4]).toBe('惠泽1栋 1单元 302');
    expect(rows[0]![5]).toBeTruthy();
    expect(rows[0]![7]).toBe('有');
    // December's entry is not in November's sheet
    expect(rows.some((x) => String(x[3]).includes('公交站'))).toBe(false);
    expect(sheet.rowCount).toBe(5);

    // the worker exports their own grid only
    const w = await fetch(`${s.url}/api/grid-log/export?month=2026-11`, { headers: { authorization: `Bearer ${cast.gridWorker.token}` } });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(Buffer.from(await w.arrayBuffer()) as any);
    expect(wb2.worksheets.map((x) => x.name)).toEqual(['第1网格']);
    // the admin's export spans communities: 惠民's 第1网格 gets a sheet of its own
    expect((await cast.gridWorkerHuimin.post('/api/grid-log', { kind: 'other', text: '惠民社区走访', occurredAt: '2026-11-10T09:00:00+08:00' })).status).toBe(201);
    const a = await fetch(`${s.url}/api/grid-log/export?month=2026-11`, { headers: { authorization: `Bearer ${cast.admin.token}` } });
    expect(a.status).toBe(200);
    const wb3 = new ExcelJS.Workbook();
    await wb3.xlsx.load(Buffer.from(await a.arrayBuffer()) as any);
    expect(wb3.worksheets.map((x) => x.name).sort()).toEqual(['第1网格', '第1网格(2)', '第2网格']);
    expect((await cast.staff.get('/api/grid-log/export?month=2026-13')).status).toBe(400);
    expect((await cast.resident.get('/api/grid-log/export?month=2026-11')).status).toBe(403);
  });
});
