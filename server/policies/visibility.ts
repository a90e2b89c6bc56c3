// Who sees which personal field (个人信息, PIPL): one table. Every presenter of
// people and households (org, orders, employment and its seeking-work list, points,
// the shop's redemptions, job interests and candidates, course rosters) asks it, and so does
// any list filter on a personal field; tests/platform/field-visibility.test.ts
// signs in as every demo role, reads every route that shows people, and checks
// each field it finds against this table.
//
// A viewer's relations to a person are every way they stand to the person's
// household (a building head living in the building they head is both
// `buildingHead` and `neighbour`); a field shows as much as the most generous
// of them allows. No relation: nothing shows.
import type { HouseholdTagKind, Order } from '@prisma/client';
import type { Viewer } from '../auth/viewer.js';
import { AppError } from '../errors.js';
import type { Open311Purpose } from './open311.js';
import { buildingsHeadedBy, communitiesWith, gridsWorkedBy, isAdmin } from './roles.js';

/** Where a person lives: what every relation is decided from. */
export interface Place {
  communityId: string;
  gridId: string;
  buildingId: string;
  householdId: string;
}

export type Visibility = 'shown' | 'masked' | 'absent';

export const VIEWER_RELATIONS = [
  /** a member of the person's own household */
  'household',
  /** the 楼栋长 of the person's building */
  'buildingHead',
  /** a 网格员 of the person's grid */
  'gridWorker',
  /** the grid worker an order for the person is assigned to (of any grid) */
  'assignee',
  /** whoever filed an order for the person (on their behalf) */
  'filer',
  /** community staff of the person's community */
  'staff',
  /** the 党组织 reviewer of the person's community (评单) */
  'reviewer',
  /** the platform's admin */
  'admin',
  /** anyone else a route shows the person to: a resident of the same building, who reads its 积分榜 */
  'neighbour',
] as const;
export type ViewerRelation = (typeof VIEWER_RELATIONS)[number];

export type TagField = `tag.${HouseholdTagKind}`;
export type PersonalField =
  | 'name'
  | 'room'
  | 'phone'
  | 'idNumber'
  | 'genderBirthYear'
  | TagField
  | 'tagNote'
  | 'employment'
  | 'pointsBalance'
  | 'pointsEarned';

export const tagField = (kind: HouseholdTagKind): TagField => `tag.${kind}`;

const S = 'shown';
const M = 'masked';
const A = 'absent';
type Row = Record<ViewerRelation, Visibility>;
// one cell per relation, in the order of VIEWER_RELATIONS (the header below)
const row = (...cells: [Visibility, Visibility, Visibility, Visibility, Visibility, Visibility, Visibility, Visibility, Visibility]): Row =>
  Object.fromEntries(VIEWER_RELATIONS.map((r, i) => [r, cells[i]!])) as Row;

/** The table: for each personal field, what each relation sees of it. */
export const VISIBILITY = {
  //                             household buildingHead gridWorker assignee filer staff reviewer admin neighbour
  // how the community knows people (with their relation to the head, 户主/配偶); the 积分榜 posted in the building masks them (杨*英)
  name:                      row(S,        S,           S,         S,       S,    S,    S,       S,    M),
  // building, unit and room: where to knock; the 积分榜 ranks rooms
  room:                      row(S,        S,           S,         S,       S,    S,    S,       S,    S),
  // those who call and visit: the grid's worker, the worker an order is assigned to, staff. Filing for a neighbour earns no phone, and building heads never see phones
  phone:                     row(S,        A,           S,         S,       A,    S,    A,       S,    A),
  // 身份证号: the household sees its own; everyone else who works with it sees first four and last four digits, enough to check who
  // they are talking to. Staff and admins may reveal one in full as an explicit action with a reason, written to the access log
  // (POST /api/org/residents/:id/id-number/reveal, mayRevealIdNumber in ./org.ts), never by reading a list
  idNumber:                  row(S,        A,           M,         A,       A,    M,    A,       M,    A),
  // gender and birth year: the grid's worker and staff, who look after the elderly and the working-age
  genderBirthYear:           row(S,        A,           S,         A,       A,    S,    A,       S,    A),
  // 七彩 tags a building head works with openly in their building (党员户, 留守儿童, 空巢老人, 退役军人, 文明户)
  'tag.PARTY_MEMBER':        row(S,        S,           S,         A,       A,    S,    A,       S,    A),
  'tag.LEFT_BEHIND_CHILD':   row(S,        S,           S,         A,       A,    S,    A,       S,    A),
  'tag.EMPTY_NEST_ELDERLY':  row(S,        S,           S,         A,       A,    S,    A,       S,    A),
  'tag.VETERAN':             row(S,        S,           S,         A,       A,    S,    A,       S,    A),
  'tag.MODEL_HOUSEHOLD':     row(S,        S,           S,         A,       A,    S,    A,       S,    A),
  // sensitive tags (残疾, 低保, 防返贫监测): the household, its grid's worker and staff only; neighbours, building heads included, never learn them
  'tag.DISABLED':            row(S,        A,           S,         A,       A,    S,    A,       S,    A),
  'tag.LOW_INCOME':          row(S,        A,           S,         A,       A,    S,    A,       S,    A),
  'tag.MONITORED':           row(S,        A,           S,         A,       A,    S,    A,       S,    A),
  // the free-text note on a tag says more than the tag: as the sensitive tags
  tagNote:                   row(S,        A,           S,         A,       A,    S,    A,       S,    A),
  // 就业台账 (status, employer, history): the grid's worker collects it door to door, staff run it; building heads do not see neighbours' employment
  employment:                row(S,        A,           S,         A,       A,    S,    A,       S,    A),
  // a household's balance, ledger and redemptions: the household and the staff at the counter
  pointsBalance:             row(S,        A,           A,         A,       A,    S,    A,       S,    A),
  // points earned this year, on the building's 积分榜: posted for the building's residents, read by staff
  pointsEarned:              row(S,        A,           A,         A,       A,    S,    A,       S,    S),
} satisfies Record<PersonalField, Row>;

