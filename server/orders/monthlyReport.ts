// The monthly 四单 report (四单月报): one community's orders filed in a month (China
// time), as the review meeting and the 街道 ask for them — how many reached each stage
// (群众点单 → 社区派单 → 网格员接单 → 办结 → 党组织评单), how many on time, how satisfied
// residents were, what had to be redone; for the community, per grid, per category, and
// every emergency with its response time (the 10-minute commitment). Aggregates and order
// numbers only: no resident, room or text leaves this file.
//
// The shared figures (orders, overdue, on-time share, times, satisfaction) come from the
// one function the dashboard and the 街道/县 views use (communityFigures.ts orderFigures),
// so the three cannot disagree; a merged duplicate counts in none of them.
import ExcelJS from 'exceljs';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import { homeCommunity, mayReadMonthlyOrderReport } from '../policies/index.js';
import { ORDER_STATUS_SHORT } from '../../shared/words.js';
import { orderFigures, type OrderFigures } from './communityFigures.js';
import type { MonthlyReportQuery, OrderStatusName } from './schemas.js';

const CST = 8 * 3_600_000;

/** [start, end) of `2026-11` in China time (UTC+8, no DST), whatever the server's zone. */
export function chinaMonth(label: string) {
  const y = Number(label.slice(0, 4));
  const m = Number(label.slice(5, 7)) - 1;
  return { label, start: new Date(Date.UTC(y, m, 1) - CST), end: new Date(Date.UTC(y, m + 1, 1) - CST) };
}

const chinaTime = (d: Date | null) => (d ? new Date(d.getTime() + CST).toISOString().slice(0, 16).replace('T', ' ') : '');
const round1 = (x: number) => Math.round(x * 10) / 10;
const round3 = (x: number) => Math.round(x * 1000) / 1000;
const share = (n: number, of: number) => (of ? round3(n / of) : null);
const minutes = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 60_000;

type Row = {
  id: string;
  communityId: string;
  gridId: string;
  categoryId: string;
  buildingId: string;
  status: string;
  urgency: string;
  createdAt: Date;
  dispatchedAt: Date | null;
  claimedAt: Date | null;
  resolvedAt: Date | null;
  responseDueAt: Date;
  resolveDueAt: Date;
  rating: number | null;
  satisfied: boolean | null;
  reopenCount: number;
};

/** One line of the report: the shared figures, and the stages and rework only this report counts. */
export interface ReportLine extends OrderFigures {
  dispatched: number;
  claimed: number;
  reviewed: number;
  reviewFailed: number;
  claimedInTimeShare: number | null;
  resolvedInTimeShare: number | null;
  reworked: number;
  reopenings: number;
  emergencyMinutesToClaim: number | null;
  emergencyClaimedInTimeShare: number | null;
}

function line(all: Row[], reviews: Map<string, { pass: boolean; fail: boolean }>, now: Date): ReportLine {
  const rows = all.filter((o) => o.status !== 'merged');
  const claimed = rows.filter((o) => o.claimedAt);
  const resolved = rows.filter((o) => o.resolvedAt);
  const emergencies = claimed.filter((o) => o.urgency === 'emergency');
  return {
    ...orderFigures(all, now),
    dispatched: rows.filter((o) => o.dispatchedAt).length,
    claimed: claimed.length,
    reviewed: rows.filter((o) => reviews.has(o.id)).length,
    reviewFailed: rows.filter((o) => reviews.get(o.id)?.fail).length,
    claimedInTimeShare: share(claimed.filter((o) => o.claimedAt! <= o.responseDueAt).length, claimed.length),
    resolvedInTimeShare: share(resolved.filter((o) => o.resolvedAt! <= o.resolveDueAt).length, resolved.length),
    reworked: rows.filter((o) => o.reopenCount > 0).length,
    reopenings: rows.reduce((n, o) => n + o.reopenCount, 0),
    emergencyMinutesToClaim: emergencies.length ? round1(emergencies.reduce((n, o) => n + minutes(o.createdAt, o.claimedAt!), 0) / emergencies.length) : null,
    emergencyClaimedInTimeShare: share(emergencies.filter((o) => o.claimedAt! <= o.responseDueAt).length, emergencies.length),
  };
}

