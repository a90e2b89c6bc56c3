// The audit log (#19 item 5): every administrative change is an entry (who, when,
// what, before and after) written in the change's own transaction; GET /api/audit
// reads it by who, action and dates, paged, within the reader's scope; the export
// is an .xlsx workbook; no route changes an entry, and no entry holds a personal
// field. Over HTTP, on the test databases.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAdminChange } from '../../server/audit/index.js';
import { routeGroups } from '../../server/routes.js';
import { signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;
let huize: { id: string };
let street: { id: string };
let newCounty: { id: string };
let newStreet: { id: string };
let farCommunity: { id: string };

beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  huize = await s.deps.db.community.findFirstOrThrow({ where: { name: '惠泽社区' } });
  street = await s.deps.db.region.findFirstOrThrow({ where: { name: '惠民街道' } });
  // changes of several kinds, by several people, in two 县
  newCounty = (await cast.admin.post('/api/regions', { level: 'COUNTY', name: '纳雍县' })).body;
  s.advance(60);
  newStreet = (await cast.admin.post('/api/regions', { level: 'STREET', name: '雍熙街道', parentId: newCounty.id })).body;
  farCommunity = (await cast.admin.post(`/api/regions/${newStreet.id}/communities`, { name: '雍熙社区', estate: '雍熙安置点' })).body;
  s.advance(60);
  expect((await cast.streetAdmin.post(`/api/regions/${street.id}/communities`, { name: '惠民新苑社区', estate: '平远新城' })).status).toBe(201);
  const leaver = await s.deps.db.resident.findFirstOrThrow({ where: { communityId: huize.id, relation: { not: '户主' }, user: null } });
  expect((await cast.staff.post(`/api/org/residents/${leaver.id}/leave`, { reason: 'moved_out' })).status).toBe(200);
  s.advance(60);
  const pw = await cast.admin.post(`/api/auth/accounts/${cast.staff.userId}/password`, { username: 'wuting', password: 'Huize-2026-first' });
  expect(pw.status, JSON.stringify(pw.body)).toBe(200);
});
afterAll(() => s?.close());

describe('entries for each administrative change', () => {
  it('records who, what, on which target and place, before and after, without personal fields', async () => {
    const r = await cast.admin.get('/api/audit?limit=200');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const by = (action: string) => r.body.items.filter((e: any) => e.action === action);
    expect(by('region.create')).toHaveLength(2);
    expect(by('community.create')).toHaveLength(2);
    const leave = by('resident.leave')[0];
    expect(leave).toMatchObject({ actor: { id: cast.staff.userId }, actionLabel: '居民迁出/去世', target: { type: 'resident' }, community: { id: huize.id, name: '惠泽社区' } });
    expect(leave.before).toEqual({ status: '在册' });
    expect(leave.after).toMatchObject({ status: '已迁出居民' });
    const pw = by('password.set')[0];
    expect(pw).toMatchObject({ actor: { id: cast.admin.userId, name: '平台管理员' }, target: { type: 'user', id: cast.staff.userId, name: '吴婷' }, community: { id: huize.id } });
    expect(pw.after).toEqual({ username: 'wuting', mustChangePassword: true, consoleSessionsEnded: 0 });
    // never a password, an ID number or a phone anywhere in the log
    const text = JSON.stringify(r.body);
    expect(text).not.toMatch(/Huize-2026-first|argon2|(^|\D)\d{17}[\dXx](\D|$)|(^|\D)1[3-9]\d{9}(\D|$)/);
  });

  it('filters by action, actor and dates, and pages newest first', async () => {
    const created = await cast.admin.get('/api/audit?action=community.create');
    expect(created.body.items.map((e: any) => e.target.name).sort()).toEqual(['惠民新苑社区', '雍熙社区']);
    const byStreetAdmin = await cast.admin.get(`/api/audit?actorId=${cast.streetAdmin.userId}`);
    expect(byStreetAdmin.body.items.map((e: any) => e.action)).toEqual(['community.create']);
    // the first change was an hour before the second
    const first = await s.deps.db.auditEntry.findFirstOrThrow({ where: { action: 'region.create', targetId: newCounty.id } });
    const early = await cast.admin.get(`/api/audit?to=${new Date(first.at.getTime() + 1000).toISOString()}&action=region.create`);
    expect(early.body.items.map((e: any) => e.target.id)).toEqual([newCounty.id]);
    const late = await cast.admin.get(`/api/audit?from=${new Date(first.at.getTime() + 1000).toISOString()}&action=region.create`);
    expect(late.body.items.map((e: any) => e.target.id)).toEqual([newStreet.id]);
    // pages: newest first, no entry twice
    const all = (await cast.admin.get('/api/audit?limit=200')).body.items.map((e: any) => e.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await cast.admin.get(`/api/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.items.map((e: any) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    const times = (await cast.admin.get('/api/audit?limit=200')).body.items.map((e: any) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    const actions = await cast.admin.get('/api/audit/actions');
    expect(actions.body.items).toEqual(expect.arrayContaining([{ action: 'community.create', label: '新建社区' }]));
  });

  it('names the bad filter', async () => {
    for (const [q, field] of [['action=DROP', 'query.action'], ['from=yesterday', 'query.from'], ['to=2300-01-01', 'query.to'], ['limit=0', 'query.limit']] as const) {
      const r = await cast.admin.get(`/api/audit?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.details[0].path).toBe(field);
    }
  });
});

