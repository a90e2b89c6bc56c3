// The staff console's tables of 就业 and 积分 over HTTP (issue #17): postings and courses
// filtered, searched, sorted and paged on the server; the 就业台账 by building, room, status
// and page; 户积分, the community's households with their balance. Each only for the
// community's staff, each bad parameter a 400 naming it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;
const DAY = 86_400_000;
const inDays = (d: number) => new Date(s.now().getTime() + d * DAY).toISOString();

beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
});
afterAll(() => s.close());

const job = (over: object) => ({
  employer: '织金县食品厂',
  title: '包装工',
  kind: 'local',
  location: '织金县工业园',
  headcount: 5,
  contact: '张经理 0857-0000000',
  ...over,
});

describe('GET /api/jobs/manage', () => {
  it('pages every posting of the community, open and closed, with counts, searched and sorted on the server', async () => {
    const a = (await cast.staff.post('/api/jobs', job({ title: '表格测试·焊工', headcount: 2, deadline: inDays(3) }))).body;
    const b = (await cast.staff.post('/api/jobs', job({ title: '表格测试·电工', headcount: 9, deadline: inDays(30) }))).body;
    const c = (await cast.staff.post('/api/jobs', job({ title: '表格测试·厨师', headcount: 4 }))).body;
    expect((await cast.staff.post(`/api/jobs/${c.id}/close`, {})).status).toBe(200);
    await cast.resident.post(`/api/jobs/${a.id}/interest`, {});
    const interests = (await cast.staff.get(`/api/jobs/${a.id}/interests`)).body;
    await cast.staff.post(`/api/jobs/${a.id}/interests/${interests[0].id}/outcome`, { outcome: 'hired', recordEmployment: false });

    const found = await cast.staff.get('/api/jobs/manage?q=表格测试&sort=headcount&order=desc');
    expect(found.status).toBe(200);
    expect(found.body.total).toBe(3);
    expect(found.body.items.map((j: any) => j.title)).toEqual(['表格测试·电工', '表格测试·厨师', '表格测试·焊工']);
    const first = found.body.items.find((j: any) => j.id === a.id);
    expect(first).toMatchObject({ interestedCount: 1, hiredCount: 1 });

    // the closed one among them; and the open ones by deadline, the one without last
    expect((await cast.staff.get('/api/jobs/manage?q=表格测试&status=closed')).body.items.map((j: any) => j.id)).toEqual([c.id]);
    const byDeadline = (await cast.staff.get('/api/jobs/manage?q=表格测试&sort=deadline&order=asc')).body.items.map((j: any) => j.id);
    expect(byDeadline).toEqual([a.id, b.id, c.id]);

    // pages: the whole count on each, the items one page at a time
    const p1 = (await cast.staff.get('/api/jobs/manage?q=表格测试&limit=2')).body;
    const p2 = (await cast.staff.get('/api/jobs/manage?q=表格测试&limit=2&offset=2')).body;
    expect([p1.total, p2.total]).toEqual([3, 3]);
    expect(p1.items).toHaveLength(2);
    expect(p2.items).toHaveLength(1);
    expect(new Set([...p1.items, ...p2.items].map((j: any) => j.id)).size).toBe(3);
  });

  it('is for the community\'s staff only, and names a bad parameter', async () => {
    expect((await cast.resident.get('/api/jobs/manage')).status).toBe(403);
    expect((await cast.gridWorker.get('/api/jobs/manage')).status).toBe(403);
    // another community's staff see none of 惠泽's postings
    const other = (await cast.staffHuimin.get('/api/jobs/manage?q=表格测试')).body;
    expect(other.total).toBe(0);
    const bad = await cast.staff.get('/api/jobs/manage?sort=pay&offset=-1');
    expect(bad.status).toBe(400);
    const fields = bad.body.error.details.map((d: any) => d.path);
    expect(fields).toEqual(expect.arrayContaining(['query.sort', 'query.offset']));
  });
});

