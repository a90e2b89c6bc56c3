// The dry run: a 户籍台账 workbook checked row by row against the community's
// registry, and what confirming it would change. The same function runs for the
// preview and again for the confirm (on the stored workbook and the registry as
// it then is), so the confirm applies exactly what was previewed: both hash the
// planned changes (planHash) and the part of the registry they depend on
// (registryHash), and the confirm refuses when either differs.
//
// Two streaming passes over the file instead of one pass holding every row: the
// first checks each row on its own and keeps only small indexes (each ID number's
// keyed hash with its row, each household's rows and head); checks that need the
// whole file (a person in two households, duplicate rows, a household without
// 户主, unknown buildings, people registered in another community) are decided
// between the passes; the second pass emits the changes of the rows that passed.
import crypto from 'node:crypto';
import type { EmploymentStatus, HouseholdTagKind } from '@prisma/client';
import type { Config } from '../config.js';
import type { Db } from '../db.js';
import { hashIdNumber, idNumbersHeldElsewhere, normaliseIdNumber, type RegistrySnapshot } from '../org/index.js';
import { checkIdNumber } from './idNumberCheck.js';
import { readWorkbook, type WorkbookRow } from './readWorkbook.js';
import type { WorkbookBytes } from './workbookBytes.js';
import {
  BUILDING_SHEET,
  HEAD,
  householdKey,
  householdLabel,
  PEOPLE_SHEET,
  RELATIONS,
  statusOfLabel,
  STATUS_LABELS,
  TAG_ORDER,
  tagOfWord,
  tagWord,
  unitName,
  type BuildingHeader,
  type PeopleHeader,
} from './sheets.js';

type Keys = Config['idNumbers'];
type Change = 'new' | 'changed' | 'unchanged';

export interface BadRow {
  sheet: string;
  row: number;
  reason: string;
}

export interface BuildingPlan {
  change: Change;
  row: number;
  name: string;
  grid: string;
  floors: number;
  fields: string[];
  id: string | null;
}
export interface HouseholdPlan {
  change: Change;
  /** the first row of the household that passed */
  row: number;
  key: string;
  building: string;
  unit: string;
  room: string;
  originPlace: string | null;
  tags: HouseholdTagKind[];
  tagsAdded: HouseholdTagKind[];
  tagsRemoved: HouseholdTagKind[];
  fields: string[];
  id: string | null;
}
export interface PersonPlan {
  change: Change;
  row: number;
  householdKey: string;
  name: string;
  relation: string;
  gender: string;
  birthYear: number;
  phone: string | null;
  note: string | null;
  /** set when the status is to be recorded (new, or different from the ledger's current one) */
  status: EmploymentStatus | null;
  idHash: string;
  /** in memory only, for the confirm's insert: never hashed, stored or logged */
  idNumber: string;
  fields: string[];
  id: string | null;
}

/** Where the plan goes: the preview counts and samples it, the confirm collects it whole. */
export interface PlanSink {
  grid(name: string): void;
  building(b: BuildingPlan): void;
  unit(building: string, name: string): void;
  household(h: HouseholdPlan): void;
  person(p: PersonPlan): void;
}

export interface PlanOutcome {
  rows: { buildings: number; people: number };
  badRows: BadRow[];
  badRowCount: number;
  missing: Array<{ residentId: string; name: string; relation: string; building: string; unit: string; room: string }>;
  missingCount: number;
  registryHash: string;
  planHash: string;
  /** whether the file names this ID-number hash (rows that failed included): what registryHash covers */
  named: (idHash: string) => boolean;
}

const MAX_BAD_ROWS = 2000;
const MAX_MISSING = 2000;

/** A row naming an ID number. Small on purpose: a county's file is 300,000 of them, held until the plan is done. */
interface Occurrence {
  row: number;
  /** the household's key, the very string the households index holds (not a copy per row) */
  hh: string;
  /** 60 bits of a digest of the row's cells, as two small integers (no string, no boxed number per row) */
  sigA: number;
  sigB: number;
}
interface HouseholdSeen {
  key: string;
  building: string;
  unit: string;
  room: string;
  rows: number[];
  heads: number[];
  tags: Set<HouseholdTagKind>;
  origin: string | null;
}

