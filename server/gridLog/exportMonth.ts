// A month's 民情日志 to Excel for the monthly report: one sheet per grid, a title row,
// then the entries oldest first under Chinese headers.
import ExcelJS from 'exceljs';
import { GRID_LOG_KIND_LABELS } from '../../shared/words.js';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { forbidden } from '../errors.js';
import { gridLogReach, mayReadGridLog, mustReveal, relationsTo } from '../policies/index.js';
import { monthRange } from './month.js';
import { placeOfLinked } from './presenter.js';
import { entriesInOrder, linksOf, type EntryRow } from './queries.js';
import type { ExportQuery } from './schemas.js';

export const EXPORT_HEADERS = ['序号', '日期', '类别', '内容', '涉及住户', '关联工单', '记录人', '照片'] as const;

const chinaDayTime = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

export async function exportMonth(deps: Deps, v: Viewer, q: ExportQuery): Promise<Buffer> {
  if (!mayReadGridLog(v)) throw forbidden("only the grid's workers and community staff export the 民情日志");
  const range = monthRange(q.month);
  const rows = await entriesInOrder(deps.sql, gridLogReach(v), { gridId: q.gridId, from: range.from, to: range.to });
  const links = await linksOf(deps.sql, rows.map((r) => r.id));
  // a sheet per grid, by id: the admin's export may hold two communities' 第1网格 (the second sheet gets a number)
  const byGrid = new Map<string, EntryRow[]>();
  for (const r of rows) byGrid.set(r.gridId, [...(byGrid.get(r.gridId) ?? []), r]);
  const sheetNames = new Set<string>();
  const sheetName = (grid: string) => {
    let name = grid.slice(0, 28);
    for (let n = 2; sheetNames.has(name); n++) name = `${grid.slice(0, 25)}(${n})`;
    sheetNames.add(name);
    return name;
  };

  const wb = new ExcelJS.Workbook();
  wb.created = deps.clock();
  const [y, m] = q.month.split('-');
  // a sheet even for an empty month: the report says nothing was logged
  if (!byGrid.size) byGrid.set('', []);
  for (const entries of byGrid.values()) {
    const grid = entries[0]?.grid ?? '民情日志';
    const sheet = wb.addWorksheet(sheetName(grid));
    sheet.addRow([`${grid} 民情日志 ${y}年${Number(m)}月（共${entries.length}条）`]);
    sheet.mergeCells(1, 1, 1, EXPORT_HEADERS.length);
    sheet.getRow(1).font = { bold: true, size: 14 };
    sheet.addRow([...EXPORT_HEADERS]);
    sheet.getRow(2).font = { bold: true };
    entries.forEach((e, i) => {
      const hs = links.households.filter((h) => h.entryId === e.id);
      const os = links.orders.filter((o) => o.entryId === e.id);
      sheet.addRow([
        i + 1,
        chinaDayTime(e.occurredAt),
        GRID_LOG_KIND_LABELS[e.kind],
        e.text,
        hs.map((h) => `${h.building} ${mustReveal(relationsTo(v, placeOfLinked(h)), 'room', `${h.unit} ${h.room}`)}`).join('；'),
        os.map((o) => o.title).join('；'),
        e.author,
        e.photoId ? '有' : '',
      ]);
    });
    const widths = [6, 17, 10, 60, 24, 24, 10, 6];
    widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
    sheet.getColumn(4).alignment = { wrapText: true, vertical: 'top' };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
