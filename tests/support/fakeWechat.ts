// WeChat's HTTP API on 127.0.0.1, for the real clients (HttpWechatClient, HttpSubscribeMessenger)
// to talk to over real HTTP: jscode2session with single-use codes, stable_token, and
// subscribeMessage.send with WeChat's checks of the request and of each value
// (subscribeDataProblem). Every request is recorded as it arrived.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { subscribeDataProblem } from '../../server/notices/subscribe.js';

export interface FakeWechat {
  url: string;
  appId: string;
  secret: string;
  /** A code wx.login() would give this user, good once. */
  issueCode(openid: string, unionid?: string): string;
  /** jscode2session answers 45011 (too frequent) while set. */
  throttled: boolean;
  /** Openids without a subscription left (43101). */
  refusing: Set<string>;
  requests: Array<{ method: string; path: string; query: Record<string, string>; body: any }>;
  sent: any[];
  close(): Promise<void>;
}

export async function startFakeWechat(appId = 'wx-fake-app', secret = 'fake-secret-0123456789'): Promise<FakeWechat> {
  const codes = new Map<string, { openid: string; unionid?: string; used: boolean }>();
  let n = 0;
  let generation = 1;
  const fake: Omit<FakeWechat, 'url' | 'close'> = {
    appId,
    secret,
    issueCode: (openid, unionid) => {
      const code = `0${(++n).toString(36).padStart(6, '0')}${Math.random().toString(36).slice(2, 12)}`;
      codes.set(code, { openid, unionid, used: false });
      return code;
    },
    throttled: false,
    refusing: new Set(),
    requests: [],
    sent: [],
  };

  const answer = (url: URL, body: any): unknown => {
    const q = Object.fromEntries(url.searchParams);
    if (url.pathname === '/sns/jscode2session') {
      if (q.appid !== appId) return { errcode: 40013, errmsg: 'invalid appid' };
      if (q.secret !== secret) return { errcode: 40125, errmsg: 'invalid appsecret' };
      if (q.grant_type !== 'authorization_code') return { errcode: 40002, errmsg: 'invalid grant_type' };
      if (fake.throttled) return { errcode: 45011, errmsg: 'api minute-quota reach limit' };
      const c = codes.get(q.js_code ?? '');
      if (!c) return { errcode: 40029, errmsg: 'invalid code' };
      if (c.used) return { errcode: 40163, errmsg: 'code been used' };
      c.used = true;
      return { openid: c.openid, session_key: 'c2Vzc2lvbi1rZXk=', ...(c.unionid ? { unionid: c.unionid } : {}) };
    }
    if (url.pathname === '/cgi-bin/stable_token') {
      if (body?.grant_type !== 'client_credential') return { errcode: 40002, errmsg: 'invalid grant_type' };
      if (body.appid !== appId || body.secret !== secret) return { errcode: 40013, errmsg: 'invalid appid' };
      if (body.force_refresh === true) generation++;
      return { access_token: `fake-token-${generation}`, expires_in: 7200 };
    }
    if (url.pathname === '/cgi-bin/message/subscribe/send') {
      if (q.access_token !== `fake-token-${generation}`) return { errcode: 40001, errmsg: 'invalid credential' };
      if (typeof body?.touser !== 'string' || !body.touser) return { errcode: 40003, errmsg: 'invalid openid' };
      if (typeof body.template_id !== 'string' || !body.template_id) return { errcode: 40037, errmsg: 'invalid template_id' };
      if (body.miniprogram_state !== undefined && !['developer', 'trial', 'formal'].includes(body.miniprogram_state)) {
        return { errcode: 47003, errmsg: 'argument invalid! miniprogram_state' };
      }
      if (body.lang !== undefined && !['zh_CN', 'en_US', 'zh_HK', 'zh_TW'].includes(body.lang)) return { errcode: 47003, errmsg: 'argument invalid! lang' };
      const problem = body.data && typeof body.data === 'object' ? subscribeDataProblem(body.data) : 'data is empty';
      if (problem) return { errcode: 47003, errmsg: `argument invalid! ${problem}` };
      if (fake.refusing.has(body.touser)) return { errcode: 43101, errmsg: 'user refuse to accept the msg' };
      fake.sent.push(body);
      return { errcode: 0, errmsg: 'ok' };
    }
    return null;
  };

  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let body: any;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      fake.requests.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), body });
      const wantsPost = url.pathname.startsWith('/cgi-bin/');
      const reply = (req.method === 'POST') === wantsPost ? answer(url, body) : null;
      if (reply === null) {
        res.writeHead(404).end('not found');
        return;
      }
      // WeChat answers errors with 200 and an errcode in the body
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(fake, {
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
