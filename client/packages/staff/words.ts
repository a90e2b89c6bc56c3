// Plain words for what the server sends as codes, on staff pages only (kept out of
// the main package: client/lib/words.ts has the ones every resident's page needs).
import { EMPLOYMENT_STATUS_LABELS, NOTICE_KIND_LABELS, ORDER_STATUS_SHORT } from '../../../shared/words.js';
import type { DeliveryStatus, EmploymentStatus, NoticeKind, NoticeState, OrderStatus } from '../../api/types.js';

// ---- staff: the dashboard ----------------------------------------------------------

/** Short state names for the dashboard's bars (a label column, not a sentence). */
export const STATUS_SHORT: Record<OrderStatus, string> = ORDER_STATUS_SHORT;

/** 35 分钟, 2.5 小时, 3.2 天; 暂无 when nothing was measured. */
export function minutesWords(minutes: number | null): string {
  if (minutes === null) return '暂无';
  if (minutes < 60) return `${Math.round(minutes)} 分钟`;
  if (minutes < 24 * 60) return `${(Math.round(minutes / 6) / 10).toString()} 小时`;
  return `${(Math.round(minutes / 144) / 10).toString()} 天`;
}

/** 0.853 → 85%; null (nothing to divide) → 暂无. */
export const percentWords = (share: number | null) => (share === null ? '暂无' : `${Math.round(share * 100)}%`);

/** The width of a bar: `value` of `max`, as a CSS percentage (at least a sliver when above zero). */
export function barWidth(value: number | null, max: number): string {
  if (!value || value <= 0 || max <= 0) return '0%';
  return `${Math.max(2, Math.min(100, Math.round((value / max) * 100)))}%`;
}

/**
 * The ledger's labels, except that a job seeker reads as 想找工作 on the dashboard
 * (有意愿未就业 stays the ledger's word, in its Excel files); 没有登记 for a member without a record.
 */
export const EMPLOYMENT_WORDS: Record<EmploymentStatus, string> = { ...EMPLOYMENT_STATUS_LABELS, seeking: '想找工作' };

// ---- staff: notices --------------------------------------------------------------------

export const NOTICE_KIND_WORDS: Record<NoticeKind, string> = NOTICE_KIND_LABELS;

/** The kinds staff pick from; an emergency is the red switch, not a chip. */
export const NOTICE_KINDS: NoticeKind[] = ['service', 'policy', 'activity', 'job', 'training', 'news'];

export const NOTICE_STATE_WORDS: Record<NoticeState, string> = {
  scheduled: '定时发送',
  sending: '正在发送',
  done: '已发完',
  cancelled: '已撤回',
};

export const NOTICE_STATE_TONE: Record<NoticeState, 'wait' | 'work' | 'done' | 'off'> = {
  scheduled: 'wait',
  sending: 'work',
  done: 'done',
  cancelled: 'off',
};

export const DELIVERY_WORDS: Record<DeliveryStatus, string> = {
  pending: '等待发送',
  retrying: '重试中',
  sent: '已发送',
  failed: '发送失败',
  possibly_sent: '可能已发出',
  cancelled: '已撤回',
};

export const DELIVERY_TONE: Record<DeliveryStatus, 'wait' | 'work' | 'done' | 'off' | 'warn'> = {
  pending: 'wait',
  retrying: 'work',
  sent: 'done',
  failed: 'warn',
  possibly_sent: 'warn',
  cancelled: 'off',
};
