// The way into the mini-program a group post carries: a link to the notice's own page.
//
// - WeChat groups (the bot): a Short Link from wxa/genwxashortlink, `#小程序://e家社区/…`,
//   which WeChat shows as a tappable link inside a chat (and a mini-program card where
//   the puppet can send one: server/bot/wechatyChannel.ts).
// - WeCom robots: a URL Link from urllink.generate, `https://wxaurl.cn/…`, an ordinary
//   https address a WeCom `news` message can point to (a Short Link opens only in WeChat).
//
// Both are asked with the shared access token (server/wechatApi.ts) and made to expire
// (30 days, WeChat's longest; permanent ones are capped at 100,000 per mini-program). One
// link per notice and kind is kept in NoticeLink, so a broadcast to a hundred groups asks
// WeChat once. A link WeChat will not make never stops a post: it goes out without one.
import type { Deps } from '../context.js';
import { WechatApi, WechatUnreachable } from '../wechatApi.js';

export type LinkKind = 'short' | 'url';

export interface LinkRequest {
  /** a page of the released mini-program, no leading slash: pages/notices/detail */
  page: string;
  /** the page's query without `?`: id=… */
  query: string;
  /** what WeChat shows with a Short Link (it cuts anything past 20 characters) */
  title: string;
}

export interface MadeLink {
  link: string;
  expiresAt: Date;
}

export interface MiniProgramLinks {
  /** wxa/genwxashortlink (is_permanent false: 30 days) */
  shortLink(r: LinkRequest): Promise<MadeLink>;
  /** urllink.generate (expire_type 1: 30 days) */
  urlLink(r: LinkRequest): Promise<MadeLink>;
}

/** WeChat made no link (its errcode), or could not be reached. */
export class LinkRefused extends Error {}

/** WeChat keeps a link 30 days; it is used for 29, so no post goes out with a link about to die. */
const KEEP_DAYS = 29;
const TITLE_MAX = 20;

export const linkTitle = (s: string) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return [...flat].length > TITLE_MAX ? [...flat].slice(0, TITLE_MAX - 1).join('') + '…' : flat;
};

interface LinkReply {
  errcode?: number;
  errmsg?: string;
  link?: string;
  url_link?: string;
}

export class HttpMiniProgramLinks implements MiniProgramLinks {
  constructor(
    private api: WechatApi,
    private clock: () => Date,
  ) {}

  private async call(path: string, body: unknown, field: 'link' | 'url_link'): Promise<MadeLink> {
    let r: LinkReply;
    try {
      r = await this.api.call<LinkReply>(path, body);
    } catch (e) {
      if (e instanceof WechatUnreachable) throw new LinkRefused(e.message);
      throw e;
    }
    const link = r[field];
    if (r.errcode || !link) throw new LinkRefused(`${path} ${r.errcode ?? `no ${field}`} ${r.errmsg ?? ''}`.trim());
    return { link, expiresAt: new Date(this.clock().getTime() + KEEP_DAYS * 86400_000) };
  }

  shortLink({ page, query, title }: LinkRequest) {
    return this.call('/wxa/genwxashortlink', { page_url: query ? `${page}?${query}` : page, page_title: linkTitle(title), is_permanent: false }, 'link');
  }

  urlLink({ page, query }: LinkRequest) {
    return this.call('/wxa/generate_urllink', { path: page, query, env_version: 'release', expire_type: 1, expire_interval: 30 }, 'url_link');
  }
}

/** The real client when the mini-program's AppID and secret are set; none in development (posts go without a link). */
export function linksFromConfig(deps: Deps): MiniProgramLinks | null {
  const { appId, secret, apiUrl } = deps.config.wechat;
  if (!appId || !secret) return null;
  return new HttpMiniProgramLinks(new WechatApi({ db: deps.db, clock: deps.clock }, appId, secret, fetch, apiUrl), deps.clock);
}

/** The page a notice's post opens: its detail page (staff-only alerts: the staff one). */
export const noticePage = (n: { id: string; staffOnly: boolean }): { page: string; query: string } => ({
  page: n.staffOnly ? 'packages/staff/notices/detail' : 'pages/notices/detail',
  query: `id=${n.id}`,
});

/**
 * The notice's link of this kind: the kept one while it is good, else a new one from
 * WeChat (kept for the next group). Null when WeChat makes none: the caller posts
 * without it, and the log says why.
 */
export async function linkForNotice(
  deps: Deps,
  links: MiniProgramLinks,
  n: { id: string; title: string; staffOnly: boolean },
  kind: LinkKind,
): Promise<string | null> {
  const { db, logger } = deps;
  const now = deps.clock();
  const kept = await db.noticeLink.findUnique({ where: { noticeId_kind: { noticeId: n.id, kind } } });
  if (kept && kept.expiresAt > now) return kept.link;
  const { page, query } = noticePage(n);
  let made: MadeLink;
  try {
    made = kind === 'short' ? await links.shortLink({ page, query, title: n.title }) : await links.urlLink({ page, query, title: n.title });
  } catch (e) {
    if (!(e instanceof LinkRefused)) throw e;
    logger.warn({ noticeId: n.id, kind, reason: e.message }, 'no mini-program link for the notice: its group posts go out without one');
    return null;
  }
  const row = { page: `${page}?${query}`, link: made.link, expiresAt: made.expiresAt, createdAt: now };
  // two workers asking at once both write; either link works
  await db.noticeLink.upsert({ where: { noticeId_kind: { noticeId: n.id, kind } }, create: { noticeId: n.id, kind, ...row }, update: row });
  return made.link;
}
