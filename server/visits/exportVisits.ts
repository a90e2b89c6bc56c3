// 走访记录 to Excel for the monthly report: a month's visits of one grid (its worker, or
// staff) or of the whole community (staff), a sheet per grid, oldest first, under Chinese
// headers. Personal fields as the visibility table lets the reader see them (room, the
// head's name, the 七彩 tags they may know; never phones or ID numbers). Every export is in
// the audit log (what was taken out, as registry exports are): the sheet names households
// the community watches.
import ExcelJS from 'exceljs';
import type { Viewer } from '../auth/index.js';
import { recordAdminChange } from '../audit/index.js';
import type { Deps } from '../context.js';
import { notFound } from '../errors.js';
import { mayListGridVisits, mustReveal, placeOfHousehold, relationsTo, reveal, sees, tagField, visitsStaffCommunity } from '../policies/index.js';
import { gridById, tagsOf, visitsBetween, type ExportedVisitRow } from './queries.js';
import { TAG_LABELS } from './rules.js';
import type { ExportVisitsQuery } from './schemas.js';

export const VISIT_EXPORT_HEADERS = ['序号', '走访时间', '网格', '住户', '户主', '七彩标记', '走访人', '见到', '状况', '情况记录', '发现的需求', '代报工单', '照片'] as const;

const CHINA = 8 * 3600_000;
const chinaDayTime = (d: Date) => new Date(d.getTime() + CHINA).toISOString().slice(0, 16).replace('T', ' ');
const MET: Record<string, string> = { head: '户主', family: '家人', nobody: '无人在家' };
const WELLBEING: Record<string, string> = { good: '好', fair: '一般', needs_help: '需要帮助' };

export async function exportVisits(deps: Deps, v: Viewer, q: ExportVisitsQuery, requestId?: string): Promise<{ data: Buffer; name: string }> {
  let where: { gridId: string } | { communityId: string };
  let communityId: string;
  let title: string;
  if (q.gridId) {
    const grid = await gridById(deps.sql, q.gridId);
    if (!grid || !mayListGridVisits(v, grid) || (q.communityId && q.communityId !== grid.communityId)) throw notFound('query.gridId: grid');
    where = { gridId: grid.id };
    communityId = grid.communityId;
    title = grid.name;
  } else {
    communityId = visitsStaffCommunity(v, q.communityId);
    const c = await deps.db.community.findUnique({ where: { id: communityId }, select: { name: true } });
    if (!c) throw notFound('community');
    where = { communityId };
    title = c.name;
  }
  const [y, m] = q.month.split('-').map(Number) as [number, number];
  const from = new Date(Date.UTC(y, m - 1, 1) - CHINA);
  const to = new Date(Date.UTC(y, m, 1) - CHINA);
  const rows = await visitsBetween(deps.sql, where, from, to);
  const tags = await tagsOf(deps.sql, { householdIds: [...new Set(rows.map((r) => r.householdId))] });

  const byGrid = new Map<string, ExportedVisitRow[]>();
  for (const r of rows) byGrid.set(r.gridId, [...(byGrid.get(r.gridId) ?? []), r]);
  // a sheet even for an empty month: the report says nobody was visited
  if (!byGrid.size) byGrid.set('', []);
  const wb = new ExcelJS.Workbook();
  wb.created = deps.clock();
  for (const visits of byGrid.values()) {
    const grid = visits[0]?.gridName ?? title;
    const sheet = wb.addWorksheet(grid.slice(0, 28));
    const done = visits.filter((x) => x.completed).length;
    sheet.addRow([`${grid} 走访记录 ${y}年${m}月（共${visits.length}次，见到人${done}次）`]);
    sheet.mergeCells(1, 1, 1, VISIT_EXPORT_HEADERS.length);
    sheet.getRow(1).font = { bold: true, size: 14 };
    sheet.addRow([...VISIT_EXPORT_HEADERS]);
    sheet.getRow(2).font = { bold: true };
    visits.forEach((x, i) => {
      const rel = relationsTo(v, placeOfHousehold({ id: x.householdId, communityId: x.communityId, buildingId: x.buildingId, building: { gridId: x.gridId } }));
      sheet.addRow([
        i + 1,
        chinaDayTime(x.visitedAt),
        x.gridName,
        `${x.building} ${mustReveal(rel, 'room', `${x.unit} ${x.room}`)}`,
        x.headName && sees(rel, 'name') ? reveal(rel, 'name', x.headName) : '',
        (tags.get(x.householdId) ?? []).filter((t) => sees(rel, tagField(t.kind))).map((t) => TAG_LABELS[t.kind]).join('、'),
        x.visitorName,
        MET[x.met] ?? x.met,
        x.wellbeing ? WELLBEING[x.wellbeing] ?? x.wellbeing : '',
        x.note ?? '',
        x.needs ?? '',
        x.orderId ? '有' : '',
        x.photoUploadId ? '有' : '',
      ]);
    });
    [6, 17, 10, 22, 10, 18, 10, 8, 8, 40, 30, 8, 6].forEach((w, i) => (sheet.getColumn(i + 1).width = w));
    for (const c of [10, 11]) sheet.getColumn(c).alignment = { wrapText: true, vertical: 'top' };
  }
  const data = Buffer.from(await wb.xlsx.writeBuffer());
  // what left the system, and who took it: counts only, no personal fields
  await deps.db.$transaction((tx) =>
    recordAdminChange(tx, {
      actor: v,
      action: 'visits.export',
      at: deps.clock(),
      requestId: requestId ?? null,
      target: q.gridId ? { type: 'grid', id: q.gridId, communityId } : { type: 'community', id: communityId, communityId },
      after: { month: q.month, visits: rows.length, households: new Set(rows.map((r) => r.householdId)).size },
    }),
  );
  return { data, name: `走访记录-${title}-${q.month}.xlsx` };
}
