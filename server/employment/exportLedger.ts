// The employment ledger out to Excel (.xlsx), one row per person, in the
// columns the import reads: an exported sheet imports back unchanged.
import ExcelJS from 'exceljs';
import { EMPLOYMENT_STATUS_LABELS } from '../../shared/words.js';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { idNumberAsSeen } from '../org/index.js';
import { jobsStaffCommunity, relationsTo } from '../policies/index.js';
import { householdEmployment } from './households.js';
import { COLUMNS } from './importLedger.js';
import { chinaDay, ledgerYear } from './ledger.js';
import { ledgerRows } from './queries.js';
import { parseTrades, TRADES } from './trades.js';

/** The whole community's ledger as a workbook, in the same columns the import reads (plus grid and age). */
export async function exportLedger(deps: Deps, v: Viewer): Promise<Buffer> {
  const communityId = jobsStaffCommunity(v);
  const households = await householdEmployment(deps, { communityId });
  const details = await ledgerRows(deps.db, communityId);
  const byId = new Map(details.map((d) => [d.id, d]));
  const year = ledgerYear(deps);
  const wb = new ExcelJS.Workbook();
  wb.created = deps.clock();
  const sheet = wb.addWorksheet('就业台账');
  sheet.addRow([...COLUMNS, '网格', '年龄', '零就业家庭']);
  sheet.getRow(1).font = { bold: true };
  for (const h of households) {
    for (const m of h.members) {
      const d = byId.get(m.id)!;
      const rec = d.employment[0];
      sheet.addRow([
        m.name,
        // masked as the visibility table shows staff: a sheet travels (mail, USB sticks); the import matches masked rows by their place
        idNumberAsSeen(deps.config.idNumbers, d, relationsTo(v, { communityId, gridId: d.household.building.gridId, buildingId: d.household.buildingId, householdId: d.householdId })).idNumber ?? '',
        d.household.building.name,
        d.household.unit.name,
        d.household.room,
        rec ? EMPLOYMENT_STATUS_LABELS[rec.status] : '',
        rec?.employer ?? '',
        chinaDay(rec?.since) ?? '',
        rec ? parseTrades(rec.trades).map((t) => TRADES[t]).join('、') : '',
        rec?.note ?? '',
        d.household.building.grid.name,
        m.birthYear ? year - m.birthYear : '',
        h.zeroEmployment ? '是' : '',
      ]);
    }
  }
  sheet.columns.forEach((c) => (c.width = 14));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
