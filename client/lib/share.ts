// 转发 and 分享到朋友圈 for the pages a 楼栋长 forwards to the building group: a notice, a job, a
// course. WeChat shows the share menu only on pages whose config says enableShareAppMessage /
// enableShareTimeline and that answer onShareAppMessage / onShareTimeline; the answer is the card's
// title, the page it opens (with the id) and its picture (5:4 for a chat, square for 朋友圈).
import { useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import { apiUrl } from '../api/http.js';
import { PAGES } from './workspaces.js';

export type ShareKind = 'notice' | 'job' | 'training';

export interface ShareCard {
  /** The card's title (WeChat cuts long ones; the words that matter come first). */
  title: string;
  /** The page it opens, from the root (`/packages/jobs/detail?id=…`). */
  path: string;
  /** 朋友圈 opens the same page; it takes only the query. */
  query: string;
  /** An absolute https picture: the notice's own photo, else the kind's cover. */
  imageUrl: string;
}

const PAGE_OF: Record<ShareKind, string> = { notice: PAGES.notice, job: PAGES.job, training: PAGES.training };

/**
 * The covers are served with the H5 build (client/assets/share → /share/ on the API's host), not
 * packed into the mini-program: the main package has no room for pictures.
 */
export const SHARE_COVERS: Record<ShareKind, string> = {
  notice: '/share/notice.png',
  job: '/share/job.png',
  training: '/share/training.png',
};

/** WeChat shows about 26 characters of a card's title on a phone. */
const TITLE_MAX = 26;
const cut = (s: string) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return [...flat].length > TITLE_MAX ? `${[...flat].slice(0, TITLE_MAX - 1).join('')}…` : flat;
};

/** What a forwarded card shows and opens; `image` is a picture the item has (a notice's photo). */
export function shareCard(kind: ShareKind, id: string, title: string, image?: string | null): ShareCard {
  const query = `id=${encodeURIComponent(id)}`;
  return { title: cut(title), path: `${PAGE_OF[kind]}?${query}`, query, imageUrl: apiUrl(image ?? SHARE_COVERS[kind]) };
}

/**
 * The page answers WeChat's share menu with `card` (null while it loads: WeChat then shares the
 * page as it is, titled with the app's name). Taro calls the handler of the latest render.
 */
export function useShare(card: ShareCard | null) {
  useShareAppMessage(() => (card ? { title: card.title, path: card.path, imageUrl: card.imageUrl } : {}));
  useShareTimeline(() => (card ? { title: card.title, query: card.query, imageUrl: card.imageUrl } : {}));
}
