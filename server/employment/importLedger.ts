// The employment ledger in from Excel (.xlsx), one row per person, as the
// communities keep it today. Rows are checked first; a bad row is reported
// with its number and reason and the good ones go in. Importing the same sheet
// again changes nothing (recordSituation skips what the ledger already says).
// A row without a 就业状态 (children, elderly members in an exported sheet) is skipped.
import ExcelJS from 'exceljs';
import type { EmploymentStatus } from '@prisma/client';
import { EMPLOYMENT_STATUS_LABELS } from '../../shared/words.js';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { hashIdNumber, idNumberHasMask, normaliseIdNumber } from '../org/index.js';
import { AppError, badRequest } from '../errors.js';
import { inDateRange } from '../http/dates.js';
import { jobsStaffCommunity } from '../policies/index.js';
import { residentsWithHomes } from './queries.js';
import { recordSituation } from './recordSituation.js';
import { TRADES, tradeFromName, type Trade } from './trades.js';

/** The sheet's columns, as the communities keep it; the export writes them too (exportLedger.ts). */
export const COLUMNS = ['姓名', '身份证号', '楼栋', '单元', '房号', '就业状态', '就业单位', '开始时间', '意向工种', '备注'] as const;
const REQUIRED = ['姓名', '就业状态'] as const;

/** The labels staff actually type, mapped to the ledger's statuses. */
const STATUS_WORDS: Array<[RegExp, EmploymentStatus]> = [
  [/公益/, 'public_welfare'],
  [/外出|省外|县外|劳务输出/, 'employed_outbound'],
  [/创业|个体|自营|自主/, 'self_employed'],
  [/本地|就近|车间|县内|务工|就业|在岗/, 'employed_local'],
  [/无劳动|丧失|在校|学生|重病|残疾/, 'unable'],
  [/待业|失业|未就业|求职|有意愿/, 'seeking'],
];

export function statusFromLabel(label: string): EmploymentStatus | undefined {
  const exact = (Object.entries(EMPLOYMENT_STATUS_LABELS) as Array<[EmploymentStatus, string]>).find(([, l]) => l === label.trim())?.[0];
  if (exact) return exact;
  return STATUS_WORDS.find(([re]) => re.test(label))?.[1];
}

/** A cell as text. U+0000 (a workbook may carry it as _x0000_) is dropped: PostgreSQL text cannot hold it. */
function cellText(v: ExcelJS.CellValue): string {
  return cellString(v).replace(/\u0000/g, '');
}

function cellString(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellString(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v).trim();
}

function parseSince(v: ExcelJS.CellValue): Date | null | 'bad' {
  if (v instanceof Date) return inDateRange(v) ? v : 'bad';
  const s = cellText(v);
  if (!s) return null;
  const m = /^(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2}))?日?$/.exec(s);
  if (!m) return 'bad';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 1)];
  const utc = new Date(Date.UTC(y, mo - 1, d));
  if (utc.getUTCMonth() !== mo - 1 || utc.getUTCDate() !== d) return 'bad'; // 2025-13-45 does not roll over
  if (y < 1900 || !inDateRange(utc)) return 'bad'; // Date.UTC reads years 0–99 as 1900–1999
  return new Date(utc.getTime() - 8 * 3600_000); // midnight in China time
}

interface RowError {
  row: number;
  reason: string;
}

/** Thrown inside a dry run's transaction to undo what it wrote. */
class DryRun extends Error {}

/**
 * `dryRun`: check and count exactly as an import would, then write nothing (the console's
 * preview: the same rows go in, the transaction is rolled back at its end).
 */
