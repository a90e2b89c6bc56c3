// Notices over HTTP: staff write them for a community, grids or buildings, now
// or later; residents read their building's, newest first, with unread marks;
// staff follow delivery progress and link buildings to groups.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;
let huize: { id: string; grids: Array<{ id: string; name: string }>; buildings: Array<{ id: string; name: string; gridId: string }> };
let huimin: typeof huize;

const put = (c: { token: string }, path: string, body: unknown) => s.request('PUT', path, { token: c.token, body });

beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  const load = async (name: string) => {
    const c = await s.deps.db.community.findFirstOrThrow({
      where: { name },
      include: { grids: { orderBy: { name: 'asc' } }, buildings: { orderBy: { name: 'asc' } } },
    });
    return { id: c.id, grids: c.grids, buildings: c.buildings };
  };
  huize = await load('惠泽社区');
  huimin = await load('惠民社区');
});
afterAll(() => s.close());

const notice = (over: Record<string, unknown> = {}) => ({
  kind: 'policy',
  title: '医保缴费提醒',
  body: '2026年度城乡居民医保开始缴费，截止12月31日。',
  audience: { type: 'community' },
  ...over,
});

describe('writing a notice', () => {
  it('queues one delivery per linked building group and names the buildings without one', async () => {
    const r = await cast.staff.post('/api/notices', notice());
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ kind: 'policy', kindLabel: '惠民政策', state: 'sending', audience: { type: 'community', buildings: 9 } });
    expect(r.body.delivery).toMatchObject({ total: 8, pending: 8, sent: 0 });

    const p = await cast.staff.get(`/api/notices/${r.body.id}/deliveries`);
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({ total: 8, pending: 8, summary: '已发送 0/8 个群' });
    expect(p.body.buildingsWithoutGroup).toEqual([{ id: expect.any(String), name: '惠泽9栋' }]);
    expect(p.body.items).toHaveLength(8);
    expect(p.body.items[0]).toMatchObject({ status: 'pending', attempts: 0, group: { channel: 'wechaty', topic: expect.stringMatching(/居民群$/) } });
    expect(p.body.items.flatMap((i: any) => i.buildings.map((b: any) => b.name))).not.toContain('惠泽9栋');
  });

  it('for some grids or buildings reaches only those', async () => {
    const grid1 = huize.grids[0]!;
    const r = await cast.staff.post('/api/notices', notice({ kind: 'service', title: '第1网格停水通知', audience: { type: 'grids', gridIds: [grid1.id] } }));
    expect(r.status).toBe(201);
    expect(r.body.audience).toEqual({ type: 'grids', ids: [grid1.id], buildings: 3 });
    expect(r.body.delivery.total).toBe(3);

    const one = huize.buildings.find((b) => b.name === '惠泽4栋')!;
    const r2 = await cast.staff.post('/api/notices', notice({ kind: 'activity', title: '4栋楼道大扫除', audience: { type: 'buildings', buildingIds: [one.id, one.id] } }));
    expect(r2.status).toBe(201);
    expect(r2.body.delivery.total).toBe(1);

    // resident lives in 惠泽1栋 (grid 1); resident2 in 惠泽4栋 (grid 2)
    const mine = (await cast.resident.get('/api/notices')).body.items.map((n: any) => n.title);
    const theirs = (await cast.resident2.get('/api/notices')).body.items.map((n: any) => n.title);
    expect(mine).toContain('第1网格停水通知');
    expect(mine).not.toContain('4栋楼道大扫除');
    expect(theirs).toContain('4栋楼道大扫除');
    expect(theirs).not.toContain('第1网格停水通知');
    expect((await cast.resident2.get(`/api/notices/${r.body.id}`)).status).toBe(404);
    expect((await cast.resident2.post(`/api/notices/${r.body.id}/read`)).status).toBe(404);
    // the building head reads their building's; the grid worker their grid's
    expect((await cast.buildingHead.get(`/api/notices/${r.body.id}`)).status).toBe(200);
    expect((await cast.gridWorker.get(`/api/notices/${r.body.id}`)).status).toBe(200);
    expect((await cast.gridWorker2.get(`/api/notices/${r.body.id}`)).status).toBe(404);
  });

  it('refuses residents, grid workers and other communities, and bad input, writing nothing', async () => {
    const before = await s.deps.db.notice.count();
    expect((await cast.resident.post('/api/notices', notice())).status).toBe(403);
    expect((await cast.gridWorker.post('/api/notices', notice())).status).toBe(403);
    expect((await cast.buildingHead.post('/api/notices', notice())).status).toBe(403);
    expect((await cast.staff.post('/api/notices', notice({ communityId: huimin.id }))).status).toBe(404);

    const bad = async (body: unknown, field: string) => {
      const r = await cast.staff.post('/api/notices', body);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.error.details.map((d: any) => d.path)).toContain(field);
    };
    await bad(notice({ kind: 'gossip' }), 'body.kind');
    await bad(notice({ title: '' }), 'body.title');
    await bad(notice({ body: undefined }), 'body.body');
    await bad(notice({ pagePath: 'https://evil.example/x' }), 'body.pagePath');
    await bad(notice({ audience: { type: 'grids', gridIds: [] } }), 'body.audience.gridIds');
    await bad(notice({ audience: { type: 'grids', gridIds: [huimin.grids[0]!.id] } }), 'body.audience.gridIds');
    await bad(notice({ audience: { type: 'buildings', buildingIds: [huimin.buildings[0]!.id] } }), 'body.audience.buildingIds');
    await bad(notice({ sendAt: new Date(s.now().getTime() - 3600_000).toISOString() }), 'body.sendAt');
    await bad(notice({ sendAt: 'tomorrow-ish' }), 'body.sendAt');
    await bad(notice({ imageId: 'no-such-upload' }), 'body.imageId');
    expect(await s.deps.db.notice.count()).toBe(before);
  });

  it('carries an image the staff uploaded, shown to residents through a signed URL', async () => {
    const jpeg = await sharp({ create: { width: 320, height: 200, channels: 3, background: { r: 200, g: 30, b: 30 } } }).jpeg().toBuffer();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'poster.jpg');
    const up = await s.request('POST', '/api/uploads', { token: cast.staff.token, raw: form });
    expect(up.status).toBe(201);
    // somebody else's upload cannot be attached
    const form2 = new FormData();
    form2.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'mine.jpg');
    const theirs = await s.request('POST', '/api/uploads', { token: cast.resident.token, raw: form2 });
    const refused = await cast.staff.post('/api/notices', notice({ imageId: theirs.body.id }));
    expect(refused.status).toBe(400);

    const r = await cast.staff.post('/api/notices', notice({ kind: 'activity', title: '文艺汇演海报', imageId: up.body.id, pagePath: 'pages/notices/detail?id=1' }));
    expect(r.status).toBe(201);
    const seen = (await cast.resident.get(`/api/notices/${r.body.id}`)).body;
    expect(seen).toMatchObject({ pagePath: 'pages/notices/detail?id=1', image: { id: up.body.id, url: expect.stringContaining('sig=') } });
    const img = await s.request('GET', seen.image.url);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/jpeg');
  });
});

