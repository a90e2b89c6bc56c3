// WeCom (企业微信) group robots: a webhook per group, push only, 20 messages a
// minute per robot. The real client posts with fetch; FakeWeComApi answers the
// way qyapi.weixin.qq.com does, for tests and development.
import crypto from 'node:crypto';
import { ChannelError, type Channel, type GroupPost, type GroupTarget } from './channel.js';

const TEXT_MAX_BYTES = 2048;
/** A news article (图文): title ≤ 128 bytes, description ≤ 512 bytes, 1–8 articles, url required. */
const NEWS_TITLE_MAX_BYTES = 128;
const NEWS_DESCRIPTION_MAX_BYTES = 512;
const IMAGE_MAX_BYTES = 2 * 1024 * 1024;
/** 20 messages a minute per robot, and a post with an image is two messages. (Each group has its own robot, so a broadcast is not slowed by this.) */
export const WECOM_MIN_GAP_MS = 6_000;

/** A robot's identity for the throttle, without keeping its secret key around. */
export const wecomSenderId = (key: string) => crypto.createHash('sha256').update(key).digest('hex').slice(0, 16);

/** Staff paste the whole webhook address or only its key. */
export function webhookKey(input: string): string | null {
  const s = input.trim();
  if (/^[A-Za-z0-9-]{16,64}$/.test(s)) return s;
  try {
    const u = new URL(s);
    const key = u.searchParams.get('key');
    return u.hostname === 'qyapi.weixin.qq.com' && u.pathname === '/cgi-bin/webhook/send' && key && /^[A-Za-z0-9-]{16,64}$/.test(key) ? key : null;
  } catch {
    return null;
  }
}

/** Cuts text to WeCom's byte limit on a character boundary. */
export function fitBytes(text: string, max = TEXT_MAX_BYTES, tail = '…（全文请在小程序查看）'): string {
  if (Buffer.byteLength(text) <= max) return text;
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch + tail) > max) break;
    out += ch;
  }
  return out + tail;
}

/** The post as a WeCom `news` message: its first line the title, the rest the description. */
export function newsMessage(text: string, url: string) {
  const [first = '', ...rest] = text.split('\n');
  const description = rest.join('\n').trim();
  return {
    msgtype: 'news',
    news: {
      articles: [
        {
          title: fitBytes(first, NEWS_TITLE_MAX_BYTES, '…'),
          ...(description ? { description: fitBytes(description, NEWS_DESCRIPTION_MAX_BYTES, '…（点开查看全文）') } : {}),
          url,
        },
      ],
    },
  };
}

interface WebhookReply {
  errcode: number;
  errmsg: string;
}

/** Errors a retry cannot fix: the key is wrong or the robot was removed, or the message itself is refused. */
const PERMANENT = new Set([93000, 40008, 44004, 44003, 45002, 40009, 40058]);

export class WeComWebhookChannel implements Channel {
  readonly name = 'wecom' as const;
  readonly minGapMs = WECOM_MIN_GAP_MS;
  /** A news card's url must be https: a URL Link (a Short Link opens only inside WeChat). */
  readonly linkKind = 'url' as const;

  constructor(
    private fetchImpl: typeof fetch = fetch,
    private baseUrl = 'https://qyapi.weixin.qq.com',
  ) {}

  senders(): 'any' {
    return 'any';
  }

  async send(target: GroupTarget, post: GroupPost): Promise<void> {
    // with a link: a news card (title, the first lines, tapping it opens the notice in the mini-program); without: the whole text
    if (post.open?.link) await this.call(target.externalId, newsMessage(post.open.textWithoutLink, post.open.link));
    else await this.call(target.externalId, { msgtype: 'text', text: { content: fitBytes(post.text) } });
    if (post.image && post.image.bytes.length <= IMAGE_MAX_BYTES && /jpe?g|png/.test(post.image.mime)) {
      await this.call(target.externalId, {
        msgtype: 'image',
        image: { base64: post.image.bytes.toString('base64'), md5: crypto.createHash('md5').update(post.image.bytes).digest('hex') },
      });
    }
  }

  private async call(key: string, body: unknown): Promise<void> {
    const url = new URL('/cgi-bin/webhook/send', this.baseUrl);
    url.searchParams.set('key', key);
    let reply: WebhookReply;
    try {
      const res = await this.fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new ChannelError(`企业微信接口 HTTP ${res.status}`);
      reply = (await res.json()) as WebhookReply;
    } catch (e) {
      if (e instanceof ChannelError) throw e;
      throw new ChannelError('企业微信接口无法连接');
    }
    if (reply.errcode === 0) return;
    if (reply.errcode === 93000) throw new ChannelError('企业微信机器人地址无效或机器人已被移出群 (93000)', true);
    if (reply.errcode === 45009) throw new ChannelError('企业微信机器人发送太频繁 (45009)');
    throw new ChannelError(`企业微信拒绝发送 (${reply.errcode} ${reply.errmsg})`, PERMANENT.has(reply.errcode));
  }
}

