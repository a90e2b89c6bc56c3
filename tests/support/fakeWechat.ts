// WeChat's HTTP API on 127.0.0.1, for the real clients (HttpWechatClient, HttpSubscribeMessenger)
// to talk to over real HTTP: jscode2session with single-use codes, stable_token, and
// subscribeMessage.send with WeChat's checks of the request and of each value
// (subscribeDataProblem). Every request is recorded as it arrived.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
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
  /** msg_sec_check: a text holding one of these is risky, one holding a reviewWord is review, others pass. */
  riskyWords: Set<string>;
  reviewWords: Set<string>;
  /** msg_sec_check and media_check_async answer -1 (system busy) while set. */
  securityDown: boolean;
  /** The photos asked to be checked (media_check_async), with the trace id given for each. */
  mediaChecks: Array<{ traceId: string; mediaUrl: string; openid: string; scene: number }>;
  /** wxacode.getUnlimited: the codes made ({ scene, page, … } as asked); while codeErrcode is set, it answers that errcode */
  codes: any[];
  codeErrcode: number | null;
  /**
   * wxa/genwxashortlink and wxa/generate_urllink: the links made ({ kind, page, query, title, link }, title as
   * WeChat keeps it); while linkErrcode is set, both answer that errcode
   */
  links: Array<{ kind: 'short' | 'url'; page: string; query: string; title: string | null; link: string }>;
  linkErrcode: number | null;
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
    riskyWords: new Set(),
    reviewWords: new Set(),
    securityDown: false,
    mediaChecks: [],
    codes: [],
    codeErrcode: null,
    links: [],
    linkErrcode: null,
  };
  const pages = appPages();

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
    // content security, v2: both want the access token, version 2, an openid and a scene 1–4
    if (url.pathname === '/wxa/msg_sec_check' || url.pathname === '/wxa/media_check_async') {
      if (q.access_token !== `fake-token-${generation}`) return { errcode: 40001, errmsg: 'invalid credential' };
      if (body?.version !== 2) return { errcode: 47001, errmsg: 'data format error: version' };
      if (typeof body.openid !== 'string' || !body.openid) return { errcode: 40003, errmsg: 'invalid openid' };
      if (![1, 2, 3, 4].includes(body.scene)) return { errcode: 47001, errmsg: 'data format error: scene' };
      if (fake.securityDown) return { errcode: -1, errmsg: 'system error' };
      const trace_id = `trace-${(++n).toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
      if (url.pathname === '/wxa/msg_sec_check') {
        if (typeof body.content !== 'string' || !body.content) return { errcode: 47001, errmsg: 'data format error: content' };
        if (body.content.length > 2500) return { errcode: 87014, errmsg: 'content too long' };
        const has = (words: Set<string>) => [...words].some((w) => body.content.includes(w));
        const suggest = has(fake.riskyWords) ? 'risky' : has(fake.reviewWords) ? 'review' : 'pass';
        return { errcode: 0, errmsg: 'ok', trace_id, result: { suggest, label: suggest === 'pass' ? 100 : 20001 }, detail: [] };
      }
      if (typeof body.media_url !== 'string' || !/^https?:\/\//.test(body.media_url)) return { errcode: 47001, errmsg: 'data format error: media_url' };
      if (body.media_type !== 2 && body.media_type !== 1) return { errcode: 47001, errmsg: 'data format error: media_type' };
      fake.mediaChecks.push({ traceId: trace_id, mediaUrl: body.media_url, openid: body.openid, scene: body.scene });
      return { errcode: 0, errmsg: 'ok', trace_id };
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
    if (url.pathname === '/wxa/getwxacodeunlimit') {
      if (q.access_token !== `fake-token-${generation}`) return { errcode: 40001, errmsg: 'invalid credential' };
      if (fake.codeErrcode) return { errcode: fake.codeErrcode, errmsg: 'refused' };
      // scene: 1–32 visible characters of WeChat's set; page: an existing page, no leading slash (check_path)
      if (typeof body?.scene !== 'string' || !/^[A-Za-z0-9!#$&'()*+,/:;=?@._~-]{1,32}$/.test(body.scene)) return { errcode: 40129, errmsg: 'invalid scene' };
      if (typeof body.page !== 'string' || body.page.startsWith('/')) return { errcode: 41030, errmsg: 'invalid page rid' };
      if (body.env_version !== undefined && !['release', 'trial', 'develop'].includes(body.env_version)) return { errcode: 40097, errmsg: 'invalid args' };
      fake.codes.push(body);
      // the image's bytes, as WeChat answers a made code (a JPEG's magic number is enough for the client)
      return Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from(`code:${body.scene}`)]);
    }
    // Short Link: page_url an existing page of the released app (query allowed), ≤ 1024 characters; a
    // page_title past 20 characters is cut with "..."; is_permanent a boolean (permanent ones are capped)
    if (url.pathname === '/wxa/genwxashortlink') {
      if (q.access_token !== `fake-token-${generation}`) return { errcode: 40001, errmsg: 'invalid credential' };
      if (fake.linkErrcode) return { errcode: fake.linkErrcode, errmsg: 'refused' };
      const pageUrl = body?.page_url;
      if (typeof pageUrl !== 'string' || !pageUrl || pageUrl.length > 1024) return { errcode: 40066, errmsg: 'invalid url' };
      const [page = '', query = ''] = pageUrl.split(/\?(.*)/s);
      if (page.startsWith('/') || !pages.has(page)) return { errcode: 40165, errmsg: 'invalid weapp pagepath' };
      if (body.page_title !== undefined && typeof body.page_title !== 'string') return { errcode: 47001, errmsg: 'data format error: page_title' };
      if (body.is_permanent !== undefined && typeof body.is_permanent !== 'boolean') return { errcode: 47001, errmsg: 'data format error: is_permanent' };
      const title = body.page_title === undefined ? null : [...body.page_title].length > 20 ? [...body.page_title].slice(0, 20).join('') + '...' : body.page_title;
      const link = `#小程序://e家社区/${Math.random().toString(36).slice(2, 9)}`;
      fake.links.push({ kind: 'short', page, query, title, link });
      return { errcode: 0, errmsg: 'ok', link };
    }
    // URL Link: path an existing page without a query (the query apart, ≤ 1024 of WeChat's characters);
    // expire_type 0 (expire_time, ≤ 30 days ahead) or 1 (expire_interval 1–30 days); env_version as for codes
    if (url.pathname === '/wxa/generate_urllink') {
      if (q.access_token !== `fake-token-${generation}`) return { errcode: 40001, errmsg: 'invalid credential' };
      if (fake.linkErrcode) return { errcode: fake.linkErrcode, errmsg: 'refused' };
      const path = body?.path ?? '';
      if (typeof path !== 'string' || path.includes('?') || (path && (path.startsWith('/') || !pages.has(path)))) return { errcode: 40165, errmsg: 'invalid weapp pagepath' };
      const query = body.query ?? '';
      if (typeof query !== 'string' || query.length > 1024 || !/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~%]*$/.test(query)) return { errcode: 40212, errmsg: 'invalid query' };
      if (body.env_version !== undefined && !['release', 'trial', 'develop'].includes(body.env_version)) return { errcode: 40097, errmsg: 'invalid args' };
      const days = 30;
      if (body.expire_type === 1) {
        if (!Number.isInteger(body.expire_interval) || body.expire_interval < 1 || body.expire_interval > days) return { errcode: 40097, errmsg: 'invalid args: expire_interval' };
      } else if (body.expire_type === 0) {
        const limit = Date.now() / 1000 + days * 86400;
        if (!Number.isInteger(body.expire_time) || body.expire_time > limit) return { errcode: 40097, errmsg: 'invalid args: expire_time' };
      } else {
        return { errcode: 40097, errmsg: 'invalid args: expire_type' };
      }
      const link = `https://wxaurl.cn/${Math.random().toString(36).slice(2, 13)}`;
      fake.links.push({ kind: 'url', page: path, query, title: null, link });
      return { errcode: 0, errmsg: 'ok', url_link: link };
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
      const wantsPost = /^\/(?:cgi-bin|wxa)\//.test(url.pathname);
      const reply = (req.method === 'POST') === wantsPost ? answer(url, body) : null;
      if (reply === null) {
        res.writeHead(404).end('not found');
        return;
      }
      if (Buffer.isBuffer(reply)) {
        res.writeHead(200, { 'content-type': 'image/jpeg' }).end(reply);
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

/** The pages of the mini-program as app.json lists them (client/app.config.ts): main package and subpackages. */
function appPages(): Set<string> {
  const src = fs.readFileSync(path.resolve(import.meta.dirname, '../../client/app.config.ts'), 'utf8');
  const list = (s: string) => [...s.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
  const out = new Set<string>();
  const main = /^\s*pages:\s*\[([^\]]*)\]/m.exec(src);
  for (const p of list(main?.[1] ?? '')) out.add(p);
  for (const m of src.matchAll(/\{\s*root:\s*'([^']+)',\s*pages:\s*\[([^\]]*)\]/g)) for (const p of list(m[2]!)) out.add(`${m[1]}/${p}`);
  return out;
}

/**
 * WeChat's message push to our server, as WeChat sends it: the query signed with the push
 * Token, and with an EncodingAESKey (安全模式) the event encrypted with msg_signature.
 */
export async function pushToServer(
  serverUrl: string,
  keys: { token: string; aesKey?: string; appId: string },
  event: Record<string, unknown>,
  opts: { now?: Date; signature?: string; plaintext?: boolean } = {},
): Promise<{ status: number; text: string }> {
  const { pushSignature, encryptPush } = await import('../../server/wechat/pushSignature.js');
  const timestamp = String(Math.floor((opts.now ?? new Date()).getTime() / 1000));
  const nonce = Math.random().toString(36).slice(2, 12);
  const q = new URLSearchParams({ signature: opts.signature ?? pushSignature(keys.token, timestamp, nonce), timestamp, nonce });
  let body: unknown = event;
  if (keys.aesKey && !opts.plaintext) {
    const Encrypt = encryptPush(keys.aesKey, keys.appId, JSON.stringify(event));
    q.set('encrypt_type', 'aes');
    q.set('msg_signature', pushSignature(keys.token, timestamp, nonce, Encrypt));
    body = { ToUserName: 'gh_fake', Encrypt };
  }
  const res = await fetch(`${serverUrl}/api/wechat/push?${q}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, text: await res.text() };
}
