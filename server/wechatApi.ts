// WeChat's server API (api.weixin.qq.com) for the calls that need the mini-program's
// access token: subscribe messages, content security, mini-program codes. One token
// for every instance, kept in the database (WechatAccessToken); it comes from the
// stable_token endpoint, which hands concurrent fetchers the same token instead of
// revoking each other's. Shared infrastructure: the one writer of that table.
import type { Db } from './db.js';

/** What the token store needs (not Deps: server/context.ts imports this file's types). */
export type TokenStore = { db: Db; clock: () => Date };

export interface WechatReply {
  errcode?: number;
  errmsg?: string;
  access_token?: string;
  expires_in?: number;
}

/** WeChat could not be reached, or answered something that is not JSON. */
export class WechatUnreachable extends Error {}

export class WechatApi {
  constructor(
    private deps: TokenStore,
    readonly appId: string,
    private secret: string,
    private fetchImpl: typeof fetch = fetch,
    private baseUrl = 'https://api.weixin.qq.com',
  ) {}

  /** POSTs JSON and answers the raw response (a mini-program code comes back as an image). */
  async postRaw(path: string, body: unknown, timeoutMs = 5000): Promise<Response> {
    try {
      return await this.fetchImpl(new URL(path, this.baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new WechatUnreachable('WeChat unreachable');
    }
  }

  private async postJson<T extends WechatReply>(path: string, body: unknown): Promise<T> {
    const res = await this.postRaw(path, body);
    try {
      return (await res.json()) as T;
    } catch {
      throw new WechatUnreachable(`WeChat answered ${res.status} without JSON`);
    }
  }

  async accessToken(refresh = false): Promise<string> {
    const { db } = this.deps;
    const now = this.deps.clock();
    if (!refresh) {
      const kept = await db.wechatAccessToken.findUnique({ where: { appId: this.appId } });
      if (kept && kept.expiresAt > now) return kept.token;
    }
    const r = await this.postJson('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: this.appId, secret: this.secret, force_refresh: refresh });
    if (!r.access_token) throw new WechatUnreachable(`access token refused (${r.errcode})`);
    // kept for 90 % of WeChat's lifetime: renewed well before it runs out
    const expiresAt = new Date(now.getTime() + (r.expires_in ?? 7200) * 900);
    await db.wechatAccessToken.upsert({
      where: { appId: this.appId },
      create: { appId: this.appId, token: r.access_token, expiresAt, updatedAt: now },
      update: { token: r.access_token, expiresAt, updatedAt: now },
    });
    return r.access_token;
  }

  /** A call with the access token in the query; once more with a fresh token if WeChat says it is stale (40001, 42001). */
  async call<T extends WechatReply>(path: string, body: unknown): Promise<T> {
    const sep = path.includes('?') ? '&' : '?';
    let r = await this.postJson<T>(`${path}${sep}access_token=${await this.accessToken()}`, body);
    if (r.errcode === 40001 || r.errcode === 42001) r = await this.postJson<T>(`${path}${sep}access_token=${await this.accessToken(true)}`, body);
    return r;
  }
}
