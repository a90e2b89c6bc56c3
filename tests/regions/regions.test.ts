// The levels above the community (#19 item 1): a platform admin makes 县 and 街道 and
// names their officials; a 街道 admin (or the 县 admin above) makes communities under
// its own 街道 and nowhere else; region roles reach exactly the communities under them;
// taking a region role away ends the account's sessions at once. Over HTTP, on the
// test databases (SQLite and PostgreSQL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type Client, type TestServer } from '../support/server.js';
import { writeMark, writesSince } from '../support/writeLog.js';

let s: TestServer;
let cast: Cast;
let county: { id: string };
let street: { id: string };

const del = (c: Client, path: string) => s.request('DELETE', path, { token: c.token });

/** A WeChat account seen for the first time (the fake's `fake:<openid>` codes): it belongs to nobody. */
async function newWechatAccount(openid: string): Promise<Client> {
  const r = await s.request('POST', '/api/auth/wechat', { body: { code: `fake:${openid}` } });
  if (r.status !== 200) throw new Error(`wechat sign-in: ${r.status} ${JSON.stringify(r.body)}`);
  const token = r.body.token as string;
  return { token, userId: r.body.userId, get: (p) => s.request('GET', p, { token }), post: (p, b) => s.request('POST', p, { token, body: b ?? {} }) };
}

/** Refused, and nothing written (the write log of the test database). */
async function refusedQuietly(call: () => Promise<{ status: number; body: any }>, status: number) {
  const mark = await writeMark(s.deps.db);
  const r = await call();
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(await writesSince(s.deps.db, mark)).toEqual({});
  return r;
}

beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  county = await s.deps.db.region.findFirstOrThrow({ where: { name: '织金县' } });
  street = await s.deps.db.region.findFirstOrThrow({ where: { name: '惠民街道' } });
});
afterAll(() => s?.close());

describe('the demo levels', () => {
  it('puts the three communities of 平远新城 under 织金县 → 惠民街道, with an admin and an oversight account at each level', async () => {
    const r = await cast.admin.get('/api/regions');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.mayCreateCounty).toBe(true);
    const zhijin = r.body.items.find((x: any) => x.id === county.id);
    const huimin = r.body.items.find((x: any) => x.id === street.id);
    expect(zhijin).toMatchObject({ level: 'COUNTY', name: '织金县', parentId: null, communities: [] });
    expect(huimin).toMatchObject({ level: 'STREET', name: '惠民街道', parentId: county.id });
    expect(huimin.communities.map((c: any) => c.name).sort()).toEqual(['恒大社区', '惠民社区', '惠泽社区']);
    expect(zhijin.officials.map((o: any) => o.role).sort()).toEqual(['COUNTY_ADMIN', 'COUNTY_OVERSIGHT']);
    expect(huimin.officials.map((o: any) => o.role).sort()).toEqual(['STREET_ADMIN', 'STREET_OVERSIGHT']);
  });

  it('shows a 街道 official their 街道 only, a 县 official the 县 and its 街道; nobody else sees the regions', async () => {
    const st = await cast.streetViewer.get('/api/regions');
    expect(st.body.items.map((x: any) => x.id)).toEqual([street.id]);
    expect(st.body.items[0].mayCreateUnder).toBe(false);
    expect(st.body.mayCreateCounty).toBe(false);
    const sa = await cast.streetAdmin.get('/api/regions');
    expect(sa.body.items[0].mayCreateUnder).toBe(true);
    // they may take away their 街道's oversight account, never a peer admin (the 县 admin above may)
    const role = (name: string) => sa.body.items[0].officials.find((o: any) => o.role === name);
    expect(role('STREET_ADMIN').mayRemove).toBe(false);
    expect(role('STREET_OVERSIGHT').mayRemove).toBe(true);
    const co = await cast.countyViewer.get('/api/regions');
    expect(co.body.items.map((x: any) => x.id).sort()).toEqual([county.id, street.id].sort());
    for (const c of [cast.staff, cast.gridWorker, cast.resident, cast.reviewer]) expect((await c.get('/api/regions')).status).toBe(403);
  });

  it('gives region officials the console and its roles on GET /api/me, with the region they cover', async () => {
    const me = await cast.streetAdmin.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.roles).toEqual([{ role: 'STREET_ADMIN', communityId: null, gridId: null, buildingId: null, regionId: street.id }]);
    // region officials hold working roles: no account code makes them a resident
    const demoResident = await s.deps.db.resident.findFirstOrThrow({ where: { community: { name: '惠泽社区' }, household: { room: '502' }, user: null } });
    const code = await cast.staff.post(`/api/org/residents/${demoResident.id}/invite`);
    expect([200, 201], JSON.stringify(code.body)).toContain(code.status);
    const link = await cast.streetAdmin.post('/api/me/link', { code: code.body.code });
    expect(link.status).toBe(403);
    expect(link.body.error.reason).toBe('working_account');
  });
});

