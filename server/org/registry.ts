// The 户籍台账 as a whole, for server/registry/ (the Excel import and export):
// one read of a community's buildings, units, households, tags and people, and
// one batched write of what a confirmed import changes. Org owns these tables,
// so the registry folder plans and this file writes, inside the caller's
// transaction, a few statements per table (createMany in chunks), not one per row.
import type { HouseholdTagKind } from '@prisma/client';
import type { Config } from '../config.js';
import { sqlOf, sqlOn, type Db, type DbTx } from '../db.js';
import { bulk, join, sql, type SqlClient } from '../sql.js';
import { newId } from '../ids.js';
import { idNumberColumns, idNumberOf } from './idNumbers.js';

type Keys = Config['idNumbers'];

export interface RegistryGrid { id: string; name: string }
export interface RegistryBuilding { id: string; name: string; gridId: string; floors: number }
export interface RegistryUnit { id: string; buildingId: string; name: string }
export interface RegistryHousehold { id: string; buildingId: string; unitId: string; room: string; originPlace: string | null; tags: HouseholdTagKind[] }
export interface RegistryResident {
  id: string;
  householdId: string;
  name: string;
  relation: string;
  gender: string;
  birthYear: number | null;
  phone: string | null;
  idNumberHash: string | null;
  registryNote: string | null;
}

/** A community's registry as the import compares against it: people who left are not in it. */
export interface RegistrySnapshot {
  community: { id: string; name: string };
  grids: RegistryGrid[];
  buildings: RegistryBuilding[];
  units: RegistryUnit[];
  households: RegistryHousehold[];
  residents: RegistryResident[];
}

/** Everything in id order, so the same registry always reads (and hashes) the same. Null for an unknown community. */
export async function readRegistry(db: DbTx, communityId: string): Promise<RegistrySnapshot | null> {
  const community = await db.community.findUnique({ where: { id: communityId }, select: { id: true, name: true } });
  if (!community) return null;
  const where = { communityId };
  const [grids, buildings, units, households, tags, residents] = await Promise.all([
    db.grid.findMany({ where, select: { id: true, name: true }, orderBy: { id: 'asc' } }),
    db.building.findMany({ where, select: { id: true, name: true, gridId: true, floors: true }, orderBy: { id: 'asc' } }),
    db.unit.findMany({ where, select: { id: true, buildingId: true, name: true }, orderBy: { id: 'asc' } }),
    db.household.findMany({ where, select: { id: true, buildingId: true, unitId: true, room: true, originPlace: true }, orderBy: { id: 'asc' } }),
    db.householdTag.findMany({ where, select: { householdId: true, kind: true }, orderBy: [{ householdId: 'asc' }, { kind: 'asc' }] }),
    db.resident.findMany({
      where: { communityId, leftAt: null },
      select: { id: true, householdId: true, name: true, relation: true, gender: true, birthYear: true, phone: true, idNumberHash: true, registryNote: true },
      orderBy: { id: 'asc' },
    }),
  ]);
  const tagsOf = new Map<string, HouseholdTagKind[]>();
  for (const t of tags) {
    const list = tagsOf.get(t.householdId);
    if (list) list.push(t.kind);
    else tagsOf.set(t.householdId, [t.kind]);
  }
  return { community, grids, buildings, units, households: households.map((h) => ({ ...h, tags: tagsOf.get(h.id) ?? [] })), residents };
}

