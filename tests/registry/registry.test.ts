// The 户籍台账 import and export over HTTP (issue #19, item 2): the template,
// the dry run naming every bad row and writing nothing, the confirm applying
// exactly the preview, the same file twice (all unchanged, nothing written), an
// edited file (only the edits), people missing from the file (listed, never
// deleted; marked 迁出 through org), a stale preview (409), who may (admins
// only), bad input (4xx naming the field), the export (access log, round trip)
// and a 5,000-person workbook.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadsOnDisk } from '../../server/http/multipart.js';
import { checkCharacter } from '../../server/registry/idNumberCheck.js';
import { sampleRows, sampleWorkbook } from '../../server/registry/sampleWorkbook.js';
import { writeRegistryWorkbook } from '../../server/registry/workbookOut.js';
import { signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';
import { writeMark, writesSince } from '../support/writeLog.js';

let s: TestServer;
let cast: Cast;
let huize: string;
beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  huize = (await s.deps.db.community.findFirstOrThrow({ where: { name: '惠泽社区' } })).id;
});
afterAll(() => s.close());

/** A community with nothing in it yet (creating communities is the levels' API, not this one's). */
async function emptyCommunity(name: string) {
  return (await s.deps.db.community.create({ data: { name, estate: '测试新城', district: '贵州省毕节市织金县' } })).id;
}

const upload = (communityId: string, data: Buffer, token = cast.admin.token, name = '台账.xlsx') => {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), name);
  return s.request('POST', `/api/registry/communities/${communityId}/imports`, { token, raw: form });
};
const confirm = (id: string, token = cast.admin.token) => s.request('POST', `/api/registry/imports/${id}/confirm`, { token });

async function download(path: string, token = cast.admin.token) {
  const res = await fetch(s.url + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type'), data: Buffer.from(await res.arrayBuffer()) };
}

async function readBack(data: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  return wb;
}

const rowsOf = (sheet: ExcelJS.Worksheet) => {
  const out: string[][] = [];
  sheet.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return out;
};

const count = (communityId: string) =>
  Promise.all([
    s.deps.db.resident.count({ where: { communityId } }),
    s.deps.db.household.count({ where: { communityId } }),
    s.deps.db.building.count({ where: { communityId } }),
    s.deps.db.householdTag.count({ where: { communityId } }),
    s.deps.db.employmentRecord.count({ where: { communityId } }),
  ]).then(([residents, households, buildings, tags, employment]) => ({ residents, households, buildings, tags, employment }));

describe('the template', () => {
  it('has the two sheets, a comment on each header and drop-down lists of the community\'s grids and buildings', async () => {
    const t = await download(`/api/registry/communities/${huize}/template`);
    expect(t.status).toBe(200);
    expect(t.type).toContain('spreadsheetml');
    const wb = await readBack(t.data);
    const people = wb.getWorksheet('户籍人口')!;
    const header = (people.getRow(1).values as string[]).slice(1);
    expect(header).toEqual(['楼栋', '单元', '房号', '与户主关系', '姓名', '身份证号', '性别', '出生日期', '联系电话', '七彩标记', '就业状态', '迁出地', '备注']);
    for (let i = 1; i <= header.length; i++) expect(JSON.stringify(people.getRow(1).getCell(i).note)).toContain(header[i - 1]);
    expect((wb.getWorksheet('楼栋单元')!.getRow(1).values as string[]).slice(1)).toEqual(['楼栋', '单元', '网格', '层数']);
    const choices = wb.getWorksheet('下拉选项')!;
    expect(choices.state).toBe('hidden');
    const column = (n: number) => rowsOf(choices).slice(1).map((r) => r[n - 1]).filter(Boolean);
    expect(column(1)).toEqual(['第1网格', '第2网格', '第3网格']);
    expect(column(2)).toContain('惠泽9栋');
    expect(column(4)).toContain('党员户');
    expect(column(5)).toContain('外出务工');
    // the relation column's list points at the choices sheet
    const v = (people as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } }).dataValidations.model;
    expect(Object.values(v).map((x) => x.formulae[0])).toContain(`'下拉选项'!$C$2:$C$10`);
  });
});