/** How a masked field looks. Every 'masked' cell of the table has one (checked below). */
const MASKS: Partial<Record<PersonalField, (value: string) => string>> = {
  /** 杨秀英 → 杨*英 */
  name: (n) => (n.length <= 1 ? n : n.length === 2 ? `${n[0]}*` : `${n[0]}${'*'.repeat(n.length - 2)}${n.at(-1)}`),
  /** 520524199001011234 → 5205**********1234 */
  idNumber: (id) => (id.length > 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : '****'),
};
for (const [field, cells] of Object.entries(VISIBILITY)) {
  if (Object.values(cells).includes(M) && !MASKS[field as PersonalField]) throw new Error(`visibility: ${field} is masked somewhere but has no mask`);
}

export const maskName = MASKS.name!;
export const maskIdNumber = MASKS.idNumber!;

/** One cell of the table. */
export const fieldRule = (relation: ViewerRelation, field: PersonalField): Visibility => VISIBILITY[field][relation];

const RANK: Record<Visibility, number> = { absent: 0, masked: 1, shown: 2 };

/** What a viewer with these relations sees of a field: the most generous of their cells. */
export function visibilityFor(relations: readonly ViewerRelation[], field: PersonalField): Visibility {
  let best: Visibility = 'absent';
  for (const r of relations) {
    const cell = fieldRule(r, field);
    if (RANK[cell] > RANK[best]) best = cell;
  }
  return best;
}

export const sees = (relations: readonly ViewerRelation[], field: PersonalField) => visibilityFor(relations, field) !== 'absent';

/** Every way a viewer stands to the people of a household. */
export function relationsTo(v: Viewer, p: Place): ViewerRelation[] {
  const out: ViewerRelation[] = [];
  if (v.resident?.householdId === p.householdId) out.push('household');
  else if (v.resident?.buildingId === p.buildingId) out.push('neighbour');
  if (buildingsHeadedBy(v).includes(p.buildingId)) out.push('buildingHead');
  if (gridsWorkedBy(v).includes(p.gridId)) out.push('gridWorker');
  if (communitiesWith(v, ['STAFF']).includes(p.communityId)) out.push('staff');
  if (communitiesWith(v, ['REVIEWER']).includes(p.communityId)) out.push('reviewer');
  if (isAdmin(v)) out.push('admin');
  return out;
}

type OrderFacts = Pick<Order, 'communityId' | 'gridId' | 'buildingId' | 'householdId' | 'filedById' | 'assigneeId'>;

/** How a viewer stands to the resident an order is for: to their household, and to the order (filed it, has it). */
export function relationsToOrder(v: Viewer, o: OrderFacts): ViewerRelation[] {
  const out = relationsTo(v, o);
  if (o.filedById === v.userId) out.push('filer');
  if (o.assigneeId === v.userId) out.push('assignee');
  return out;
}

/** The value as these relations may see it: itself, masked, or undefined (leave the field out). */
export function reveal<T extends string | null>(relations: readonly ViewerRelation[], field: PersonalField, value: T): T | undefined {
  const rule = visibilityFor(relations, field);
  if (rule === 'absent') return undefined;
  if (rule === 'masked' && value !== null) return MASKS[field]!(value) as T;
  return value;
}

/**
 * A field an answer cannot do without (a name in a list, a ledger's balance): a
 * route that reaches a person through a relation the table hides it from is a
 * scope bug, refused rather than shown.
 */
export function requireVisible(relations: readonly ViewerRelation[], field: PersonalField): void {
  if (!sees(relations, field)) throw new AppError('internal', `visibility: ${field} reached through [${relations.join(', ')}], which may not see it`);
}

export function mustReveal(relations: readonly ViewerRelation[], field: PersonalField, value: string): string {
  requireVisible(relations, field);
  return reveal(relations, field, value)!;
}

/** A household as the queries select it (its building's grid with it): the Place relations are decided from. */
export const placeOfHousehold = (h: { id: string; communityId: string; buildingId: string; building: { gridId: string } }): Place => ({
  communityId: h.communityId,
  gridId: h.building.gridId,
  buildingId: h.buildingId,
  householdId: h.id,
});

/**
 * An optional personal field of an answer, `{ [key]: value }` as these relations
 * see it (masked where the table masks it), or nothing at all where they may not
 * see it: an absent field is left out of the answer, never sent empty.
 */
export function revealAs<K extends string, T extends string | null>(relations: readonly ViewerRelation[], field: PersonalField, key: K, value: T): { [P in K]?: T } {
  return sees(relations, field) ? ({ [key]: reveal(relations, field, value) } as { [P in K]?: T }) : {};
}

/**
 * Outside systems reading orders through Open311 (server/open311) stand in no relation
 * to anyone: what their answers carry is decided per key purpose, here.
 * - status (a progress board, a street's dashboard): no personal field at all; the
 *   address is the building, never the room (a room names a household).
 * - hotline (12345 热线转办): the operator calls the resident back and passes on what
 *   the grid worker did, so the resident's name, phone and room, as staff see them.
 *   The caller's own name and phone, which the hotline gave, go back only to that key.
 */
export const OPEN311_FIELDS: Record<Open311Purpose, readonly PersonalField[]> = {
  status: [],
  hotline: ['name', 'phone', 'room'],
};
export const open311Sees = (purpose: Open311Purpose, field: PersonalField) => OPEN311_FIELDS[purpose].includes(field);
