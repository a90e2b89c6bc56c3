// The words of the 走访 pages, shared by the list and the record page.
import type { VisitDueItem } from '../../../api/types.js';

export const MET_WORDS = { head: '户主', family: '家人', nobody: '无人在家' } as const;
export const WELLBEING_WORDS = { good: '好', fair: '一般', needs_help: '需要帮助' } as const;

const md = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/** 逾期3天 / 今天要去 / 12月9日前 */
export function dueWords(i: Pick<VisitDueItem, 'bucket' | 'dueOn' | 'overdueDays'>): string {
  if (i.bucket === 'overdue') return `逾期${i.overdueDays}天`;
  if (i.bucket === 'today') return '今天要去';
  return `${md(i.dueOn)}前`;
}

/** 上次走访：12月1日 / 还没走访过 */
export function lastWords(lastVisitedAt: string | null): string {
  if (!lastVisitedAt) return '还没走访过';
  const d = new Date(lastVisitedAt);
  return `上次走访：${d.getMonth() + 1}月${d.getDate()}日`;
}

/** 每7天 / 每2周 / 每月 */
export function intervalWords(days: number | null): string {
  if (days === null) return '不需要走访';
  if (days === 7) return '每周';
  if (days === 14) return '每两周';
  if (days === 30) return '每月';
  return `每${days}天`;
}
