// Plain words for what the server sends as codes.
import type { OrderStatus, OrderSummary, TagKind, TimelineEntry } from '../api/types.js';

/** How a resident reads the state of their request. */
export const STATUS_WORDS: Record<OrderStatus, string> = {
  submitted: '已提交，等社区派人',
  dispatched: '已派给网格员',
  accepted: '网格员正在办',
  resolved: '已办好',
  reopened: '重新办理中',
  closed: '已办结',
  cancelled: '已撤销',
};

/** Colour family of a status badge (see app.scss .badge--*). */
export const STATUS_TONE: Record<OrderStatus, 'wait' | 'work' | 'done' | 'off' | 'warn'> = {
  submitted: 'wait',
  dispatched: 'work',
  accepted: 'work',
  resolved: 'done',
  reopened: 'warn',
  closed: 'done',
  cancelled: 'off',
};

export function statusWords(o: Pick<OrderSummary, 'status' | 'feedback'>): string {
  if (o.status === 'resolved') return o.feedback ? '已办好，等评议' : '已办好，请您评价';
  return STATUS_WORDS[o.status];
}

const ACTION_WORDS: Record<string, string> = {
  submit: '提交了报事',
  dispatch: '派单给网格员',
  claim: '网格员接单',
  resolve: '办好了',
  feedback: '居民评价',
  review_pass: '党组织评议：通过',
  review_fail: '党组织评议：退回重办',
  reopen: '重新办理',
  cancel: '撤销了报事',
  escalate: '超时提醒',
};

export const actionWords = (e: Pick<TimelineEntry, 'action'>) => ACTION_WORDS[e.action] ?? e.action;

export const TAG_WORDS: Record<TagKind, string> = {
  PARTY_MEMBER: '党员',
  LEFT_BEHIND_CHILD: '留守儿童',
  EMPTY_NEST_ELDERLY: '空巢老人',
  DISABLED: '残疾',
  LOW_INCOME: '低保',
  MONITORED: '防返贫监测',
  VETERAN: '退役军人',
  MODEL_HOUSEHOLD: '示范户',
};

const pad = (n: number) => String(n).padStart(2, '0');

/** 今天 14:05 / 昨天 09:30 / 11月3日 14:05 / 2024年11月3日 — relative to `now`, in local time. */
export function when(iso: string | Date, now: Date = new Date()): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const day = (x: Date) => new Date(x.getFullYear(), x.getMonth(), x.getDate()).getTime();
  const diffDays = Math.round((day(now) - day(d)) / 86_400_000);
  if (diffDays === 0) return `今天 ${time}`;
  if (diffDays === 1) return `昨天 ${time}`;
  if (diffDays === -1) return `明天 ${time}`;
  if (d.getFullYear() === now.getFullYear()) return `${d.getMonth() + 1}月${d.getDate()}日 ${time}`;
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}

/** What is late about an order, or null. */
export function overdueWords(o: Pick<OrderSummary, 'overdue'>): string | null {
  if (o.overdue.response) return '超时未接单';
  if (o.overdue.resolution) return '超时未办结';
  return null;
}