/**
 * Behaves like the webhook endpoint: unknown keys get 93000, more than 20
 * messages in a minute from one robot get 45009, over-long text 45002.
 */
export class FakeWeComApi {
  readonly received = new Map<
    string,
    Array<{ msgtype: string; content?: string; md5?: string; articles?: Array<{ title: string; description?: string; url: string; picurl?: string }>; at: number }>
  >();
  private keys = new Set<string>();
  private recent = new Map<string, number[]>();

  constructor(private now: () => number = Date.now) {}

  addRobot(key: string) {
    this.keys.add(key);
    this.received.set(key, []);
  }

  removeRobot(key: string) {
    this.keys.delete(key);
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    const reply = (r: WebhookReply) => new Response(JSON.stringify(r), { status: 200, headers: { 'content-type': 'application/json' } });
    if (url.pathname !== '/cgi-bin/webhook/send' || init?.method !== 'POST') return new Response('not found', { status: 404 });
    const key = url.searchParams.get('key') ?? '';
    if (!this.keys.has(key)) return reply({ errcode: 93000, errmsg: 'invalid webhook url' });
    const t = this.now();
    const window = (this.recent.get(key) ?? []).filter((x) => x > t - 60_000);
    if (window.length >= 20) return reply({ errcode: 45009, errmsg: 'api freq out of limit' });
    let body: { msgtype?: string; text?: { content?: string }; image?: { base64?: string; md5?: string }; news?: { articles?: unknown } };
    try {
      body = JSON.parse(String(init.body));
    } catch {
      return reply({ errcode: 40008, errmsg: 'invalid message type' });
    }
    if (body.msgtype === 'text') {
      const content = body.text?.content ?? '';
      if (!content) return reply({ errcode: 44004, errmsg: 'empty content' });
      if (Buffer.byteLength(content) > TEXT_MAX_BYTES) return reply({ errcode: 45002, errmsg: 'content size exceed limit' });
      this.received.get(key)!.push({ msgtype: 'text', content, at: t });
    } else if (body.msgtype === 'image') {
      const bytes = Buffer.from(body.image?.base64 ?? '', 'base64');
      if (crypto.createHash('md5').update(bytes).digest('hex') !== body.image?.md5) return reply({ errcode: 40009, errmsg: 'invalid image size' });
      this.received.get(key)!.push({ msgtype: 'image', md5: body.image.md5, at: t });
    } else if (body.msgtype === 'news') {
      const problem = newsProblem(body.news?.articles);
      if (problem) return reply(problem);
      this.received.get(key)!.push({ msgtype: 'news', articles: body.news!.articles as Array<{ title: string; url: string }>, at: t });
    } else {
      return reply({ errcode: 40008, errmsg: 'invalid message type' });
    }
    window.push(t);
    this.recent.set(key, window);
    return reply({ errcode: 0, errmsg: 'ok' });
  };
}

/**
 * What the webhook refuses in a news message: 1–8 articles, each with a title (≤ 128 bytes)
 * and an http(s) url; a description ≤ 512 bytes and a picurl (http(s)) are optional.
 */
function newsProblem(articles: unknown): WebhookReply | null {
  if (!Array.isArray(articles) || articles.length < 1 || articles.length > 8) return { errcode: 40058, errmsg: 'invalid articles size' };
  const http = (v: unknown) => typeof v === 'string' && /^https?:\/\/\S+$/.test(v);
  for (const a of articles as Array<Record<string, unknown>>) {
    if (typeof a?.title !== 'string' || !a.title) return { errcode: 44003, errmsg: 'empty news title' };
    if (Buffer.byteLength(a.title) > NEWS_TITLE_MAX_BYTES) return { errcode: 45002, errmsg: 'title size exceed limit' };
    if (a.description !== undefined && (typeof a.description !== 'string' || Buffer.byteLength(a.description) > NEWS_DESCRIPTION_MAX_BYTES)) {
      return { errcode: 45002, errmsg: 'description size exceed limit' };
    }
    if (!http(a.url)) return { errcode: 40058, errmsg: 'invalid news url' };
    if (a.picurl !== undefined && !http(a.picurl)) return { errcode: 40058, errmsg: 'invalid picurl' };
  }
  return null;
}
