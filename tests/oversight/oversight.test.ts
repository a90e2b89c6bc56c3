// Oversight for 街道 and 县 (#19 item 6): the communities under an official side by
// side for a month (orders, times, overdue, satisfaction, 就业率, zero-employment
// households, points), the 通报 ranking as .xlsx, and one community's figures.
// Aggregates only; another 县's communities are not there. Over HTTP, on the test databases.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;
let huize: { id: string };
let far: { id: string };
let month: string;

/** The month (China time) a date falls in. */
const monthOf = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 7);

beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  huize = await s.deps.db.community.findFirstOrThrow({ where: { name: '惠泽社区' } });
  // another 县 with a community of its own
  const county = (await cast.admin.post('/api/regions', { level: 'COUNTY', name: '纳雍县' })).body;
  const street = (await cast.admin.post('/api/regions', { level: 'STREET', name: '雍熙街道', parentId: county.id })).body;
  far = (await cast.admin.post(`/api/regions/${street.id}/communities`, { name: '雍熙社区', estate: '雍熙安置点' })).body;
  const newest = await s.deps.db.order.findFirstOrThrow({ where: { communityId: huize.id }, orderBy: { createdAt: 'desc' } });
  month = monthOf(newest.createdAt);
});
afterAll(() => s?.close());