describe('a new community from a generated workbook with bad rows', () => {
  let community: string;
  const opts = { buildings: 6, flats: 60, people: 240, prefix: '测试', bad: 9, seed: 7, region: '520503' };
  let sample: Awaited<ReturnType<typeof sampleWorkbook>>;
  let previewId: string;

  beforeAll(async () => {
    community = await emptyCommunity('试点社区');
    sample = await sampleWorkbook(opts);
  });

  it('names every bad row by sheet, row and reason, counts the rest, and writes nothing to the registry', async () => {
    const mark = await writeMark(s.deps.db);
    const r = await upload(community, sample.file);
    expect(r.status).toBe(201);
    const p = r.body;
    expect(p.status).toBe('previewed');
    expect(p.fileHash).toMatch(/^[0-9a-f]{64}$/);
    expect(p.badRows.map((b: any) => b.row)).toEqual(sample.badRows.map((b) => b.row));
    expect(p.counts.badRows).toBe(sample.badRows.length);
    for (const b of p.badRows) expect(b.sheet).toBe('户籍人口');
    const reason = (kind: string) => p.badRows.find((b: any) => b.row === sample.badRows.find((x) => x.kind === kind)!.row).reason;
    expect(reason('checksum')).toContain('校验位');
    expect(reason('phone')).toContain('联系电话');
    expect(reason('tag')).toContain('七彩标记「贫困户」不认识');
    expect(reason('building')).toContain('测试不存在栋');
    expect(reason('duplicate')).toMatch(/^与第\d+行重复$/);
    expect(reason('twoHouseholds')).toContain('不同的户');
    expect(reason('noHead')).toContain('没有户主');
    expect(reason('sex')).toContain('第17位');
    expect(reason('birth')).toContain('出生日期');
    // no plain ID number in anything the preview says
    expect(JSON.stringify(p)).not.toMatch(/\d{17}[\dX]/);
    const good = sample.counts.peopleRows - sample.badRows.length;
    expect(p.counts.people).toEqual({ new: good, changed: 0, unchanged: 0, missing: 0 });
    expect(p.counts.buildings).toEqual({ new: 6, changed: 0, unchanged: 0 });
    expect(p.counts.units.new).toBe(12);
    expect(p.counts.grids.new).toBe(1);
    expect(p.changes.filter((c: any) => c.kind === 'person' && c.change === 'new')).toHaveLength(good);
    // only the stored preview is written (and an earlier one superseded)
    expect(Object.keys(await writesSince(s.deps.db, mark)).sort()).toEqual(['RegistryImport', 'RegistryImportPart']);
    expect(await count(community)).toEqual({ residents: 0, households: 0, buildings: 0, tags: 0, employment: 0 });
    previewId = p.id;
    // the page reloaded: the same preview
    const again = await cast.admin.get(`/api/registry/imports/${p.id}`);
    expect(again.body.counts).toEqual(p.counts);
  });

  it('the confirm applies exactly the preview: the good rows, with numbers sealed, tags and statuses', async () => {
    const preview = (await cast.admin.get(`/api/registry/imports/${previewId}`)).body;
    const r = await confirm(previewId);
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('confirmed');
    expect(r.body.result).toMatchObject({ buildings: 6, units: 12, grids: 1, people: preview.counts.people.new, households: preview.counts.households.new });
    const c = await count(community);
    expect(c.residents).toBe(preview.counts.people.new);
    expect(c.households).toBe(preview.counts.households.new);
    expect(c.buildings).toBe(6);
    // every person by the number the file gave, stored encrypted and hashed
    const rows = sampleRows(opts).peopleRows;
    const bad = new Set(sample.badRows.map((b) => b.row));
    const goodRows = rows.filter((_, i) => !bad.has(i + 2));
    const people = await s.deps.db.resident.findMany({ where: { communityId: community }, select: { name: true, idNumberEncrypted: true, idNumberHash: true, phone: true } });
    expect(people.every((x) => x.idNumberHash && x.idNumberEncrypted?.startsWith('v'))).toBe(true);
    expect(people.map((x) => x.name).sort()).toEqual(goodRows.map((x) => String(x[4])).sort());
    expect(c.employment).toBe(goodRows.filter((x) => x[10]).length);
    expect(c.tags).toBeGreaterThan(0);
    // the audit log has the counts
    const audit = await s.deps.db.auditEntry.findFirst({ where: { action: 'registry.import', targetId: previewId } });
    expect(JSON.parse(String(audit!.after))).toMatchObject({ people: preview.counts.people.new });
    // confirmed once
    expect((await confirm(previewId)).body.error.reason).toBe('already_confirmed');
  });

  it('the same workbook again: all unchanged, and its confirm writes nothing to the registry', async () => {
    const p = (await upload(community, sample.file)).body;
    expect(p.counts.people).toMatchObject({ new: 0, changed: 0, missing: 0 });
    expect(p.counts.people.unchanged).toBe(sample.counts.peopleRows - sample.badRows.length);
    expect(p.counts.households).toMatchObject({ new: 0, changed: 0 });
    expect(p.counts.buildings).toEqual({ new: 0, changed: 0, unchanged: 6 });
    expect(p.changes).toEqual([]);
    const mark = await writeMark(s.deps.db);
    const r = await confirm(p.id);
    expect(r.status).toBe(200);
    expect(r.body.result).toMatchObject({ grids: 0, buildings: 0, units: 0, households: 0, people: 0, employment: 0 });
    expect(Object.keys(await writesSince(s.deps.db, mark)).sort()).toEqual(['AuditEntry', 'RegistryImport', 'RegistryImportPart']);
  });

  it('an edited workbook changes only the edits; a person left out is listed, not deleted', async () => {
    const base = sampleRows(opts);
    const bad = new Set(sample.badRows.map((b) => b.row));
    const rows = base.peopleRows.filter((_, i) => !bad.has(i + 2)).map((r) => [...r]);
    const phoneChanged = String(rows[1]![4]);
    const statusChanged = String(rows[5]![4]);
    rows[1]![8] = '13900000001'; // a new phone
    rows[5]![10] = rows[5]![10] === '外出务工' ? '本地务工' : '外出务工'; // a new status
    rows[0]![9] = '党员户、退役军人'; // the 户主's tags
    const dropped = rows.splice(3, 1)[0]!; // a 子女 row left out
    rows.push([rows[0]![0], rows[0]![1], rows[0]![2], '子女', '新生儿', `52052420250101001${checkCharacter('52052420250101001')}`, '', '', '', '', '', '', '']); // a newborn (valid number)
    const edited = await writeRegistryWorkbook({ grids: base.grids, buildings: base.buildings, buildingRows: base.buildingRows, peopleRows: rows }, rows.length);
    const p = (await upload(community, edited)).body;
    expect(p.badRows).toEqual([]);
    expect(p.counts.people).toMatchObject({ new: 1, changed: 2, missing: 1 });
    expect(p.counts.households).toMatchObject({ new: 0, changed: 1 });
    const changes = Object.fromEntries(p.changes.map((c: any) => [c.label.split('（')[0], c]));
    expect(changes[phoneChanged].fields).toEqual(['联系电话']);
    expect(changes[statusChanged].fields).toEqual(['就业状态']);
    expect(changes['新生儿'].change).toBe('new');
    expect(p.changes.find((c: any) => c.kind === 'household').fields).toEqual(['七彩标记']);
    expect(p.missing).toEqual([expect.objectContaining({ name: dropped[4], building: dropped[0], room: dropped[2] })]);
    const before = await count(community);
    const r = await confirm(p.id);
    // two Resident rows written (the phone, the newborn); the status is a new ledger record
    expect(r.body.result).toMatchObject({ people: 2, employment: 1, households: 1 });
    const after = await count(community);
    expect(after.residents).toBe(before.residents + 1); // the newborn; the one left out is still there
    expect(after.employment).toBe(before.employment + 1);
    const left = await s.deps.db.resident.findUniqueOrThrow({ where: { id: p.missing[0].residentId } });
    expect(left.leftAt).toBeNull();
    expect(left.name).toBe(dropped[4]);
    // the admin marks them 迁出 (org's route, residentLeaves): anonymised, history kept
    const gone = await cast.admin.post(`/api/org/residents/${left.id}/leave`, { reason: 'moved_out' });
    expect(gone.status).toBe(200);
    expect(gone.body.name).toBe('已迁出居民');
    // and the same edited file is now all unchanged, nobody missing
    const again = (await upload(community, edited)).body;
    expect(again.counts.people).toMatchObject({ new: 0, changed: 0, missing: 0 });
  });

  it('a preview is refused (409) once the registry it planned against has changed; marking a missing person is no such change', async () => {
    const base = sampleRows(opts);
    const bad = new Set(sample.badRows.map((b) => b.row));
    const rows = base.peopleRows.filter((_, i) => !bad.has(i + 2)).map((r) => [...r]);
    rows[2]![12] = '腿脚不便'; // an edit, so the confirm has something to do
    const file = await writeRegistryWorkbook({ grids: base.grids, buildings: base.buildings, buildingRows: base.buildingRows, peopleRows: rows }, rows.length);
    const p = (await upload(community, file)).body;
    // (against the edited registry of the test before: its edits count as changes back, with this one)
    const changed = p.counts.people.changed;
    expect(p.changes.find((c: any) => c.fields.includes('备注'))).toBeTruthy();
    // meanwhile staff correct a person the file names
    const named = await s.deps.db.resident.findFirstOrThrow({ where: { communityId: community, name: String(rows[7]![4]), leftAt: null } });
    await s.deps.db.resident.update({ where: { id: named.id }, data: { phone: '13900000002' } });
    const mark = await writeMark(s.deps.db);
    const r = await confirm(p.id);
    expect(r.status).toBe(409);
    expect(r.body.error.reason).toBe('stale_preview');
    expect(await writesSince(s.deps.db, mark)).toEqual({});
    // previewed again: the file's phone counts as a change now; a person the file does not name leaving is no reason to refuse
    const p2 = (await upload(community, file)).body;
    expect(p2.counts.people.changed).toBe(changed + 1);
    const outsider = await s.deps.db.resident.create({
      data: { communityId: community, householdId: named.householdId, name: '临时登记', relation: '其他', gender: '男' },
    });
    void outsider; // made before the preview would count as missing; made after, it is outside the plan
    expect((await confirm(p2.id)).status).toBe(200);
    // an older preview is superseded by a newer upload
    const p3 = (await upload(community, file)).body;
    const p4 = (await upload(community, file)).body;
    expect((await confirm(p3.id)).body.error.reason).toBe('superseded');
    expect((await confirm(p4.id)).status).toBe(200);
  });
});

