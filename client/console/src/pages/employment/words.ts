// What the 就业 tabs show for the server's codes (the mini-program's words, from shared/).
import { EMPLOYMENT_STATUS_LABELS, JOB_KIND_LABELS, TRADES } from '../../../../../shared/words.js';
import type { EmploymentStatus, InterestOutcome, JobKind, ManagedJob, PayUnit, Trade } from '../../api.js';

export { EMPLOYMENT_STATUS_LABELS, JOB_KIND_LABELS, TRADES };

export const tradeOptions = (Object.entries(TRADES) as Array<[Trade, string]>).map(([value, label]) => ({ value, label }));
export const kindOptions = (Object.entries(JOB_KIND_LABELS) as Array<[JobKind, string]>).map(([value, label]) => ({ value, label }));
export const statusOptions = (Object.entries(EMPLOYMENT_STATUS_LABELS) as Array<[EmploymentStatus, string]>).map(([value, label]) => ({ value, label }));

export const PAY_UNITS: Record<PayUnit, string> = { month: '元/月', day: '元/天', piece: '元/件', hour: '元/小时' };

export function payWords(pay: ManagedJob['pay']): string {
  const unit = PAY_UNITS[pay.unit as PayUnit] ?? '元';
  if (pay.min == null && pay.max == null) return '面议';
  if (pay.min != null && pay.max != null) return pay.min === pay.max ? `${pay.min} ${unit}` : `${pay.min}–${pay.max} ${unit}`;
  return pay.min != null ? `${pay.min} ${unit}起` : `最高 ${pay.max} ${unit}`;
}

export const OUTCOME_WORDS: Record<InterestOutcome, { text: string; color: string }> = {
  pending: { text: '待联系', color: 'orange' },
  hired: { text: '已录用', color: 'green' },
  not_hired: { text: '未录用', color: 'default' },
};

/** 有意愿未就业 reads as 想找工作 on staff screens, as on the dashboard; the Excel keeps the ledger's word. */
export const statusWords = (s: EmploymentStatus | null) => (s === null ? '没有登记' : s === 'seeking' ? '想找工作' : EMPLOYMENT_STATUS_LABELS[s]);
