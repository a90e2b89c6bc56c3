// Plain words for what the server sends as codes.
import { JOB_KIND_LABELS, TRADES } from '../../shared/words.js';
import type {
  EnrolmentStatus,
  InterestOutcome,
  Job,
  JobKind,
  OrderStatus,
  OrderSummary,
  PayUnit,
  RedemptionStatus,
  ShopItem,
  TagKind,
  TimelineEntry,
  Trade,
  RoleName,
} from '../api/types.js';

/** How a resident reads the state of their request. */
export const STATUS_WORDS: Record<OrderStatus, string> = {
  submitted: '已提交，等社区派人',
  dispatched: '已派给网格员',
  accepted: '网格员正在办',
  resolved: '已办好',
  reopened: '重新办理中',
  closed: '已办结',
  cancelled: '已撤销',
  awaiting_info: '等您补充情况',
  merged: '已和同一件事合并',
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
  awaiting_info: 'warn',
  merged: 'off',
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
  comment: '留言',
  ask: '网格员请您补充情况',
  answer: '补充了情况',
  join: '又有一户反映了这件事',
  merge: '与相同的报事合并',
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

/** A span ahead in plain words: 10 分钟内, 2 小时内, 1 天半内, 3 天内. */
export function withinWords(from: string | Date, until: string | Date): string {
  const minutes = Math.max(1, Math.round((new Date(until).getTime() - new Date(from).getTime()) / 60_000));
  if (minutes < 60) return `${minutes} 分钟内`;
  const hours = minutes / 60;
  if (hours < 24) return Number.isInteger(hours) ? `${hours} 小时内` : hours < 1.75 && hours > 1.25 ? '1 个半小时内' : `${Math.ceil(hours)} 小时内`;
  const days = hours / 24;
  if (Number.isInteger(days)) return `${days} 天内`;
  return days < 1.75 && days > 1.25 ? '1 天半内' : `${Math.ceil(days)} 天内`;
}

/** What is late about an order, or null. */
export function overdueWords(o: Pick<OrderSummary, 'overdue'>): string | null {
  // an emergency unclaimed 20 minutes has been escalated to the community's leaders
  if (o.overdue.secondAlert) return '20分钟无人接单';
  if (o.overdue.response) return '超时未接单';
  if (o.overdue.resolution) return '超时未办结';
  if (o.overdue.review) return '超时未评单';
  return null;
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** 12月2日（周二）: a day to remember, without the time. */
export function dayWords(iso: string | Date, now: Date = new Date()): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  const year = d.getFullYear() === now.getFullYear() ? '' : `${d.getFullYear()}年`;
  return `${year}${d.getMonth() + 1}月${d.getDate()}日（周${WEEKDAYS[d.getDay()]}）`;
}

/** 14:35 */
export const timeWords = (iso: string | Date) => {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

// ---- 积分超市 ----------------------------------------------------------------

export const REDEMPTION_WORDS: Record<RedemptionStatus, string> = {
  reserved: '待领取',
  handed_over: '已领取',
  cancelled: '已取消',
};

export const REDEMPTION_TONE: Record<RedemptionStatus, 'wait' | 'done' | 'off'> = {
  reserved: 'wait',
  handed_over: 'done',
  cancelled: 'off',
};

const PERIOD_WORDS: Record<ShopItem['limitPeriod'], string> = { day: '每天', week: '每周', month: '每月' };

/** 每户每月限换 1 件 and 您家还能换 1 件 (two lines: each fits a phone in large text) — or null for an item without a limit. */
export function limitWords(item: Pick<ShopItem, 'limitPerHousehold' | 'limitPeriod' | 'limitLeft'>): { rule: string; left: string | null } | null {
  if (item.limitPerHousehold === null) return null;
  const rule = `每户${PERIOD_WORDS[item.limitPeriod]}限换 ${item.limitPerHousehold} 件`;
  if (item.limitLeft === undefined || item.limitLeft === null) return { rule, left: null };
  return { rule, left: item.limitLeft > 0 ? `您家还能换 ${item.limitLeft} 件` : '您家这段时间已经换够了' };
}

// ---- jobs and training -------------------------------------------------------

export const JOB_KIND_WORDS: Record<JobKind, string> = JOB_KIND_LABELS;

const PAY_UNIT_WORDS: Record<PayUnit, string> = { month: '每月', day: '每天', piece: '计件', hour: '每小时' };

/** 每月 2800–4000 元; 计件 60–150 元; 工资面议 when the posting names none. */
export function payWords(pay: Job['pay']): string {
  const unit = PAY_UNIT_WORDS[pay.unit as PayUnit] ?? '';
  const { min, max } = pay;
  if (min === null && max === null) return '工资面议';
  const amount = min !== null && max !== null ? (min === max ? `${min}` : `${min}–${max}`) : `${min ?? max}`;
  const prefix = min !== null && max === null ? '不低于 ' : min === null ? '最高 ' : '';
  return `${unit} ${prefix}${amount} 元`.trim();
}

/** Typed by the API's own Trade, so a trade the server knows and shared/words.ts does not is a type error. */
export const TRADE_WORDS: Record<Trade, string> = TRADES;

export const tradeWords = (t: Trade) => TRADE_WORDS[t] ?? t;

export const INTEREST_WORDS: Record<InterestOutcome, string> = {
  pending: '已登记，等社区联系您',
  hired: '已录用',
  not_hired: '这次没有录用',
};

export const ENROLMENT_WORDS: Record<EnrolmentStatus, string> = {
  enrolled: '已报名',
  waitlisted: '排队等候中',
  withdrawn: '已退出',
  completed: '已结业',
};

/** The first phone number in a contact line (王主任 0857-7621001), digits only, to call it. */
export function phoneIn(contact: string): string | null {
  const m = /\d[\d-]{5,}\d/.exec(contact);
  return m ? m[0].replace(/-/g, '') : null;
}

/** Each role in the words its holders use. */
export const ROLE_WORDS: Record<RoleName, string> = {
  RESIDENT: '居民',
  BUILDING_HEAD: '楼栋长',
  GRID_WORKER: '网格员',
  STAFF: '社区干部',
  REVIEWER: '党组织评单',
  ADMIN: '平台管理员',
  COUNTY_ADMIN: '县级管理员',
  COUNTY_OVERSIGHT: '县级督查',
  STREET_ADMIN: '街道管理员',
  STREET_OVERSIGHT: '街道督查',
};