describe('who may, and bad input', () => {
  it('only administrators: others get 403 for a community and 404 for an import; the picker lists nothing for them', async () => {
    const p = (await upload(huize, (await sampleWorkbook({ buildings: 1, flats: 2, people: 4, prefix: '惠泽' })).file)).body;
    for (const c of [cast.staff, cast.gridWorker, cast.resident, cast.reviewer, cast.buildingHead]) {
      const mark = await writeMark(s.deps.db);
      expect((await upload(huize, Buffer.from('x'), c.token)).status).toBe(403);
      expect((await download(`/api/registry/communities/${huize}/template`, c.token)).status).toBe(403);
      expect((await download(`/api/registry/communities/${huize}/export?reason=核对`, c.token)).status).toBe(403);
      expect((await c.get(`/api/registry/imports/${p.id}`)).status).toBe(404);
      expect((await c.post(`/api/registry/imports/${p.id}/confirm`)).status).toBe(404);
      expect((await c.get('/api/registry/communities')).body).toEqual([]);
      expect(await writesSince(s.deps.db, mark)).toEqual({});
    }
    const list = (await cast.admin.get('/api/registry/communities')).body;
    expect(list.find((c: any) => c.name === '惠泽社区')).toMatchObject({ households: expect.any(Number), people: expect.any(Number) });
    expect((await upload('no-such-community', Buffer.from('x'))).status).toBe(404);
  });

  it('refuses what is not a 户籍台账 workbook with a 4xx naming the problem', async () => {
    const noFile = await s.request('POST', `/api/registry/communities/${huize}/imports`, { token: cast.admin.token, raw: new FormData() });
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.details[0].path).toBe('body.file');
    expect((await upload(huize, Buffer.from('not a workbook'))).status).toBe(415);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('名单').addRow(['姓名', '身份证号']);
    const missing = await upload(huize, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('楼栋、单元、房号、与户主关系');
    const noReason = await cast.admin.get(`/api/registry/communities/${huize}/export`);
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].path).toBe('query.reason');
  });
});

