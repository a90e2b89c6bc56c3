// The demo's people come in the way a real community's do (issue #19): as a 户籍台账
// workbook, through the same dry run and confirm an administrator uses at the console,
// so every `npm start` on an empty database, and every test database, exercises the
// import. The demo seed (server/demo/seed.ts) draws the households and people; this
// writes them into a workbook per community, previews and confirms it as the platform
// administrator, and answers where each drawn thing ended up (the import makes its own ids).
import type { HouseholdTagKind } from '@prisma/client';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { AppError } from '../errors.js';
import { confirmImport } from './confirmImport.js';
import { previewImport } from './previewImport.js';
import { workbookOf } from './workbookBytes.js';
import { tagWord } from './sheets.js';
import { writeRegistryWorkbook } from './workbookOut.js';

export interface DemoRegistryPerson {
  relation: string;
  name: string;
  idNumber: string;
  phone: string | null;
}

export interface DemoRegistryHousehold {
  building: string;
  unit: string;
  room: string;
  originPlace: string | null;
  tags: HouseholdTagKind[];
  /** the 户主 first */
  people: DemoRegistryPerson[];
}

export interface DemoRegistry {
  grids: Array<{ name: string; buildings: Array<{ name: string; units: string[]; floors: number }> }>;
  households: DemoRegistryHousehold[];
}

/** Where the import put each drawn thing, by its name (grids, buildings) or its place (households). */
export interface ImportedRegistry {
  gridId: (name: string) => string;
  buildingId: (name: string) => string;
  householdId: (building: string, unit: string, room: string) => string;
}

export async function importDemoRegistry(deps: Deps, admin: Viewer, communityId: string, r: DemoRegistry): Promise<ImportedRegistry> {
  const buildingRows = r.grids.flatMap((g) => g.buildings.flatMap((b) => b.units.map((u) => [b.name, u, g.name, b.floors])));
  const peopleRows = r.households.flatMap((h) =>
    h.people.map((p, i) => [
      h.building,
      h.unit,
      h.room,
      p.relation,
      p.name,
      p.idNumber,
      '', // 性别 and 出生日期: read off the ID number, as staff leave them
      '',
      p.phone ?? '',
      i === 0 ? h.tags.map(tagWord).join('、') : '',
      '', // 就业状态: the employment demo writes the ledger with its own history
      i === 0 ? (h.originPlace ?? '') : '',
      '',
    ]),
  );
  const file = await writeRegistryWorkbook(
    { grids: r.grids.map((g) => g.name), buildings: r.grids.flatMap((g) => g.buildings.map((b) => b.name)), buildingRows, peopleRows },
    peopleRows.length,
  );
  const preview = await previewImport(deps, admin, communityId, workbookOf(file), '演示户籍台账.xlsx');
  if (preview.counts.badRows) {
    throw new AppError('conflict', `the demo registry has ${preview.counts.badRows} bad rows: ${JSON.stringify(preview.badRows.slice(0, 3))}`);
  }
  await confirmImport(deps, admin, preview.id, 'demo-seed');

  const [grids, buildings, households] = await Promise.all([
    deps.db.grid.findMany({ where: { communityId }, select: { id: true, name: true } }),
    deps.db.building.findMany({ where: { communityId }, select: { id: true, name: true } }),
    deps.db.household.findMany({ where: { communityId }, select: { id: true, room: true, building: { select: { name: true } }, unit: { select: { name: true } } } }),
  ]);
  const gridIds = new Map(grids.map((g) => [g.name, g.id]));
  const buildingIds = new Map(buildings.map((b) => [b.name, b.id]));
  const householdIds = new Map(households.map((h) => [`${h.building.name}\u0001${h.unit.name}\u0001${h.room}`, h.id]));
  const found = (m: Map<string, string>, k: string, what: string) => {
    const v = m.get(k);
    if (!v) throw new Error(`the demo registry import has no ${what} ${k.replace(/\u0001/g, ' ')}`);
    return v;
  };
  return {
    gridId: (name) => found(gridIds, name, 'grid'),
    buildingId: (name) => found(buildingIds, name, 'building'),
    householdId: (b, u, room) => found(householdIds, `${b}\u0001${u}\u0001${room}`, 'household'),
  };
}