/** The columns of the grid and category sheets, and the summary's lines, in the ledger's words. */
const COLUMNS: Array<[string, (l: ReportLine) => number | null]> = [
  ['点单(工单数)', (l) => l.orders],
  ['派单', (l) => l.dispatched],
  ['接单', (l) => l.claimed],
  ['办结', (l) => l.resolved],
  ['评单', (l) => l.reviewed],
  ['撤销', (l) => l.cancelled],
  ['超时', (l) => l.overdue],
  ['按时率', (l) => l.onTimeShare],
  ['按时接单率', (l) => l.claimedInTimeShare],
  ['按时办结率', (l) => l.resolvedInTimeShare],
  ['平均接单(分钟)', (l) => l.minutesToClaim.mean],
  ['接单中位数(分钟)', (l) => l.minutesToClaim.median],
  ['平均办结(分钟)', (l) => l.minutesToResolve.mean],
  ['评价数', (l) => l.rated],
  ['平均评分', (l) => l.averageRating],
  ['满意率', (l) => l.satisfiedShare],
  ['返工工单', (l) => l.reworked],
  ['返工次数', (l) => l.reopenings],
  ['评单不通过', (l) => l.reviewFailed],
  ['紧急工单', (l) => l.emergencies],
  ['紧急平均响应(分钟)', (l) => l.emergencyMinutesToClaim],
  ['紧急按时响应率', (l) => l.emergencyClaimedInTimeShare],
];
export const REPORT_COLUMNS = COLUMNS.map(([h]) => h);
const SHARE_COLUMNS = new Set(['按时率', '按时接单率', '按时办结率', '满意率', '紧急按时响应率']);

export const EMERGENCY_COLUMNS = ['工单编号', '类别', '网格', '楼栋', '提交时间', '接单时间', '响应用时(分钟)', '按时响应', '办好时间', '状态'] as const;

export interface MonthlyReport {
  community: { id: string; name: string };
  month: { label: string; start: Date; end: Date };
  merged: number;
  total: ReportLine;
  grids: Array<{ id: string; name: string; line: ReportLine }>;
  categories: Array<{ code: string; name: string; line: ReportLine }>;
  emergencies: Row[];
  names: { grids: Map<string, string>; categories: Map<string, string>; buildings: Map<string, string> };
}

export async function monthlyReport(deps: Deps, v: Viewer, q: MonthlyReportQuery): Promise<MonthlyReport> {
  const communityId = q.communityId ?? homeCommunity(v);
  if (!communityId) throw badRequest('query.communityId', 'required: say which community');
  // a community outside the viewer's reach is as unknown as a made-up one
  if (!mayReadMonthlyOrderReport(v, communityId)) throw notFound('query.communityId: community');
  const community = await deps.db.community.findUnique({ where: { id: communityId }, select: { id: true, name: true } });
  if (!community) throw notFound('query.communityId: community');
  const month = chinaMonth(q.month);
  const now = deps.clock();
  const [rows, grids, categories] = await Promise.all([
    deps.db.order.findMany({
      where: { communityId, createdAt: { gte: month.start, lt: month.end } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: {
        id: true, communityId: true, gridId: true, categoryId: true, buildingId: true, status: true, urgency: true, createdAt: true,
        dispatchedAt: true, claimedAt: true, resolvedAt: true, responseDueAt: true, resolveDueAt: true, rating: true, satisfied: true, reopenCount: true,
      },
    }),
    deps.db.grid.findMany({ where: { communityId }, select: { id: true, name: true } }),
    deps.db.serviceCategory.findMany({ where: { communityId }, orderBy: [{ sort: 'asc' }, { code: 'asc' }], select: { id: true, code: true, name: true } }),
  ]);
  const reviews = new Map<string, { pass: boolean; fail: boolean }>();
  for (let i = 0; i < rows.length; i += 500) {
    const events = await deps.db.orderEvent.findMany({
      where: { orderId: { in: rows.slice(i, i + 500).map((r) => r.id) }, action: { in: ['review_pass', 'review_fail'] } },
      select: { orderId: true, action: true },
    });
    for (const e of events) {
      const r = reviews.get(e.orderId) ?? { pass: false, fail: false };
      if (e.action === 'review_pass') r.pass = true;
      else r.fail = true;
      reviews.set(e.orderId, r);
    }
  }
  const buildings = await deps.db.building.findMany({ where: { id: { in: [...new Set(rows.filter((r) => r.urgency === 'emergency').map((r) => r.buildingId))] } }, select: { id: true, name: true } });
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh-Hans-CN', { numeric: true });
  return {
    community,
    month,
    merged: rows.filter((r) => r.status === 'merged').length,
    total: line(rows, reviews, now),
    grids: [...grids].sort(byName).map((g) => ({ id: g.id, name: g.name, line: line(rows.filter((r) => r.gridId === g.id), reviews, now) })),
    // a category without an order in the month stays out of its sheet
    categories: categories
      .map((c) => ({ code: c.code, name: c.name, line: line(rows.filter((r) => r.categoryId === c.id), reviews, now) }))
      .filter((c) => c.line.orders > 0),
    emergencies: rows.filter((r) => r.urgency === 'emergency' && r.status !== 'merged'),
    names: {
      grids: new Map(grids.map((g) => [g.id, g.name])),
      categories: new Map(categories.map((c) => [c.id, c.name])),
      buildings: new Map(buildings.map((b) => [b.id, b.name])),
    },
  };
}

function table(wb: ExcelJS.Workbook, name: string, first: string, rows: Array<[string, ReportLine]>, total: ReportLine) {
  const sheet = wb.addWorksheet(name);
  sheet.addRow([first, ...REPORT_COLUMNS]);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 1 }];
  for (const [label, l] of [...rows, ['合计', total] as [string, ReportLine]]) sheet.addRow([label, ...COLUMNS.map(([, f]) => f(l))]);
  sheet.getRow(sheet.rowCount).font = { bold: true };
  COLUMNS.forEach(([h], i) => {
    const col = sheet.getColumn(i + 2);
    col.width = Math.max(10, h.length * 2 + 2);
    if (SHARE_COLUMNS.has(h)) col.numFmt = '0.0%';
  });
  sheet.getColumn(1).width = 16;
}

