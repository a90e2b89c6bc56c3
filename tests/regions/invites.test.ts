// Invitations to a 县/街道 role (#19 items 1 and 3), for officials not on e家社区 yet: made by
// whoever may give that role there, a one-time code shown once (only its HMAC kept), good for
// 7 days, listed until used, withdrawable; entered at POST /api/me/link it gives the role,
// and every step is in the audit log. The new official can then be given a console password.
// Over HTTP, on the test databases (SQLite and PostgreSQL).
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

const invite = async (c: Client, regionId: string, role: string, name: string) => {
  const r = await c.post(`/api/regions/${regionId}/invites`, { role, name });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; code: string; role: string; name: string; expiresAt: string };
};

beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  county = await s.deps.db.region.findFirstOrThrow({ where: { name: '织金县' } });
  street = await s.deps.db.region.findFirstOrThrow({ where: { name: '惠民街道' } });
});
afterAll(() => s?.close());

describe('an invitation to a 街道 role', () => {
  it('is a code shown once, listed without it, and gives the role to the WeChat account entering it', async () => {
    const made = await invite(cast.admin, street.id, 'STREET_ADMIN', '罗明');
    expect(made.code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(new Date(made.expiresAt).getTime() - s.now().getTime()).toBe(7 * 86_400_000);
    const row = await s.deps.db.regionInvite.findUniqueOrThrow({ where: { id: made.id } });
    expect(JSON.stringify(row)).not.toContain(made.code);
    const listed = await cast.admin.get(`/api/regions/${street.id}/invites`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: made.id, name: '罗明', role: 'STREET_ADMIN', createdBy: { id: cast.admin.userId, name: '平台管理员' } })]);
    expect(listed.body.items[0].code).toBeUndefined();

    const official = await newWechatAccount('invited-street-admin');
    const linked = await official.post('/api/me/link', { code: made.code.toLowerCase().replace(/(....)/, '$1 ') });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    expect(linked.body).toEqual({ linked: true, regionRole: { role: 'STREET_ADMIN', region: { id: street.id, name: '惠民街道' } } });
    // the account is a 街道 admin now, named as the invitation said
    const me = await official.get('/api/me');
    expect(me.body.roles.map((r: any) => r.role)).toContain('STREET_ADMIN');
    const tree = await official.get('/api/regions');
    expect(tree.status).toBe(200);
    expect(tree.body.items.find((r: any) => r.id === street.id).officials).toEqual(
      expect.arrayContaining([expect.objectContaining({ role: 'STREET_ADMIN', user: { id: official.userId, name: '罗明' } })]),
    );
    // used: no longer listed, and the same code again is refused with nothing written
    expect((await cast.admin.get(`/api/regions/${street.id}/invites`)).body.items).toEqual([]);
    const again = await newWechatAccount('second-try');
    await refusedQuietly(() => again.post('/api/me/link', { code: made.code }), 404);

    const audit = await s.deps.db.auditEntry.findMany({ where: { action: { startsWith: 'region_role.invite' } }, orderBy: { at: 'asc' } });
    expect(audit.map((e) => [e.action, e.actorId, e.regionId])).toEqual([
      ['region_role.invite', cast.admin.userId, street.id],
      ['region_role.invite_accept', official.userId, street.id],
    ]);
    expect(JSON.parse(audit[1]!.after!)).toEqual({ role: '街道管理员', region: '惠民街道', name: '罗明' });
    const words = await cast.admin.get('/api/audit?action=region_role.invite_accept');
    expect(words.body.items[0]).toMatchObject({ actionLabel: '领取县/街道任职邀请', target: { type: 'user', id: official.userId } });
  });

  it('the new official can be given a console password and sign in with it', async () => {
    const made = await invite(cast.admin, county.id, 'COUNTY_OVERSIGHT', '杨督查');
    const official = await newWechatAccount('invited-county-viewer');
    expect((await official.post('/api/me/link', { code: made.code })).status).toBe(200);
    const pw = await cast.admin.post(`/api/auth/accounts/${official.userId}/password`, { username: 'yang.ducha', password: 'Zhijin-2026-first' });
    expect(pw.status, JSON.stringify(pw.body)).toBe(200);
    const signIn = await s.request('POST', '/api/auth/password', { body: { username: 'yang.ducha', password: 'Zhijin-2026-first' }, headers: { origin: s.url } });
    expect(signIn.status, JSON.stringify(signIn.body)).toBe(200);
    expect(signIn.body).toMatchObject({ mustChangePassword: true });
  });

  it('can be withdrawn, and then the code gives nothing', async () => {
    const made = await invite(cast.streetAdmin, street.id, 'STREET_OVERSIGHT', '王督查');
    expect((await cast.streetAdmin.get(`/api/regions/${street.id}/invites`)).body.items.map((i: any) => i.id)).toEqual([made.id]);
    // someone who may not give the role does not find it
    await refusedQuietly(() => del(cast.streetViewer, `/api/regions/${street.id}/invites/${made.id}`), 404);
    expect((await del(cast.streetAdmin, `/api/regions/${street.id}/invites/${made.id}`)).status).toBe(204);
    expect((await del(cast.streetAdmin, `/api/regions/${street.id}/invites/${made.id}`)).status).toBe(409);
    const who = await newWechatAccount('withdrawn-invitee');
    await refusedQuietly(() => who.post('/api/me/link', { code: made.code }), 404);
    expect(await s.deps.db.auditEntry.count({ where: { action: 'region_role.invite_withdraw', targetId: made.id, actorId: cast.streetAdmin.userId } })).toBe(1);
  });

  it('lasts 7 days', async () => {
    const made = await invite(cast.countyAdmin, street.id, 'STREET_ADMIN', '过期');
    s.advance(7 * 24 * 60 + 1);
    const who = await newWechatAccount('too-late');
    await refusedQuietly(() => who.post('/api/me/link', { code: made.code }), 404);
    expect((await cast.countyAdmin.get(`/api/regions/${street.id}/invites`)).body.items.map((i: any) => i.id)).not.toContain(made.id);
  });

  it("is refused to a resident's own account, and the code stays good for a second WeChat account", async () => {
    const made = await invite(cast.admin, street.id, 'STREET_OVERSIGHT', '居民本人');
    const r = await refusedQuietly(() => cast.resident.post('/api/me/link', { code: made.code }), 403);
    expect(r.body.error.reason).toBe('resident_account');
    const second = await newWechatAccount('residents-second-wechat');
    expect((await second.post('/api/me/link', { code: made.code })).status).toBe(200);
  });
});