describe('the export', () => {
  it('is the registry in the template\'s columns with numbers in full, each person in the access log, and imports back all unchanged', async () => {
    const people = await s.deps.db.resident.count({ where: { communityId: huize, leftAt: null } });
    const logBefore = await s.deps.db.accessLogEntry.count({ where: { communityId: huize } });
    const e = await download(`/api/registry/communities/${huize}/export?reason=${encodeURIComponent('年度核对')}`);
    expect(e.status).toBe(200);
    const wb = await readBack(e.data);
    const rows = rowsOf(wb.getWorksheet('户籍人口')!);
    expect(rows.length - 1).toBe(people);
    expect(rows.slice(1).every((r) => /^\d{17}[\dX]$/.test(r[5]!))).toBe(true);
    expect(await s.deps.db.accessLogEntry.count({ where: { communityId: huize, reason: '户籍台账导出：年度核对' } })).toBe(people);
    expect(await s.deps.db.accessLogEntry.count({ where: { communityId: huize } })).toBe(logBefore + people);
    expect(await s.deps.db.auditEntry.count({ where: { action: 'registry.export', communityId: huize } })).toBe(1);
    const back = (await upload(huize, e.data)).body;
    expect(back.badRows).toEqual([]);
    expect(back.counts.people).toEqual({ new: 0, changed: 0, unchanged: people, missing: 0 });
    expect(back.counts.households.new + back.counts.households.changed).toBe(0);
    expect(back.counts.buildings.new + back.counts.buildings.changed).toBe(0);
  });
});

