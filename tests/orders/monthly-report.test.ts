// The monthly 四单 report (GET /api/orders/report/monthly.xlsx, issue #21 §4) over HTTP,
// read back with exceljs: its sheets and Chinese headers, China-time month boundaries,
// figures that agree with the staff dashboard (GET /api/orders/stats) and the 街道/县
// drill-down (GET /api/oversight/communities/:id), merged duplicates counted in none,
// and who may read it.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceOrder, raiseOrder, signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;
let communityId: string;
const lateNovember = Date.parse('2026-11-30T15:59:00Z'); // 23:59 on 30 November in China
const firstOfDecember = Date.parse('2026-11-30T16:00:00Z'); // 00:00 on 1 December in China
/** the dashboard's window of 6 days ends here and starts exactly at December's start */
const reportAt = Date.parse('2026-12-06T16:00:00Z');
const ids: Record<string, string> = {};

const setClock = (t: number) => s.advance((t - s.now().getTime()) / 60_000);

beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  communityId = (await s.deps.db.community.findFirstOrThrow({ where: { name: '惠泽社区' } })).id;
  setClock(lateNovember);
  ids.november = (await raiseOrder(cast.resident, { description: '十一月最后一分钟报的：楼道灯不亮。' })).id;
  setClock(firstOfDecember);
  ids.december = (await raiseOrder(cast.resident, { description: '十二月第一分钟报的：楼道灯还是不亮。' })).id;
  setClock(firstOfDecember + 3_600_000);
  // a rated one, one failed at review (rework), an emergency claimed, a cancelled one, a merged duplicate
  ids.rated = (await raiseOrder(cast.resident, { description: '厨房下水道堵住了，水下不去。' })).id;
  await advanceOrder(cast, ids.rated, 'rated');
  ids.failed = (await raiseOrder(cast.resident, { description: '卫生间墙面渗水，一直湿的。' })).id;
  await advanceOrder(cast, ids.failed, 'rated');
  expect((await cast.reviewer.post(`/api/orders/${ids.failed}/review`, { verdict: 'fail', comment: '渗水没有根治' })).status).toBe(200);
  ids.emergency = (await raiseOrder(cast.resident, { urgency: 'emergency', description: '闻到很大的燃气味道，快来人。' })).id;
  s.advance(6);
  expect((await cast.gridWorker.post(`/api/orders/${ids.emergency}/claim`, {})).status).toBe(200);
  ids.cancelled = (await raiseOrder(cast.resident, { description: '门口路灯坏了，晚上很黑。' })).id;
  expect((await cast.resident.post(`/api/orders/${ids.cancelled}/cancel`, {})).status).toBe(200);
  ids.original = (await raiseOrder(cast.resident, { description: '电梯按钮失灵，按了没反应。' })).id;
  ids.duplicate = (await raiseOrder(cast.resident2, { description: '电梯按钮失灵了，按了没有反应。' })).id;
  const merged = await cast.staff.post(`/api/orders/${ids.duplicate}/merge`, { into: ids.original });
  expect(merged.status, JSON.stringify(merged.body)).toBe(200);
  setClock(reportAt);
});
afterAll(() => s.close());

type Sheet = { rows: unknown[][]; col: (h: string) => number };

async function report(token: string, q: string) {
  const res = await fetch(`${s.url}/api/orders/report/monthly.xlsx?${q}`, { headers: { authorization: `Bearer ${token}` } });
  return res;
}

async function workbook(token: string, q: string) {
  const res = await report(token, q);
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get('content-type')).toContain('spreadsheetml');
  expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain('四单月报');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  const sheet = (name: string, headerRow = 1): Sheet => {
    const ws = wb.getWorksheet(name);
    expect(ws, name).toBeDefined();
    const rows: unknown[][] = [];
    ws!.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
    const head = rows[headerRow - 1] as string[];
    return { rows, col: (h) => head.indexOf(h) };
  };
  return { wb, sheet };
}

/** 概况: 指标 → 数值 */
function summary(ws: Sheet) {
  const start = ws.rows.findIndex((r) => r[0] === '指标');
  return new Map(ws.rows.slice(start + 1).map((r) => [r[0] as string, (r[1] ?? null) as number | null]));
}