describe('POST /api/regions', () => {
  let other: { id: string };

  it('lets the platform admin make a 县 and a 街道 under it, each recorded in the audit log', async () => {
    const c = await cast.admin.post('/api/regions', { level: 'COUNTY', name: '纳雍县' });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect(c.body).toMatchObject({ level: 'COUNTY', name: '纳雍县', parentId: null });
    other = c.body;
    const st = await cast.admin.post('/api/regions', { level: 'STREET', name: '雍熙街道', parentId: other.id });
    expect(st.status, JSON.stringify(st.body)).toBe(201);
    const entries = await s.deps.db.auditEntry.findMany({ where: { action: 'region.create', targetId: { in: [c.body.id, st.body.id] } } });
    expect(entries).toHaveLength(2);
    expect(entries.every((e) => e.actorId === cast.admin.userId)).toBe(true);
    // the same name twice under one 县 (or two 县 of one name) is a conflict
    expect((await refusedQuietly(() => cast.admin.post('/api/regions', { level: 'STREET', name: '雍熙街道', parentId: other.id }), 409)).body.error.reason).toBe('name_taken');
    await refusedQuietly(() => cast.admin.post('/api/regions', { level: 'COUNTY', name: '纳雍县' }), 409);
  });

  it('lets a 县 admin make 街道 under their own 县 only; 街道 officials, staff and residents make none', async () => {
    const mine = await cast.countyAdmin.post('/api/regions', { level: 'STREET', name: '双堰街道', parentId: county.id });
    expect(mine.status, JSON.stringify(mine.body)).toBe(201);
    await refusedQuietly(() => cast.countyAdmin.post('/api/regions', { level: 'STREET', name: '别处街道', parentId: other.id }), 404);
    await refusedQuietly(() => cast.countyAdmin.post('/api/regions', { level: 'COUNTY', name: '自封县' }), 403);
    // the 县 above a 街道 admin is outside their reach: as good as unknown
    await refusedQuietly(() => cast.streetAdmin.post('/api/regions', { level: 'STREET', name: '又一街道', parentId: county.id }), 404);
    await refusedQuietly(() => cast.countyViewer.post('/api/regions', { level: 'STREET', name: '又一街道', parentId: county.id }), 403);
    await refusedQuietly(() => cast.staff.post('/api/regions', { level: 'COUNTY', name: '某县' }), 403);
    // a 街道 under a 街道 is not a level
    await refusedQuietly(() => cast.admin.post('/api/regions', { level: 'STREET', name: '街道下街道', parentId: street.id }), 400);
  });

  it('names the bad field, writing nothing', async () => {
    const noParent = await refusedQuietly(() => cast.admin.post('/api/regions', { level: 'STREET', name: '无县街道' }), 400);
    expect(noParent.body.error.details[0].path).toBe('body.parentId');
    const short = await refusedQuietly(() => cast.admin.post('/api/regions', { level: 'COUNTY', name: '县' }), 400);
    expect(short.body.error.details[0].path).toBe('body.name');
    const level = await refusedQuietly(() => cast.admin.post('/api/regions', { level: 'PROVINCE', name: '贵州省' }), 400);
    expect(level.body.error.details[0].path).toBe('body.level');
  });
});

