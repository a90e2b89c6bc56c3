// WeChat's content security (内容安全) behind a small interface: text through
// security.msgSecCheck (v2: the author's openid and a scene), photos through
// security.mediaCheckAsync, whose verdict arrives later by WeChat's message push
// (server/wechat/). The real client in production, a fake in development; tests
// run the real client against a fake WeChat on 127.0.0.1 (tests/support/fakeWechat.ts).
import crypto from 'node:crypto';
import { WechatApi, WechatUnreachable, type TokenStore } from './wechatApi.js';

/** pass: fine · review: WeChat is unsure (kept, like pass) · risky: refused or hidden. */
export type Verdict = 'pass' | 'review' | 'risky';

/** WeChat's scenes: 1 资料 (profile), 2 评论 (comment), 3 论坛 (a post), 4 社交日志. */
export const SCENE = { profile: 1, comment: 2, post: 3, social: 4 } as const;
export type Scene = (typeof SCENE)[keyof typeof SCENE];

/** WeChat could not give a verdict (unreachable, quota, the user's session too old): the caller decides what then. */
export class ContentCheckUnavailable extends Error {}

export interface ContentSecurity {
  checkText(input: { openid: string; scene: Scene; content: string }): Promise<Verdict>;
  /** Asks for a photo's verdict; it comes later, by push, under the returned trace id. */
  requestMediaCheck(input: { openid: string; scene: Scene; mediaUrl: string }): Promise<{ traceId: string }>;
}

interface SecReply {
  errcode?: number;
  errmsg?: string;
  trace_id?: string;
  result?: { suggest?: string; label?: number };
}

export const verdictOf = (suggest: string | undefined): Verdict | null =>
  suggest === 'pass' || suggest === 'review' || suggest === 'risky' ? suggest : null;

export class HttpContentSecurity implements ContentSecurity {
  private api: WechatApi;

  constructor(deps: TokenStore, appId: string, secret: string, fetchImpl: typeof fetch = fetch, baseUrl = 'https://api.weixin.qq.com') {
    this.api = new WechatApi(deps, appId, secret, fetchImpl, baseUrl);
  }

  private async call(path: string, body: unknown): Promise<SecReply> {
    try {
      return await this.api.call<SecReply>(path, body);
    } catch (e) {
      if (e instanceof WechatUnreachable) throw new ContentCheckUnavailable(e.message);
      throw e;
    }
  }

  async checkText({ openid, scene, content }: { openid: string; scene: Scene; content: string }): Promise<Verdict> {
    const r = await this.call('/wxa/msg_sec_check', { content, version: 2, scene, openid });
    // 61010: the user has not opened the mini-program in the last two hours (WeChat checks v2 per visit)
    if (r.errcode) throw new ContentCheckUnavailable(`msg_sec_check ${r.errcode} ${r.errmsg ?? ''}`.trim());
    const v = verdictOf(r.result?.suggest);
    if (!v) throw new ContentCheckUnavailable('msg_sec_check answered no verdict');
    return v;
  }

  async requestMediaCheck({ openid, scene, mediaUrl }: { openid: string; scene: Scene; mediaUrl: string }) {
    const r = await this.call('/wxa/media_check_async', { media_url: mediaUrl, media_type: 2, version: 2, scene, openid });
    if (r.errcode || !r.trace_id) throw new ContentCheckUnavailable(`media_check_async ${r.errcode ?? 'no trace_id'} ${r.errmsg ?? ''}`.trim());
    return { traceId: r.trace_id };
  }
}

/**
 * Development without WeChat: a text holding one of FAKE_RISKY_WORDS is risky, anything
 * else passes; a photo check is taken and never answered (no push comes), so photos stay
 * as they are. The words let a demo show the refusal.
 */
export const FAKE_RISKY_WORDS = ['违规测试'];

export class FakeContentSecurity implements ContentSecurity {
  async checkText({ content }: { content: string }): Promise<Verdict> {
    return FAKE_RISKY_WORDS.some((w) => content.includes(w)) ? 'risky' : 'pass';
  }
  async requestMediaCheck() {
    return { traceId: `fake-${crypto.randomUUID()}` };
  }
}