describe('GET /api/trainings/manage', () => {
  it('pages every course, with how many hold a seat, wait and completed', async () => {
    const course = (over: object) => ({
      course: '表格课程',
      trade: 'welding',
      schedule: '周一至周五 9:00-12:00',
      place: '实训室',
      startsAt: inDays(10),
      endsAt: inDays(20),
      signupDeadline: inDays(9),
      capacity: 1,
      ...over,
    });
    const t = (await cast.staff.post('/api/trainings', course({ course: '表格课程·焊工' }))).body;
    await cast.staff.post('/api/trainings', course({ course: '表格课程·电工', trade: 'electrician', startsAt: inDays(15), endsAt: inDays(16), signupDeadline: inDays(14) }));
    expect((await cast.resident.post(`/api/trainings/${t.id}/enrol`, {})).status).toBe(201);
    expect((await cast.resident2.post(`/api/trainings/${t.id}/enrol`, { waitlist: true })).status).toBe(201);

    const all = (await cast.staff.get('/api/trainings/manage?q=表格课程&sort=startsAt&order=asc')).body;
    expect(all.total).toBe(2);
    expect(all.items.map((x: any) => x.course)).toEqual(['表格课程·焊工', '表格课程·电工']);
    expect(all.items[0]).toMatchObject({ enrolled: 1, waitlisted: 1, completed: 0, seatsLeft: 0 });
    const welding = (await cast.staff.get('/api/trainings/manage?q=表格课程&trade=welding')).body;
    expect(welding.items.map((x: any) => x.id)).toEqual([t.id]);
    expect((await cast.staff.get('/api/trainings/manage?q=表格课程&limit=1&offset=1')).body.items).toHaveLength(1);
  });

  it('is for staff only and names a bad parameter', async () => {
    expect((await cast.resident.get('/api/trainings/manage')).status).toBe(403);
    const bad = await cast.staff.get('/api/trainings/manage?trade=juggling');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: any) => d.path)).toContain('query.trade');
  });
});

describe('GET /api/employment/households: building, room, status, pages', () => {
  const rooms = (r: any) => r.body.items.map((h: any) => `${h.building} ${h.room}`);
  // a building's id, from the community's households (户积分 names them with theirs)
  const buildingNamed = async (name: string) => {
    const all = (await cast.staff.get('/api/points/households?limit=500')).body.items;
    return all.find((h: any) => h.building.name === name).building;
  };

  it('narrows to a building and a room, and pages with the whole count', async () => {
    const all = await cast.staff.get('/api/employment/households?limit=500');
    const building = all.body.items[0];
    const b = await buildingNamed(building.building);
    const inBuilding = await cast.staff.get(`/api/employment/households?buildingId=${b.id}&limit=500`);
    expect(inBuilding.body.total).toBe(inBuilding.body.items.length);
    expect(inBuilding.body.items.every((h: any) => h.building === building.building)).toBe(true);
    expect(inBuilding.body.total).toBeLessThan(all.body.total);

    const room = building.room.split(' ').at(-1);
    const oneRoom = await cast.staff.get(`/api/employment/households?buildingId=${b.id}&room=${room}`);
    expect(oneRoom.body.items.length).toBeGreaterThan(0);
    expect(oneRoom.body.items.every((h: any) => h.room.endsWith(room))).toBe(true);

    const p1 = await cast.staff.get(`/api/employment/households?buildingId=${b.id}&limit=5`);
    const p2 = await cast.staff.get(`/api/employment/households?buildingId=${b.id}&limit=5&offset=5`);
    expect(p1.body.total).toBe(inBuilding.body.total);
    expect(p2.body.total).toBe(inBuilding.body.total);
    expect(rooms(p2)).toEqual(rooms(inBuilding).slice(5, 10));
  });

  it('finds households by a member\'s situation, and the zero-employment list takes the same filters', async () => {
    const seeking = await cast.staff.get('/api/employment/households?status=seeking&limit=500');
    expect(seeking.body.items.length).toBeGreaterThan(0);
    expect(seeking.body.items.every((h: any) => h.members.some((m: any) => m.status === 'seeking'))).toBe(true);

    const zero = await cast.staff.get('/api/employment/households?zeroEmployment=true&limit=500');
    expect(zero.body.total).toBeGreaterThan(2);
    const z = zero.body.items[0];
    const b = await buildingNamed(z.building);
    const zb = await cast.staff.get(`/api/employment/households?zeroEmployment=true&buildingId=${b.id}&limit=500`);
    expect(zb.body.items.every((h: any) => h.building === z.building && h.zeroEmployment)).toBe(true);
    expect(zb.body.items.map((h: any) => h.id)).toEqual(zero.body.items.filter((h: any) => h.building === z.building).map((h: any) => h.id));
    const room = z.room.split(' ').at(-1);
    const zr = await cast.staff.get(`/api/employment/households?zeroEmployment=true&room=${room}&limit=500`);
    expect(zr.body.items.map((h: any) => h.id)).toContain(z.id);
    expect(zr.body.items.every((h: any) => h.room.includes(room))).toBe(true);
    // the zero-employment list's pages
    const zp = await cast.staff.get('/api/employment/households?zeroEmployment=true&limit=2&offset=1');
    expect(zp.body.total).toBe(zero.body.total);
    expect(zp.body.items.map((h: any) => h.id)).toEqual(zero.body.items.slice(1, 3).map((h: any) => h.id));
    // a status among the zero-employment households: those with someone seeking work
    const zs = await cast.staff.get('/api/employment/households?zeroEmployment=true&status=seeking&limit=500');
    expect(zs.body.items.every((h: any) => h.zeroEmployment && h.members.some((m: any) => m.status === 'seeking'))).toBe(true);
    // LIKE's own characters are refused, not matched as wildcards (they would find every household)
    for (const path of ['/api/employment/households?zeroEmployment=true&room=%25', '/api/employment/households?room=_', '/api/points/households?room=%25']) {
      const r = await cast.staff.get(path);
      expect(r.status, path).toBe(400);
      expect(r.body.error.details[0].path).toBe('query.room');
    }
    for (const path of ['/api/jobs/manage?q=%25', '/api/trainings/manage?q=_']) {
      expect((await cast.staff.get(path)).status, path).toBe(400);
    }
  });

  it('names a bad parameter', async () => {
    const bad = await cast.staff.get('/api/employment/households?status=retired&offset=x');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: any) => d.path)).toEqual(expect.arrayContaining(['query.status', 'query.offset']));
  });
});