describe('GET /api/oversight/communities', () => {
  it('shows a 县 official the communities of their 县 side by side, and not another 县’s', async () => {
    const r = await cast.countyViewer.get(`/api/oversight/communities?month=${month}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.month).toBe(month);
    expect(r.body.items.map((c: any) => c.name).sort()).toEqual(['恒大社区', '惠民社区', '惠泽社区']);
    expect(r.body.items.map((c: any) => c.id)).not.toContain(far.id);
    expect(r.body.items[0]).toMatchObject({ street: { name: '惠民街道' }, county: { name: '织金县' } });
    expect(r.body.totals.communities).toBe(3);
    // the platform admin sees every community, the far one too
    const all = await cast.admin.get(`/api/oversight/communities?month=${month}`);
    expect(all.body.items.map((c: any) => c.id)).toContain(far.id);
    // narrowed to a region of theirs; another 县 is not found
    const street = await s.deps.db.region.findFirstOrThrow({ where: { name: '惠民街道' } });
    expect((await cast.countyViewer.get(`/api/oversight/communities?regionId=${street.id}`)).body.items).toHaveLength(3);
    const farCounty = await s.deps.db.region.findFirstOrThrow({ where: { name: '纳雍县' } });
    expect((await cast.countyViewer.get(`/api/oversight/communities?regionId=${farCounty.id}`)).status).toBe(404);
  });

  it('counts what the ledgers hold: orders of the month, their deadlines and ratings, points, 就业', async () => {
    const r = await cast.streetViewer.get(`/api/oversight/communities?month=${month}`);
    const row = r.body.items.find((c: any) => c.id === huize.id);
    const [y, m] = month.split('-').map(Number);
    const start = new Date(Date.UTC(y!, m! - 1, 1) - 8 * 3600_000);
    const end = new Date(Date.UTC(y!, m!, 1) - 8 * 3600_000);
    const orders = await s.deps.db.order.findMany({ where: { communityId: huize.id, createdAt: { gte: start, lt: end } } });
    expect(row.orders.orders).toBe(orders.length);
    expect(row.orders.orders).toBeGreaterThan(0);
    expect(row.orders.emergencies).toBe(orders.filter((o) => o.urgency === 'emergency').length);
    const rated = orders.filter((o) => o.rating !== null);
    expect(row.orders.rated).toBe(rated.length);
    if (rated.length) expect(row.orders.satisfiedShare).toBeCloseTo(rated.filter((o) => o.satisfied).length / rated.length, 3);
    const now = s.now();
    const late = orders.filter((o) => o.status !== 'cancelled' && ((o.claimedAt ?? now) > o.responseDueAt || (o.resolvedAt ?? now) > o.resolveDueAt));
    expect(row.orders.overdue).toBe(late.length);
    const earned = await s.deps.db.pointsEntry.aggregate({ where: { communityId: huize.id, kind: 'earn', createdAt: { gte: start, lt: end } }, _sum: { amount: true } });
    expect(row.points.issued).toBe(earned._sum.amount ?? 0);
    // 就业 as the community's own staff see it on their dashboard
    const stats = await cast.staff.get('/api/employment/stats');
    expect(stats.status).toBe(200);
    expect(row.employment).toMatchObject({
      labour: stats.body.community.labour,
      employed: stats.body.community.employed,
      employmentRate: stats.body.community.employmentRate,
      zeroEmploymentHouseholds: stats.body.community.zeroEmploymentHouseholds,
    });
    // ranks 1…n by 综合得分
    expect(r.body.items.map((c: any) => c.rank).sort()).toEqual([1, 2, 3]);
    const byRank = [...r.body.items].sort((a: any, b: any) => a.rank - b.rank);
    const scores = byRank.map((c: any) => c.score ?? -1);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('sorts on the server by the column asked for', async () => {
    const asc = await cast.streetViewer.get(`/api/oversight/communities?month=${month}&sort=orders&order=asc`);
    const counts = asc.body.items.map((c: any) => c.orders.orders);
    expect([...counts].sort((a, b) => a - b)).toEqual(counts);
    const desc = await cast.streetViewer.get(`/api/oversight/communities?month=${month}&sort=orders&order=desc`);
    expect(desc.body.items.map((c: any) => c.orders.orders)).toEqual([...counts].reverse());
  });

  it('holds no personal field: no name of a resident, no phone, no ID number', async () => {
    const r = await cast.countyViewer.get(`/api/oversight/communities?month=${month}`);
    const d = await cast.countyViewer.get(`/api/oversight/communities/${huize.id}?month=${month}`);
    const text = JSON.stringify([r.body, d.body]);
    expect(text).not.toMatch(/(^|\D)\d{17}[\dXx](\D|$)|(^|\D)1[3-9]\d{9}(\D|$)/);
    const someResidents = await s.deps.db.resident.findMany({ where: { communityId: huize.id }, take: 50, select: { name: true } });
    for (const p of someResidents) expect(text).not.toContain(`"${p.name}"`);
  });

  it('is for region officials and the platform admin only; a bad month is named', async () => {
    for (const c of [cast.staff, cast.gridWorker, cast.reviewer, cast.resident, cast.buildingHead]) {
      expect((await c.get('/api/oversight/communities')).status).toBe(403);
      expect((await c.get(`/api/oversight/communities/${huize.id}`)).status).toBe(404);
      expect((await c.get('/api/oversight/ranking/export')).status).toBe(403);
    }
    for (const bad of ['2026-13', '26-01', '2300-01']) {
      const r = await cast.countyViewer.get(`/api/oversight/communities?month=${bad}`);
      expect(r.status, bad).toBe(400);
      expect(r.body.error.details[0].path).toBe('query.month');
    }
    expect((await cast.countyViewer.get('/api/oversight/communities?sort=password')).body.error.details[0].path).toBe('query.sort');
  });
});

describe('GET /api/oversight/communities/:id', () => {
  it('drills down to one community: its grids, and its last six months', async () => {
    const r = await cast.streetViewer.get(`/api/oversight/communities/${huize.id}?month=${month}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.community).toMatchObject({ id: huize.id, name: '惠泽社区', estate: '平远新城', street: { name: '惠民街道' }, county: { name: '织金县' } });
    expect(r.body.grids.map((g: any) => g.name)).toEqual(['第1网格', '第2网格', '第3网格']);
    expect(r.body.grids.reduce((n: number, g: any) => n + g.orders.orders, 0)).toBe(r.body.orders.orders);
    expect(r.body.grids.reduce((n: number, g: any) => n + g.employment.labour, 0)).toBe(r.body.employment.labour);
    expect(r.body.trend).toHaveLength(6);
    expect(r.body.trend.at(-1)).toMatchObject({ month, orders: r.body.orders.orders, overdue: r.body.orders.overdue });
    const side = await cast.streetViewer.get(`/api/oversight/communities?month=${month}`);
    expect(side.body.items.find((c: any) => c.id === huize.id).orders).toEqual(r.body.orders);
  });

  it('is not found for a community of another 县', async () => {
    expect((await cast.countyViewer.get(`/api/oversight/communities/${far.id}`)).status).toBe(404);
    expect((await cast.streetAdmin.get(`/api/oversight/communities/${far.id}`)).status).toBe(404);
    expect((await cast.admin.get(`/api/oversight/communities/${far.id}`)).status).toBe(200);
  });
});

describe('GET /api/oversight/ranking/export', () => {
  it('is the month’s 通报 as .xlsx: the communities by rank with their figures', async () => {
    const res = await fetch(`${s.url}/api/oversight/ranking/export?month=${month}`, { headers: { authorization: `Bearer ${cast.countyViewer.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent(`社区通报-${month}.xlsx`));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
    const sheet = wb.worksheets[0]!;
    expect(String(sheet.getRow(1).getCell(1).value)).toContain(`${month} 社区工作通报`);
    expect((sheet.getRow(2).values as unknown[]).slice(1, 5)).toEqual(['排名', '社区', '街道', '县']);
    const side = (await cast.countyViewer.get(`/api/oversight/communities?month=${month}`)).body.items;
    for (let i = 0; i < 3; i++) {
      const row = sheet.getRow(3 + i);
      const c = side.find((x: any) => x.rank === i + 1);
      expect(row.getCell(1).value).toBe(i + 1);
      expect(row.getCell(2).value).toBe(c.name);
      expect(row.getCell(5).value).toBe(c.orders.orders);
      expect(row.getCell(18).value).toBe(c.score);
    }
  });
});
