// WeChat's code2Session and mini-program codes behind a small interface: the real
// HTTPS client in production, a faithful fake in development and tests (this network
// cannot reach WeChat).
import QRCode from 'qrcode';
import { AppError } from '../errors.js';

/** WeChat's JSON answer to a server-API call (errcode 0 or absent: done). */
interface WechatReply {
  errcode?: number;
  errmsg?: string;
}

/**
 * The calls that need the mini-program's access token, as server/wechatApi.ts makes them
 * (one token for every instance, kept in the database). Named here, not imported: that
 * module reads server/context.ts, which names this file's WechatClient (an import circle).
 */
export interface WechatTokenApi {
  accessToken(refresh?: boolean): Promise<string>;
  postRaw(path: string, body: unknown, timeoutMs?: number): Promise<Response>;
}

export interface WechatSession {
  openid: string;
  unionid?: string;
}

/** A mini-program code (小程序码) that opens `page` with `scene` (wxacode.getUnlimited). */
export interface MiniProgramCodeRequest {
  /** at most 32 characters of [A-Za-z0-9!#$&'()*+,/:;=?@._~-]; the page reads it as options.scene */
  scene: string;
  /** a page of the released mini-program, without a leading slash: packages/signin/confirm/index */
  page: string;
  /**
   * Where the H5 build is served (the console's own origin): the development fake draws a
   * plain QR code of this page in the H5 app instead (the real client does not use it).
   */
  h5Origin: string;
}

export interface MiniProgramCode {
  /** the image's bytes */
  image: Buffer;
  contentType: string;
}

export interface WechatClient {
  /** Exchanges a wx.login() code for the user's openid; rejects an invalid or used code. */
  code2Session(code: string): Promise<WechatSession>;
  /** A mini-program code for the 扫码登录 ticket; an AppError (502, reason wechat_refused) when WeChat makes none. */
  miniProgramCode(req: MiniProgramCodeRequest): Promise<MiniProgramCode>;
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
    /** the access-token calls (a WechatApi on the database that shares the token): mini-program codes need them */
    private api: WechatTokenApi | null = null,
  ) {}

  /**
   * wxacode.getUnlimited (POST /wxa/getwxacodeunlimit): the image's bytes, or a JSON
   * errcode. A stale access token (40001, 42001) is refreshed once, as WechatApi.call does.
   */
  async miniProgramCode({ scene, page }: MiniProgramCodeRequest): Promise<MiniProgramCode> {
    if (!this.api) throw new AppError('unavailable', 'mini-program codes need the access-token store');
    // check_path stays on: a page missing from the released version is refused (41030) rather than
    // drawn into a code that opens nothing; env_version release: the code opens the published app
    const body = { scene, page, check_path: true, env_version: 'release', width: 430 };
    for (const refresh of [false, true]) {
      let res: Response;
      try {
        const token = await this.api.accessToken(refresh);
        res = await this.api.postRaw(`/wxa/getwxacodeunlimit?access_token=${token}`, body, 8000);
      } catch (e) {
        // WechatApi's own words ("WeChat unreachable", "access token refused (40013)"); never the token
        throw new AppError('upstream_error', e instanceof Error ? `WeChat: ${e.message}` : 'WeChat unreachable', undefined, 'wechat_unreachable');
      }
      const type = res.headers.get('content-type') ?? '';
      const bytes = Buffer.from(await res.arrayBuffer());
      if (res.ok && type.startsWith('image/')) return { image: bytes, contentType: type.split(';')[0]! };
      let reply: WechatReply;
      try {
        reply = JSON.parse(bytes.toString('utf8')) as WechatReply;
      } catch {
        throw new AppError('upstream_error', `WeChat answered ${res.status} ${type || 'without a type'}, not an image`, undefined, 'wechat_refused');
      }
      if (!refresh && (reply.errcode === 40001 || reply.errcode === 42001)) continue;
      throw miniProgramCodeRefused(reply);
    }
    throw miniProgramCodeRefused({ errcode: 40001 });
  }

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

/** WeChat's errcode for getwxacodeunlimit, as one refusal with the code named (the console says 稍后再试). */
export function miniProgramCodeRefused(reply: WechatReply): AppError {
  // 41030 page not in the released version, 40129 bad scene, 45009 the daily quota, 40097 bad arguments
  const why: Record<number, string> = {
    41030: 'the confirm page is not in the released mini-program',
    40129: 'the scene is not valid',
    45009: 'the daily quota of mini-program codes is used up',
    40097: 'an argument is not valid',
  };
  const code = reply.errcode ?? 0;
  return new AppError('upstream_error', `WeChat made no mini-program code (${code}${why[code] ? `: ${why[code]}` : ''})`, undefined, 'wechat_refused');
}

/**
 * Behaves like jscode2session: each code is single-use. A code of the form
 * `fake:<openid>` logs in as that openid; anything else is an invalid code.
 */
export class FakeWechatClient implements WechatClient {
  private used = new Set<string>();
  calls = 0;
  /** every mini-program code asked for, as asked */
  codeRequests: Array<{ scene: string; page: string }> = [];
  /** while set, miniProgramCode answers as WeChat does with this errcode (tests) */
  codeErrcode: number | null = null;

  /**
   * Checks the scene and page as WeChat does (40129, 41030 for a page outside the
   * mini-program's subpackage pattern), then draws a plain QR code of the same page
   * in the H5 app, so that a phone browser (or the tests) can open it in development.
   */
  async miniProgramCode({ scene, page, h5Origin }: MiniProgramCodeRequest): Promise<MiniProgramCode> {
    this.codeRequests.push({ scene, page });
    if (this.codeErrcode) throw miniProgramCodeRefused({ errcode: this.codeErrcode, errmsg: 'fake' });
    if (!/^[A-Za-z0-9!#$&'()*+,/:;=?@._~-]{1,32}$/.test(scene)) throw miniProgramCodeRefused({ errcode: 40129, errmsg: 'invalid scene' });
    if (page.startsWith('/') || !/^[a-z0-9/_-]+$/i.test(page)) throw miniProgramCodeRefused({ errcode: 41030, errmsg: 'invalid page' });
    const url = `${h5Origin}/#/${page}?scene=${encodeURIComponent(scene)}`;
    const image = await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 280 });
    return { image, contentType: 'image/png' };
  }

  async code2Session(code: string): Promise<WechatSession> {
    this.calls++;
    if (this.used.has(code)) return interpretCode2Session({ errcode: 40163, errmsg: 'code been used' });
    const m = /^fake:([A-Za-z0-9_-]{1,64})$/.exec(code);
    if (!m) return interpretCode2Session({ errcode: 40029, errmsg: 'invalid code' });
    this.used.add(code);
    return interpretCode2Session({ openid: m[1], session_key: 'fake' });
  }
}