describe('GET /api/points/households', () => {
  it('lists the community\'s households with their balance, by building and room, sorted by balance', async () => {
    const page = await cast.staff.get('/api/points/households?limit=5');
    expect(page.status).toBe(200);
    expect(page.body.total).toBeGreaterThan(100);
    expect(page.body.items).toHaveLength(5);
    const h = page.body.items[0];
    expect(h).toMatchObject({ building: { name: expect.any(String) }, room: expect.stringMatching(/单元 \d+/), balance: expect.any(Number) });

    // a household's balance is its ledger's
    const ledger = (await cast.staff.get(`/api/points/households/${h.id}`)).body;
    expect(h.balance).toBe(ledger.balance);

    const room = h.room.split(' ').at(-1);
    const found = (await cast.staff.get(`/api/points/households?buildingId=${h.building.id}&room=${room}`)).body;
    expect(found.items.map((x: any) => x.id)).toContain(h.id);
    expect(found.items.every((x: any) => x.building.id === h.building.id && x.room.endsWith(room))).toBe(true);

    const rich = (await cast.staff.get('/api/points/households?sort=balance&order=desc&limit=50')).body.items.map((x: any) => x.balance);
    expect(rich).toEqual([...rich].sort((a, b) => b - a));
    expect(rich[0]).toBeGreaterThan(0);
    // pages of the same list
    const p2 = (await cast.staff.get('/api/points/households?limit=5&offset=5')).body;
    expect(p2.total).toBe(page.body.total);
    expect(p2.items.some((x: any) => page.body.items.some((y: any) => y.id === x.id))).toBe(false);
  });

  it('is for staff only: residents and grid workers are refused, another community sees its own', async () => {
    expect((await cast.resident.get('/api/points/households')).status).toBe(403);
    expect((await cast.gridWorker.get('/api/points/households')).status).toBe(403);
    const mine = (await cast.staff.get('/api/points/households?limit=500')).body.items.map((x: any) => x.id);
    const theirs = (await cast.staffHuimin.get('/api/points/households?limit=500')).body.items.map((x: any) => x.id);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.filter((id: string) => mine.includes(id))).toEqual([]);
    const bad = await cast.staff.get('/api/points/households?sort=name&limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: any) => d.path)).toEqual(expect.arrayContaining(['query.sort', 'query.limit']));
  });
});

describe('POST /api/employment/import?dryRun=true: the console\'s preview', () => {
  it('answers exactly what the import would do, and writes nothing', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const h = (await cast.staff.get('/api/employment/households?status=seeking&limit=1')).body.items[0];
    const person = h.members.find((m: any) => m.status === 'seeking');
    const [unit, room] = h.room.split(' ');
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('台账');
    sheet.addRow(['姓名', '身份证号', '楼栋', '单元', '房号', '就业状态', '就业单位']);
    sheet.addRow([person.name, '', h.building, unit, room, '外出务工', '浙江宁波电子厂']);
    sheet.addRow(['没有这个人', '', h.building, unit, room, '待业', '']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const send = (dryRun: boolean) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(file)]), '台账.xlsx');
      return s.request('POST', `/api/employment/import${dryRun ? '?dryRun=true' : ''}`, { token: cast.staff.token, raw: form });
    };
    const before = await s.deps.db.employmentRecord.count();

    const preview = await send(true);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ rows: 2, imported: 1, unchanged: 0, dryRun: true, errors: [{ row: 3 }] });
    expect(await s.deps.db.employmentRecord.count()).toBe(before);
    const still = (await cast.staff.get(`/api/employment/residents/${person.id}`)).body.records[0];
    expect(still.status).toBe('seeking');

    const done = await send(false);
    expect(done.body).toMatchObject({ rows: 2, imported: 1, dryRun: false, errors: [{ row: 3 }] });
    expect(await s.deps.db.employmentRecord.count()).toBe(before + 1);
    expect((await cast.staff.get(`/api/employment/residents/${person.id}`)).body.records[0]).toMatchObject({ status: 'employed_outbound', employer: '浙江宁波电子厂' });
  });
});