export async function importLedger(deps: Deps, v: Viewer, file: Buffer, dryRun = false) {
  const communityId = jobsStaffCommunity(v);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ExcelJS.Buffer);
  } catch {
    throw new AppError('unsupported_media_type', 'file: not an Excel .xlsx workbook');
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw badRequest('body.file', 'the workbook has no sheet');
  const header = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => header.set(cellText(cell.value), col));
  const missing = REQUIRED.filter((h) => !header.has(h));
  if (!header.has('身份证号') && !(header.has('楼栋') && header.has('单元') && header.has('房号'))) missing.push('身份证号' as never);
  if (missing.length) throw badRequest('body.file', `missing column(s): ${missing.join('、')}`);

  const residents = await residentsWithHomes(deps.db, communityId);
  // matched by the keyed hash (server/org/idNumbers.ts): nothing here decrypts a number
  const byIdNumberHash = new Map(residents.filter((r) => r.idNumberHash).map((r) => [r.idNumberHash!, r]));
  const byPlace = new Map<string, typeof residents>();
  for (const r of residents) {
    const key = `${r.name}|${r.household.building.name}|${r.household.unit.name}|${r.household.room}`;
    byPlace.set(key, [...(byPlace.get(key) ?? []), r]);
  }

  const errors: RowError[] = [];
  const good: Array<{ row: number; resident: (typeof residents)[number]; status: EmploymentStatus; employer: string | null; since: Date | null; trades: Trade[]; note: string | null }> = [];
  const seen = new Map<string, number>();
  let skipped = 0;
  const get = (row: ExcelJS.Row, name: string) => (header.has(name) ? row.getCell(header.get(name)!).value : null);
  for (let n = 2; n <= sheet.rowCount; n++) {
    const row = sheet.getRow(n);
    const name = cellText(get(row, '姓名'));
    const values = COLUMNS.map((c) => cellText(get(row, c)));
    if (values.every((x) => !x)) continue; // blank line
    const fail = (reason: string) => errors.push({ row: n, reason });
    if (!name) { fail('姓名 is empty'); continue; }
    // a person listed without a status (a child, an elderly member) has nothing to record
    if (!cellText(get(row, '就业状态'))) { skipped++; continue; }
    // a masked number (5205**********1234, as the export writes them) names nobody: the row is matched by its place,
    // the mask telling apart two people of one name in one home
    const given = normaliseIdNumber(cellText(get(row, '身份证号')));
    const masked = given.includes('*') ? given : null;
    const idNumber = masked ? '' : given;
    let resident = idNumber ? byIdNumberHash.get(hashIdNumber(deps.config.idNumbers, idNumber)) : undefined;
    if (idNumber && !resident) { fail('no resident of this community has this 身份证号'); continue; }
    if (resident && resident.name !== name) { fail(`身份证号 belongs to ${resident.name[0]}*, not ${name}`); continue; }
    if (!resident) {
      let unit = cellText(get(row, '单元'));
      if (/^\d+$/.test(unit)) unit = `${unit}单元`;
      let candidates = byPlace.get(`${name}|${cellText(get(row, '楼栋'))}|${unit}|${cellText(get(row, '房号'))}`) ?? [];
      if (candidates.length > 1 && masked) candidates = candidates.filter((c) => idNumberHasMask(deps.config.idNumbers, c, masked));
      if (candidates.length > 1) { fail('more than one resident with this name at this 楼栋/单元/房号: give the 身份证号'); continue; }
      resident = candidates[0];
      if (!resident) { fail('no resident with this name at this 楼栋/单元/房号'); continue; }
    }
    if (seen.has(resident.id)) { fail(`the same person as row ${seen.get(resident.id)}`); continue; }
    const statusLabel = cellText(get(row, '就业状态'));
    const status = statusFromLabel(statusLabel);
    if (!status) { fail(`就业状态 "${statusLabel}" is not one of ${Object.values(EMPLOYMENT_STATUS_LABELS).join('、')}`); continue; }
    const since = parseSince(get(row, '开始时间'));
    if (since === 'bad') { fail('开始时间 is not a date like 2025-03 or 2025-03-01'); continue; }
    const tradeNames = cellText(get(row, '意向工种')).split(/[、,，/;；\s]+/).filter(Boolean);
    const trades = tradeNames.map(tradeFromName);
    const unknown = tradeNames.filter((_, i) => !trades[i]);
    if (unknown.length) { fail(`意向工种 not known: ${unknown.join('、')} (known: ${Object.values(TRADES).join('、')})`); continue; }
    seen.set(resident.id, n);
    good.push({
      row: n,
      resident,
      status,
      employer: cellText(get(row, '就业单位')) || null,
      since,
      trades: [...new Set(trades as Trade[])],
      note: cellText(get(row, '备注')) || null,
    });
  }

  const now = deps.clock();
  let changed = 0;
  try {
    await deps.db.$transaction(async (tx) => {
      for (const g of good) {
        const r = await recordSituation(
          tx,
          { communityId, householdId: g.resident.householdId, residentId: g.resident.id, recordedById: v.userId, source: 'import', at: now },
          { status: g.status, employer: g.employer, since: g.since, trades: g.trades, note: g.note },
        );
        if (r.changed) changed++;
      }
      if (dryRun) throw new DryRun();
    });
  } catch (e) {
    if (!(e instanceof DryRun)) throw e;
  }
  return { rows: good.length + errors.length + skipped, imported: changed, unchanged: good.length - changed, withoutStatus: skipped, errors, dryRun };
}