type Parsed =
  | { ok: true; p: Omit<PersonPlan, 'change' | 'fields' | 'id' | 'status'> & { status: EmploymentStatus | null; tags: HouseholdTagKind[]; origin: string | null } }
  | { ok: false; reason: string; idHash?: string; hh?: string };

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;
const ROOM = /^[0-9A-Za-z-]{1,10}$/;

function parseDate(s: string): string | null {
  const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(s);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : null;
}

function parsePerson(r: WorkbookRow<PeopleHeader>, keys: Keys, today: Date): Parsed {
  const building = r.cell('楼栋');
  const unit = unitName(r.cell('单元'));
  const room = r.cell('房号');
  const hh = building && unit && room ? householdKey(building, unit, room) : undefined;
  const fail = (reason: string, idHash?: string): Parsed => ({ ok: false, reason, idHash, hh });
  if (!building) return fail('楼栋没有填');
  if (!unit) return fail('单元没有填');
  if (!room) return fail('房号没有填');
  if (!ROOM.test(room)) return fail(`房号「${room.slice(0, 12)}」不对，只写数字，如 302`);
  const name = r.cell('姓名');
  if (!name) return fail('姓名没有填');
  if (name.length > 30) return fail('姓名太长（最多30个字）');
  if (r.numeric('身份证号')) return fail('身份证号被 Excel 存成了数字，后几位已经变了：把这一列设成「文本」后重新填写');
  const idNumber = normaliseIdNumber(r.cell('身份证号'));
  if (!idNumber) return fail('身份证号没有填');
  const check = checkIdNumber(idNumber, today);
  if (!check.ok) return fail(check.reason);
  const idHash = hashIdNumber(keys, idNumber);
  const relation = r.cell('与户主关系');
  if (!relation) return fail('与户主关系没有填（户主本人填「户主」）', idHash);
  if (!(RELATIONS as readonly string[]).includes(relation)) return fail(`与户主关系「${relation.slice(0, 10)}」不认识，可以填：${RELATIONS.join('、')}`, idHash);
  const gender = r.cell('性别');
  if (gender && gender !== '男' && gender !== '女') return fail('性别只能填 男 或 女', idHash);
  if (gender && gender !== check.gender) return fail(`性别填的是${gender}，身份证号第17位是${check.gender}性`, idHash);
  const birth = r.cell('出生日期');
  if (birth) {
    const d = parseDate(birth);
    if (!d) return fail('出生日期看不懂，请写成 1968-05-12', idHash);
    if (d !== check.birth) return fail('出生日期和身份证号里的不一致', idHash);
  }
  const phoneText = r.cell('联系电话').replace(/\s+/g, '');
  if (phoneText && !MOBILE.test(phoneText) && !LANDLINE.test(phoneText)) return fail('联系电话不对：手机号是1开头的11位数字，座机要带区号，如 0857-1234567', idHash);
  const tagWords = r.cell('七彩标记').split(/[、,，;；/\s]+/).filter(Boolean);
  const tags: HouseholdTagKind[] = [];
  for (const w of tagWords) {
    const k = tagOfWord(w);
    if (!k) return fail(`七彩标记「${w.slice(0, 10)}」不认识，可以填：${TAG_ORDER.map(tagWord).join('、')}`, idHash);
    if (!tags.includes(k)) tags.push(k);
  }
  const statusText = r.cell('就业状态');
  const status = statusText ? statusOfLabel(statusText) : null;
  if (status === undefined) return fail(`就业状态「${statusText.slice(0, 10)}」不认识，请从下拉里选：${STATUS_LABELS.join('、')}`, idHash);
  const origin = r.cell('迁出地') || null;
  if (origin && origin.length > 50) return fail('迁出地太长（最多50个字）', idHash);
  const note = r.cell('备注') || null;
  if (note && note.length > 200) return fail('备注太长（最多200个字）', idHash);
  return {
    ok: true,
    p: {
      row: r.row,
      householdKey: hh!,
      name,
      relation,
      gender: check.gender,
      birthYear: check.birthYear,
      phone: phoneText || null,
      note,
      status: status ?? null,
      idHash,
      idNumber,
      tags: TAG_ORDER.filter((k) => tags.includes(k)),
      origin,
    },
  };
}

