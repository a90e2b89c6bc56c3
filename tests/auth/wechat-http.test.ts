// The real WeChat clients, over real HTTP, against WeChat's API as a local fake
// (tests/support/fakeWechat.ts): HttpWechatClient's jscode2session through
// POST /api/auth/wechat, and its handling of WeChat's error codes; HttpSubscribeMessenger's
// subscribeMessage.send, refused as WeChat refuses values that break its rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app.js';
import { HttpWechatClient } from '../../server/auth/wechat.js';
import { loadConfig } from '../../server/config.js';
import { createDb, tuneSqlite, type Db } from '../../server/db.js';
import { buildDeps } from '../../server/deps.js';
import { AppError } from '../../server/errors.js';
import { createLogger } from '../../server/logger.js';
import { HttpSubscribeMessenger, SubscribeError, subscribeDataProblem } from '../../server/notices/subscribe.js';
import { freshDatabase, type FreshDatabase } from '../support/database.js';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat.js';

let wechat: FakeWechat;
let fresh: FreshDatabase;
let db: Db;
let api: { url: string; close(): Promise<void> };
let deps: ReturnType<typeof buildDeps>;

beforeAll(async () => {
  wechat = await startFakeWechat();
  fresh = await freshDatabase();
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: fresh.url, UPLOAD_DIR: `${fresh.dir}/uploads`, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', SLA_SWEEP_SECONDS: '0' });
  db = createDb(config.databaseUrl);
  await tuneSqlite(db);
  // the server as deployed, except that WeChat is at 127.0.0.1
  deps = buildDeps(config, db, createLogger(config.logLevel), { wechat: new HttpWechatClient(wechat.appId, wechat.secret, fetch, wechat.url) });
  const server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  api = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) };
});
afterAll(async () => {
  await api?.close();
  await db?.$disconnect();
  await fresh?.drop();
  await wechat?.close();
});

