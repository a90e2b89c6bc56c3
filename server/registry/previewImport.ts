// Upload → dry run: every row checked, nothing written to the registry; the
// preview is stored with the (sealed) workbook for the confirm.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { currentStatuses } from '../employment/index.js';
import { forbidden, notFound } from '../errors.js';
import { readRegistry, sealFilePart } from '../org/index.js';
import { mayAdministerCommunity } from '../policies/index.js';
import { planImport, type BuildingPlan, type HouseholdPlan, type PersonPlan, type PlanOutcome, type PlanSink } from './plan.js';
import { presentImport } from './presenter.js';
import { insertImport } from './queries.js';
import type { RegistryPreview } from './schemas.js';
import { digestOf, inParts, type WorkbookBytes } from './workbookBytes.js';
import { BUILDING_SHEET, PEOPLE_SHEET } from './sheets.js';

const MAX_CHANGES = 1000;

const placeOf = (householdKey: string) => householdKey.split('\u0001').join(' ');

/** Counts everything, keeps the first changes for the page: a county's file must not become a county's preview. */
class PreviewSink implements PlanSink {
  counts = {
    grids: { new: 0 },
    buildings: { new: 0, changed: 0, unchanged: 0 },
    units: { new: 0 },
    households: { new: 0, changed: 0, unchanged: 0 },
    people: { new: 0, changed: 0, unchanged: 0, missing: 0 },
    badRows: 0,
  };
  changes: RegistryPreview['changes'] = [];
  private keep(c: RegistryPreview['changes'][number]) {
    if (this.changes.length < MAX_CHANGES) this.changes.push(c);
  }
  grid() {
    this.counts.grids.new++;
  }
  unit() {
    this.counts.units.new++;
  }
  building(b: BuildingPlan) {
    this.counts.buildings[b.change]++;
    if (b.change !== 'unchanged') this.keep({ sheet: BUILDING_SHEET, row: b.row, kind: 'building', change: b.change, label: b.name, fields: b.fields });
  }
  household(h: HouseholdPlan) {
    this.counts.households[h.change]++;
    if (h.change !== 'unchanged') this.keep({ sheet: PEOPLE_SHEET, row: h.row, kind: 'household', change: h.change, label: placeOf(h.key), fields: h.fields });
  }
  person(p: PersonPlan) {
    this.counts.people[p.change]++;
    if (p.change !== 'unchanged') this.keep({ sheet: PEOPLE_SHEET, row: p.row, kind: 'person', change: p.change, label: `${p.name}（${placeOf(p.householdKey)}）`, fields: p.fields });
  }
  preview(o: PlanOutcome): RegistryPreview {
    return {
      rows: o.rows,
      counts: { ...this.counts, people: { ...this.counts.people, missing: o.missingCount }, badRows: o.badRowCount },
      changes: this.changes,
      badRows: o.badRows,
      missing: o.missing,
    };
  }
}

/** The dry run of `file`, read as a stream four times: the two planning passes, its SHA-256 and the sealed copy (a local file: tens of milliseconds each). */
export async function previewImport(deps: Deps, v: Viewer, communityId: string, file: WorkbookBytes, fileName: string) {
  if (!mayAdministerCommunity(v, communityId)) throw forbidden('only administrators import a community\'s registry');
  const snapshot = await readRegistry(deps.db, communityId);
  if (!snapshot) throw notFound('community');
  const statuses = await currentStatuses(deps.db, communityId);
  const sink = new PreviewSink();
  const keys = deps.config.idNumbers;
  const outcome = await planImport(file, { db: deps.db, keys, today: deps.clock(), snapshot, statuses }, sink);
  const row = await insertImport(
    deps.db,
    {
      communityId,
      createdById: v.userId,
      createdAt: deps.clock(),
      fileName,
      fileHash: (await digestOf(file)).sha256,
      registryHash: outcome.registryHash,
      planHash: outcome.planHash,
      preview: JSON.stringify(sink.preview(outcome)),
    },
    async function* (importId) {
      let seq = 0;
      for await (const part of inParts(file)) yield sealFilePart(keys, importId, seq++, part);
    },
  );
  return presentImport(row);
}