export async function monthlyReportWorkbook(deps: Deps, v: Viewer, q: MonthlyReportQuery): Promise<{ filename: string; data: Buffer }> {
  const r = await monthlyReport(deps, v, q);
  const wb = new ExcelJS.Workbook();
  wb.created = deps.clock();

  const summary = wb.addWorksheet('概况');
  summary.addRow([`${r.community.name} ${r.month.label} 四单月报`]);
  summary.getRow(1).font = { bold: true, size: 14 };
  summary.addRow(['统计范围', `${chinaTime(r.month.start)} 至 ${chinaTime(r.month.end)}（北京时间）提交的工单；超时按 ${chinaTime(deps.clock())} 计`]);
  summary.addRow(['合并的重复工单', r.merged, '不计入各项（随原工单计）']);
  summary.addRow([]);
  summary.addRow(['指标', '数值']);
  summary.getRow(summary.rowCount).font = { bold: true };
  for (const [h, f] of COLUMNS) {
    const row = summary.addRow([h, f(r.total)]);
    if (SHARE_COLUMNS.has(h)) row.getCell(2).numFmt = '0.0%';
  }
  summary.getColumn(1).width = 22;
  summary.getColumn(2).width = 44;

  table(wb, '按网格', '网格', r.grids.map((g) => [g.name, g.line]), r.total);
  table(wb, '按类别', '类别', r.categories.map((c) => [c.name, c.line]), r.total);

  const urgent = wb.addWorksheet('紧急工单');
  urgent.addRow([...EMERGENCY_COLUMNS]);
  urgent.getRow(1).font = { bold: true };
  for (const o of r.emergencies) {
    urgent.addRow([
      o.id,
      r.names.categories.get(o.categoryId) ?? '',
      r.names.grids.get(o.gridId) ?? '',
      r.names.buildings.get(o.buildingId) ?? '',
      chinaTime(o.createdAt),
      chinaTime(o.claimedAt),
      o.claimedAt ? round1(minutes(o.createdAt, o.claimedAt)) : null,
      o.claimedAt ? (o.claimedAt <= o.responseDueAt ? '是' : '否') : '未接单',
      chinaTime(o.resolvedAt),
      ORDER_STATUS_SHORT[o.status as OrderStatusName] ?? o.status,
    ]);
  }
  urgent.columns.forEach((c, i) => (c.width = i === 0 ? 28 : 14));
  return { filename: `四单月报-${r.community.name}-${r.month.label}.xlsx`, data: Buffer.from(await wb.xlsx.writeBuffer()) };
}
