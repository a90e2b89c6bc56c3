// Plain words for what the server sends as codes, on staff pages only (kept out of
// the main package: client/lib/words.ts has the ones every resident's page needs).
import type { DeliveryStatus, EmploymentStatus, NoticeKind, NoticeState, OrderStatus } from '../../api/types.js';

// ---- staff: the dashboard ----------------------------------------------------------

/** Short state names for the dashboard's bars (a label column, not a sentence). */
export const STATUS_SHORT: Record<OrderStatus, string> = {
  submitted: '待派单',
  dispatched: '已派单',
  accepted: '办理中',
  resolved: '已办好',
  reopened: '重办中',
  closed: '已办结',
  cancelled: '已撤销',
};

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

/** The ledger's labels (server/jobs/ledger.ts STATUS_LABELS); 没有登记 for a member without a record. */
export const EMPLOYMENT_WORDS: Record<EmploymentStatus, string> = {
  employed_local: '本地务工',
  employed_outbound: '外出务工',
  public_welfare: '公益性岗位',
  self_employed: '自主创业',
  seeking: '想找工作',
  unable: '无劳动能力',
};

// ---- staff: notices --------------------------------------------------------------------

/** The kinds of server/notices/schemas.ts KIND_LABELS (the type checker keeps them the same). */
export const NOTICE_KIND_WORDS: typeof import('../../../server/notices/schemas.js').KIND_LABELS = {
  policy: '惠民政策',
  service: '便民服务',
  news: '时政新闻',
  job: '就业岗位',
  training: '技能培训',
  activity: '社区活动',
  emergency: '紧急通知',
};

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
  cancelled: '已撤回',
};

export const DELIVERY_TONE: Record<DeliveryStatus, 'wait' | 'work' | 'done' | 'off' | 'warn'> = {
  pending: 'wait',
  retrying: 'work',
  sent: 'done',
  failed: 'warn',
  cancelled: 'off',
};