describe('四单月报', () => {
  it('has the four sheets with Chinese headers; the month is China time (23:59 on 30 Nov is November, 00:00 on 1 Dec is December)', async () => {
    const { wb, sheet } = await workbook(cast.staff.token, 'month=2026-12');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '按网格', '按类别', '紧急工单']);
    const grids = sheet('按网格');
    expect(grids.rows[0]!.slice(0, 6)).toEqual(['网格', '点单(工单数)', '派单', '接单', '办结', '评单']);
    expect(grids.rows.at(-1)![0]).toBe('合计');
    expect(sheet('紧急工单').rows[0]).toEqual(['工单编号', '类别', '网格', '楼栋', '提交时间', '接单时间', '响应用时(分钟)', '按时响应', '办好时间', '状态']);

    const dec = summary(sheet('概况'));
    const nov = summary((await workbook(cast.staff.token, 'month=2026-11')).sheet('概况'));
    const inMonth = (start: string, end: string) =>
      s.deps.db.order.count({ where: { communityId, status: { not: 'merged' }, createdAt: { gte: new Date(start), lt: new Date(end) } } });
    expect(dec.get('点单(工单数)')).toBe(await inMonth('2026-11-30T16:00:00Z', '2026-12-31T16:00:00Z'));
    expect(nov.get('点单(工单数)')).toBe(await inMonth('2026-10-31T16:00:00Z', '2026-11-30T16:00:00Z'));
    const novOrder = await s.deps.db.order.findUniqueOrThrow({ where: { id: ids.november! } });
    const decOrder = await s.deps.db.order.findUniqueOrThrow({ where: { id: ids.december! } });
    expect(novOrder.createdAt.getTime()).toBe(lateNovember);
    expect(decOrder.createdAt.getTime()).toBe(firstOfDecember);
  });

  it('counts the stages, rework, emergencies and the merged duplicate as the orders say', async () => {
    const { sheet } = await workbook(cast.staff.token, 'month=2026-12');
    const sum = summary(sheet('概况'));
    const rows = await s.deps.db.order.findMany({ where: { communityId, createdAt: { gte: new Date(firstOfDecember), lt: new Date('2026-12-31T16:00:00Z') } } });
    const live = rows.filter((o) => o.status !== 'merged');
    expect(sum.get('派单')).toBe(live.filter((o) => o.dispatchedAt).length);
    expect(sum.get('接单')).toBe(live.filter((o) => o.claimedAt).length);
    expect(sum.get('办结')).toBe(live.filter((o) => o.resolvedAt).length);
    expect(sum.get('撤销')).toBe(live.filter((o) => o.status === 'cancelled').length);
    expect(sum.get('返工工单')).toBe(live.filter((o) => o.reopenCount > 0).length);
    expect(sum.get('返工工单')).toBeGreaterThanOrEqual(1);
    expect(sum.get('评单不通过')).toBeGreaterThanOrEqual(1);
    expect(sum.get('评单')).toBeGreaterThanOrEqual(1);
    expect(sum.get('紧急工单')).toBe(live.filter((o) => o.urgency === 'emergency').length);
    // the merged duplicate is named once, counted nowhere
    const top = sheet('概况').rows.find((r) => r[0] === '合并的重复工单')!;
    expect(top[1]).toBe(rows.filter((o) => o.status === 'merged').length);
    expect(top[1]).toBeGreaterThanOrEqual(1);
    // the emergency, claimed at 6 minutes: on time, its response time in minutes
    const urgent = sheet('紧急工单');
    const mine = urgent.rows.find((r) => r[0] === ids.emergency)!;
    expect(mine[urgent.col('响应用时(分钟)')]).toBe(6);
    expect(mine[urgent.col('按时响应')]).toBe('是');
    expect(mine[urgent.col('网格')]).toBe('第1网格');
    // no person in any sheet: no resident's name, no phone
    const residents = await s.deps.db.resident.findMany({ where: { id: { in: rows.map((o) => o.residentId) } }, select: { name: true, phone: true } });
    const text = JSON.stringify([sheet('概况').rows, sheet('按网格').rows, sheet('按类别').rows, urgent.rows]);
    for (const r of residents) {
      expect(text).not.toContain(r.name);
      if (r.phone) expect(text).not.toContain(r.phone);
    }
  });

  it('agrees with the staff dashboard (the 6 days since 1 December) and the 街道/县 drill-down, for the community and each grid', async () => {
    const { sheet } = await workbook(cast.staff.token, 'month=2026-12');
    const sum = summary(sheet('概况'));
    const stats = (await cast.staff.get('/api/orders/stats?days=6')).body;
    expect(new Date(stats.since).getTime()).toBe(firstOfDecember);
    const c = stats.community;
    expect(sum.get('点单(工单数)')).toBe(c.orders);
    expect(sum.get('紧急工单')).toBe(c.emergencies);
    expect(sum.get('平均接单(分钟)')).toBe(c.minutesToClaim.mean);
    expect(sum.get('接单中位数(分钟)')).toBe(c.minutesToClaim.median);
    expect(sum.get('平均办结(分钟)')).toBe(c.minutesToResolve.mean);
    expect(sum.get('按时接单率')).toBe(c.claimedInTime);
    expect(sum.get('评价数')).toBe(c.rated);
    expect(sum.get('平均评分')).toBe(c.averageRating);
    expect(sum.get('满意率')).toBe(c.satisfiedShare);

    const drill = await cast.countyAdmin.get(`/api/oversight/communities/${communityId}?month=2026-12`);
    expect(drill.status).toBe(200);
    const o = drill.body.orders;
    expect(sum.get('点单(工单数)')).toBe(o.orders);
    expect(sum.get('办结')).toBe(o.resolved);
    expect(sum.get('超时')).toBe(o.overdue);
    expect(sum.get('按时率')).toBe(o.onTimeShare);
    expect(sum.get('撤销')).toBe(o.cancelled);

    const grids = sheet('按网格');
    for (const g of stats.grids as Array<{ name: string; orders: number; claimedInTime: number | null; satisfiedShare: number | null }>) {
      const row = grids.rows.find((r) => r[0] === g.name)!;
      expect(row[grids.col('点单(工单数)')], g.name).toBe(g.orders);
      expect(row[grids.col('按时接单率')] ?? null, g.name).toBe(g.claimedInTime);
      expect(row[grids.col('满意率')] ?? null, g.name).toBe(g.satisfiedShare);
      const d = (drill.body.grids as Array<{ name: string; orders: { overdue: number } }>).find((x) => x.name === g.name)!;
      expect(row[grids.col('超时')], g.name).toBe(d.orders.overdue);
    }
    // the categories add up to the whole
    const cats = sheet('按类别');
    const body = cats.rows.slice(1, -1);
    expect(body.reduce((n, r) => n + (r[cats.col('点单(工单数)')] as number), 0)).toBe(sum.get('点单(工单数)'));
  });

  it('staff, reviewers and the 街道/县 over the community may read it; nobody else, and bad input is a 400 naming the field', async () => {
    expect((await report(cast.reviewer.token, 'month=2026-12')).status).toBe(200);
    expect((await report(cast.streetViewer.token, `month=2026-12&communityId=${communityId}`)).status).toBe(200);
    expect((await report(cast.admin.token, `month=2026-12&communityId=${communityId}`)).status).toBe(200);
    for (const c of [cast.resident, cast.gridWorker, cast.buildingHead]) expect((await report(c.token, 'month=2026-12')).status).toBe(404);
    expect((await report(cast.staffHuimin.token, `month=2026-12&communityId=${communityId}`)).status).toBe(404);
    const noCommunity = await report(cast.countyAdmin.token, 'month=2026-12');
    expect(noCommunity.status).toBe(400);
    expect((await noCommunity.json()).error.details[0].path).toBe('query.communityId');
    const bad = await report(cast.staff.token, 'month=2026-13');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].path).toBe('query.month');
    expect((await s.request('GET', '/api/orders/report/monthly.xlsx?month=2026-12')).status).toBe(401);
  });
});
