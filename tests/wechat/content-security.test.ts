// WeChat's content security (issue #18 §2): residents' texts through msgSecCheck v2 before
// they are kept, photos through mediaCheckAsync with the verdict from WeChat's message push.
// The server runs its real HTTP client against a fake WeChat on 127.0.0.1.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceOrder, raiseOrder, signInAll, type Cast } from '../support/fixtures.js';
import { pushToServer, startFakeWechat, type FakeWechat } from '../support/fakeWechat.js';
import { startServer, type TestServer } from '../support/server.js';

const TOKEN = 'pushToken123';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'; // 43 characters, as WeChat makes them
const PUBLIC_URL = 'https://ejia.example.gov.cn';

let wx: FakeWechat;
let s: TestServer;
let cast: Cast;
const keys = () => ({ token: TOKEN, aesKey: AES_KEY, appId: wx.appId });

beforeAll(async () => {
  wx = await startFakeWechat();
  s = await startServer({
    WECHAT_APPID: wx.appId,
    WECHAT_SECRET: wx.secret,
    WECHAT_API_URL: wx.url,
    WECHAT_PUSH_TOKEN: TOKEN,
    WECHAT_PUSH_AES_KEY: AES_KEY,
    PUBLIC_URL,
  });
  cast = await signInAll(s);
  wx.riskyWords.add('赌博网站');
  wx.reviewWords.add('加微信');
});
afterAll(async () => {
  await s?.close();
  await wx?.close();
});

const orderCount = () => s.deps.db.order.count();
const checks = () => wx.requests.filter((r) => r.path === '/wxa/msg_sec_check');

describe('texts residents write', () => {
  it('refuses a risky description with a kind message naming the field, and files nothing', async () => {
    const before = await orderCount();
    const asked = checks().length;
    const r = await cast.resident.post('/api/orders', { category: 'repair', description: '楼下有人发赌博网站的传单，水管也坏了' });
    expect(r.status).toBe(400);
    expect(r.body.error.reason).toBe('content_risky');
    expect(r.body.error.details).toEqual([{ path: 'body.description', message: '内容含有不适合发布的信息，请修改后再提交' }]);
    expect(await orderCount()).toBe(before);
    // v2, as a post (scene 3), with the author's openid
    const call = checks().slice(asked).at(-1)!;
    expect(call.body).toMatchObject({ version: 2, scene: 3, openid: 'demo-resident', content: '楼下有人发赌博网站的传单，水管也坏了' });
  });

  it('names the title when the title is the risky one', async () => {
    const r = await cast.resident.post('/api/orders', { category: 'repair', title: '赌博网站', description: '卫生间水龙头一直滴水' });
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].path).toBe('body.title');
  });

  it('takes a text WeChat is unsure of (review), and a clean one', async () => {
    expect((await cast.resident.post('/api/orders', { category: 'repair', description: '水管漏水，有事加微信联系我' })).status).toBe(201);
    expect((await cast.resident.post('/api/orders', { category: 'repair', description: '水管漏水了' })).status).toBe(201);
  });

  it('checks what a building head writes for a neighbour too, with the head’s own openid', async () => {
    const asked = checks().length;
    const r = await cast.buildingHead.post('/api/orders', { category: 'repair', description: '帮邻居报：赌博网站' });
    // a building head filing without onBehalfOf files for their own household: the text is refused either way
    expect(r.status).toBe(400);
    expect(checks().slice(asked).at(-1)!.body.openid).toBe('demo-buildinghead');
  });

  it('takes the text while WeChat is down: a request for help is never lost to an outage', async () => {
    wx.securityDown = true;
    try {
      const before = await orderCount();
      const r = await cast.resident.post('/api/orders', { category: 'repair', description: '赌博网站 (WeChat cannot say so now)' });
      expect(r.status).toBe(201);
      expect(await orderCount()).toBe(before + 1);
    } finally {
      wx.securityDown = false;
    }
  });

  it('refuses a risky evaluation comment and leaves the order as it was', async () => {
    const order = await raiseOrder(cast.resident);
    await advanceOrder(cast, order.id, 'resolved');
    const r = await cast.resident.post(`/api/orders/${order.id}/feedback`, { satisfied: false, rating: 1, comment: '去赌博网站看看' });
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].path).toBe('body.comment');
    expect(checks().at(-1)!.body.scene).toBe(2); // a comment
    expect((await cast.resident.get(`/api/orders/${order.id}`)).body.status).toBe('resolved');
    expect((await cast.resident.post(`/api/orders/${order.id}/feedback`, { satisfied: true, rating: 5, comment: '修得很好' })).status).toBe(200);
  });
});

