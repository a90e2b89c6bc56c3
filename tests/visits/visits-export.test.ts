// 走访记录 to Excel: a month's visits of one grid (its worker, staff) or of the community
// (staff), a sheet per grid, read back with exceljs; personal fields only as the visibility
// table allows (rooms and heads' names, never phones or ID numbers); every export in the
// audit log; other grids, other communities and other roles refused.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VISIT_EXPORT_HEADERS } from '../../server/visits/exportVisits.js';
import { signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type Client, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;
let grid1: string;
let grid2: string;
let month: string;

const exportAs = (c: Client, query: string) => fetch(`${s.url}/api/visits/export?${query}`, { headers: { authorization: `Bearer ${c.token}` } });
async function workbookOf(r: Response) {
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await r.arrayBuffer()) as any);
  return wb;
}
const cells = (sheet: ExcelJS.Worksheet) => {
  const out: string[][] = [];
  sheet.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((x) => (x === null || x === undefined ? '' : String(x)))));
  return out;
};

beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  const grids = await s.deps.db.grid.findMany({ where: { community: { name: '惠泽社区' } }, orderBy: { name: 'asc' } });
  grid1 = grids[0]!.id;
  grid2 = grids[1]!.id;
  month = new Date(s.now().getTime() + 8 * 3600_000).toISOString().slice(0, 7);
  const householdOf = async (gridId: string) => (await s.deps.db.household.findFirstOrThrow({ where: { building: { gridId } }, orderBy: { room: 'asc' } })).id;
  const h1 = await householdOf(grid1);
  const h2 = await householdOf(grid2);
  for (const [c, body] of [
    [cast.gridWorker, { householdId: h1, met: 'head', wellbeing: 'needs_help', note: '导出测试：老人腿脚不便', needs: '想申请轮椅' }],
    [cast.gridWorker, { householdId: h1, met: 'nobody', note: '导出测试：敲门没人' }],
    [cast.gridWorker2, { householdId: h2, met: 'family', wellbeing: 'good', note: '导出测试：第2网格一切正常' }],
  ] as const) {
    const r = await c.post('/api/visits', body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
});
afterAll(() => s?.close());

describe('走访记录 export', () => {
  it('staff export the community’s month, a sheet per grid, read back with exceljs; recorded in the audit log', async () => {
    const before = await s.deps.db.auditEntry.count({ where: { action: 'visits.export' } });
    const wb = await workbookOf(await exportAs(cast.staff, `month=${month}`));
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toContain('第1网格');
    expect(names).toContain('第2网格');
    const one = cells(wb.getWorksheet('第1网格')!);
    expect(one[0]![0]).toMatch(new RegExp(`^第1网格 走访记录 ${Number(month.slice(0, 4))}年${Number(month.slice(5))}月（共\\d+次，见到人\\d+次）$`));
    expect(one[1]).toEqual([...VISIT_EXPORT_HEADERS]);
    const mine = one.filter((r) => r[9]?.startsWith('导出测试'));
    expect(mine.map((r) => [r[2], r[7], r[8], r[9], r[10], r[6]])).toEqual([
      ['第1网格', '户主', '需要帮助', '导出测试：老人腿脚不便', '想申请轮椅', (await s.deps.db.user.findUniqueOrThrow({ where: { id: cast.gridWorker.userId } })).displayName],
      ['第1网格', '无人在家', '', '导出测试：敲门没人', '', expect.any(String)],
    ]);
    expect(mine[0]![3]).toMatch(/^惠泽\d+栋 \d单元 \d+$/);
    expect(mine[0]![4]).not.toBe(''); // the head's name: staff see names
    expect(cells(wb.getWorksheet('第2网格')!).some((r) => r[9] === '导出测试：第2网格一切正常')).toBe(true);
    // no phones, no ID numbers anywhere
    const all = wb.worksheets.flatMap((w) => cells(w)).flat().join('\n');
    expect(all).not.toMatch(/1[3-9]\d{9}/);
    expect(all).not.toMatch(/\d{17}[\dXx]/);
    const entries = await s.deps.db.auditEntry.findMany({ where: { action: 'visits.export' }, orderBy: { at: 'desc' } });
    expect(entries).toHaveLength(before + 1);
    expect(entries[0]!.actorId).toBe(cast.staff.userId);
  });

  it('a grid worker exports their own grid only; other grids, communities and roles are refused; a bad month is 400', async () => {
    const wb = await workbookOf(await exportAs(cast.gridWorker, `month=${month}&gridId=${grid1}`));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['第1网格']);
    expect(cells(wb.worksheets[0]!).some((r) => r[9] === '导出测试：第2网格一切正常')).toBe(false);
    // staff may take one grid too
    expect((await workbookOf(await exportAs(cast.staff, `month=${month}&gridId=${grid2}`))).worksheets.map((w) => w.name)).toEqual(['第2网格']);

    expect((await exportAs(cast.gridWorker, `month=${month}&gridId=${grid2}`)).status).toBe(404);
    expect((await exportAs(cast.gridWorker, `month=${month}`)).status).toBe(403);
    expect((await exportAs(cast.staffHuimin, `month=${month}&gridId=${grid1}`)).status).toBe(404);
    expect((await exportAs(cast.resident, `month=${month}`)).status).toBe(403);
    expect((await exportAs(cast.buildingHead, `month=${month}&gridId=${grid1}`)).status).toBe(404);
    const bad = await exportAs(cast.staff, 'month=2026-13');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('query.month');
  });
});
