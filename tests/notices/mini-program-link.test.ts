// A group post opens the mini-program (issue #18, 4): the bot's posts carry a Short Link
// (wxa/genwxashortlink), a card where the puppet sends cards, and WeCom robots a news card
// with a URL Link (urllink.generate). The links are asked from WeChat on 127.0.0.1
// (tests/support/fakeWechat.ts) through the real client and the shared access token, once
// per notice. And the bot's outage reaches staff: one alert per logout, and the banner.
import { PuppetMock } from 'wechaty-puppet-mock';
import type * as PUPPET from 'wechaty-puppet';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Deps } from '../../server/context.js';
import { onRoomMessage, startMockBot, type MockBot } from '../../server/bot/mockBot.js';
import { WechatyChannel } from '../../server/bot/wechatyChannel.js';
import { registerBotAlerts } from '../../server/notices/botAlerts.js';
import { DEMO_BOT_ID, demoRoomId } from '../../server/notices/demoData.js';
import { DeliveryWorker, type Sleep } from '../../server/notices/deliveryWorker.js';
import { linkForNotice, linksFromConfig } from '../../server/notices/miniProgramLink.js';
import { FakeSubscribeMessenger } from '../../server/notices/subscribe.js';
import { FakeWeComApi, WeComWebhookChannel } from '../../server/notices/wecom.js';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat.js';
import { signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';

/** A puppet that sends mini-program cards (as the pad protocols do), or refuses them (as the web protocol does). */
class CardPuppet extends PuppetMock {
  cards: Array<{ conversationId: string; payload: PUPPET.payloads.MiniProgram }> = [];
  refuseCards = false;
  override async messageSendMiniProgram(conversationId: string, payload: PUPPET.payloads.MiniProgram): Promise<void> {
    if (this.refuseCards) throw new Error('messageSendMiniProgram not supported');
    this.cards.push({ conversationId, payload });
  }
}

let wx: FakeWechat;
let s: TestServer;
let cast: Cast;
let m: MockBot;
let puppet: CardPuppet;
const buildings = new Map<string, { id: string }>();
let posts: Array<{ room: string; text: string }> = [];
const sleep: Sleep = async (ms) => {
  s.advance(ms / 60_000);
  await new Promise((r) => setImmediate(r));
};
const worker = (over: Partial<ConstructorParameters<typeof DeliveryWorker>[1]> = {}, deps: Deps = s.deps) =>
  new DeliveryWorker(deps, { channels: [m.bot.channel], sleep, idleMs: 3600_000, ...over });
const compose = async (body: Record<string, unknown>) => {
  const r = await cast.staff.post('/api/notices', { kind: 'policy', title: '通知', body: '请各位居民周知。', audience: { type: 'community' }, ...body });
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  return r.body as { id: string; delivery: { total: number } };
};
const progress = async (id: string) => (await cast.staff.get(`/api/notices/${id}/deliveries`)).body;
const linkCalls = (kind: 'short' | 'url') => wx.requests.filter((r) => r.path === (kind === 'short' ? '/wxa/genwxashortlink' : '/wxa/generate_urllink'));
/** The deps with a logger that also keeps the warnings (the log must say a post went without its link). */
function withWarnings(): { deps: Deps; warned: unknown[][] } {
  const warned: unknown[][] = [];
  const logger = new Proxy(s.deps.logger, {
    get: (target, key) =>
      key === 'warn'
        ? (...args: unknown[]) => {
            warned.push(args);
            return (target.warn as (...a: unknown[]) => void)(...args);
          }
        : Reflect.get(target, key),
  });
  return { deps: { ...s.deps, logger }, warned };
}

beforeAll(async () => {
  wx = await startFakeWechat();
  // the worker's links come from the configuration, as in production: the real client against WeChat on 127.0.0.1
  s = await startServer({ WECHAT_APPID: wx.appId, WECHAT_SECRET: wx.secret, WECHAT_API_URL: wx.url, NOTICE_QUIET_HOURS: 'off' });
  cast = await signInAll(s);
  for (const b of await s.deps.db.building.findMany()) buildings.set(b.name, b);
  await s.deps.db.noticeDelivery.deleteMany({ where: { status: 'pending' } }); // the demo's scheduled notice
  m = await startMockBot(s.deps, {
    selfId: DEMO_BOT_ID,
    selfName: 'e家小助手',
    mode: 'demo',
    groups: [...buildings.entries()].map(([name, b]) => ({ id: demoRoomId(b.id), topic: `${name}居民群` })),
    members: (mocker) => [mocker.createContact({ name: '居民' })],
    puppet: (mocker) => (puppet = new CardPuppet({ mocker })),
  });
  for (const room of m.rooms.values()) {
    onRoomMessage(room, (msg) => {
      if (msg.payload.talkerId === m.self.id) posts.push({ room: room.id, text: msg.text() ?? '' });
    });
  }
});
afterAll(async () => {
  await m?.bot.stop();
  await s?.close();
  await wx?.close();
});
beforeEach(() => {
  posts = [];
  wx.linkErrcode = null;
  puppet.cards = [];
  puppet.refuseCards = false;
});

describe('a group post opens the mini-program', () => {
  it('a broadcast asks WeChat for one Short Link, and every group’s post carries it', async () => {
    const before = linkCalls('short').length;
    const n = await compose({ title: '医保缴费提醒', body: '2026年度城乡居民医保开始缴费。' });
    expect(n.delivery.total).toBeGreaterThan(3);
    await worker().runUntilIdle();

    expect(posts).toHaveLength(n.delivery.total);
    expect(linkCalls('short').length - before).toBe(1);
    const made = wx.links.at(-1)!;
    expect(made).toMatchObject({ kind: 'short', page: 'pages/notices/detail', query: `id=${n.id}`, title: '医保缴费提醒' });
    expect(made.link).toMatch(/^#小程序:\/\/e家社区\/\w+$/);
    for (const p of posts) {
      expect(p.text).toBe(`【惠民政策】医保缴费提醒\n\n2026年度城乡居民医保开始缴费。\n\n👉 点下面的链接，在「e家社区」小程序里查看：\n${made.link}\n\n—— 惠泽社区`);
    }
    expect(await progress(n.id)).toMatchObject({ sent: n.delivery.total, failed: 0 });
    // the link is kept: another worker (another instance) posting the same notice asks no more
    const kept = await linkForNotice(s.deps, linksFromConfig(s.deps)!, { id: n.id, title: '医保缴费提醒', staffOnly: false }, 'short');
    expect(kept).toBe(made.link);
    expect(linkCalls('short').length - before).toBe(1);
    // …until it is about to expire (WeChat keeps it 30 days; it is used for 29)
    s.advance(29 * 24 * 60 + 1);
    const fresh = await linkForNotice(s.deps, linksFromConfig(s.deps)!, { id: n.id, title: '医保缴费提醒', staffOnly: false }, 'short');
    expect(fresh).not.toBe(made.link);
    expect(linkCalls('short').length - before).toBe(2);
  });

  it('a long title is cut to WeChat’s 20 characters before it is sent', async () => {
    const title = '关于开展2026年度城乡居民基本医疗保险集中参保缴费工作的通知';
    const n = await compose({ title, audience: { type: 'buildings', buildingIds: [buildings.get('惠泽1栋')!.id] } });
    await worker().runUntilIdle();
    const asked = linkCalls('short').at(-1)!.body;
    expect(asked).toMatchObject({ page_url: `pages/notices/detail?id=${n.id}`, is_permanent: false });
    expect([...asked.page_title]).toHaveLength(20);
    expect(asked.page_title.endsWith('…')).toBe(true);
    expect(posts).toHaveLength(1);
  });

  it('WeChat refusing the link: every post still goes out, without it, and the log says so', async () => {
    wx.linkErrcode = 85400; // e.g. a quota reached
    const before = linkCalls('short').length;
    const { deps, warned } = withWarnings();
    const n = await compose({ title: '停水通知', body: '周三9点至12点停水。' });
    await worker({}, deps).runUntilIdle();

    expect(posts).toHaveLength(n.delivery.total);
    for (const p of posts) {
      expect(p.text).not.toContain('#小程序');
      expect(p.text).toBe('【惠民政策】停水通知\n\n周三9点至12点停水。\n\n—— 惠泽社区');
    }
    expect(await progress(n.id)).toMatchObject({ sent: n.delivery.total, failed: 0 });
    expect(linkCalls('short').length - before).toBe(1); // asked once for the broadcast, not once per group
    expect(warned.some((w) => String(w[1]).includes('no mini-program link') && JSON.stringify(w[0]).includes('85400'))).toBe(true);
    expect(await s.deps.db.noticeLink.count({ where: { noticeId: n.id } })).toBe(0);
  });

  it('WeChat unreachable: the posts go out without a link too', async () => {
    const deps: Deps = { ...s.deps, config: { ...s.deps.config, wechat: { ...s.deps.config.wechat, apiUrl: 'http://127.0.0.1:9' } } };
    const n = await compose({ title: '断网也要发', audience: { type: 'buildings', buildingIds: [buildings.get('惠泽2栋')!.id] } });
    // the token is kept in the database: a fresh one must be asked for to reach the network at all
    await s.deps.db.wechatAccessToken.deleteMany();
    await worker({}, deps).runUntilIdle();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.text).not.toContain('#小程序');
    expect(await progress(n.id)).toMatchObject({ sent: 1 });
  });

  it('where the puppet sends cards: the text without the link, then a card opening the notice', async () => {
    const card = { appid: wx.appId, username: 'gh_0123456789ab' };
    const channel = new WechatyChannel(m.bot.wechaty, card);
    const b = buildings.get('惠泽3栋')!;
    const n = await compose({ title: '社区义诊', body: '周六上午社区广场义诊。', audience: { type: 'buildings', buildingIds: [b.id] } });
    await worker({ channels: [channel] }).runUntilIdle();
    expect(posts).toEqual([{ room: demoRoomId(b.id), text: '【惠民政策】社区义诊\n\n周六上午社区广场义诊。\n\n—— 惠泽社区' }]);
    expect(puppet.cards).toEqual([
      {
        conversationId: demoRoomId(b.id),
        payload: expect.objectContaining({ appid: wx.appId, username: 'gh_0123456789ab', title: '社区义诊', pagePath: `pages/notices/detail.html?id=${n.id}` }),
      },
    ]);
  });

  it('a puppet that cannot send cards: the link follows the text, and the delivery counts as sent once', async () => {
    puppet.refuseCards = true;
    const channel = new WechatyChannel(m.bot.wechaty, { appid: wx.appId, username: 'gh_0123456789ab' });
    const b = buildings.get('惠泽4栋')!;
    const n = await compose({ title: '卡片发不出', audience: { type: 'buildings', buildingIds: [b.id] } });
    await worker({ channels: [channel] }).runUntilIdle();
    const link = wx.links.at(-1)!;
    expect(link).toMatchObject({ kind: 'short', query: `id=${n.id}` });
    expect(posts.map((p) => p.text)).toEqual(['【惠民政策】卡片发不出\n\n请各位居民周知。\n\n—— 惠泽社区', `👉 点下面的链接，在「e家社区」小程序里查看：\n${link.link}`]);
    expect(await progress(n.id)).toMatchObject({ sent: 1, failed: 0 });
  });
});

describe('the link is asked before the delivery is claimed', () => {
  it('a worker that dies inside WeChat’s link call leaves the delivery pending, and the next worker posts it once', async () => {
    const b = buildings.get('惠泽5栋')!;
    const n = await compose({ title: '链接卡住', audience: { type: 'buildings', buildingIds: [b.id] } });
    // WeChat's link call never answers: the process dies inside it
    let asked!: () => void;
    const inCall = new Promise<void>((resolve) => (asked = resolve));
    const hanging = {
      shortLink: () => (asked(), new Promise<never>(() => {})),
      urlLink: () => (asked(), new Promise<never>(() => {})),
    };
    s.advance(60); // the bot's gap after the posts before this one
    void worker({ links: hanging }).step();
    await inCall;
    const row = await s.deps.db.noticeDelivery.findFirstOrThrow({ where: { noticeId: n.id } });
    expect(row).toMatchObject({ status: 'pending', claimedBy: null, claimedUntil: null, attemptStartedAt: null, attempts: 0 });
    expect(posts).toEqual([]);

    // its lease would have run out by now; another worker (another instance) takes over
    s.advance(10);
    await worker().runUntilIdle();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.text).toContain(wx.links.at(-1)!.link);
    expect(await s.deps.db.noticeDelivery.findFirstOrThrow({ where: { noticeId: n.id } })).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(await progress(n.id)).toMatchObject({ sent: 1, possibly_sent: 0 });
  });
});

