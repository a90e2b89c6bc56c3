// Who has been told (issue #20 item 4): per household of the building, read in the
// mini-program (any member's account), told by the building head (已告知), or not
// reached; an emergency notice shows those not reached first; staff see the counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type Client, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;
let otherHead: Client;
let b1: { id: string; name: string };
let b2: { id: string; name: string };
let noticeId: string;
let households: number;
let residentHousehold: string;
let headHousehold: string;

const put = (c: Client, path: string, body: unknown) => s.request('PUT', path, { token: c.token, body });
const del = (c: Client, path: string) => s.request('DELETE', path, { token: c.token });
const fieldsOf = (r: { body: any }) => (r.body.error?.details ?? []).map((d: any) => d.path);

beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  otherHead = await s.login('buildinghead-1-2');
  const c = await s.deps.db.community.findFirstOrThrow({ where: { name: '惠泽社区' }, include: { buildings: { orderBy: { name: 'asc' } } } });
  b1 = c.buildings.find((b) => b.name === '惠泽1栋')!;
  b2 = c.buildings.find((b) => b.name === '惠泽2栋')!;
  households = await s.deps.db.household.count({ where: { buildingId: b1.id, residents: { some: { leftAt: null } } } });
  const users = await s.deps.db.user.findMany({ where: { id: { in: [cast.resident.userId, cast.buildingHead.userId] } }, include: { resident: true } });
  residentHousehold = users.find((u) => u.id === cast.resident.userId)!.resident!.householdId;
  headHousehold = users.find((u) => u.id === cast.buildingHead.userId)!.resident!.householdId;
  const r = await cast.staff.post('/api/notices', {
    kind: 'emergency',
    title: '今晚停水紧急通知',
    body: '因主管道抢修，1栋、2栋今晚20点至次日6点停水，请提前储水。',
    audience: { type: 'buildings', buildingIds: [b1.id, b2.id] },
  });
  expect(r.status).toBe(201);
  noticeId = r.body.id;
});
afterAll(() => s.close());

const board = (c: Client, buildingId = b1.id) => c.get(`/api/notices/${noticeId}/reach/buildings/${buildingId}`);

