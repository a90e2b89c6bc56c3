// The template (empty, its drop-downs naming the community's grids and
// buildings) and the export (the whole registry in the same columns: an
// exported workbook imports back all unchanged). The export holds every ID
// number in full, so it is an administrator's act with a reason, and each
// person in it gets an access-log entry before the file is answered.
import type { Viewer } from '../auth/index.js';
import { recordAccesses } from '../accessLog/index.js';
import { recordAdminChange } from '../audit/index.js';
import type { Deps } from '../context.js';
import { currentStatuses } from '../employment/index.js';
import { forbidden, notFound } from '../errors.js';
import { readRegistry, residentsWithIdNumbers, type RegistrySnapshot } from '../org/index.js';
import { mayAdministerCommunity } from '../policies/index.js';
import { HEAD, RELATIONS, statusLabel, TAG_ORDER, tagWord } from './sheets.js';
import { writeRegistryWorkbook } from './workbookOut.js';

const natural = new Intl.Collator('zh-CN', { numeric: true });

async function registryOf(deps: Deps, v: Viewer, communityId: string): Promise<RegistrySnapshot> {
  if (!mayAdministerCommunity(v, communityId)) throw forbidden('only administrators download a community\'s registry');
  const s = await readRegistry(deps.db, communityId);
  if (!s) throw notFound('community');
  return s;
}

const namesOf = (s: RegistrySnapshot) => ({
  grids: s.grids.map((g) => g.name).sort(natural.compare),
  buildings: s.buildings.map((b) => b.name).sort(natural.compare),
});

export async function registryTemplate(deps: Deps, v: Viewer, communityId: string) {
  const s = await registryOf(deps, v, communityId);
  return { file: await writeRegistryWorkbook({ ...namesOf(s), buildingRows: [], peopleRows: [] }, 0), community: s.community.name };
}

export async function exportRegistry(deps: Deps, v: Viewer, communityId: string, reason: string, requestId: string) {
  const s = await registryOf(deps, v, communityId);
  const [statuses, idNumbers] = await Promise.all([currentStatuses(deps.db, communityId), residentsWithIdNumbers(deps.db, deps.config.idNumbers, communityId)]);
  const grids = new Map(s.grids.map((g) => [g.id, g.name]));
  const buildings = new Map(s.buildings.map((b) => [b.id, b]));
  const units = new Map(s.units.map((u) => [u.id, u.name]));
  const buildingRows = s.units
    .map((u) => {
      const b = buildings.get(u.buildingId)!;
      return [b.name, u.name, grids.get(b.gridId) ?? '', b.floors];
    })
    .sort((a, b) => natural.compare(String(a[0]), String(b[0])) || natural.compare(String(a[1]), String(b[1])));

  const members = new Map<string, typeof s.residents>();
  for (const r of s.residents) members.set(r.householdId, [...(members.get(r.householdId) ?? []), r]);
  const rank = (relation: string) => (relation === HEAD ? -1 : (RELATIONS as readonly string[]).indexOf(relation));
  const households = s.households
    .filter((h) => members.has(h.id))
    .map((h) => ({ h, building: buildings.get(h.buildingId)!.name, unit: units.get(h.unitId)! }))
    .sort((a, b) => natural.compare(a.building, b.building) || natural.compare(a.unit, b.unit) || natural.compare(a.h.room, b.h.room));
  const peopleRows: unknown[][] = [];
  for (const { h, building, unit } of households) {
    const people = members.get(h.id)!.sort((a, b) => rank(a.relation) - rank(b.relation) || natural.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
    people.forEach((r, i) => {
      const idNumber = idNumbers.get(r.id) ?? '';
      const status = statuses.get(r.id);
      // household facts go on the 户主's row (the first), as the import reads them
      peopleRows.push([
        building,
        unit,
        h.room,
        r.relation,
        r.name,
        idNumber,
        r.gender,
        idNumber.length === 18 ? `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}` : '',
        r.phone ?? '',
        i === 0 ? TAG_ORDER.filter((k) => h.tags.includes(k)).map(tagWord).join('、') : '',
        status ? statusLabel(status) : '',
        i === 0 ? (h.originPlace ?? '') : '',
        r.registryNote ?? '',
      ]);
    });
  }
  // no entry, no file: every person whose number the file holds, written first
  const at = deps.clock();
  await deps.db.$transaction(async (tx) => {
    await recordAccesses(
      tx,
      s.residents
        .filter((r) => idNumbers.get(r.id))
        .map((r) => ({ communityId, actorId: v.userId, residentId: r.id, field: 'idNumber' as const, reason: `户籍台账导出：${reason}`, requestId, at })),
    );
    // the reason is in the access log; the audit entry holds counts only (a typed reason may hold anything)
    await recordAdminChange(tx, { actor: v, action: 'registry.export', at, requestId, target: { type: 'registry', id: communityId, communityId }, after: { households: households.length, people: peopleRows.length } });
  });
  const file = await writeRegistryWorkbook({ ...namesOf(s), buildingRows, peopleRows }, peopleRows.length);
  return { file, community: s.community.name, people: peopleRows.length };
}