describe('WeCom robots: a news card with a URL Link', () => {
  const key = 'a1b2c3d4-0000-4000-8000-0000000link1';
  let wecom: FakeWeComApi;
  beforeAll(async () => {
    wecom = new FakeWeComApi(() => s.now().getTime());
    wecom.addRobot(key);
    const r = await cast.staff.post('/api/bot/wecom-robots', { webhook: key, topic: '9栋企业微信群' });
    expect(r.status).toBe(201);
    const put = await s.request('PUT', `/api/bot/buildings/${buildings.get('惠泽9栋')!.id}/group`, { token: cast.staff.token, body: { groupId: r.body.id } });
    expect(put.status).toBe(200);
  });

  it('the robot posts a valid news message whose url is the notice’s URL Link, asked once', async () => {
    wecom.received.set(key, []);
    const before = linkCalls('url').length;
    const body = '今年起，城乡居民医保个人缴费标准为每人每年400元。'.repeat(20); // past the 512 bytes of a description
    const n = await compose({ title: '医保缴费标准', body, audience: { type: 'buildings', buildingIds: [buildings.get('惠泽9栋')!.id] } });
    await worker({ channels: [m.bot.channel, new WeComWebhookChannel(wecom.fetch)] }).runUntilIdle();
    expect(linkCalls('url').length - before).toBe(1);
    const made = wx.links.at(-1)!;
    expect(made).toMatchObject({ kind: 'url', page: 'pages/notices/detail', query: `id=${n.id}` });
    expect(linkCalls('url').at(-1)!.body).toMatchObject({ path: 'pages/notices/detail', query: `id=${n.id}`, expire_type: 1, expire_interval: 30, env_version: 'release' });
    const got = wecom.received.get(key)!;
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ msgtype: 'news', articles: [{ title: '【惠民政策】医保缴费标准', url: made.link }] });
    const description = got[0]!.articles![0]!.description!;
    expect(Buffer.byteLength(description)).toBeLessThanOrEqual(512);
    expect(description.startsWith('今年起')).toBe(true);
    expect(description.endsWith('…（点开查看全文）')).toBe(true);
    expect(await progress(n.id)).toMatchObject({ sent: 1 });
  });

  it('without a link (WeChat refused it) the robot posts the whole text instead', async () => {
    wecom.received.set(key, []);
    wx.linkErrcode = 40165;
    const n = await compose({ title: '没有链接', audience: { type: 'buildings', buildingIds: [buildings.get('惠泽9栋')!.id] } });
    await worker({ channels: [m.bot.channel, new WeComWebhookChannel(wecom.fetch)] }).runUntilIdle();
    expect(wecom.received.get(key)).toEqual([{ msgtype: 'text', content: expect.stringContaining('【惠民政策】没有链接'), at: expect.any(Number) }]);
    expect(await progress(n.id)).toMatchObject({ sent: 1 });
  });

  it('the fake webhook refuses a news message WeCom would refuse', async () => {
    const send = (news: unknown) =>
      wecom.fetch(`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`, { method: 'POST', body: JSON.stringify({ msgtype: 'news', news }) }).then((r) => r.json());
    expect(await send({ articles: [] })).toMatchObject({ errcode: 40058 });
    expect(await send({ articles: [{ title: '无链接' }] })).toMatchObject({ errcode: 40058 });
    expect(await send({ articles: [{ title: '', url: 'https://wxaurl.cn/x' }] })).toMatchObject({ errcode: 44003 });
    expect(await send({ articles: [{ title: '长'.repeat(43), url: 'https://wxaurl.cn/x' }] })).toMatchObject({ errcode: 45002 }); // 129 bytes
    expect(await send({ articles: [{ title: 't', url: '#小程序://e家社区/abc' }] })).toMatchObject({ errcode: 40058 }); // a Short Link is no URL
    expect(await send({ articles: Array.from({ length: 9 }, () => ({ title: 't', url: 'https://wxaurl.cn/x' })) })).toMatchObject({ errcode: 40058 });
    expect(await send({ articles: [{ title: 't', url: 'https://wxaurl.cn/x', picurl: 'https://example.org/p.png' }] })).toMatchObject({ errcode: 0 });
  });
});