describe('reading notices', () => {
  it('lists the building’s notices newest first, with unread marks that reading clears', async () => {
    const r = await cast.resident.get('/api/notices?limit=50');
    expect(r.status).toBe(200);
    const items = r.body.items;
    expect(items.length).toBeGreaterThanOrEqual(5); // three from the demo, and this file's
    const times = items.map((n: any) => Date.parse(n.publishedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(r.body.unreadCount).toBe(items.filter((n: any) => n.unread).length);

    const first = items[0];
    expect(first.unread).toBe(true);
    const read = await cast.resident.post(`/api/notices/${first.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: first.id, unread: false, readAt: expect.any(String) });
    s.advance(5);
    const again = await cast.resident.post(`/api/notices/${first.id}/read`);
    expect(again.body.readAt).toBe(read.body.readAt); // the first read stays
    const after = (await cast.resident.get('/api/notices?limit=50')).body;
    expect(after.unreadCount).toBe(r.body.unreadCount - 1);
    expect((await cast.resident.get('/api/notices?unread=true&limit=50')).body.items.map((n: any) => n.id)).not.toContain(first.id);
    // reading is per person: the building head has not read it
    expect((await cast.buildingHead.get(`/api/notices/${first.id}`)).body.unread).toBe(true);
  });

  it('pages with a cursor and filters by kind', async () => {
    const all = (await cast.resident.get('/api/notices?limit=50')).body.items.map((n: any) => n.id);
    const p1 = (await cast.resident.get('/api/notices?limit=2')).body;
    const p2 = (await cast.resident.get(`/api/notices?limit=2&cursor=${p1.nextCursor}`)).body;
    expect([...p1.items, ...p2.items].map((n: any) => n.id)).toEqual(all.slice(0, 4));
    const policies = (await cast.resident.get('/api/notices?kind=policy&limit=50')).body.items;
    expect(policies.length).toBeGreaterThan(0);
    expect(policies.every((n: any) => n.kind === 'policy')).toBe(true);
    expect((await cast.resident.get('/api/notices?kind=nope')).status).toBe(400);
  });

  it('keeps another community’s notices out of sight', async () => {
    const theirs = await cast.staffHuimin.post('/api/notices', notice({ title: '惠民社区通知' }));
    expect(theirs.status).toBe(201);
    expect((await cast.resident.get('/api/notices?limit=100')).body.items.map((n: any) => n.id)).not.toContain(theirs.body.id);
    expect((await cast.resident.get(`/api/notices/${theirs.body.id}`)).status).toBe(404);
    expect((await cast.staff.get(`/api/notices/${theirs.body.id}/deliveries`)).status).toBe(404);
    expect((await cast.staff.post(`/api/notices/${theirs.body.id}/cancel`)).status).toBe(404);
    expect((await cast.residentHuimin.get(`/api/notices/${theirs.body.id}`)).status).toBe(200);
    expect((await cast.staff.get('/api/notices/manage?limit=100')).body.items.map((n: any) => n.id)).not.toContain(theirs.body.id);
  });
});

describe('scheduling and withdrawing', () => {
  it('a scheduled notice appears when its time comes', async () => {
    const at = new Date(s.now().getTime() + 2 * 3600_000);
    const r = await cast.staff.post('/api/notices', notice({ kind: 'news', title: '明早的新闻', sendAt: at.toISOString() }));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ state: 'scheduled', sendAt: at.toISOString() });
    const deliveries = await s.deps.db.noticeDelivery.findMany({ where: { noticeId: r.body.id } });
    expect(deliveries.every((d) => d.nextAttemptAt.getTime() === at.getTime())).toBe(true);
    expect((await cast.resident.get(`/api/notices/${r.body.id}`)).status).toBe(404);
    const managed = (await cast.staff.get('/api/notices/manage')).body.items;
    expect(managed[0]).toMatchObject({ id: r.body.id, state: 'scheduled' });
    s.advance(121);
    expect((await cast.resident.get(`/api/notices/${r.body.id}`)).status).toBe(200);
  });

  it('withdrawing stops the pending posts and hides it; twice is a conflict', async () => {
    const r = await cast.staff.post('/api/notices', notice({ title: '发错了的通知' }));
    expect((await cast.resident.post(`/api/notices/${r.body.id}/cancel`)).status).toBe(403); // can read it, may not withdraw it
    expect((await cast.staffHuimin.post(`/api/notices/${r.body.id}/cancel`)).status).toBe(404);
    const c = await cast.staff.post(`/api/notices/${r.body.id}/cancel`);
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ state: 'cancelled', delivery: { cancelled: 8, pending: 0 } });
    expect((await cast.resident.get(`/api/notices/${r.body.id}`)).status).toBe(404);
    expect((await cast.staff.post(`/api/notices/${r.body.id}/cancel`)).status).toBe(409);
    expect((await cast.staff.post(`/api/notices/${r.body.id}/retry`)).status).toBe(409);
  });

  it('the manage list is staff only', async () => {
    expect((await cast.resident.get('/api/notices/manage')).status).toBe(403);
    expect((await cast.gridWorker.get('/api/notices/manage')).status).toBe(403);
    const items = (await cast.staff.get('/api/notices/manage?limit=100')).body.items;
    expect(items.length).toBeGreaterThan(5);
    expect(items.find((n: any) => n.title === '2026年城乡居民医保开始缴费')).toMatchObject({
      state: 'done',
      delivery: { sent: 8, total: 8, summary: '已发送 8/8 个群' },
    });
  });
});

describe('building groups', () => {
  it('staff see their community’s groups and the unlinked ones, never the key of a WeCom robot', async () => {
    expect((await cast.resident.get('/api/bot/groups')).status).toBe(403);
    const groups = (await cast.staff.get('/api/bot/groups')).body;
    const topics = groups.map((g: any) => g.topic);
    expect(topics).toContain('惠泽1栋居民群');
    expect(topics).toContain('惠泽9栋居民群'); // not linked yet
    expect(topics).toContain('恒大1栋居民群'); // nobody's yet
    expect(topics).not.toContain('惠民1栋居民群'); // 惠民's
    expect(groups.find((g: any) => g.topic === '惠泽1栋居民群').buildings).toEqual([{ id: expect.any(String), name: '惠泽1栋' }]);
    expect(JSON.stringify(groups)).not.toContain('@chatroom');
  });

  it('linking a building to a group sends its next notices there', async () => {
    const b9 = huize.buildings.find((b) => b.name === '惠泽9栋')!;
    const g9 = (await cast.staff.get('/api/bot/groups')).body.find((g: any) => g.topic === '惠泽9栋居民群');
    expect((await put(cast.staffHuimin, `/api/bot/buildings/${b9.id}/group`, { groupId: g9.id })).status).toBe(404);
    expect((await put(cast.resident, `/api/bot/buildings/${b9.id}/group`, { groupId: g9.id })).status).toBe(403);
    const bad = await put(cast.staff, `/api/bot/buildings/${b9.id}/group`, {});
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('body.groupId');
    expect((await put(cast.staff, `/api/bot/buildings/${b9.id}/group`, { groupId: 'nope' })).status).toBe(404);

    const r = await put(cast.staff, `/api/bot/buildings/${b9.id}/group`, { groupId: g9.id });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ building: { name: '惠泽9栋' }, group: { id: g9.id, topic: '惠泽9栋居民群' } });
    const n = await cast.staff.post('/api/notices', notice());
    expect(n.body.delivery.total).toBe(9);
    // now 惠泽's, so 惠民's staff no longer see it
    expect((await cast.staffHuimin.get('/api/bot/groups')).body.map((g: any) => g.id)).not.toContain(g9.id);
  });

  it('a group linked by one community cannot be taken by another', async () => {
    const g1 = (await cast.staff.get('/api/bot/groups')).body.find((g: any) => g.topic === '惠泽1栋居民群');
    const r = await put(cast.staffHuimin, `/api/bot/buildings/${huimin.buildings[0]!.id}/group`, { groupId: g1.id });
    expect(r.status).toBe(404);
    expect(await s.deps.db.buildingGroup.findUnique({ where: { buildingId: huimin.buildings[0]!.id } })).toMatchObject({ groupId: expect.not.stringMatching(g1.id) });
  });

  it('registers a WeCom group robot by its webhook address, keeping the key secret', async () => {
    const b = huize.buildings.find((x) => x.name === '惠泽2栋')!;
    const key = '6c3d5f0e-1111-2222-3333-444455556666';
    const bad = await put(cast.staff, `/api/bot/buildings/${b.id}/group`, { wecom: { webhook: 'https://example.com/hook?key=abc', topic: '2栋企业微信群' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('body.wecom.webhook');
    const r = await put(cast.staff, `/api/bot/buildings/${b.id}/group`, {
      wecom: { webhook: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`, topic: '2栋企业微信群' },
    });
    expect(r.status).toBe(200);
    expect(r.body.group).toMatchObject({ channel: 'wecom', topic: '2栋企业微信群' });
    const listed = JSON.stringify((await cast.staff.get('/api/bot/groups')).body);
    expect(listed).toContain('2栋企业微信群');
    expect(listed).not.toContain(key);
    // unlink: the building has no group again
    const un = await put(cast.staff, `/api/bot/buildings/${b.id}/group`, { groupId: null });
    expect(un.body).toEqual({ building: { id: b.id, name: '惠泽2栋' }, group: null });
  });
});

describe('link codes', () => {
  it('a signed-in user gets a short one-time code that expires', async () => {
    const r = await cast.resident.post('/api/bot/link-code');
    expect(r.status).toBe(201);
    expect(r.body.code).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
    expect(Date.parse(r.body.expiresAt) - s.now().getTime()).toBe(10 * 60_000);
    expect(r.body.howTo).toContain(`#绑定 ${r.body.code}`);
    // the code is not stored, only its hash
    const rows = await s.deps.db.botLinkCode.findMany({ where: { userId: cast.resident.userId } });
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(r.body.code);
    // a new code replaces the unused one
    await cast.resident.post('/api/bot/link-code');
    expect(await s.deps.db.botLinkCode.count({ where: { userId: cast.resident.userId } })).toBe(1);
    expect((await s.request('POST', '/api/bot/link-code')).status).toBe(401);
  });
});
