// The audit log out to Excel (.xlsx): one row per entry, in China time, the
// change in plain words.
import ExcelJS from 'exceljs';
import type { Deps } from '../context.js';
import { allEntries, type Viewer } from './listAudit.js';
import { changeText } from './presenter.js';
import type { AuditFilter } from './schemas.js';

export const EXPORT_COLUMNS = ['时间', '操作人', '操作人ID', '操作', '对象类型', '对象', '对象ID', '社区', '县/街道', '变更内容', '请求ID'] as const;

/** 2026-12-05 16:03:07, China time */
const chinaTime = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);

export async function exportAudit(deps: Deps, v: Viewer, f: AuditFilter): Promise<Buffer> {
  const entries = await allEntries(deps, v, f);
  const wb = new ExcelJS.Workbook();
  wb.created = deps.clock();
  const sheet = wb.addWorksheet('操作记录');
  sheet.addRow([...EXPORT_COLUMNS]);
  sheet.getRow(1).font = { bold: true };
  for (const e of entries) {
    sheet.addRow([
      chinaTime(e.at), e.actor.name, e.actor.id, e.actionLabel, e.target.typeLabel, e.target.name ?? '', e.target.id,
      e.community?.name ?? '', e.region?.name ?? '', changeText(e), e.requestId ?? '',
    ]);
  }
  sheet.columns.forEach((c, i) => (c.width = i === 9 ? 60 : 18));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
