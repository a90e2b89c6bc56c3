// 导出 Excel: what the console's order list shows under the same filters, every
// page of it, in the viewer's scope and as the viewer sees each order (a phone
// the visibility table hides stays out of the file too).
import ExcelJS from 'exceljs';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { badRequest } from '../errors.js';
import { orderFilterSql, scopeArms } from './listOrders.js';
import { presentOrder } from './presenter.js';
import { reviewDaysLookup } from './reviewDeadline.js';
import { ORDER_STATUS_SHORT } from '../../shared/words.js';
import { findOrders } from './queries.js';
import { EXPORT_MAX_ORDERS, type ExportOrdersQuery, type OrderStatusName } from './schemas.js';

export const STATUS_LABELS: Record<OrderStatusName, string> = ORDER_STATUS_SHORT;

export const EXPORT_COLUMNS = [
  '工单编号', '标题', '类别', '紧急程度', '状态', '楼栋', '房号', '居民', '居民电话', '报事人', '代报',
  '网格员', '提交时间', '响应时限', '办结时限', '派单时间', '接单时间', '办好时间', '超时', '满意', '评分', '返工次数', '办理经过',
] as const;

/** The timeline's steps in the ledger's words; comments and +1s are left out of the summary (the order page has them). */
const STEP_LABELS: Partial<Record<string, string>> = {
  submit: '提交', dispatch: '派单', claim: '接单', resolve: '办好', feedback: '评价', review_pass: '评单 通过', review_fail: '评单 不通过',
  cancel: '撤销', escalate: '超时上报', reopen: '重办', ask: '待补充', answer: '已补充', merge: '合并',
};
/** Steps whose actor is named: the workers and staff who took them (never the resident, whose name the visibility table governs). */
const NAMED_STEPS = new Set(['dispatch', 'claim', 'resolve']);

type Step = { action: string; createdAt: Date; satisfied: boolean | null; actor: { displayName: string } | null };

/** "12-01 09:30 提交 → 09:41 派单 → 10:02 接单 (李网格员) → 14:20 办好 → 12-02 评价 满意": the date only when the day changes. */
export function timelineSummary(steps: Step[]): string {
  let day = '';
  const parts: string[] = [];
  for (const e of steps) {
    const label = STEP_LABELS[e.action];
    if (!label) continue;
    const at = chinaTime(e.createdAt); // 2026-12-01 09:30
    const d = at.slice(5, 10);
    const when = d === day ? at.slice(11) : `${d} ${at.slice(11)}`;
    day = d;
    const extra = e.action === 'feedback' && e.satisfied !== null ? ` ${e.satisfied ? '满意' : '不满意'}` : NAMED_STEPS.has(e.action) && e.actor ? ` (${e.actor.displayName})` : '';
    parts.push(`${when} ${label}${extra}`);
  }
  return parts.join(' → ');
}

/** 2026-12-01 09:30, in China time (the ledgers' clock), whatever the server's zone. */
const chinaTime = (d: Date | null) => (d ? new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

export async function exportOrders(deps: Deps, viewer: Viewer, q: ExportOrdersQuery): Promise<Buffer> {
  const now = deps.clock();
  const [rows, reviewDays] = await Promise.all([findOrders(deps.sql, scopeArms(viewer, q.mine), orderFilterSql(q, now), EXPORT_MAX_ORDERS + 1), reviewDaysLookup(deps.db)]);
  if (rows.length > EXPORT_MAX_ORDERS) {
    throw badRequest('query', `more than ${EXPORT_MAX_ORDERS} orders match: narrow the filter (a date range, a grid) and export in parts`);
  }
  // the timelines of every exported order, in chunks (a parameter list has its limits)
  const steps = new Map<string, Step[]>();
  for (let i = 0; i < rows.length; i += 500) {
    const events = await deps.db.orderEvent.findMany({
      where: { orderId: { in: rows.slice(i, i + 500).map((r) => r.id) } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { orderId: true, action: true, createdAt: true, satisfied: true, actor: { select: { displayName: true } } },
    });
    for (const e of events) {
      const list = steps.get(e.orderId);
      if (list) list.push(e);
      else steps.set(e.orderId, [e]);
    }
  }
  const wb = new ExcelJS.Workbook();
  wb.created = now;
  const sheet = wb.addWorksheet('工单');
  sheet.addRow([...EXPORT_COLUMNS]);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of rows) {
    const o = presentOrder(row, viewer, now, reviewDays(row.communityId));
    sheet.addRow([
      o.id,
      o.title,
      o.category.name,
      o.urgency === 'emergency' ? '紧急' : '一般',
      STATUS_LABELS[o.status],
      o.building.name,
      o.room,
      o.resident.name,
      o.resident.phone ?? '',
      o.filedBy?.name ?? '',
      o.filedOnBehalf ? '是' : '',
      o.assignee?.name ?? '',
      chinaTime(o.createdAt),
      chinaTime(o.responseDueAt),
      chinaTime(o.resolveDueAt),
      chinaTime(o.dispatchedAt),
      chinaTime(o.claimedAt),
      chinaTime(o.resolvedAt),
      [o.overdue.response ? '响应超时' : '', o.overdue.resolution ? '办结超时' : ''].filter(Boolean).join('、'),
      o.feedback ? (o.feedback.satisfied ? '满意' : '不满意') : '',
      o.feedback?.rating ?? '',
      o.reopenCount,
      timelineSummary(steps.get(o.id) ?? []),
    ]);
  }
  sheet.columns.forEach((c, i) => (c.width = i === 1 ? 28 : i === 0 ? 28 : i === EXPORT_COLUMNS.length - 1 ? 80 : 12));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
