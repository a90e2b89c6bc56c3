// Confirm: applies exactly what the dry run previewed, in one transaction. The
// stored workbook is planned again against the registry as it is now; the plan
// must hash as the preview's did, and so must the registry the plan depends on,
// read again inside the transaction: anything changed since (an edit, a person
// who left, a grid worker recording a status) is a 409, and the admin previews again.
import type { EmploymentStatus } from '@prisma/client';
import { recordAdminChange } from '../audit/index.js';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { currentStatuses, recordStatusesInBulk } from '../employment/index.js';
import { AppError, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { applyRegistryChanges, openFilePart, readRegistry, type RegistryChanges, type RegistrySnapshot } from '../org/index.js';
import { mayAdministerCommunity } from '../policies/index.js';
import { hashRegistry, planImport, type BuildingPlan, type HouseholdPlan, type PersonPlan, type PlanSink } from './plan.js';
import { presentImport } from './presenter.js';
import { findImport, markConfirmed, sealedPartCount, sealedParts } from './queries.js';
import type { RegistryImportResult } from './schemas.js';
import { digestOf, type WorkbookBytes } from './workbookBytes.js';

const stale = () =>
  new AppError('conflict', '台账在核对之后有了改动（楼栋、住户、人员或就业状态），请重新上传核对后再确认', undefined, 'stale_preview');

/** Collects the whole plan as the rows to write, choosing the ids of new rows so later rows can name them. */
class ChangesSink implements PlanSink {
  changes: RegistryChanges = {
    grids: [],
    newBuildings: [],
    changedBuildings: [],
    units: [],
    newHouseholds: [],
    changedHouseholds: [],
    tagsAdded: [],
    tagsRemoved: [],
    newResidents: [],
    changedResidents: [],
  };
  statuses: Array<{ residentId: string; householdId: string; status: EmploymentStatus; newResident: boolean }> = [];
  private grids: Map<string, string>;
  private buildings: Map<string, string>;
  private units: Map<string, string>;
  private households = new Map<string, string>();

  constructor(s: RegistrySnapshot) {
    this.grids = new Map(s.grids.map((g) => [g.name, g.id]));
    this.buildings = new Map(s.buildings.map((b) => [b.name, b.id]));
    const buildingName = new Map(s.buildings.map((b) => [b.id, b.name]));
    this.units = new Map(s.units.map((u) => [`${buildingName.get(u.buildingId)}\u0001${u.name}`, u.id]));
  }
  grid(name: string) {
    const id = newId();
    this.grids.set(name, id);
    this.changes.grids.push({ id, name });
  }
  building(b: BuildingPlan) {
    if (b.change === 'unchanged') return;
    const gridId = this.grids.get(b.grid)!;
    if (b.change === 'new') {
      const id = newId();
      this.buildings.set(b.name, id);
      this.changes.newBuildings.push({ id, name: b.name, gridId, floors: b.floors });
    } else {
      this.changes.changedBuildings.push({ id: b.id!, ...(b.fields.includes('网格') ? { gridId } : {}), ...(b.fields.includes('层数') ? { floors: b.floors } : {}) });
    }
  }
  unit(building: string, name: string) {
    const id = newId();
    this.units.set(`${building}\u0001${name}`, id);
    this.changes.units.push({ id, buildingId: this.buildings.get(building)!, name });
  }
  householdsWritten = 0;
  household(h: HouseholdPlan) {
    if (h.change !== 'unchanged') this.householdsWritten++;
    const id = h.id ?? newId();
    this.households.set(h.key, id);
    if (h.change === 'new') {
      const groundFloor = /^\d{3,4}$/.test(h.room) && Math.floor(Number(h.room) / 100) === 1; // the ground floor went to families with limited mobility
      this.changes.newHouseholds.push({ id, buildingId: this.buildings.get(h.building)!, unitId: this.units.get(`${h.building}\u0001${h.unit}`)!, room: h.room, originPlace: h.originPlace, groundFloor });
    } else if (h.fields.includes('迁出地')) {
      this.changes.changedHouseholds.push({ id, originPlace: h.originPlace });
    }
    for (const kind of h.tagsAdded) this.changes.tagsAdded.push({ householdId: id, kind });
    for (const kind of h.tagsRemoved) this.changes.tagsRemoved.push({ householdId: id, kind });
  }
  person(p: PersonPlan) {
    const householdId = this.households.get(p.householdKey)!;
    const id = p.id ?? newId();
    if (p.change === 'new') {
      this.changes.newResidents.push({ id, householdId, name: p.name, relation: p.relation, gender: p.gender, birthYear: p.birthYear, idNumber: p.idNumber, phone: p.phone, registryNote: p.note });
    } else if (p.change === 'changed') {
      const f = new Set(p.fields);
      const data = {
        ...(f.has('姓名') ? { name: p.name } : {}),
        ...(f.has('与户主关系') ? { relation: p.relation } : {}),
        ...(f.has('性别') ? { gender: p.gender } : {}),
        ...(f.has('出生年份') ? { birthYear: p.birthYear } : {}),
        ...(f.has('联系电话') ? { phone: p.phone } : {}),
        ...(f.has('备注') ? { registryNote: p.note } : {}),
        ...(f.has('住址') ? { householdId } : {}),
      };
      if (Object.keys(data).length) this.changes.changedResidents.push({ id, data });
    }
    if (p.status) this.statuses.push({ residentId: id, householdId, status: p.status, newResident: p.change === 'new' });
  }
}

export async function confirmImport(deps: Deps, v: Viewer, importId: string, requestId: string) {
  const started = performance.now();
  const row = await findImport(deps.db, importId);
  // another community's import is as unknown as a made-up id
  if (!row || !mayAdministerCommunity(v, row.communityId)) throw notFound('registry import');
  if (row.status === 'confirmed') throw new AppError('conflict', '这次导入已经确认过了', undefined, 'already_confirmed');
  const superseded = () => new AppError('conflict', '这份预览已被之后上传的文件取代，请用最新的预览确认', undefined, 'superseded');
  if (row.status !== 'previewed') throw superseded();
  const parts = await sealedPartCount(deps.db, row.id);
  if (!parts) throw superseded();
  const keys = deps.config.idNumbers;
  // the stored workbook, opened a part at a time as the plan reads it
  const file: WorkbookBytes = async function* () {
    for await (const p of sealedParts(deps.db, row.id, parts)) yield openFilePart(keys, row.id, p.seq, p.sealed);
  };
  // each part is bound to its place; the whole is held to the upload's hash (a part lost from the end)
  if ((await digestOf(file)).sha256 !== row.fileHash) throw new AppError('internal', 'the stored workbook does not match the upload\'s hash');
  const snapshot = await readRegistry(deps.db, row.communityId);
  if (!snapshot) throw notFound('community');
  const statuses = await currentStatuses(deps.db, row.communityId);
  const sink = new ChangesSink(snapshot);
  // planned outside the transaction (reading the workbook takes seconds; SQLite has one writer); checked again inside it
  const outcome = await planImport(file, { db: deps.db, keys, today: deps.clock(), snapshot, statuses }, sink);
  if (outcome.registryHash !== row.registryHash || outcome.planHash !== row.planHash) throw stale();
  const now = deps.clock();
  const c = sink.changes;
  const result: RegistryImportResult = {
    grids: c.grids.length,
    buildings: c.newBuildings.length + c.changedBuildings.length,
    units: c.units.length,
    households: sink.householdsWritten,
    people: c.newResidents.length + c.changedResidents.length,
    employment: sink.statuses.length,
    seconds: 0,
  };
  await deps.db.$transaction(
    async (tx) => {
      const [again, againStatuses] = await Promise.all([readRegistry(tx, row.communityId), currentStatuses(tx, row.communityId)]);
      if (!again || hashRegistry(again, againStatuses, outcome.named) !== row.registryHash) throw stale();
      await applyRegistryChanges(tx, keys, row.communityId, c, now);
      await recordStatusesInBulk(tx, { communityId: row.communityId, recordedById: v.userId, source: 'import', at: now }, sink.statuses);
      result.seconds = Math.round((performance.now() - started) / 100) / 10;
      const done = await markConfirmed(tx, row.id, v.userId, now, JSON.stringify(result));
      if (done.count !== 1) throw new AppError('conflict', '这次导入已经确认过了', undefined, 'already_confirmed');
      // counts only: the audit log holds no personal fields
      await recordAdminChange(tx, {
        actor: v,
        action: 'registry.import',
        at: now,
        requestId,
        target: { type: 'registry', id: row.id, communityId: row.communityId },
        after: { file: row.fileName, grids: result.grids, buildings: result.buildings, units: result.units, households: result.households, people: result.people, employment: result.employment },
      });
    },
    // a 平远-size first import writes ~35,000 rows: far beyond the default 20 s bound of a request's transaction
    { timeout: 300_000, maxWait: 30_000 },
  );
  const confirmed = await findImport(deps.db, row.id);
  return presentImport(confirmed!);
}