describe('who reads it', () => {
  it('a 街道 admin reads the entries of their communities and 街道, a 县 admin also those of the 县, never another 县’s', async () => {
    const st = await cast.streetAdmin.get('/api/audit?limit=200');
    expect(st.status).toBe(200);
    const ids = st.body.items.map((e: any) => e.target.id);
    expect(st.body.items.some((e: any) => e.action === 'resident.leave')).toBe(true);
    expect(ids).not.toContain(newCounty.id);
    expect(ids).not.toContain(farCommunity.id);
    expect(st.body.items.every((e: any) => e.community?.id !== farCommunity.id)).toBe(true);
    // a filter on a community outside their reach finds nothing
    expect((await cast.streetAdmin.get(`/api/audit?communityId=${farCommunity.id}`)).body.items).toEqual([]);
    const co = await cast.countyAdmin.get('/api/audit?limit=200');
    expect(co.body.items.map((e: any) => e.target.id)).not.toContain(newStreet.id);
  });

  it('is refused to oversight accounts, community staff, workers and residents', async () => {
    for (const c of [cast.streetViewer, cast.countyViewer, cast.staff, cast.gridWorker, cast.reviewer, cast.resident]) {
      expect((await c.get('/api/audit')).status).toBe(403);
      expect((await c.get('/api/audit/export')).status).toBe(403);
    }
  });
});

describe('GET /api/audit/export', () => {
  it('is an .xlsx workbook with one row per entry the filter selects, the change in words', async () => {
    const res = await fetch(`${s.url}/api/audit/export?action=resident.leave`, { headers: { authorization: `Bearer ${cast.streetAdmin.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
    const sheet = wb.getWorksheet('操作记录')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['时间', '操作人', '操作人ID', '操作', '对象类型', '对象', '对象ID', '社区', '县/街道', '变更内容', '请求ID']);
    expect(sheet.rowCount).toBe(2);
    const row = sheet.getRow(2).values as unknown[];
    expect(row[2]).toBe('吴婷');
    expect(row[4]).toBe('居民迁出/去世');
    expect(row[8]).toBe('惠泽社区');
    expect(String(row[10])).toContain('状态: 在册 → 已迁出居民');
  });
});

describe('append-only', () => {
  it('has no route that writes it: /api/audit answers GET only', async () => {
    const group = routeGroups.find((g) => g.prefix === '/api/audit')!;
    expect(group.routes.map((r) => r.method)).toEqual(['get', 'get', 'get']);
    const entry = await s.deps.db.auditEntry.findFirstOrThrow();
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
      const r = await s.request(method, `/api/audit/${entry.id}`, { token: cast.admin.token, body: {} });
      expect([404, 405]).toContain(r.status);
    }
    expect(await s.deps.db.auditEntry.findUnique({ where: { id: entry.id } })).toEqual(entry);
  });

  it('is written by no code in the server but an insert in server/audit', () => {
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.ts$/.test(e.name) ? [path.join(dir, e.name)] : []));
    const writes = files('server').flatMap((f) =>
      fs.readFileSync(f, 'utf8').split('\n').flatMap((line, i) =>
        /auditEntry\.(update|updateMany|upsert|delete|deleteMany|create|createMany)\b|"AuditEntry"/.test(line) ? [`${f}:${i + 1}`] : [],
      ),
    );
    expect(writes).toEqual([expect.stringMatching(/^server\/audit\/queries\.ts:/)]);
  });

  it('refuses personal fields and ID or phone numbers in before/after, writing nothing', async () => {
    const count = await s.deps.db.auditEntry.count();
    const base = { actor: { userId: cast.admin.userId }, action: 'role.assign', target: { type: 'user', id: cast.staff.userId } };
    await expect(recordAdminChange(s.deps.db, { ...base, after: { idNumber: 'x' } })).rejects.toThrow(/personal field/);
    await expect(recordAdminChange(s.deps.db, { ...base, after: { person: { phone: null } } })).rejects.toThrow(/personal field/);
    await expect(recordAdminChange(s.deps.db, { ...base, after: { note: '电话 13812345678' } })).rejects.toThrow(/ID or phone/);
    await expect(recordAdminChange(s.deps.db, { ...base, before: { who: '52242519800101001X' } })).rejects.toThrow(/ID or phone/);
    await expect(recordAdminChange(s.deps.db, { ...base, action: 'Assign Role' })).rejects.toThrow(/dotted/);
    expect(await s.deps.db.auditEntry.count()).toBe(count);
  });
});