describe('the bot’s logout reaches staff', () => {
  it('one alert per outage to the staff and admins who opted in, the banner while it lasts, none from polling', async () => {
    const messenger = new FakeSubscribeMessenger();
    registerBotAlerts(s.deps, messenger, { order_status: 'tpl-order', emergency_notice: 'tpl-emergency' });
    for (const c of [cast.staff, cast.admin, cast.gridWorker]) {
      expect((await c.post('/api/notices/subscriptions', { accepted: ['emergency_notice'] })).status).toBe(200);
    }
    expect((await cast.staff.get('/api/bot/banner')).body).toMatchObject({ out: false, state: 'logged_in', since: null });

    await m.puppet.logout('kicked out by WeChat');
    await m.bot.settled();
    await s.deps.events.settled();
    const openids = (await s.deps.db.wechatIdentity.findMany({ where: { userId: { in: [cast.staff.userId, cast.admin.userId] } } })).map((w) => w.openid);
    expect(messenger.sent.map((x) => x.openid).sort()).toEqual(openids.sort());
    expect(messenger.sent[0]).toMatchObject({ templateId: 'tpl-emergency', page: 'packages/staff/desk/index', data: { thing1: { value: '群机器人已退出登录' } } });

    const banner = await cast.staff.get('/api/bot/banner');
    expect(banner.status).toBe(200);
    expect(banner.body).toMatchObject({ out: true, state: 'logged_out', since: s.now().toISOString(), message: expect.stringContaining('群管理') });
    expect((await cast.admin.get('/api/bot/banner')).body).toMatchObject({ out: true });
    expect((await cast.resident.get('/api/bot/banner')).status).toBe(403);
    expect((await cast.gridWorker.get('/api/bot/banner')).status).toBe(403);

    // the puppet asks for a scan, and again as the QR refreshes; the console polls: the same outage, no new alert
    s.advance(1);
    m.mocker.scan('https://login.weixin.qq.com/l/qr-1');
    s.advance(1);
    m.mocker.scan('https://login.weixin.qq.com/l/qr-2');
    await m.bot.settled();
    for (let i = 0; i < 3; i++) expect((await cast.staff.get('/api/bot/banner')).body).toMatchObject({ out: true, state: 'waiting_scan' });
    await s.deps.events.settled();
    expect(messenger.sent).toHaveLength(2);
    // one record per person told or skipped (no opt-in), not one per event
    const audience = (await s.deps.db.userRole.findMany({ where: { role: { in: ['STAFF', 'ADMIN'] } }, distinct: ['userId'] })).length;
    expect(await s.deps.db.subscribeMessage.count({ where: { ref: { startsWith: 'bot-out:' } } })).toBe(audience);
    expect(await s.deps.db.subscribeMessage.count({ where: { ref: { startsWith: 'bot-out:' }, outcome: 'sent' } })).toBe(2);
    expect((await cast.staff.get('/api/bot/banner')).body.since).toBe(banner.body.since); // since the logout, not the last QR

    // logged in again: no banner; the next logout is a new outage and alerts again (to those with an opt-in left)
    const back = new Promise<void>((resolve) => m.bot.wechaty.once('login', () => resolve()));
    m.mocker.login(m.self);
    await back;
    await m.bot.settled();
    expect((await cast.staff.get('/api/bot/banner')).body).toMatchObject({ out: false, state: 'logged_in' });
    expect((await cast.admin.post('/api/notices/subscriptions', { accepted: ['emergency_notice'] })).status).toBe(200);
    s.advance(5);
    await m.puppet.logout('again');
    await m.bot.settled();
    await s.deps.events.settled();
    expect(messenger.sent).toHaveLength(3); // the admin, who opted in again; staff have no opt-in left
    const adminOpenid = (await s.deps.db.wechatIdentity.findFirstOrThrow({ where: { userId: cast.admin.userId } })).openid;
    expect(messenger.sent[2]!.openid).toBe(adminOpenid);
    const back2 = new Promise<void>((resolve) => m.bot.wechaty.once('login', () => resolve()));
    m.mocker.login(m.self);
    await back2;
    await m.bot.settled();
  });
});
