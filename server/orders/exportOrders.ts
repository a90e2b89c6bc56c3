// 导出 Excel: what the console's order list shows under the same filters, every
// page of it, in the viewer's scope and as the viewer sees each order (a phone
// the visibility table hides stays out of the file too).
import ExcelJS from 'exceljs';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { badRequest } from '../errors.js';
import { orderFilterSql, scopeArms } from './listOrders.js';
import { presentOrder } from './presenter.js';
import { ORDER_STATUS_SHORT } from '../../shared/words.js';
import { findOrders } from './queries.js';
import { EXPORT_MAX_ORDERS, type ExportOrdersQuery, type OrderStatusName } from './schemas.js';

export const STATUS_LABELS: Record<OrderStatusName, string> = ORDER_STATUS_SHORT;

export const EXPORT_COLUMNS = [
  '工单编号', '标题', '类别', '紧急程度', '状态', '楼栋', '房号', '居民', '居民电话', '报事人', '代报',
  '网格员', '提交时间', '响应时限', '办结时限', '派单时间', '接单时间', '办好时间', '超时', '满意', '评分', '返工次数',
] as const;

/** 2026-12-01 09:30, in China time (the ledgers' clock), whatever the server's zone. */
const chinaTime = (d: Date | null) => (d ? new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

export async function exportOrders(deps: Deps, viewer: Viewer, q: ExportOrdersQuery): Promise<Buffer> {
  const now = deps.clock();
  const rows = await findOrders(deps.sql, scopeArms(viewer, q.mine), orderFilterSql(q, now), EXPORT_MAX_ORDERS + 1);
  if (rows.length > EXPORT_MAX_ORDERS) {
    throw badRequest('query', `more than ${EXPORT_MAX_ORDERS} orders match: narrow the filter (a date range, a grid) and export in parts`);
  }
  const wb = new ExcelJS.Workbook();
  wb.created = now;
  const sheet = wb.addWorksheet('工单');
  sheet.addRow([...EXPORT_COLUMNS]);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of rows) {
    const o = presentOrder(row, viewer, now);
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
    ]);
  }
  sheet.columns.forEach((c, i) => (c.width = i === 1 ? 28 : i === 0 ? 28 : 12));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