const signIn = async (code: string) => {
  const res = await fetch(`${api.url}/api/auth/wechat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  return { status: res.status, body: (await res.json()) as any };
};
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);

describe('HttpWechatClient against WeChat on 127.0.0.1', () => {
  it('signs a new user in with a wx.login() code, and the same user again with a new code', async () => {
    const first = await signIn(wechat.issueCode('o-http-1', 'u-http-1'));
    expect(first.status).toBe(200);
    expect(first.body.isNewUser).toBe(true);
    // the request WeChat received: the app's credentials and the code, as jscode2session wants them
    expect(wechat.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: '/sns/jscode2session',
      query: { appid: wechat.appId, secret: wechat.secret, grant_type: 'authorization_code' },
    });
    expect(await db.wechatIdentity.findUnique({ where: { openid: 'o-http-1' } })).toMatchObject({ userId: first.body.userId, unionid: 'u-http-1' });
    const again = await signIn(wechat.issueCode('o-http-1'));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ userId: first.body.userId, isNewUser: false });
  });

  it('a used or unknown code is 401; WeChat throttling is 429; nothing is created', async () => {
    const code = wechat.issueCode('o-http-2');
    expect((await signIn(code)).status).toBe(200);
    const users = await db.user.count();
    const used = await signIn(code);
    expect([used.status, used.body.error.message]).toEqual([401, 'code: invalid or already used, call wx.login again']);
    expect((await signIn('0never-issued')).status).toBe(401);
    wechat.throttled = true;
    try {
      const throttled = await signIn(wechat.issueCode('o-http-3'));
      expect([throttled.status, throttled.body.error.message]).toEqual([429, 'too many logins, try again in a minute']);
    } finally {
      wechat.throttled = false;
    }
    expect(await db.user.count()).toBe(users);
  });

  it('wrong credentials, an unreachable WeChat and a reply that is not JSON are upstream errors', async () => {
    const wrong = new HttpWechatClient(wechat.appId, 'not-the-secret', fetch, wechat.url);
    expect(await refusal(wrong.code2Session(wechat.issueCode('o-http-4')))).toMatchObject({ code: 'upstream_error', message: 'WeChat login failed (40125)' });
    const closed = await startFakeWechat();
    await closed.close(); // nothing listens on its port any more
    const unreachable = new HttpWechatClient(wechat.appId, wechat.secret, fetch, closed.url);
    expect(await refusal(unreachable.code2Session('x'))).toMatchObject({ code: 'upstream_error', message: 'WeChat login service unreachable, try again' });
    // a proxy's error page instead of WeChat's JSON
    const proxy = http.createServer((_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<html>502 Bad Gateway</html>'));
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const behindProxy = new HttpWechatClient(wechat.appId, wechat.secret, fetch, `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`);
      expect(await refusal(behindProxy.code2Session(wechat.issueCode('o-http-5')))).toMatchObject({ code: 'upstream_error' });
    } finally {
      await new Promise((r) => proxy.close(r));
    }
  });
});

describe("WeChat's rules for subscribe message values", () => {
  const ok = (key: string, value: string) => subscribeDataProblem({ [key]: { value } }) === null;
  it.each([
    ['thing1', '二十个字以内的事物名称，可含数字12和字母ab'.slice(0, 20), true],
    ['thing1', '这一段事物描述一共有二十一个字符所以超出了', false],
    ['thing4', '第一行\n第二行', false],
    ['thing1', '', false],
    ['phrase2', '已接单', true],
    ['phrase2', '返工处理中了', false],
    ['phrase2', 'done', false],
    ['time3', '2026-03-05 14:30', true],
    ['time3', '15:01', true],
    ['time3', '2019年10月1日 15:01', true],
    ['time3', '2019年10月1日 15:01~2019年10月1日 17:00', true],
    ['time3', '24:30', false],
    ['time3', '下午三点', false],
    ['date2', '2019年10月1日', true],
    ['date2', '2018/01/01', true],
    ['date2', '昨天', false],
    ['number5', '32.50', true],
    ['number5', '三十', false],
    ['character_string6', 'ORDER-2026-0001', true],
    ['character_string6', '订单一', false],
    ['character_string6', 'x'.repeat(33), false],
    ['amount7', '¥12.50元', true],
    ['phone_number8', '+86-0766-66888866', true],
    ['phone_number8', '电话0766', false],
    ['car_number9', '粤A8Z888挂', true],
    ['name10', '王小明', true],
    ['name10', '王'.repeat(11), false],
    ['letter11', 'abc', true],
    ['symbol12', '%', true],
    ['unknown1', 'x', false],
  ])('%s = %j: %s', (key, value, accepted) => {
    expect(ok(key, value)).toBe(accepted);
  });
});

describe('HttpSubscribeMessenger against WeChat on 127.0.0.1', () => {
  const msg = (data: Record<string, { value: string }>, openid = 'o-sub-1') => ({ openid, templateId: 'tpl-order', page: 'pages/order/index?id=1', data });
  const good = { thing1: { value: '楼道灯不亮' }, phrase2: { value: '已接单' }, time3: { value: '2026-03-05 14:30' }, thing4: { value: '点击查看办理进度' } };

  it('sends a message WeChat accepts, with the fields subscribeMessage.send takes', async () => {
    const messenger = new HttpSubscribeMessenger(deps, wechat.appId, wechat.secret, fetch, wechat.url);
    await messenger.send(msg(good));
    expect(wechat.sent.at(-1)).toEqual({ touser: 'o-sub-1', template_id: 'tpl-order', page: 'pages/order/index?id=1', data: good, miniprogram_state: 'formal', lang: 'zh_CN' });
  });

  it('is refused (47003) for a value that breaks the rules, and 43101 is told apart', async () => {
    const messenger = new HttpSubscribeMessenger(deps, wechat.appId, wechat.secret, fetch, wechat.url);
    const sent = wechat.sent.length;
    for (const [key, value] of [['thing1', '这一段事物描述一共有二十一个字符所以超出了'], ['phrase2', '返工处理中了'], ['time3', '明天下午']] as const) {
      const e = await messenger.send(msg({ ...good, [key]: { value } })).then(() => null, (x: unknown) => x as SubscribeError);
      expect(e).toBeInstanceOf(SubscribeError);
      expect(e!.message).toContain(`47003 argument invalid! data.${key}.value invalid`);
      expect(e!.noSubscription).toBe(false);
    }
    expect(wechat.sent).toHaveLength(sent);
    wechat.refusing.add('o-sub-2');
    const none = await messenger.send(msg(good, 'o-sub-2')).then(() => null, (x: unknown) => x as SubscribeError);
    expect(none?.noSubscription).toBe(true);
  });
});