describe('a workbook as Excel and WPS save it', () => {
  it('(every text in sharedStrings.xml) reads exactly as the same rows written inline: the same counts and bad rows', async () => {
    const shape = { buildings: 12, flats: 500, people: 2000, prefix: '共享', bad: 9, seed: 11, region: '520502' };
    const inline = await sampleWorkbook(shape);
    const shared = await sampleWorkbook({ ...shape, sharedStrings: true });
    expect(shared.file.equals(inline.file)).toBe(false);
    const [a, b] = [await emptyCommunity('共享甲'), await emptyCommunity('共享乙')];
    const pa = (await upload(a, inline.file)).body;
    const pb = (await upload(b, shared.file)).body;
    expect(pb.counts).toEqual(pa.counts);
    expect(pb.badRows).toEqual(pa.badRows);
    expect(pb.counts.people.new).toBeGreaterThan(1900);
    expect(pb.badRows.map((r: { row: number }) => r.row)).toEqual(shared.badRows.map((r) => r.row));
  }, 120_000);
});

describe('a 12,000-person workbook through the API', () => {
  const partsOf = (importId: string) => s.deps.db.registryImportPart.findMany({ where: { importId }, orderBy: { seq: 'asc' } });

  it('previews and confirms; the workbook is kept sealed in 1 MiB parts until then, and the upload never stays on disk', async () => {
    const community = await emptyCommunity('万人社区');
    const sample = await sampleWorkbook({ buildings: 60, flats: 3000, people: 12_000, prefix: '万人', seed: 5, region: '520502' });
    const MiB = 1 << 20;
    expect(sample.file.length).toBeGreaterThan(MiB); // more than one part
    const first = (await upload(community, sample.file)).body;
    expect(first.counts.people.new).toBe(12_000);
    expect(first.counts.badRows).toBe(0);
    expect(first.changes).toHaveLength(1000); // the page shows the first thousand; the counts say the rest
    expect(uploadsOnDisk()).toEqual([]);
    const parts = await partsOf(first.id);
    expect(parts.map((p) => p.seq)).toEqual([...Array(Math.ceil(sample.file.length / MiB)).keys()]);
    for (const p of parts) {
      const sealed = Buffer.from(p.sealed);
      expect(sealed.subarray(0, 3).toString()).toMatch(/^v\d+\n/); // `<version>\n` + iv + tag + ciphertext
      expect(sealed.includes(sample.file.subarray(p.seq * MiB + 100, p.seq * MiB + 164))).toBe(false);
    }

    // the same file again supersedes the first preview, and its workbook is deleted
    const p = (await upload(community, sample.file)).body;
    expect((await s.request('GET', `/api/registry/imports/${first.id}`, { token: cast.admin.token })).body.status).toBe('superseded');
    expect(await partsOf(first.id)).toEqual([]);
    expect((await confirm(first.id)).status).toBe(409);

    const r = await confirm(p.id);
    expect(r.status).toBe(200);
    expect(r.body.result.people).toBe(12_000);
    expect(await partsOf(p.id)).toEqual([]);
    expect(await s.deps.db.resident.count({ where: { communityId: community } })).toBe(12_000);
    const again = (await upload(community, sample.file)).body;
    expect(again.counts.people).toEqual({ new: 0, changed: 0, unchanged: 12_000, missing: 0 });
    expect(uploadsOnDisk()).toEqual([]);
  }, 180_000);

  it('a stored part moved to another place does not open: the confirm fails and writes nothing', async () => {
    const community = await emptyCommunity('万人社区二');
    const sample = await sampleWorkbook({ buildings: 60, flats: 3000, people: 12_000, prefix: '万二', seed: 6, region: '520502' });
    const p = (await upload(community, sample.file)).body;
    const [a, b] = await partsOf(p.id);
    await s.deps.db.registryImportPart.update({ where: { importId_seq: { importId: p.id, seq: 1 } }, data: { sealed: a!.sealed } });
    expect(b).toBeDefined(); // (two parts at least)
    const mark = await writeMark(s.deps.db);
    expect((await confirm(p.id)).status).toBe(500);
    expect(await writesSince(s.deps.db, mark)).toEqual({});
    expect(await s.deps.db.resident.count({ where: { communityId: community } })).toBe(0);
  }, 180_000);
});
