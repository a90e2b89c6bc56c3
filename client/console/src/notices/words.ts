// What the 通知 pages show for the server's codes: the mini-program staff pages' words, with the console's colours.
import type { DeliveryStatus, ManagedNotice, NoticeAudienceChoices, NoticeState } from '../api.js';
import { DELIVERY_WORDS, NOTICE_STATE_WORDS } from '../../../packages/staff/words.js';

export { DELIVERY_WORDS, NOTICE_STATE_WORDS };
export { NOTICE_KIND_LABELS, NOTICE_KINDS } from '../../../../shared/words.js';
export { NOTICE_LIMITS } from '../../../../shared/limits.js';
export { formatPost } from '../../../../shared/noticePost.js';

export const NOTICE_STATE_COLOR: Record<NoticeState, string> = {
  scheduled: 'purple',
  sending: 'processing',
  done: 'success',
  cancelled: 'default',
};

export const DELIVERY_COLOR: Record<DeliveryStatus, string> = {
  pending: 'default',
  retrying: 'processing',
  sent: 'success',
  failed: 'error',
  possibly_sent: 'warning',
  cancelled: 'default',
};

/** The list's state filter: the notice states, and 需要处理 (a failure or a group that may have got it). */
export const STATE_FILTERS = [
  { value: 'attention', label: '需要处理' },
  { value: 'sending', label: NOTICE_STATE_WORDS.sending },
  { value: 'scheduled', label: NOTICE_STATE_WORDS.scheduled },
  { value: 'done', label: NOTICE_STATE_WORDS.done },
  { value: 'cancelled', label: NOTICE_STATE_WORDS.cancelled },
] as const;

/** Mini-program pages a notice may point to (pagePath). */
export const NOTICE_PAGES = [
  { value: 'pages/jobs/index', label: '就业岗位' },
  { value: 'pages/trainings/index', label: '技能培训' },
  { value: 'pages/shop/index', label: '积分超市' },
  { value: 'pages/raise/index', label: '我要报事' },
  { value: 'pages/notices/index', label: '社区通知' },
] as const;

/** 全社区 / 第1网格、第2网格 / 惠泽1栋、惠泽2栋…: the names of what a notice was sent to. */
export function audienceWords(a: ManagedNotice['audience'], choices: NoticeAudienceChoices | null): string {
  if (a.type === 'community') return `全社区（${a.buildings} 栋楼）`;
  const names = new Map<string, string>();
  for (const g of choices?.grids ?? []) {
    names.set(g.id, g.name);
    for (const b of g.buildings) names.set(b.id, b.name);
  }
  const named = a.ids.map((id) => names.get(id)).filter((n): n is string => Boolean(n));
  const shown = named.length > 3 ? `${named.slice(0, 3).join('、')} 等 ${named.length} 个` : named.join('、');
  if (a.type === 'grids') return `${shown || `${a.ids.length} 个网格`}（${a.buildings} 栋楼）`;
  return shown || `${a.buildings} 栋楼`;
}
