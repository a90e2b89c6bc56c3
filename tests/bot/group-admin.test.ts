// 群管理 (#17 item 4): the bot account's state as the console shows it (logged in, or
// waiting for a scan with the login QR, to platform admins only; today's posts against
// the daily cap), and the community's WeCom group robots: register, test post, remove.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordBotState } from '../../server/bot/botState.js';
import { startDemoMockBot } from '../../server/bot/demo.js';
import type { MockBot } from '../../server/bot/mockBot.js';
import { FakeWeComApi } from '../../server/notices/wecom.js';
import { signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';
import { writeMark, writesSince } from '../support/writeLog.js';

const KEY = 'robot-key-0123456789abcdef';
let s: TestServer;
let cast: Cast;
let wecom: FakeWeComApi;
let fakeServer: http.Server;
let m: MockBot | null = null;

beforeAll(async () => {
  // the WeCom webhook API, played by its fake over real HTTP
  wecom = new FakeWeComApi();
  wecom.addRobot(KEY);
  fakeServer = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const reply = await wecom.fetch(`http://fake${req.url}`, { method: req.method!, body: Buffer.concat(chunks).toString() });
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(await reply.text());
  });
  fakeServer.listen(0, '127.0.0.1');
  await new Promise((r) => fakeServer.once('listening', r));
  s = await startServer({ WECOM_BASE_URL: `http://127.0.0.1:${(fakeServer.address() as AddressInfo).port}` });
  cast = await signInAll(s);
});
afterAll(async () => {
  await m?.bot.stop();
  await s?.close();
  fakeServer?.close();
});

const del = (token: string, path: string) => s.request('DELETE', path, { token });

async function refusedQuietly(call: () => Promise<{ status: number; body: any }>, status: number) {
  const mark = await writeMark(s.deps.db);
  const r = await call();
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(await writesSince(s.deps.db, mark)).toEqual({});
  return r;
}

describe('GET /api/bot/status', () => {
  it('says when no bot runs; the login QR goes to platform admins only; the demo bot shows logged in with its count', async () => {
    const none = await cast.staff.get('/api/bot/status');
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ state: 'not_running', mode: null, sentToday: 0 });
    expect(none.body.dailyCap).toBeGreaterThan(0);

    await recordBotState(s.deps, { state: 'waiting_scan', qrcode: 'https://login.weixin.qq.com/l/test-qr', mode: 'wechat' });
    const staff = await cast.staff.get('/api/bot/status');
    expect(staff.body).toMatchObject({ state: 'waiting_scan', mode: 'wechat', mayScan: false });
    expect(staff.body.loginQr).toBeUndefined();
    expect(JSON.stringify(staff.body)).not.toContain('test-qr');
    const admin = await cast.admin.get('/api/bot/status');
    expect(admin.body).toMatchObject({ state: 'waiting_scan', loginQr: 'https://login.weixin.qq.com/l/test-qr', mayScan: true });

    // the demo bot logs in: the QR is spent, the account named
    m = await startDemoMockBot(s.deps);
    const after = await cast.admin.get('/api/bot/status');
    expect(after.body).toMatchObject({ state: 'logged_in', mode: 'demo', accountName: 'e家小助手（演示）' });
    expect(after.body.loginQr).toBeUndefined();
    // today's posts of the account, as the delivery worker counts them
    const row = await s.deps.db.botAccountState.findUniqueOrThrow({ where: { id: 'wechaty' } });
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(s.now());
    await s.deps.db.noticeSender.upsert({
      where: { id: `wechaty:${row.accountId}` },
      create: { id: `wechaty:${row.accountId}`, nextSendAt: s.now(), day, sentToday: 7 },
      update: { day, sentToday: 7 },
    });
    expect((await cast.staff.get('/api/bot/status')).body.sentToday).toBe(7);

    expect((await cast.gridWorker.get('/api/bot/status')).status).toBe(403);
    expect((await cast.resident.get('/api/bot/status')).status).toBe(403);
  });
});

describe('WeCom robots', () => {
  it('registers a robot for the community, tests it, and removes it; its key is never shown', async () => {
    const made = await cast.staff.post('/api/bot/wecom-robots', { webhook: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}`, topic: '惠泽社区志愿者群' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ channel: 'wecom', topic: '惠泽社区志愿者群', present: true, buildings: [], grids: [] });
    const groups = await cast.staff.get('/api/bot/groups');
    expect(groups.body.map((g: any) => g.id)).toContain(made.body.id);
    expect(JSON.stringify(groups.body)).not.toContain(KEY);

    const tested = await cast.staff.post(`/api/bot/wecom-robots/${made.body.id}/test`);
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({ sent: true, error: null });
    expect(wecom.received.get(KEY)!.at(-1)!.content).toContain('【测试】');

    // the robot was taken out of its WeCom group: the test says so in plain words
    wecom.removeRobot(KEY);
    const failed = await cast.staff.post(`/api/bot/wecom-robots/${made.body.id}/test`);
    expect(failed.body.sent).toBe(false);
    expect(failed.body.error).toContain('93000');

    // who may not
    await refusedQuietly(() => cast.staffHuimin.post(`/api/bot/wecom-robots/${made.body.id}/test`), 404);
    await refusedQuietly(() => del(cast.staffHuimin.token, `/api/bot/wecom-robots/${made.body.id}`), 404);
    await refusedQuietly(() => cast.gridWorker.post('/api/bot/wecom-robots', { webhook: KEY, topic: '群' }), 403);
    const huize = await s.deps.db.community.findFirstOrThrow({ where: { name: '惠泽社区' } });
    await refusedQuietly(() => cast.staffHuimin.post('/api/bot/wecom-robots', { communityId: huize.id, webhook: KEY, topic: '群' }), 404);
    const badHook = await refusedQuietly(() => cast.staff.post('/api/bot/wecom-robots', { webhook: 'https://example.com/hook', topic: '群' }), 400);
    expect(badHook.body.error.details[0].path).toBe('body.webhook');
    // a bot group is not removed here
    const botGroup = groups.body.find((g: any) => g.channel === 'wechaty' && g.communityId);
    if (botGroup) await refusedQuietly(() => del(cast.staff.token, `/api/bot/wecom-robots/${botGroup.id}`), 409);

    // linked to a building with a post waiting: removal unlinks it and cancels the post
    const building = await s.deps.db.building.findFirstOrThrow({ where: { name: '惠泽2栋' } });
    expect((await s.request('PUT', `/api/bot/buildings/${building.id}/group`, { token: cast.staff.token, body: { groupId: made.body.id } })).status).toBe(200);
    const later = new Date(s.now().getTime() + 3600_000).toISOString();
    const notice = await cast.staff.post('/api/notices', { kind: 'service', title: '停电通知', body: '今晚八点到十点停电检修，请大家提前做好准备。', audience: { type: 'buildings', buildingIds: [building.id] }, sendAt: later });
    expect(notice.status).toBe(201);
    const removed = await del(cast.staff.token, `/api/bot/wecom-robots/${made.body.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ id: made.body.id, deliveriesCancelled: 1 });
    const row = await s.deps.db.chatGroup.findUniqueOrThrow({ where: { id: made.body.id } });
    expect(row.present).toBe(false);
    expect(row.externalId).not.toContain(KEY);
    expect(await s.deps.db.buildingGroup.count({ where: { groupId: made.body.id } })).toBe(0);
    await refusedQuietly(() => cast.staff.post(`/api/bot/wecom-robots/${made.body.id}/test`), 409);
  });
});
