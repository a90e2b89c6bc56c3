// The 就业台账 over HTTP: status history, zero-employment households, the
// figures per grid and community, Excel import (good rows, bad rows, repeated
// import) and export, and who may see and write what.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byKeys, signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';
import { idNumbersOf } from '../support/idNumbers.js';

let s: TestServer;
let cast: Cast;
beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
});
afterAll(() => s.close());

async function workbook(rows: unknown[][], header = ['姓名', '身份证号', '楼栋', '单元', '房号', '就业状态', '就业单位', '开始时间', '意向工种', '备注']) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('台账');
  sheet.addRow(header);
  rows.forEach((r) => sheet.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = (data: Buffer, token = cast.staff.token) => {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), '台账.xlsx');
  return s.request('POST', '/api/employment/import', { token, raw: form });
};

describe('a person\'s status', () => {
  it('keeps its history; recording the same thing twice adds nothing', async () => {
    const me = (await cast.resident.get('/api/me')).body;
    const set = (body: object, c = cast.gridWorker) => c.post(`/api/employment/residents/${me.resident.id}/status`, body);
    const r1 = await set({ status: 'employed_local', employer: '清达服装有限公司', since: '2026-10-01T00:00:00+08:00' });
    expect(r1.body).toMatchObject({ changed: true, record: { status: 'employed_local', statusLabel: '本地务工', current: true } });
    expect((await set({ status: 'employed_local', employer: '清达服装有限公司', since: '2026-10-01T00:00:00+08:00' })).body.changed).toBe(false);
    await set({ status: 'employed_outbound', employer: '广东东莞电子厂' }, cast.staff);
    const h = (await cast.resident.get(`/api/employment/residents/${me.resident.id}`)).body.records;
    expect(h.slice(0, 3).map((r: any) => [r.status, r.current])).toEqual([
      ['employed_outbound', true],
      ['employed_local', false],
      ['seeking', false],
    ]);
    expect(h.filter((r: any) => r.current)).toHaveLength(1);
  });

  it('is written only by the grid\'s worker and staff, and read by the household too', async () => {
    const me = (await cast.resident.get('/api/me')).body;
    const path = `/api/employment/residents/${me.resident.id}`;
    expect((await cast.resident.post(`${path}/status`, { status: 'seeking' })).status).toBe(403);
    for (const c of [cast.resident2, cast.gridWorker2, cast.buildingHead, cast.staffHuimin, cast.reviewer]) {
      expect((await c.get(path)).status).toBe(404);
      expect((await c.post(`${path}/status`, { status: 'seeking' })).status).toBe(404);
    }
    const bad = await cast.staff.post(`${path}/status`, { status: 'retired' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('body.status');
  });
});

describe('zero-employment households and the figures', () => {
  it('lists households with working-age members and nobody in work', async () => {
    const r = await cast.staff.get('/api/employment/households?zeroEmployment=true&limit=500');
    expect(r.status).toBe(200);
    expect(r.body.total).toBeGreaterThan(0);
    for (const h of r.body.items) {
      expect(h.zeroEmployment).toBe(true);
      expect(h.labour).toBeGreaterThan(0);
      expect(h.members.every((m: any) => !['employed_local', 'employed_outbound', 'public_welfare', 'self_employed'].includes(m.status))).toBe(true);
    }
  });

  it('a household leaves the list when someone in it finds work', async () => {
    const zero = (await cast.staff.get('/api/employment/households?zeroEmployment=true&limit=500')).body;
    // the first by address and name, not the list's first (its order is by random building and member ids)
    const h = [...zero.items].sort((a: any, b: any) => byKeys([a.building, a.room], [b.building, b.room]))[0];
    const members = [...h.members].sort((a: any, b: any) => byKeys([a.name, String(a.birthYear)], [b.name, String(b.birthYear)]));
    const worker = members.find((m: any) => m.status === 'seeking') ?? members[0];
    await cast.staff.post(`/api/employment/residents/${worker.id}/status`, { status: 'public_welfare', employer: '社区保洁' });
    const after = (await cast.staff.get('/api/employment/households?zeroEmployment=true&limit=500')).body;
    expect(after.total).toBe(zero.total - 1);
    expect(after.items.map((x: any) => x.id)).not.toContain(h.id);
  });

  it('gives the community and each grid the employment rate and 户均就业人数, adding up', async () => {
    const st = (await cast.staff.get('/api/employment/stats')).body;
    expect(st.grids).toHaveLength(3);
    const sum = (k: string) => st.grids.reduce((t: number, g: any) => t + g[k], 0);
    for (const k of ['households', 'labourHouseholds', 'labour', 'employed', 'zeroEmploymentHouseholds']) expect(sum(k)).toBe(st.community[k]);
    expect(st.community.employmentRate).toBeCloseTo(st.community.employed / st.community.labour, 3);
    expect(st.community.employedPerLabourHousehold).toBeCloseTo(st.community.employed / st.community.labourHouseholds, 2);
    expect(st.community.employmentRate).toBeGreaterThan(0.6);
    expect((await cast.gridWorker.get('/api/employment/stats')).status).toBe(403);
  });

  it('the grid worker sees only their grid; a resident only their own household', async () => {
    const mine = (await cast.gridWorker.get('/api/employment/households?limit=500')).body;
    const grid = (await cast.gridWorker.get('/api/me')).body.roles[0].gridId;
    expect(mine.total).toBe(72);
    expect(mine.items.every((h: any) => h.gridId === grid)).toBe(true);
    expect((await cast.resident.get('/api/employment/households')).status).toBe(403);
    const own = (await cast.resident.get('/api/employment/me')).body;
    expect(own.room).toBe('1单元 302');
  });
});

describe('Excel import and export', () => {
  it('puts good rows in, reports bad rows by number, and a second import changes nothing', async () => {
    // six households of 惠泽2栋 by room, each head first: the same people every run (the list's own order follows ids, which are random)
    const building2 = await s.deps.db.building.findFirstOrThrow({ where: { name: '惠泽2栋' } });
    const staffView = (await cast.staff.get(`/api/org/households?buildingId=${building2.id}&limit=100`)).body.items
      .map((h: any) => ({ ...h, members: [...h.members].sort((x: any, y: any) => byKeys([x.relation === '户主' ? '0' : '1', x.name], [y.relation === '户主' ? '0' : '1', y.name])) }))
      .sort((x: any, y: any) => byKeys([x.room], [y.room]))
      .slice(0, 6);
    // staff see ID numbers masked; the sheet carries the real ones, read from the database
    const real = await idNumbersOf(s, staffView.map((h: any) => h.members[0].id));
    const [a, b, d, e, f] = [0, 1, 3, 4, 5].map((i) => ({ ...staffView[i].members[0], idNumber: real.get(staffView[i].members[0].id) }));
    const c = staffView[2];
    const [unit, room] = c.room.split(' ');
    const sheet = await workbook([
      [a.name, a.idNumber, '', '', '', '外出务工', '浙江宁波建筑工地', '2025-03', '建筑施工', ''],
      [b.name, b.idNumber, '', '', '', '待业', '', '', '电焊、厨师', '想学电焊'],
      [c.members[0].name, '', c.building.name, unit, room, '公益性岗位', '社区保安', new Date('2025-06-01T00:00:00+08:00'), '', ''],
      ['王某某', '520524199001011234', '', '', '', '本地务工', '', '', '', ''],
      [b.name, b.idNumber, '', '', '', '本地务工', '', '', '', ''],
      [d.name, d.idNumber, '', '', '', '退休', '', '', '', ''],
      [],
      ['', '', '', '', '', '待业', '', '', '', ''],
      [a.name, a.idNumber, '', '', '', '', '', '', '', ''],
      ['张三', b.idNumber, '', '', '', '待业', '', '', '', ''],
      [e.name, e.idNumber, '', '', '', '待业', '', '2025-13-45', '', ''],
      [f.name, f.idNumber, '', '', '', '待业', '', '', '开飞机', ''],
    ]);
    const before = await s.deps.db.employmentRecord.count();
    const r = await upload(sheet);
    expect(r.status).toBe(200);
    expect(r.body.imported).toBe(3);
    expect(r.body.errors.map((e: any) => e.row)).toEqual([5, 6, 7, 9, 11, 12, 13]);
    expect(r.body.withoutStatus).toBe(1);
    expect(r.body.errors[0].reason).toMatch(/身份证号/);
    expect(r.body.errors[1].reason).toMatch(/row 3/);
    expect(r.body.errors[2].reason).toMatch(/就业状态/);
    expect(r.body.errors[5].reason).toMatch(/开始时间/);
    expect(r.body.errors[6].reason).toMatch(/意向工种/);
    expect(await s.deps.db.employmentRecord.count()).toBe(before + 3);
    const hist = (await cast.staff.get(`/api/employment/residents/${b.id}`)).body.records[0];
    expect(hist).toMatchObject({ status: 'seeking', trades: ['welding', 'cooking'], note: '想学电焊', source: 'import' });

    const again = await upload(sheet);
    expect(again.body).toMatchObject({ imported: 0, unchanged: 3 });
    expect(await s.deps.db.employmentRecord.count()).toBe(before + 3);
  });

  it('refuses a file that is not a workbook, or lacks the columns', async () => {
    const notXlsx = await upload(Buffer.from('姓名,就业状态\n张三,待业\n'));
    expect(notXlsx.status).toBe(415);
    const noCols = await upload(await workbook([['张三']], ['名字']));
    expect(noCols.status).toBe(400);
    expect(noCols.body.error.message).toMatch(/姓名/);
    expect((await upload(await workbook([]), cast.gridWorker.token)).status).toBe(403);
  });

  it('exports the ledger as .xlsx in the columns the import reads, and the export imports back unchanged', async () => {
    const res = await fetch(`${s.url}/api/employment/export`, { headers: { authorization: `Bearer ${cast.staff.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const data = Buffer.from(await res.arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as any);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('姓名');
    expect(sheet.rowCount).toBeGreaterThan(500);
    const back = await upload(data);
    expect(back.body.imported).toBe(0);
    expect(back.body.errors).toEqual([]);
    expect((await fetch(`${s.url}/api/employment/export`, { headers: { authorization: `Bearer ${cast.gridWorker.token}` } })).status).toBe(403);
  });
});
