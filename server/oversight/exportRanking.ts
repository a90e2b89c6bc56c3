// The monthly 通报: the communities ranked, out to Excel for the meeting and the
// file. The same figures as the side-by-side.
import ExcelJS from 'exceljs';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { compareCommunities } from './compare.js';
import type { CompareQuery } from './schemas.js';

export const RANKING_COLUMNS = [
  '排名', '社区', '街道', '县', '工单数', '紧急', '超时', '按时率', '平均接单(分钟)', '平均办结(小时)', '满意率',
  '劳动力', '就业人数', '就业率', '零就业户', '积分发放', '积分兑换', '综合得分',
] as const;

const pct = (x: number | null) => (x === null ? null : x);

export async function exportRanking(deps: Deps, v: Viewer, q: CompareQuery): Promise<{ month: string; data: Buffer }> {
  const r = await compareCommunities(deps, v, { ...q, sort: 'score', order: 'desc' });
  const wb = new ExcelJS.Workbook();
  wb.created = deps.clock();
  const sheet = wb.addWorksheet(`${r.month} 通报`);
  sheet.addRow([`${r.month} 社区工作通报（${r.totals.communities} 个社区，按综合得分排名）`]);
  sheet.mergeCells(1, 1, 1, RANKING_COLUMNS.length);
  sheet.getRow(1).font = { bold: true, size: 14 };
  sheet.addRow([...RANKING_COLUMNS]);
  sheet.getRow(2).font = { bold: true };
  for (const c of r.items) {
    sheet.addRow([
      c.rank, c.name, c.street?.name ?? '', c.county?.name ?? '',
      c.orders.orders, c.orders.emergencies, c.orders.overdue, pct(c.orders.onTimeShare),
      c.orders.minutesToClaim.mean, c.orders.minutesToResolve.mean === null ? null : Math.round(c.orders.minutesToResolve.mean / 6) / 10,
      pct(c.orders.satisfiedShare),
      c.employment.labour, c.employment.employed, pct(c.employment.employmentRate), c.employment.zeroEmploymentHouseholds,
      c.points.issued, c.points.redeemed, c.score,
    ]);
  }
  // shares as percentages, the way a 通报 prints them
  for (const col of [8, 11, 14]) sheet.getColumn(col).numFmt = '0.0%';
  sheet.columns.forEach((c, i) => (c.width = i === 1 ? 14 : i < 4 ? 10 : 12));
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  sheet.addRow([]);
  sheet.addRow(['综合得分 = 按时率、满意率、就业率（有数据的几项）的平均数 × 100；超时 = 本月工单中接单或办结晚于时限的件数。']);
  return { month: r.month, data: Buffer.from(await wb.xlsx.writeBuffer()) };
}