/** Every community with its size, for the registry page's picker (the caller keeps those it may administer). */
export async function communitiesWithSizes(db: DbTx) {
  const [communities, households, people] = await Promise.all([
    db.community.findMany({ select: { id: true, name: true, estate: true, district: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
    db.household.groupBy({ by: ['communityId'], _count: { _all: true } }),
    db.resident.groupBy({ by: ['communityId'], where: { leftAt: null }, _count: { _all: true } }),
  ]);
  const h = new Map(households.map((x) => [x.communityId, x._count._all]));
  const p = new Map(people.map((x) => [x.communityId, x._count._all]));
  return communities.map((c) => ({ ...c, households: h.get(c.id) ?? 0, people: p.get(c.id) ?? 0 }));
}

/** The community's people with their ID numbers in full, for the registry export (an administrator's, written to the access log). */
export async function residentsWithIdNumbers(db: DbTx, keys: Keys, communityId: string) {
  const rows = await db.resident.findMany({
    where: { communityId, leftAt: null },
    select: { id: true, idNumberEncrypted: true },
  });
  return new Map(rows.map((r) => [r.id, idNumberOf(keys, r)]));
}

/** Which of these ID-number hashes belong to people of other communities (who must leave there first). */
export async function idNumbersHeldElsewhere(db: Db, communityId: string, hashes: string[]): Promise<Map<string, string>> {
  // raw SQL on the driver (not through Prisma, which compiles each 500-value IN list anew: a 300,000-person file is 600 of them)
  const s = sqlOf(db);
  const held = new Map<string, string>();
  for (let i = 0; i < hashes.length; i += CHUNK) {
    const rows = await s.all<{ hash: string; community: string }>(
      sql`SELECT r."idNumberHash" AS hash, c."name" AS community FROM "Resident" r JOIN "Community" c ON c."id" = r."communityId"
          WHERE r."idNumberHash" IN (${join(hashes.slice(i, i + CHUNK))}) AND r."communityId" <> ${communityId}`,
    );
    for (const r of rows) held.set(r.hash, r.community);
  }
  return held;
}

export interface NewRegistryResident {
  id: string;
  householdId: string;
  name: string;
  relation: string;
  gender: string;
  birthYear: number;
  idNumber: string;
  phone: string | null;
  registryNote: string | null;
}

/** What a confirmed import writes; ids of new rows are chosen by the caller, so later rows can name them. */
export interface RegistryChanges {
  grids: RegistryGrid[];
  newBuildings: RegistryBuilding[];
  changedBuildings: Array<{ id: string; gridId?: string; floors?: number }>;
  units: RegistryUnit[];
  newHouseholds: Array<{ id: string; buildingId: string; unitId: string; room: string; originPlace: string | null; groundFloor: boolean }>;
  changedHouseholds: Array<{ id: string; originPlace: string | null }>;
  tagsAdded: Array<{ householdId: string; kind: HouseholdTagKind }>;
  tagsRemoved: Array<{ householdId: string; kind: HouseholdTagKind }>;
  newResidents: NewRegistryResident[];
  changedResidents: Array<{ id: string; data: Partial<Pick<RegistryResident, 'householdId' | 'name' | 'relation' | 'gender' | 'birthYear' | 'phone' | 'registryNote'>> }>;
}

// rows per statement: an IN list or a multi-row INSERT stays under the bound-parameter limits Prisma keeps to
const CHUNK = 500;

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

/**
 * A DateTime and a Boolean as a raw statement must bind them to be stored as Prisma stores
 * them: SQLite keeps Prisma's text form of a date ('…T…+00:00') and 1/0; PostgreSQL takes
 * the ISO text into timestamp(3) (UTC, as Prisma writes it) and true/false.
 */
const dateParam = (s: SqlClient, d: Date) => (s.kind === 'sqlite' ? d.toISOString().replace('Z', '+00:00') : d.toISOString());
const boolParam = (s: SqlClient, b: boolean) => (s.kind === 'sqlite' ? (b ? 1 : 0) : b);

/**
 * Writes an import's changes inside the caller's transaction. Never deletes a person (missing
 * people leave through residentLeaves). The three big tables (a 平远-size first import is
 * 5,500 households, 22,000 people and their tags) go in as multi-row INSERTs in raw SQL on
 * the transaction: Prisma's createMany compiles each 500-row statement in its WebAssembly
 * query compiler, which took 27 of a confirm's 40 s (docs/benchmarks.md). The columns are
 * the ones Prisma would write, defaults included, so the rows read back through Prisma alike.
 */
export async function applyRegistryChanges(tx: DbTx, keys: Keys, communityId: string, c: RegistryChanges, at: Date) {
  const s = sqlOn(tx);
  const when = dateParam(s, at);
  await inChunks(c.grids, (rows) => tx.grid.createMany({ data: rows.map((g) => ({ ...g, communityId })) }));
  await inChunks(c.newBuildings, (rows) => tx.building.createMany({ data: rows.map((b) => ({ ...b, communityId })) }));
  for (const b of c.changedBuildings) {
    await tx.building.update({ where: { id: b.id }, data: { ...(b.gridId ? { gridId: b.gridId } : {}), ...(b.floors ? { floors: b.floors } : {}) } });
  }
  await inChunks(c.units, (rows) => tx.unit.createMany({ data: rows.map((u) => ({ ...u, communityId })) }));
  await inChunks(c.newHouseholds, (rows) =>
    s.run(sql`INSERT INTO "Household" ("id", "communityId", "buildingId", "unitId", "room", "originPlace", "groundFloor", "createdAt")
      VALUES ${bulk(rows.map((h) => [h.id, communityId, h.buildingId, h.unitId, h.room, h.originPlace, boolParam(s, h.groundFloor), when]))}`),
  );
  for (const h of c.changedHouseholds) await tx.household.update({ where: { id: h.id }, data: { originPlace: h.originPlace } });
  // removals one statement per kind: a community has eight kinds, and an edit removes few
  const removedByKind = new Map<HouseholdTagKind, string[]>();
  for (const t of c.tagsRemoved) removedByKind.set(t.kind, [...(removedByKind.get(t.kind) ?? []), t.householdId]);
  for (const [kind, ids] of removedByKind) {
    await inChunks(ids, (chunk) => tx.householdTag.deleteMany({ where: { kind, householdId: { in: chunk } } }));
  }
  await inChunks(c.tagsAdded, (rows) =>
    s.run(sql`INSERT INTO "HouseholdTag" ("id", "communityId", "householdId", "kind", "createdAt")
      VALUES ${bulk(rows.map((t) => [newId(), communityId, t.householdId, t.kind, when]))}`),
  );
  for (const r of c.changedResidents) await tx.resident.update({ where: { id: r.id }, data: r.data });
  await inChunks(c.newResidents, (rows) =>
    s.run(sql`INSERT INTO "Resident" ("id", "communityId", "householdId", "name", "relation", "gender", "birthYear", "idNumber", "idNumberHash", "phone", "registryNote", "createdAt")
      VALUES ${bulk(
        rows.map((r) => {
          const n = idNumberColumns(keys, r.idNumber);
          return [r.id, communityId, r.householdId, r.name, r.relation, r.gender, r.birthYear, n.idNumberEncrypted, n.idNumberHash, r.phone, r.registryNote, when];
        }),
      )}`),
  );
}