describe('POST /api/regions/:id/communities', () => {
  it('lets the 街道 admin make a community under their 街道, with the 县 as its district by default, and records it', async () => {
    const r = await cast.streetAdmin.post(`/api/regions/${street.id}/communities`, { name: '惠民新苑社区', estate: '平远新城' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ name: '惠民新苑社区', estate: '平远新城', district: '织金县', regionId: street.id });
    const entry = await s.deps.db.auditEntry.findFirstOrThrow({ where: { action: 'community.create', targetId: r.body.id } });
    expect(entry).toMatchObject({ actorId: cast.streetAdmin.userId, communityId: r.body.id, regionId: street.id });
    // the 街道 admin's reach now takes the new community in at their next request
    const tree = await cast.streetAdmin.get('/api/regions');
    expect(tree.body.items[0].communities.map((c: any) => c.id)).toContain(r.body.id);
    // the 县 admin above may too
    const county1 = await cast.countyAdmin.post(`/api/regions/${street.id}/communities`, { name: '惠民东苑社区', estate: '平远新城', district: '贵州省毕节市织金县' });
    expect(county1.status, JSON.stringify(county1.body)).toBe(201);
    expect(county1.body.district).toBe('贵州省毕节市织金县');
  });

  it('refuses a community under another 街道, under a 县, twice the same name, or by an oversight account, writing nothing', async () => {
    const yongxi = await s.deps.db.region.findFirstOrThrow({ where: { name: '雍熙街道' } });
    await refusedQuietly(() => cast.streetAdmin.post(`/api/regions/${yongxi.id}/communities`, { name: '越界社区', estate: '某小区' }), 404);
    await refusedQuietly(() => cast.countyAdmin.post(`/api/regions/${yongxi.id}/communities`, { name: '越界社区', estate: '某小区' }), 404);
    await refusedQuietly(() => cast.admin.post(`/api/regions/${county.id}/communities`, { name: '县下社区', estate: '某小区' }), 400);
    const twice = await refusedQuietly(() => cast.streetAdmin.post(`/api/regions/${street.id}/communities`, { name: '惠泽社区', estate: '平远新城' }), 409);
    expect(twice.body.error.details[0].path).toBe('body.name');
    await refusedQuietly(() => cast.streetViewer.post(`/api/regions/${street.id}/communities`, { name: '督查社区', estate: '平远新城' }), 403);
    await refusedQuietly(() => cast.staff.post(`/api/regions/${street.id}/communities`, { name: '干部社区', estate: '平远新城' }), 404);
    const bad = await refusedQuietly(() => cast.streetAdmin.post(`/api/regions/${street.id}/communities`, { name: '好社区' }), 400);
    expect(bad.body.error.details[0].path).toBe('body.estate');
  });
});

