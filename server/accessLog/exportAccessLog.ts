// The access log out to Excel (.xlsx): for an inspection or a resident's
// question, one row per entry, in China time.
import ExcelJS from 'exceljs';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { allEntries } from './listAccessLog.js';
import type { AccessLogFilter } from './schemas.js';

export const EXPORT_COLUMNS = ['时间', '查看人', '查看人ID', '居民', '居民ID', '字段', '事由', '请求ID'] as const;

const FIELD_LABELS: Record<string, string> = { idNumber: '身份证号' };

/** 2026-12-05 16:03:07, China time */
const chinaTime = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);

export async function exportAccessLog(deps: Deps, v: Viewer, f: AccessLogFilter): Promise<Buffer> {
  const entries = await allEntries(deps, v, f);
  const wb = new ExcelJS.Workbook();
  wb.created = deps.clock();
  const sheet = wb.addWorksheet('查看记录');
  sheet.addRow([...EXPORT_COLUMNS]);
  sheet.getRow(1).font = { bold: true };
  for (const e of entries) {
    sheet.addRow([chinaTime(e.at), e.actor.name, e.actor.id, e.resident.name, e.resident.id, FIELD_LABELS[e.field] ?? e.field, e.reason, e.requestId]);
  }
  sheet.columns.forEach((c) => (c.width = 18));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
