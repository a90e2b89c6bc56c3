// WeChat's code2Session behind a small interface: the real HTTPS client in
// production, a faithful fake in development and tests (this network cannot reach WeChat).
import { AppError } from '../errors.js';

export interface WechatSession {
  openid: string;
  unionid?: string;
}

export interface WechatClient {
  /** Exchanges a wx.login() code for the user's openid; rejects an invalid or used code. */
  code2Session(code: string): Promise<WechatSession>;
}

interface Code2SessionReply {
  openid?: string;
  unionid?: string;
  session_key?: string;
  errcode?: number;
  errmsg?: string;
}

export class HttpWechatClient implements WechatClient {
  constructor(
    private appId: string,
    private secret: string,
    private fetchImpl: typeof fetch = fetch,
    private baseUrl = 'https://api.weixin.qq.com',
  ) {}

  async code2Session(code: string): Promise<WechatSession> {
    const url = new URL('/sns/jscode2session', this.baseUrl);
    url.search = new URLSearchParams({
      appid: this.appId,
      secret: this.secret,
      js_code: code,
      grant_type: 'authorization_code',
    }).toString();
    let reply: Code2SessionReply;
    try {
      const res = await this.fetchImpl(url, { signal: AbortSignal.timeout(5000) });
      reply = (await res.json()) as Code2SessionReply;
    } catch {
      throw new AppError('upstream_error', 'WeChat login service unreachable, try again');
    }
    return interpretCode2Session(reply);
  }
}

/** Shared by the real client and the fake so both answer WeChat's error codes the same way. */
export function interpretCode2Session(reply: Code2SessionReply): WechatSession {
  if (reply.errcode && reply.errcode !== 0) {
    // 40029 invalid code, 40163 code already used, 45011 too frequent
    if (reply.errcode === 40029 || reply.errcode === 40163) {
      throw new AppError('unauthenticated', 'code: invalid or already used, call wx.login again');
    }
    if (reply.errcode === 45011) throw new AppError('rate_limited', 'too many logins, try again in a minute');
    throw new AppError('upstream_error', `WeChat login failed (${reply.errcode})`);
  }
  if (!reply.openid) throw new AppError('upstream_error', 'WeChat login returned no openid');
  return { openid: reply.openid, ...(reply.unionid ? { unionid: reply.unionid } : {}) };
}

/**
 * Behaves like jscode2session: each code is single-use. A code of the form
 * `fake:<openid>` logs in as that openid; anything else is an invalid code.
 */
export class FakeWechatClient implements WechatClient {
  private used = new Set<string>();
  calls = 0;

  async code2Session(code: string): Promise<WechatSession> {
    this.calls++;
    if (this.used.has(code)) return interpretCode2Session({ errcode: 40163, errmsg: 'code been used' });
    const m = /^fake:([A-Za-z0-9_-]{1,64})$/.exec(code);
    if (!m) return interpretCode2Session({ errcode: 40029, errmsg: 'invalid code' });
    this.used.add(code);
    return interpretCode2Session({ openid: m[1], session_key: 'fake' });
  }
}