const SIG_COLUMNS = ['楼栋', '单元', '房号', '与户主关系', '姓名', '身份证号', '性别', '出生日期', '联系电话', '七彩标记', '就业状态', '迁出地', '备注'] as const;

/** The rooms' floor: 302 is on the 3rd, 1102 on the 11th; the ground floor was allotted for limited mobility. */
const groundFloorRoom = (room: string) => /^\d{3,4}$/.test(room) && Math.floor(Number(room) / 100) === 1;

export interface PlanContext {
  /** the client, not a transaction: the plan reads outside it */
  db: Db;
  keys: Keys;
  today: Date;
  snapshot: RegistrySnapshot;
  statuses: Map<string, EmploymentStatus>;
}

/**
 * Reads the workbook twice and hands every planned change to `sink`, in file order.
 * Throws AppError 400/415 for a file that is not a 户籍台账 workbook.
 */
export async function planImport(file: WorkbookBytes, ctx: PlanContext, sink: PlanSink): Promise<PlanOutcome> {
  const { snapshot, keys, today } = ctx;
  const buildingsByName = new Map(snapshot.buildings.map((b) => [b.name, b]));
  const gridsById = new Map(snapshot.grids.map((g) => [g.id, g]));
  const gridsByName = new Map(snapshot.grids.map((g) => [g.name, g]));
  const unitsById = new Map(snapshot.units.map((u) => [u.id, u]));
  const unitIds = new Map(snapshot.units.map((u) => [`${u.buildingId}\u0001${u.name}`, u.id]));
  const buildingsById = new Map(snapshot.buildings.map((b) => [b.id, b]));
  const householdsByKey = new Map(
    snapshot.households.map((h) => [householdKey(buildingsById.get(h.buildingId)!.name, unitsById.get(h.unitId)!.name, h.room), h]),
  );
  const residentsByHash = new Map(snapshot.residents.filter((r) => r.idNumberHash).map((r) => [r.idNumberHash!, r]));

  // ---- pass 1: each row on its own, and the indexes ---------------------------------
  const badBuilding: BadRow[] = [];
  const sheetBuildings = new Map<string, { row: number; grid: string; floors: number | null; units: Map<string, number> }>();
  const badPeople = new Map<number, string>();
  // each ID number's first row; the rows after it (rare: repeated rows, mistakes) in `repeats`
  const ids = new Map<string, Occurrence>();
  const repeats = new Map<string, Occurrence[]>();
  const rowsOf = (idHash: string): Occurrence[] => [ids.get(idHash)!, ...(repeats.get(idHash) ?? [])];
  const households = new Map<string, HouseholdSeen>();
  let buildingRows = 0;
  let peopleRows = 0;
  let peopleSheet = PEOPLE_SHEET;
  let buildingSheet = BUILDING_SHEET;

  for await (const x of readWorkbook(file)) {
    if (x.kind === 'buildings') {
      buildingRows++;
      const r = x.r;
      if (r.sheet) buildingSheet = r.sheet;
      const fail = (reason: string) => badBuilding.push({ sheet: buildingSheet, row: r.row, reason });
      const name = r.cell('楼栋');
      const unit = unitName(r.cell('单元'));
      const grid = r.cell('网格');
      const floorsText = r.cell('层数');
      if (!name) { fail('楼栋没有填'); continue; }
      if (name.length > 30) { fail('楼栋名称太长（最多30个字）'); continue; }
      if (!unit) { fail('单元没有填'); continue; }
      if (unit.length > 10) { fail('单元名称太长（最多10个字）'); continue; }
      if (!grid) { fail('网格没有填'); continue; }
      if (grid.length > 20) { fail('网格名称太长（最多20个字）'); continue; }
      const floors = floorsText ? Number(floorsText) : null;
      if (floors !== null && (!Number.isInteger(floors) || floors < 1 || floors > 60)) { fail('层数要填1到60之间的整数'); continue; }
      const seen = sheetBuildings.get(name);
      if (seen) {
        if (seen.grid !== grid) { fail(`${name}在第${seen.row}行属于${seen.grid}，这里写的是${grid}`); continue; }
        if (floors !== null && seen.floors !== null && seen.floors !== floors) { fail(`${name}在第${seen.row}行是${seen.floors}层，这里写的是${floors}层`); continue; }
        if (seen.units.has(unit)) { fail(`与第${seen.units.get(unit)}行重复（${name} ${unit}）`); continue; }
        seen.floors ??= floors;
        seen.units.set(unit, r.row);
      } else {
        sheetBuildings.set(name, { row: r.row, grid, floors, units: new Map([[unit, r.row]]) });
      }
      continue;
    }
    peopleRows++;
    const r = x.r;
    if (r.sheet) peopleSheet = r.sheet;
    const parsed = parsePerson(r, keys, today);
    const hhKey = parsed.ok ? parsed.p.householdKey : parsed.hh;
    let h = hhKey ? households.get(hhKey) : undefined;
    if (hhKey && !h) {
      h = { key: hhKey, building: r.cell('楼栋'), unit: unitName(r.cell('单元')), room: r.cell('房号'), rows: [], heads: [], tags: new Set(), origin: null };
      households.set(hhKey, h);
    }
    if (parsed.ok || parsed.idHash) {
      const idHash = parsed.ok ? parsed.p.idHash : parsed.idHash!;
      // the signature tells a repeated row from two people given one number
      const sig = crypto.createHash('sha256').update(SIG_COLUMNS.map((c) => r.cell(c)).join('\u0001')).digest();
      const occ: Occurrence = { row: r.row, hh: h?.key ?? '', sigA: sig.readUInt32BE(0) >>> 2, sigB: sig.readUInt32BE(4) >>> 2 };
      if (!ids.has(idHash)) ids.set(idHash, occ);
      else {
        const more = repeats.get(idHash);
        if (more) more.push(occ);
        else repeats.set(idHash, [occ]);
      }
    }
    if (!parsed.ok) badPeople.set(r.row, parsed.reason);
    if (h) {
      h.rows.push(r.row);
      if (parsed.ok) {
        for (const t of parsed.p.tags) h.tags.add(t);
        if (parsed.p.relation === HEAD) {
          h.heads.push(r.row);
          h.origin = parsed.p.origin;
        }
      } else if (r.cell('与户主关系') === HEAD) h.heads.push(r.row);
    }
  }

  // ---- between the passes: what needs the whole file -----------------------------------
  const hhLabel = (key: string) => {
    const h = households.get(key);
    return h ? householdLabel(h.building, h.unit, h.room) : '';
  };
  // one number on several rows: repeated rows keep the first; a person in two households, or two people with one number, fail all
  for (const idHash of repeats.keys()) {
    const list = rowsOf(idHash);
    const first = list[0]!;
    const homes = new Set(list.map((o) => o.hh));
    if (homes.size > 1) {
      const where = list.map((o) => `第${o.row}行（${hhLabel(o.hh)}）`).join('、');
      for (const o of list) badPeople.set(o.row, `同一个身份证号出现在不同的户：${where}，一个人只能在一户`);
    } else if (list.every((o) => o.sigA === first.sigA && o.sigB === first.sigB)) {
      for (const o of list.slice(1)) if (!badPeople.has(o.row)) badPeople.set(o.row, `与第${first.row}行重复`);
    } else {
      const rows = list.map((o) => `第${o.row}行`).join('、');
      for (const o of list) badPeople.set(o.row, `身份证号与同户的其他行相同（${rows}），但内容不一样：一个人只写一行`);
    }
  }
  // places: a household's building and unit must be on the 楼栋单元 sheet or in the registry already
  const knownUnit = (building: string, unit: string) => {
    if (sheetBuildings.get(building)?.units.has(unit)) return true;
    const b = buildingsByName.get(building);
    return !!b && unitIds.has(`${b.id}\u0001${unit}`);
  };
  for (const h of households.values()) {
    let reason: string | null = null;
    if (!sheetBuildings.has(h.building) && !buildingsByName.has(h.building)) reason = `楼栋「${h.building.slice(0, 30)}」在楼栋单元表和系统里都没有`;
    else if (!knownUnit(h.building, h.unit)) reason = `${h.building}没有「${h.unit.slice(0, 10)}」：先在楼栋单元表里加上这个单元`;
    if (reason) for (const row of h.rows) if (!badPeople.has(row)) badPeople.set(row, reason);
  }
  // a number new to this community may be someone of another community: they leave there first (one person, one home)
  const newHashes = [...ids.keys()].filter((hash) => !residentsByHash.has(hash));
  const elsewhere = await idNumbersHeldElsewhere(ctx.db, snapshot.community.id, newHashes);
  if (elsewhere.size) {
    for (const [hash, community] of elsewhere) {
      for (const o of rowsOf(hash)) if (!badPeople.has(o.row)) badPeople.set(o.row, `此人已登记在${community}，要先在那边办理迁出`);
    }
  }
  // each household exactly one 户主, among its rows that passed
  for (const h of households.values()) {
    const good = h.rows.filter((row) => !badPeople.has(row));
    if (!good.length) continue;
    const heads = h.heads.filter((row) => !badPeople.has(row));
    let reason: string | null = null;
    if (heads.length > 1) reason = `这一户（${householdLabel(h.building, h.unit, h.room)}）有${heads.length}个户主（${heads.map((n) => `第${n}行`).join('、')}），只能有一个`;
    else if (!heads.length && h.heads.length) reason = `这一户的户主那一行（第${h.heads[0]}行）有错，先改正户主那一行`;
    else if (!heads.length) reason = `这一户（${householdLabel(h.building, h.unit, h.room)}）没有户主：在「与户主关系」里写明谁是户主`;
    if (reason) for (const row of good) badPeople.set(row, reason);
  }

  // the part of the registry the plan depends on: places, tags, and the people the file names
  const registryHash = hashRegistry(snapshot, ctx.statuses, (hash) => ids.has(hash));
  const planHasher = crypto.createHash('sha256');
  const emit = (kind: string, entry: object) => planHasher.update(`${kind}\u0001${JSON.stringify(entry)}\n`);

  // ---- places from the 楼栋单元 sheet ----------------------------------------------------------
  const newGrids = new Set<string>();
  for (const [name, b] of sheetBuildings) {
    if (!gridsByName.has(b.grid) && !newGrids.has(b.grid)) {
      newGrids.add(b.grid);
      sink.grid(b.grid);
      emit('grid', { name: b.grid });
    }
    const existing = buildingsByName.get(name);
    const plan: BuildingPlan = { change: 'new', row: b.row, name, grid: b.grid, floors: b.floors ?? existing?.floors ?? 6, fields: [], id: existing?.id ?? null };
    if (existing) {
      if (gridsById.get(existing.gridId)?.name !== b.grid) plan.fields.push('网格');
      if (b.floors !== null && b.floors !== existing.floors) plan.fields.push('层数');
      plan.change = plan.fields.length ? 'changed' : 'unchanged';
    }
    sink.building(plan);
    if (plan.change !== 'unchanged') emit('building', plan);
    for (const unit of b.units.keys()) {
      if (existing && unitIds.has(`${existing.id}\u0001${unit}`)) continue;
      sink.unit(name, unit);
      emit('unit', { building: name, unit });
    }
  }

  // ---- pass 2: the people and households that passed --------------------------------------
  const householdDone = new Set<string>();
  for await (const x of readWorkbook(file)) {
    if (x.kind !== 'people' || badPeople.has(x.r.row)) continue;
    const parsed = parsePerson(x.r, keys, today);
    if (!parsed.ok) continue; // (decided in pass 1 already)
    const p = parsed.p;
    const h = households.get(p.householdKey)!;
    const existingHousehold = householdsByKey.get(p.householdKey);
    if (!householdDone.has(p.householdKey)) {
      householdDone.add(p.householdKey);
      const tags = TAG_ORDER.filter((k) => h.tags.has(k));
      const hp: HouseholdPlan = {
        change: 'new',
        row: p.row,
        key: p.householdKey,
        building: h.building,
        unit: h.unit,
        room: h.room,
        originPlace: h.origin,
        tags,
        tagsAdded: tags,
        tagsRemoved: [],
        fields: [],
        id: existingHousehold?.id ?? null,
      };
      if (existingHousehold) {
        hp.tagsAdded = tags.filter((k) => !existingHousehold.tags.includes(k));
        hp.tagsRemoved = TAG_ORDER.filter((k) => existingHousehold.tags.includes(k) && !tags.includes(k));
        if ((existingHousehold.originPlace ?? null) !== h.origin) hp.fields.push('迁出地');
        if (hp.tagsAdded.length || hp.tagsRemoved.length) hp.fields.push('七彩标记');
        hp.change = hp.fields.length ? 'changed' : 'unchanged';
      }
      sink.household(hp);
      if (hp.change !== 'unchanged') emit('household', hp);
    }
    const existing = residentsByHash.get(p.idHash);
    const current = existing ? ctx.statuses.get(existing.id) : undefined;
    const person: PersonPlan = {
      change: 'new',
      row: p.row,
      householdKey: p.householdKey,
      name: p.name,
      relation: p.relation,
      gender: p.gender,
      birthYear: p.birthYear,
      phone: p.phone,
      note: p.note,
      status: p.status && p.status !== current ? p.status : null,
      idHash: p.idHash,
      idNumber: p.idNumber,
      fields: [],
      id: existing?.id ?? null,
    };
    if (existing) {
      const f = person.fields;
      if (existing.name !== p.name) f.push('姓名');
      if (existing.relation !== p.relation) f.push('与户主关系');
      if (existing.gender !== p.gender) f.push('性别');
      if (existing.birthYear !== p.birthYear) f.push('出生年份');
      if ((existing.phone ?? null) !== p.phone) f.push('联系电话');
      if ((existing.registryNote ?? null) !== p.note) f.push('备注');
      if (!existingHousehold || existing.householdId !== existingHousehold.id) f.push('住址');
      if (person.status) f.push('就业状态');
      person.change = f.length ? 'changed' : 'unchanged';
    }
    sink.person(person);
    if (person.change !== 'unchanged') {
      const { idNumber: _never, ...hashed } = person;
      emit('person', hashed);
    }
  }

  // ---- people of the registry the file does not name ------------------------------------
  const missingAll = snapshot.residents.filter((r) => !r.idNumberHash || !ids.has(r.idNumberHash));
  const householdsById = new Map(snapshot.households.map((h) => [h.id, h]));
  const missing = missingAll.slice(0, MAX_MISSING).map((r) => {
    const h = householdsById.get(r.householdId)!;
    return { residentId: r.id, name: r.name, relation: r.relation, building: buildingsById.get(h.buildingId)!.name, unit: unitsById.get(h.unitId)!.name, room: h.room };
  });

  const badRows = [
    ...badBuilding,
    ...[...badPeople.entries()].sort((a, b) => a[0] - b[0]).map(([row, reason]) => ({ sheet: peopleSheet, row, reason })),
  ];
  return {
    rows: { buildings: buildingRows, people: peopleRows },
    badRows: badRows.slice(0, MAX_BAD_ROWS),
    badRowCount: badRows.length,
    missing,
    missingCount: missingAll.length,
    registryHash,
    planHash: planHasher.digest('hex'),
    named: (hash) => ids.has(hash),
  };
}

/** SHA-256 of the registry's places and tags, and of the people `named` picks with their current status, in id order. */
export function hashRegistry(s: RegistrySnapshot, statuses: Map<string, EmploymentStatus>, named: (idHash: string) => boolean): string {
  const h = crypto.createHash('sha256');
  const line = (...xs: unknown[]) => h.update(`${JSON.stringify(xs)}\n`);
  for (const g of s.grids) line('g', g.id, g.name);
  for (const b of s.buildings) line('b', b.id, b.name, b.gridId, b.floors);
  for (const u of s.units) line('u', u.id, u.buildingId, u.name);
  for (const x of s.households) line('h', x.id, x.buildingId, x.unitId, x.room, x.originPlace, x.tags);
  for (const r of s.residents) {
    if (r.idNumberHash && named(r.idNumberHash)) line('r', r.id, r.householdId, r.name, r.relation, r.gender, r.birthYear, r.phone, r.registryNote, r.idNumberHash, statuses.get(r.id) ?? null);
  }
  return h.digest('hex');
}