describe('who may invite', () => {
  it('whoever may give the role there: a 街道 admin its oversight, the 县 admin the 街道 admins below, never a peer', async () => {
    expect((await cast.streetAdmin.post(`/api/regions/${street.id}/invites`, { role: 'STREET_OVERSIGHT', name: '甲' })).status).toBe(201);
    expect((await cast.countyAdmin.post(`/api/regions/${street.id}/invites`, { role: 'STREET_ADMIN', name: '乙' })).status).toBe(201);
    await refusedQuietly(() => cast.streetAdmin.post(`/api/regions/${street.id}/invites`, { role: 'STREET_ADMIN', name: '丙' }), 403);
    await refusedQuietly(() => cast.countyAdmin.post(`/api/regions/${county.id}/invites`, { role: 'COUNTY_ADMIN', name: '丁' }), 403);
    await refusedQuietly(() => cast.streetViewer.post(`/api/regions/${street.id}/invites`, { role: 'STREET_OVERSIGHT', name: '戊' }), 403);
    await refusedQuietly(() => cast.streetViewer.get(`/api/regions/${street.id}/invites`), 403);
    // community staff see no region at all
    await refusedQuietly(() => cast.staff.post(`/api/regions/${street.id}/invites`, { role: 'STREET_OVERSIGHT', name: '己' }), 404);
    // a role of the other level, a missing name
    const wrong = await refusedQuietly(() => cast.admin.post(`/api/regions/${street.id}/invites`, { role: 'COUNTY_ADMIN', name: '庚' }), 400);
    expect(wrong.body.error.details[0].path).toBe('body.role');
    const nameless = await refusedQuietly(() => cast.admin.post(`/api/regions/${street.id}/invites`, { role: 'STREET_ADMIN', name: ' ' }), 400);
    expect(nameless.body.error.details[0].path).toBe('body.name');
    // a 街道 admin lists only the invitations it may give (not the 县 admin's 街道管理员 one)
    expect((await cast.streetAdmin.get(`/api/regions/${street.id}/invites`)).body.items.every((i: any) => i.role === 'STREET_OVERSIGHT')).toBe(true);
  });
});