async function photo(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 40, b: 40 } } }).jpeg().toBuffer();
}

async function uploadAs(token: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(await photo())], { type: 'image/jpeg' }), 'p.jpg');
  const r = await s.request('POST', '/api/uploads', { token, raw: form });
  expect(r.status).toBe(201);
  return r.body as { id: string; url: string };
}

const verdictEvent = (traceId: string, suggest: string, label = 20002) => ({
  ToUserName: 'gh_fake',
  FromUserName: 'o-system',
  CreateTime: Math.floor(s.now().getTime() / 1000),
  MsgType: 'event',
  Event: 'wxa_media_check',
  appid: wx.appId,
  trace_id: traceId,
  version: 2,
  detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: 90 }],
  errcode: 0,
  errmsg: 'ok',
  result: { suggest, label },
});

describe('photos', () => {
  it('sends each photo to WeChat by a URL WeChat can fetch, and hides a risky one from all but staff once the verdict comes', async () => {
    const up = await uploadAs(cast.resident.token);
    const asked = wx.mediaChecks.at(-1)!;
    expect(asked).toMatchObject({ openid: 'demo-resident', scene: 3 });
    expect(asked.mediaUrl.startsWith(`${PUBLIC_URL}/api/uploads/${up.id}?`)).toBe(true);
    // the URL WeChat was given opens the photo (here, on our server)
    const forWechat = await fetch(s.url + asked.mediaUrl.slice(PUBLIC_URL.length));
    expect(forWechat.status).toBe(200);
    expect(forWechat.headers.get('content-type')).toBe('image/jpeg');

    const order = await raiseOrder(cast.resident, { photos: [up.id] });
    const seenBy = async (who: keyof Cast) => (await cast[who].get(`/api/orders/${order.id}`)).body.timeline[0].photos as Array<{ id: string; url: string; flagged?: true }>;
    // pending: shown as usual (a grid worker needs the photo of a burst pipe now)
    expect(await seenBy('gridWorker')).toHaveLength(1);
    const earlierUrl = (await seenBy('resident'))[0]!.url;

    const pushed = await pushToServer(s.url, keys(), verdictEvent(asked.traceId, 'risky'), { now: s.now() });
    expect(pushed).toEqual({ status: 200, text: 'success' });

    expect(await seenBy('resident')).toEqual([]);
    expect(await seenBy('gridWorker')).toEqual([]);
    const forStaff = await seenBy('staff');
    expect(forStaff).toEqual([{ id: up.id, url: expect.stringContaining('&p=f'), flagged: true }]);
    expect((await fetch(s.url + forStaff[0]!.url)).status).toBe(200);
    // a URL handed out before the verdict, and the uploader's own signed-in read, no longer open it
    expect((await fetch(s.url + earlierUrl)).status).toBe(404);
    expect((await s.request('GET', `/api/uploads/${up.id}`, { token: cast.resident.token })).status).toBe(404);
    expect((await s.request('GET', `/api/uploads/${up.id}`, { token: cast.staff.token })).status).toBe(200);
    const row = await s.deps.db.mediaCheck.findUniqueOrThrow({ where: { uploadId: up.id } });
    expect(row).toMatchObject({ verdict: 'risky', label: 20002 });
  });

  it('keeps a photo that passes, and a repeated push changes nothing', async () => {
    const up = await uploadAs(cast.resident.token);
    const { traceId } = wx.mediaChecks.at(-1)!;
    expect((await pushToServer(s.url, keys(), verdictEvent(traceId, 'pass', 100), { now: s.now() })).status).toBe(200);
    // WeChat retries a push it thinks went unanswered; a later contrary push for a decided check is ignored too
    expect((await pushToServer(s.url, keys(), verdictEvent(traceId, 'risky'), { now: s.now() })).status).toBe(200);
    expect(await s.deps.db.mediaCheck.findUniqueOrThrow({ where: { uploadId: up.id } })).toMatchObject({ verdict: 'pass' });
  });

  it('refuses pushes that are not WeChat’s: a wrong signature, an old timestamp, plain text where 安全模式 is set', async () => {
    const up = await uploadAs(cast.resident.token);
    const { traceId } = wx.mediaChecks.at(-1)!;
    const event = verdictEvent(traceId, 'risky');
    expect((await pushToServer(s.url, keys(), event, { now: s.now(), signature: 'f'.repeat(40) })).status).toBe(403);
    expect((await pushToServer(s.url, keys(), event, { now: new Date(s.now().getTime() - 10 * 60_000) })).status).toBe(403);
    expect((await pushToServer(s.url, keys(), event, { now: s.now(), plaintext: true })).status).toBe(403);
    expect((await pushToServer(s.url, { ...keys(), appId: 'wx-another-app' }, event, { now: s.now() })).status).toBe(403);
    expect((await pushToServer(s.url, { ...keys(), aesKey: 'Z'.repeat(43) }, event, { now: s.now() })).status).toBe(403);
    expect(await s.deps.db.mediaCheck.findUniqueOrThrow({ where: { uploadId: up.id } })).toMatchObject({ verdict: 'pending' });
  });

  it('answers WeChat’s URL check with echostr only when signed with the token', async () => {
    const { pushSignature } = await import('../../server/wechat/pushSignature.js');
    const timestamp = String(Math.floor(s.now().getTime() / 1000));
    const ok = new URLSearchParams({ signature: pushSignature(TOKEN, timestamp, 'n1'), timestamp, nonce: 'n1', echostr: 'hello-wechat' });
    const r = await fetch(`${s.url}/api/wechat/push?${ok}`);
    expect([r.status, await r.text()]).toEqual([200, 'hello-wechat']);
    ok.set('signature', pushSignature('wrongToken', timestamp, 'n1'));
    expect((await fetch(`${s.url}/api/wechat/push?${ok}`)).status).toBe(403);
    expect((await fetch(`${s.url}/api/wechat/push?timestamp=1&nonce=x`)).status).toBe(400);
  });

  it('records a photo as unchecked while WeChat is down, and shows it as usual', async () => {
    wx.securityDown = true;
    try {
      const up = await uploadAs(cast.resident.token);
      expect(await s.deps.db.mediaCheck.findUniqueOrThrow({ where: { uploadId: up.id } })).toMatchObject({ verdict: 'unchecked', traceId: null });
    } finally {
      wx.securityDown = false;
    }
  });
});

describe('a server without the push configured', () => {
  it('has no push endpoint, and sends no photo for checking without PUBLIC_URL', async () => {
    const plain = await startServer({ WECHAT_APPID: wx.appId, WECHAT_SECRET: wx.secret, WECHAT_API_URL: wx.url });
    try {
      const staff = await plain.login('demo-staff');
      const asked = wx.mediaChecks.length;
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(await photo())], { type: 'image/jpeg' }), 'p.jpg');
      const up = await plain.request('POST', '/api/uploads', { token: staff.token, raw: form });
      expect(up.status).toBe(201);
      expect(wx.mediaChecks.length).toBe(asked);
      expect(await plain.deps.db.mediaCheck.findUniqueOrThrow({ where: { uploadId: up.body.id } })).toMatchObject({ verdict: 'unchecked' });
      expect((await pushToServer(plain.url, keys(), verdictEvent('x', 'risky'), { now: plain.now() })).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