describe('the unread/told board of an emergency notice', () => {
  it('a resident read it → 已读; everyone else 未告知, listed first', async () => {
    expect((await cast.resident.post(`/api/notices/${noticeId}/read`)).status).toBe(200);
    const r = await board(cast.buildingHead);
    expect(r.status).toBe(200);
    expect(r.body.mayTell).toBe(true);
    expect(r.body.households).toHaveLength(households);
    expect(r.body.counts).toEqual({ households, read: 1, told: 0, notReached: households - 1 });
    const mine = r.body.households.find((h: any) => h.id === residentHousehold);
    expect(mine).toMatchObject({ state: 'read', unit: '1单元', room: '302', toldAt: null });
    expect(mine.readAt).not.toBeNull();
    expect(r.body.households.at(-1).id).toBe(residentHousehold); // not reached first
    // the 户主's name for the head, never a phone
    expect(r.body.households.every((h: any) => typeof h.headName === 'string' && h.headName.length > 0)).toBe(true);
    expect(JSON.stringify(r.body)).not.toMatch(/phone|1[3-9]\d{9}/);
  });

  it('the head marks a household 已告知 by phone; another building’s head, the grid worker, staff and residents may not', async () => {
    const target = (await board(cast.buildingHead)).body.households.find((h: any) => h.state === 'none' && h.id !== headHousehold);
    const path = `/api/notices/${noticeId}/reach/households/${target.id}`;
    expect((await put(otherHead, path, { how: 'phone' })).status).toBe(404);
    expect((await put(cast.staff, path, { how: 'phone' })).status).toBe(403);
    expect((await put(cast.gridWorker, path, { how: 'phone' })).status).toBe(403);
    expect((await put(cast.resident, path, {})).status).toBe(404);
    expect((await put(cast.staffHuimin, path, {})).status).toBe(404);
    const bad = await put(cast.buildingHead, path, { how: 'shout' });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toContain('body.how');
    expect(await s.deps.db.noticeTold.count()).toBe(0);

    const r = await put(cast.buildingHead, path, { how: 'phone' });
    expect(r.status).toBe(200);
    const told = r.body.households.find((h: any) => h.id === target.id);
    expect(told).toMatchObject({ state: 'told', how: 'phone', readAt: null });
    expect(told.toldBy).toBe((await s.deps.db.user.findUniqueOrThrow({ where: { id: cast.buildingHead.userId } })).displayName);
    expect(told.toldAt).toBe(s.now().toISOString());
    expect(r.body.counts).toEqual({ households, read: 1, told: 1, notReached: households - 2 });
    // the not reached still come first, then the told and the read
    const states = r.body.households.map((h: any) => h.state);
    expect(states.indexOf('told')).toBe(households - 2);
    expect(states.slice(0, households - 2).every((x: string) => x === 'none')).toBe(true);

    // another building's head sees only theirs; a resident follows no board
    expect((await board(otherHead)).status).toBe(404);
    expect((await board(otherHead, b2.id)).body.counts.households).toBeGreaterThan(0);
    expect((await board(cast.resident)).status).toBe(404);
    expect((await cast.resident.get(`/api/notices/${noticeId}/reach`)).status).toBe(404);

    // a mistaken tap taken back, and marked again
    expect((await del(cast.buildingHead, path)).body.counts.told).toBe(0);
    expect((await put(cast.buildingHead, path, { how: 'phone' })).body.counts.told).toBe(1);
  });

  it('staff see the counts per building; 全部已告知 marks the rest', async () => {
    const r = await cast.staff.get(`/api/notices/${noticeId}/reach`);
    expect(r.status).toBe(200);
    expect(r.body.notice).toMatchObject({ id: noticeId, kind: 'emergency', cancelled: false });
    const [one, two] = r.body.buildings;
    expect(one).toMatchObject({ id: b1.id, name: '惠泽1栋', households, read: 1, told: 1, notReached: households - 2, mayTell: false });
    expect(two).toMatchObject({ id: b2.id, name: '惠泽2栋', read: 0, told: 0 });
    expect(r.body.totals.households).toBe(households + two.households);
    expect(r.body.totals.notReached).toBe(households - 2 + two.households);
    // the staff's household list per building
    expect((await board(cast.staff)).body.households).toHaveLength(households);
    // a head's overview: their building only
    expect((await cast.buildingHead.get(`/api/notices/${noticeId}/reach`)).body.buildings.map((b: any) => b.name)).toEqual(['惠泽1栋']);
    expect((await cast.staffHuimin.get(`/api/notices/${noticeId}/reach`)).status).toBe(404);

    const bad = await cast.buildingHead.post(`/api/notices/${noticeId}/reach/all`, {});
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toContain('body.buildingId');
    expect((await otherHead.post(`/api/notices/${noticeId}/reach/all`, { buildingId: b1.id })).status).toBe(404);

    s.advance(5);
    const all = await cast.buildingHead.post(`/api/notices/${noticeId}/reach/all`, { buildingId: b1.id });
    expect(all.status).toBe(200);
    expect(all.body.counts).toEqual({ households, read: 1, told: households - 1, notReached: 0 });
    // the read one stays read; the one told by phone keeps its first time and way
    expect(all.body.households.find((h: any) => h.id === residentHousehold).state).toBe('read');
    expect(all.body.households.filter((h: any) => h.how === 'phone')).toHaveLength(1);

    const after = await cast.staff.get(`/api/notices/${noticeId}/reach`);
    expect(after.body.buildings[0]).toMatchObject({ read: 1, told: households - 1, notReached: 0 });
    expect(after.body.buildings[1]).toMatchObject({ told: 0 });
  });

  it('a withdrawn notice is no longer passed on; a notice not yet sent has no board', async () => {
    const later = await cast.staff.post('/api/notices', {
      kind: 'policy',
      title: '下月医保缴费提醒',
      body: '2027年度城乡居民医保下月开始缴费。',
      audience: { type: 'buildings', buildingIds: [b1.id] },
      sendAt: new Date(s.now().getTime() + 86_400_000).toISOString(),
    });
    expect(later.status).toBe(201);
    expect((await cast.buildingHead.get(`/api/notices/${later.body.id}/reach/buildings/${b1.id}`)).status).toBe(404);
    expect((await cast.staff.post(`/api/notices/${noticeId}/cancel`)).status).toBe(200);
    const target = (await board(cast.buildingHead)).body.households[0];
    const r = await put(cast.buildingHead, `/api/notices/${noticeId}/reach/households/${target.id}`, {});
    expect(r.status).toBe(409);
  });
});
