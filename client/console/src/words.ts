// What the console shows for the server's codes; the state names are the mini-program's staff words.
import dayjs from 'dayjs';
import { STATUS_SHORT } from '../../packages/staff/words.js';
import type { OrderStatus, OrderSummary } from './api.js';

export { STATUS_SHORT };
export { minutesWords, percentWords } from '../../packages/staff/words.js';

export const STATUS_COLOR: Record<OrderStatus, string> = {
  submitted: 'orange',
  dispatched: 'blue',
  accepted: 'processing',
  resolved: 'green',
  reopened: 'volcano',
  closed: 'default',
  cancelled: 'default',
  awaiting_info: 'gold',
  merged: 'default',
};

/** The states an order can be dispatched from (server/orders/transitions.ts). */
export const DISPATCHABLE: OrderStatus[] = ['submitted', 'dispatched', 'reopened'];

export const time = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
/** A list cell's time: the year only when it is not this year's (the full time is in the order's drawer). */
export const shortTime = (iso: string | null | undefined) =>
  iso ? dayjs(iso).format(dayjs(iso).year() === dayjs().year() ? 'MM-DD HH:mm' : 'YYYY-MM-DD') : '—';

export const isOverdue = (o: Pick<OrderSummary, 'overdue'>) => o.overdue.response || o.overdue.resolution || o.overdue.review;

export const ACTION_WORDS: Record<string, string> = {
  submit: '居民报事',
  dispatch: '社区派单',
  claim: '网格员接单',
  resolve: '办理完成',
  feedback: '居民评价',
  review_pass: '党组织评单：通过',
  review_fail: '党组织评单：退回',
  cancel: '撤销',
  escalate: '超时督办',
  reopen: '重新办理',
  comment: '留言',
  ask: '请居民补充',
  answer: '居民已补充',
  join: '又一户反映',
  merge: '合并重复工单',
};
