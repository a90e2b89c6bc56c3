// The WeChat access token is shared through the database: two instances (two
// messengers, two database clients) fetch it once, renew it before it runs out,
// and refresh it when WeChat says it is no longer valid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../server/db.js';
import { HttpSubscribeMessenger } from '../../server/notices/subscribe.js';
import { startServer, type TestServer } from '../support/server.js';

/** WeChat's two endpoints as they answer: stable_token hands out the current token (a new one on force_refresh). */
class FakeWechatApi {
  generation = 1;
  tokenCalls: Array<{ force_refresh: boolean }> = [];
  sends: Array<{ token: string; touser: string }> = [];
  revoked = new Set<string>();
  fetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const body = JSON.parse(String(init?.body ?? '{}'));
    const reply = (x: unknown) => new Response(JSON.stringify(x), { headers: { 'content-type': 'application/json' } });
    if (url.pathname === '/cgi-bin/stable_token') {
      this.tokenCalls.push({ force_refresh: body.force_refresh });
      if (body.appid !== 'wx-test' || body.secret !== 'secret') return reply({ errcode: 40013, errmsg: 'invalid appid' });
      if (body.force_refresh) this.generation++;
      return reply({ access_token: `token-${this.generation}`, expires_in: 7200 });
    }
    if (url.pathname === '/cgi-bin/message/subscribe/send') {
      const token = url.searchParams.get('access_token') ?? '';
      if (this.revoked.has(token) || token !== `token-${this.generation}`) return reply({ errcode: 40001, errmsg: 'invalid credential' });
      this.sends.push({ token, touser: body.touser });
      return reply({ errcode: 0, errmsg: 'ok' });
    }
    return new Response('not found', { status: 404 });
  };
}

let s: TestServer;
let second: Db;
beforeAll(async () => {
  s = await startServer();
  second = createDb(s.deps.config.databaseUrl);
});
afterAll(async () => {
  await second.$disconnect();
  await s.close();
});

const msg = (touser: string) => ({ openid: touser, templateId: 'tpl', page: 'pages/index/index', data: { thing1: { value: '测试' } } });

describe('the WeChat access token', () => {
  it('is fetched once for all instances, renewed before it runs out, refreshed when WeChat rejects it', async () => {
    const wechat = new FakeWechatApi();
    const a = new HttpSubscribeMessenger(s.deps, 'wx-test', 'secret', wechat.fetch, 'https://api.weixin.qq.com');
    const b = new HttpSubscribeMessenger({ db: second, clock: s.deps.clock }, 'wx-test', 'secret', wechat.fetch, 'https://api.weixin.qq.com');
    await a.send(msg('o1'));
    await b.send(msg('o2'));
    await a.send(msg('o3'));
    expect(wechat.tokenCalls).toHaveLength(1);
    expect(wechat.sends.map((x) => x.token)).toEqual(['token-1', 'token-1', 'token-1']);
    const row = await s.deps.db.wechatAccessToken.findUniqueOrThrow({ where: { appId: 'wx-test' } });
    expect(row.token).toBe('token-1');
    expect(row.expiresAt.getTime() - s.now().getTime()).toBe(7200 * 900); // 90 % of WeChat's two hours

    s.advance(110); // past 90 % of two hours
    await b.send(msg('o4'));
    expect(wechat.tokenCalls).toHaveLength(2);
    expect(wechat.tokenCalls[1]).toEqual({ force_refresh: false });

    wechat.generation++; // WeChat replaced it (someone forced a refresh elsewhere)
    await a.send(msg('o5')); // 40001 → force refresh → sent
    expect(wechat.tokenCalls.at(-1)).toEqual({ force_refresh: true });
    expect(wechat.sends.at(-1)).toEqual({ token: `token-${wechat.generation}`, touser: 'o5' });
    const calls = wechat.tokenCalls.length;
    await b.send(msg('o6')); // the other instance reads the refreshed one
    expect(wechat.tokenCalls).toHaveLength(calls);
  });

  it('a refused credential is a clear error, and nothing is stored', async () => {
    const wechat = new FakeWechatApi();
    const bad = new HttpSubscribeMessenger(s.deps, 'wx-other', 'wrong', wechat.fetch, 'https://api.weixin.qq.com');
    await expect(bad.send(msg('o1'))).rejects.toThrow(/access token refused \(40013\)/);
    expect(await s.deps.db.wechatAccessToken.findUnique({ where: { appId: 'wx-other' } })).toBeNull();
  });
});