describe('region roles', () => {
  it('a platform admin names a 街道 admin, who then administers exactly the communities under that 街道', async () => {
    const yongxi = await s.deps.db.region.findFirstOrThrow({ where: { name: '雍熙街道' } });
    const official = await newWechatAccount('yongxi-official');
    await s.deps.db.user.update({ where: { id: official.userId }, data: { displayName: '雍熙街道干部' } });
    const found = await cast.admin.get(`/api/regions/candidates?q=${encodeURIComponent('雍熙街道干部')}`);
    expect(found.body.items.map((u: any) => u.id)).toEqual([official.userId]);
    const given = await cast.admin.post(`/api/regions/${yongxi.id}/roles`, { userId: official.userId, role: 'STREET_ADMIN' });
    expect(given.status, JSON.stringify(given.body)).toBe(201);
    expect(given.body).toMatchObject({ role: 'STREET_ADMIN', user: { id: official.userId, name: '雍熙街道干部' } });
    expect((await refusedQuietly(() => cast.admin.post(`/api/regions/${yongxi.id}/roles`, { userId: official.userId, role: 'STREET_ADMIN' }), 409)).body.error.reason).toBe('already_held');

    // the same token, at its next request, holds the role
    const made = await official.post(`/api/regions/${yongxi.id}/communities`, { name: '雍熙社区', estate: '雍熙安置点' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    await refusedQuietly(() => official.post(`/api/regions/${street.id}/communities`, { name: '越界社区', estate: '某小区' }), 404);
    // its audit log: its own community's entries, none of 惠民街道's
    const audit = await official.get('/api/audit');
    expect(audit.status).toBe(200);
    expect(audit.body.items.some((e: any) => e.target.id === made.body.id)).toBe(true);
    expect(audit.body.items.every((e: any) => e.community === null || e.community.id === made.body.id)).toBe(true);
  });

  it('a role of the wrong level, a resident’s own account, a peer admin named by an admin: refused, writing nothing', async () => {
    const account = await newWechatAccount('would-be-official');
    const wrong = await refusedQuietly(() => cast.admin.post(`/api/regions/${county.id}/roles`, { userId: account.userId, role: 'STREET_ADMIN' }), 400);
    expect(wrong.body.error.details[0].path).toBe('body.role');
    const resident = await refusedQuietly(() => cast.admin.post(`/api/regions/${street.id}/roles`, { userId: cast.resident.userId, role: 'STREET_OVERSIGHT' }), 409);
    expect(resident.body.error.reason).toBe('resident_account');
    // a 街道 admin names no other 街道 admin (no admin widens their own level); oversight of their own 街道 they may
    await refusedQuietly(() => cast.streetAdmin.post(`/api/regions/${street.id}/roles`, { userId: account.userId, role: 'STREET_ADMIN' }), 403);
    await refusedQuietly(() => cast.streetViewer.post(`/api/regions/${street.id}/roles`, { userId: account.userId, role: 'STREET_OVERSIGHT' }), 403);
    const oversight = await cast.streetAdmin.post(`/api/regions/${street.id}/roles`, { userId: account.userId, role: 'STREET_OVERSIGHT' });
    expect(oversight.status, JSON.stringify(oversight.body)).toBe(201);
    // the 县 admin names the admins of its 街道
    const byCounty = await cast.countyAdmin.post(`/api/regions/${street.id}/roles`, { userId: account.userId, role: 'STREET_ADMIN' });
    expect(byCounty.status, JSON.stringify(byCounty.body)).toBe(201);
    await refusedQuietly(() => cast.countyAdmin.post(`/api/regions/${county.id}/roles`, { userId: account.userId, role: 'COUNTY_ADMIN' }), 403);
  });

  it('taking a region role away ends every session of the account at once, and is recorded', async () => {
    const account = await newWechatAccount('leaving-official');
    const given = await cast.admin.post(`/api/regions/${street.id}/roles`, { userId: account.userId, role: 'STREET_OVERSIGHT' });
    expect(given.status).toBe(201);
    expect((await account.get('/api/oversight/communities')).status).toBe(200);
    // not theirs to take: another 街道's official is not found by a 街道 admin of elsewhere, nor by oversight
    await refusedQuietly(() => del(cast.streetViewer, `/api/regions/${street.id}/roles/${given.body.id}`), 404);
    const gone = await del(cast.streetAdmin, `/api/regions/${street.id}/roles/${given.body.id}`);
    expect(gone.status, JSON.stringify(gone.body)).toBe(200);
    expect(gone.body).toEqual({ id: given.body.id, sessionsEnded: 1 });
    // the very next request with the old token is refused
    expect((await account.get('/api/oversight/communities')).status).toBe(401);
    expect((await account.get('/api/me')).status).toBe(401);
    const entry = await s.deps.db.auditEntry.findFirstOrThrow({ where: { action: 'region_role.remove', targetId: account.userId } });
    expect(JSON.parse(entry.before!)).toMatchObject({ role: '街道督查', region: '惠民街道' });
    expect(entry.after).toBeNull();
    // twice: gone
    await refusedQuietly(() => del(cast.streetAdmin, `/api/regions/${street.id}/roles/${given.body.id}`), 404);
  });
});
