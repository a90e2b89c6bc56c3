// The field-visibility matrix: every demo role reads every route that shows
// people or households, and each personal field found in an answer is checked
// against the one visibility table (server/policies/visibility.ts) for that
// viewer's relations to that person. The checks are generated from the table:
// a phone where its cell says absent, an ID number unmasked where it says
// masked, a 七彩 tag kind where it says absent, a household id given away by a
// list filtered on a tag the viewer may not see (in an item or in nextCursor)
// each fail, naming the route, the viewer, the person and the field.
//
// The viewer's relations are worked out here, from the database, on their own
// (not with the server's relationsTo), so a wrong relation on the server shows
// up as a field beyond the table.
import { HouseholdTagKind } from '@prisma/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_OPENIDS } from '../../server/demoFacts.js';
import {
  maskIdNumber,
  maskName,
  VISIBILITY,
  type PersonalField,
  type ViewerRelation,
  type Visibility,
} from '../../server/policies/visibility.js';
import { firstResidentByAddress, raiseOrder, signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type Client, type Reply, type TestServer } from '../support/server.js';
import { plainIdNumber } from '../support/idNumbers.js';

type Role = keyof typeof DEMO_OPENIDS;
const ROLES = Object.keys(DEMO_OPENIDS) as Role[];
const TAGS = Object.values(HouseholdTagKind);

interface Place {
  communityId: string;
  gridId: string;
  buildingId: string;
  householdId: string;
}

interface Me {
  role: Role;
  client: Client;
  userId: string;
  householdId: string | null;
  buildingId: string | null;
  grants: Array<{ role: string; communityId: string | null; gridId: string | null; buildingId: string | null }>;
}

interface Truth {
  residents: Map<string, { id: string; name: string; phone: string | null; idNumber: string | null; householdId: string }>;
  households: Map<string, Place & { tags: HouseholdTagKind[]; members: string[] }>;
  byPhone: Map<string, string[]>;
  byIdNumber: Map<string, string[]>;
  orders: Map<string, { place: Place; filedById: string; assigneeId: string | null; residentId: string }>;
}

let s: TestServer;
let cast: Cast;
let me: Record<Role, Me>;
let truth: Truth;
/** Orders the test makes, by what they are to whom. */
const made: Record<string, { id: string }> = {};
/** The building head's filing for a neighbour (finding 1), as answered. */
let byHeadReply: Reply;

// ---- the viewer's relations, worked out here --------------------------------------

/** Every way `m` stands to the people of a household (the table's columns). */
function relationsOf(m: Me, p: Place): ViewerRelation[] {
  const out: ViewerRelation[] = [];
  if (m.householdId === p.householdId) out.push('household');
  else if (m.buildingId === p.buildingId) out.push('neighbour');
  for (const g of m.grants) {
    if (g.role === 'BUILDING_HEAD' && g.buildingId === p.buildingId) out.push('buildingHead');
    if (g.role === 'GRID_WORKER' && g.gridId === p.gridId) out.push('gridWorker');
    if (g.role === 'STAFF' && g.communityId === p.communityId) out.push('staff');
    if (g.role === 'REVIEWER' && g.communityId === p.communityId) out.push('reviewer');
    if (g.role === 'ADMIN') out.push('admin');
  }
  return out;
}

/** The relations an order adds: filed it, has it. */
function orderRelations(m: Me, orderId: string): ViewerRelation[] {
  const o = truth.orders.get(orderId)!;
  return [...relationsOf(m, o.place), ...(o.filedById === m.userId ? ['filer' as const] : []), ...(o.assigneeId === m.userId ? ['assignee' as const] : [])];
}

/** Relations to a household through any route at all (its own, and any order for it): for scans of the raw answer. */
function anyRelations(m: Me, householdId: string): ViewerRelation[] {
  const out = relationsOf(m, truth.households.get(householdId)!);
  for (const [id, o] of truth.orders) if (o.place.householdId === householdId) out.push(...orderRelations(m, id));
  return [...new Set(out)];
}

const RANK: Record<Visibility, number> = { absent: 0, masked: 1, shown: 2 };
/** What the table allows these relations to see of a field: the most generous cell. */
function allowed(relations: readonly ViewerRelation[], field: PersonalField): Visibility {
  return relations.reduce<Visibility>((best, r) => (RANK[VISIBILITY[field][r]] > RANK[best] ? VISIBILITY[field][r] : best), 'absent');
}

// ---- checking an answer --------------------------------------------------------------

const violations: string[] = [];
const seen = { phones: 0, idNumbers: 0, maskedIdNumbers: 0, names: 0, maskedNames: 0, tags: 0, sensitiveTags: 0, households: 0, balances: 0, employment: 0 };

function violation(ctx: string, m: Me, what: string, relations: readonly ViewerRelation[]) {
  violations.push(`${ctx} as ${m.role}: ${what} (relations: ${relations.join(', ') || 'none'})`);
}

/** A field is in the answer: the table must allow at least `atLeast` of it. */
function need(ctx: string, m: Me, relations: readonly ViewerRelation[], field: PersonalField, atLeast: Visibility, who: string) {
  const rule = allowed(relations, field);
  if (RANK[rule] < RANK[atLeast]) violation(ctx, m, `${field} of ${who} ${atLeast === 'shown' ? 'shown' : 'present'}, the table says ${rule}`, relations);
}

/** A person object: an object whose id is a resident's. */
function checkPerson(ctx: string, m: Me, o: Record<string, any>, relations: readonly ViewerRelation[]) {
  const r = truth.residents.get(o.id)!;
  const who = `resident ${r.id}`;
  if ('name' in o) {
    seen.names++;
    if (o.name === r.name) need(ctx, m, relations, 'name', 'shown', who);
    else if (o.name === maskName(r.name)) (seen.maskedNames++, need(ctx, m, relations, 'name', 'masked', who));
    else violation(ctx, m, `name of ${who} is neither theirs nor its mask: ${o.name}`, relations);
  }
  if ('phone' in o) {
    seen.phones++;
    need(ctx, m, relations, 'phone', o.phone === r.phone ? 'shown' : 'masked', who);
  }
  if ('idNumber' in o) {
    seen.idNumbers++;
    if (o.idNumber === r.idNumber) need(ctx, m, relations, 'idNumber', 'shown', who);
    else if (r.idNumber && o.idNumber === maskIdNumber(r.idNumber)) (seen.maskedIdNumbers++, need(ctx, m, relations, 'idNumber', 'masked', who));
    else violation(ctx, m, `idNumber of ${who} is neither theirs nor its mask`, relations);
  }
  if ('gender' in o || 'birthYear' in o) need(ctx, m, relations, 'genderBirthYear', 'masked', who);
  if ('status' in o || 'employer' in o) (seen.employment++, need(ctx, m, relations, 'employment', 'masked', who));
  if ('room' in o || 'home' in o) need(ctx, m, relations, 'room', 'masked', who);
}

/** A household object: an object whose id is a household's. */
function checkHousehold(ctx: string, m: Me, o: Record<string, any>, relations: readonly ViewerRelation[]) {
  const who = `household ${o.id}`;
  seen.households++;
  if ('room' in o) need(ctx, m, relations, 'room', 'masked', who);
  for (const t of (o.tags ?? []) as Array<{ kind: HouseholdTagKind; note?: string }>) {
    seen.tags++;
    if (VISIBILITY[`tag.${t.kind}`].buildingHead === 'absent') seen.sensitiveTags++;
    need(ctx, m, relations, `tag.${t.kind}`, 'shown', who);
    if (t.note !== undefined) need(ctx, m, relations, 'tagNote', 'masked', who);
  }
  if ('zeroEmployment' in o || 'labour' in o || 'employed' in o) need(ctx, m, relations, 'employment', 'masked', who);
}

/** Walks an answer; `extra` are the relations an enclosing order adds. */
function walk(ctx: string, m: Me, node: unknown, extra: (householdId: string) => ViewerRelation[] = () => []) {
  if (Array.isArray(node)) return node.forEach((x) => walk(ctx, m, x, extra));
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, any>;
  if (typeof o.id === 'string' && truth.orders.has(o.id)) {
    // an order: its resident and room are seen with the order's relations
    const order = truth.orders.get(o.id)!;
    const rel = orderRelations(m, o.id);
    if ('room' in o) need(ctx, m, rel, 'room', 'masked', `household ${order.place.householdId}`);
    extra = (h) => (h === order.place.householdId ? rel : []);
  }
  if (typeof o.id === 'string' && truth.residents.has(o.id)) {
    const h = truth.residents.get(o.id)!.householdId;
    checkPerson(ctx, m, o, [...new Set([...relationsOf(m, truth.households.get(h)!), ...extra(h)])]);
  }
  if (typeof o.id === 'string' && truth.households.has(o.id)) checkHousehold(ctx, m, o, [...new Set([...relationsOf(m, truth.households.get(o.id)!), ...extra(o.id)])]);
  if (typeof o.householdId === 'string' && truth.households.has(o.householdId)) {
    // a points ledger, a rank on the 积分榜
    const h = truth.households.get(o.householdId)!;
    const rel = relationsOf(m, h);
    const who = `household ${h.householdId}`;
    if ('balance' in o || 'entries' in o) (seen.balances++, need(ctx, m, rel, 'pointsBalance', 'shown', who));
    if ('earned' in o) need(ctx, m, rel, 'pointsEarned', 'shown', who);
    if ('room' in o) need(ctx, m, rel, 'room', 'masked', who);
    if (typeof o.head === 'string') {
      const names = h.members.map((id) => truth.residents.get(id)!.name);
      seen.names++;
      if (names.includes(o.head)) need(ctx, m, rel, 'name', 'shown', who);
      else if (names.some((n) => maskName(n) === o.head)) (seen.maskedNames++, need(ctx, m, rel, 'name', 'masked', who));
      else violation(ctx, m, `head of ${who} is nobody's name nor its mask: ${o.head}`, rel);
    }
  }
  if (o.resident && typeof o.resident.id === 'string' && truth.residents.has(o.resident.id) && ('records' in o || 'trades' in o)) {
    // a person's employment history, a candidate's wanted trades
    const h = truth.residents.get(o.resident.id)!.householdId;
    seen.employment++;
    need(ctx, m, relationsOf(m, truth.households.get(h)!), 'employment', 'masked', `resident ${o.resident.id}`);
  }
  if (o.household && typeof o.household.id === 'string' && truth.households.has(o.household.id) && 'points' in o) {
    // a redemption: what the household spent
    need(ctx, m, relationsOf(m, truth.households.get(o.household.id)!), 'pointsBalance', 'shown', `household ${o.household.id}`);
  }
  for (const v of Object.values(o)) walk(ctx, m, v, extra);
}

const PHONE = /(?<!\d)1\d{10}(?!\d)/g;
const ID_NUMBER = /(?<![\dA-Za-z])\d{17}[\dX](?![\dA-Za-z])/g;

/** Every string value in an answer (ids, cursors), once. */
function stringsIn(node: unknown, out = new Set<string>()): Set<string> {
  if (typeof node === 'string') out.add(node);
  else if (Array.isArray(node)) node.forEach((x) => stringsIn(x, out));
  else if (node && typeof node === 'object') Object.values(node).forEach((x) => stringsIn(x, out));
  return out;
}

/**
 * The raw answer, whatever its shape: a phone, a whole ID number or a household
 * or resident id anywhere in it must belong to someone the viewer may see that
 * of; with a tag filter, every household id in it (items and nextCursor) must
 * be one whose tag the viewer sees.
 */
function scan(ctx: string, m: Me, body: unknown, tag?: HouseholdTagKind) {
  const text = JSON.stringify(body);
  for (const phone of new Set(text.match(PHONE) ?? [])) {
    const owners = truth.byPhone.get(phone);
    if (!owners) continue;
    const ok = owners.some((id) => allowed(anyRelations(m, truth.residents.get(id)!.householdId), 'phone') === 'shown');
    if (!ok) violation(ctx, m, `the phone of ${owners.join('/')} appears in the answer`, anyRelations(m, truth.residents.get(owners[0]!)!.householdId));
  }
  for (const idNumber of new Set(text.match(ID_NUMBER) ?? [])) {
    const owners = truth.byIdNumber.get(idNumber);
    if (!owners) continue;
    const ok = owners.some((id) => allowed(anyRelations(m, truth.residents.get(id)!.householdId), 'idNumber') === 'shown');
    if (!ok) violation(ctx, m, `the whole ID number of ${owners.join('/')} appears in the answer`, anyRelations(m, truth.residents.get(owners[0]!)!.householdId));
  }
  for (const id of stringsIn(body)) {
    const householdId = truth.households.has(id) ? id : truth.residents.get(id)?.householdId;
    if (!householdId) continue;
    const rel = anyRelations(m, householdId);
    if (!rel.length) violation(ctx, m, `${id} (of household ${householdId}) appears in the answer`, rel);
    if (tag && truth.households.has(id) && allowed(rel, `tag.${tag}`) !== 'shown') {
      violation(ctx, m, `household ${id} is in an answer filtered by ${tag}, which the table hides from them`, rel);
    }
  }
}

function check(ctx: string, m: Me, r: Reply, opts: { tag?: HouseholdTagKind } = {}) {
  if (r.status >= 500) violations.push(`${ctx} as ${m.role}: ${r.status} ${JSON.stringify(r.body)}`);
  scan(ctx, m, r.body, opts.tag);
  if (r.status < 300) walk(ctx, m, r.body);
}

async function get(m: Me, path: string, opts: { tag?: HouseholdTagKind } = {}) {
  const r = await m.client.get(path);
  check(`GET ${path}`, m, r, opts);
  return r;
}

/** Reloads who has which order (assignees change as orders move). */
async function loadOrders() {
  const rows = await s.deps.db.order.findMany({ select: { id: true, communityId: true, gridId: true, buildingId: true, householdId: true, filedById: true, assigneeId: true, residentId: true } });
  truth.orders = new Map(rows.map((o) => [o.id, { place: o, filedById: o.filedById, assigneeId: o.assigneeId, residentId: o.residentId }]));
}

/** A resident of the building (by name), of none of the households `notIn`. */
async function residentOf(buildingName: string, notIn: string[] = []) {
  // the first by address, not by id (random): the same person every run
  return (await firstResidentByAddress(s.deps.db, { household: { building: { name: buildingName } }, householdId: { notIn } })).id;
}

beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  const db = s.deps.db;

  const residents = (await db.resident.findMany({ select: { id: true, name: true, phone: true, idNumberEncrypted: true, householdId: true } })).map(
    ({ idNumberEncrypted, ...r }) => ({ ...r, idNumber: plainIdNumber(s, { idNumberEncrypted }) }),
  );
  const households = await db.household.findMany({ select: { id: true, communityId: true, buildingId: true, building: { select: { gridId: true } }, tags: { select: { kind: true } } } });
  truth = {
    residents: new Map(residents.map((r) => [r.id, r])),
    households: new Map(
      households.map((h) => [
        h.id,
        { communityId: h.communityId, gridId: h.building.gridId, buildingId: h.buildingId, householdId: h.id, tags: h.tags.map((t) => t.kind), members: residents.filter((r) => r.householdId === h.id).map((r) => r.id) },
      ]),
    ),
    byPhone: new Map(),
    byIdNumber: new Map(),
    orders: new Map(),
  };
  // (made-up numbers can repeat: a number is fine when one of those who have it may be seen with it)
  for (const r of residents) if (r.phone) truth.byPhone.set(r.phone, [...(truth.byPhone.get(r.phone) ?? []), r.id]);
  for (const r of residents) if (r.idNumber) truth.byIdNumber.set(r.idNumber, [...(truth.byIdNumber.get(r.idNumber) ?? []), r.id]);

  me = {} as Record<Role, Me>;
  for (const role of ROLES) {
    const client = cast[role];
    const u = await db.user.findUniqueOrThrow({ where: { id: client.userId }, include: { roles: true, resident: { include: { household: true } } } });
    me[role] = { role, client, userId: u.id, householdId: u.resident?.householdId ?? null, buildingId: u.resident?.household.buildingId ?? null, grants: u.roles };
  }

  // orders in and out of each role's reach, beside the demo's
  const headHome = me.buildingHead.householdId!;
  const residentHome = me.resident.householdId!;
  const neighbour = await residentOf('惠泽1栋', [headHome, residentHome]);
  const sameGrid = await residentOf('惠泽2栋');
  made.own = await raiseOrder(cast.resident);
  made.otherGrid = await raiseOrder(cast.resident2);
  made.otherCommunity = await raiseOrder(cast.residentHuimin);
  // finding 1: the building head files for a neighbour and must not get their phone
  const byHead = await cast.buildingHead.post('/api/orders', { category: 'repair', description: '邻居家的水管漏水，帮忙报修。', onBehalfOf: neighbour });
  expect(byHead.status).toBe(201);
  made.byHead = byHead.body;
  made.byWorker = await raiseOrder(cast.gridWorker, { onBehalfOf: sameGrid });
  // assigned across grids: the second grid's worker has an order of the first grid
  made.crossGrid = await raiseOrder(cast.resident);
  expect((await cast.staff.post(`/api/orders/${made.crossGrid.id}/dispatch`, { assigneeId: cast.gridWorker2.userId })).status).toBe(200);
  byHeadReply = byHead;
  await loadOrders();
});
afterAll(() => s?.close());
// each test reports its own findings
beforeEach(() => {
  violations.length = 0;
});

describe('the visibility table', () => {
  it('has a cell for every relation and every field, each 七彩 tag kind among them', () => {
    for (const kind of TAGS) expect(VISIBILITY).toHaveProperty([`tag.${kind}`]);
    for (const row of Object.values(VISIBILITY)) expect(Object.keys(row).sort()).toEqual(Object.keys(VISIBILITY.name).sort());
  });

  it('keeps phones, ID numbers and the sensitive tags from building heads (the README), and gives names and rooms', () => {
    const head = (f: PersonalField) => VISIBILITY[f].buildingHead;
    expect([head('phone'), head('idNumber'), head('tag.DISABLED'), head('tag.LOW_INCOME'), head('tag.MONITORED')]).toEqual(['absent', 'absent', 'absent', 'absent', 'absent']);
    expect([head('name'), head('room'), head('tag.PARTY_MEMBER')]).toEqual(['shown', 'shown', 'shown']);
    expect(VISIBILITY.phone.filer).toBe('absent');
  });
});

describe('every route that shows people, as every demo role, against the table', () => {
  it('POST /api/orders on behalf of someone: the 201 answer', async () => {
    check('POST /api/orders (the building head for a neighbour)', me.buildingHead, byHeadReply);
    const filings: Array<[Role, string]> = [
      ['buildingHead', await residentOf('惠泽1栋', [me.buildingHead.householdId!, me.resident.householdId!])],
      ['gridWorker', await residentOf('惠泽3栋')],
      ['gridWorker2', await residentOf('惠泽4栋')],
      ['staff', await residentOf('惠泽5栋')],
      ['admin', await residentOf('惠民1栋')],
    ];
    for (const [role, residentId] of filings) {
      const r = await me[role].client.post('/api/orders', { category: 'repair', description: '代居民报修：门锁坏了。', onBehalfOf: residentId });
      expect(r.status, `${role} files for ${residentId}`).toBe(201);
      await loadOrders();
      check(`POST /api/orders (onBehalfOf, by ${role})`, me[role], r);
    }
    expect(violations).toEqual([]);
  });

  it('GET /api/orders (every page) and GET /api/orders/:id for orders in and out of reach', async () => {
    await loadOrders();
    for (const role of ROLES) {
      let cursor: string | null = null;
      do {
        const r: Reply = await get(me[role], `/api/orders?limit=25${cursor ? `&cursor=${cursor}` : ''}`);
        expect(r.status).toBe(200);
        cursor = r.body.nextCursor;
      } while (cursor);
      for (const id of truth.orders.keys()) {
        const r = await get(me[role], `/api/orders/${id}`);
        expect([200, 404]).toContain(r.status);
      }
    }
    // the building head's own filing for a neighbour is on their list and page, without the phone
    const page = await cast.buildingHead.get(`/api/orders/${made.byHead!.id}`);
    expect(page.status).toBe(200);
    expect(page.body.resident).not.toHaveProperty('phone');
    expect(violations).toEqual([]);
  });

  it('GET /api/org/households, every page, with and without each tag filter', async () => {
    for (const role of ROLES) {
      const m = me[role];
      // households they reach, and through which relations (the filters' rule: every one must see the tag)
      const reach = [...truth.households.values()].filter((h) => relationsOf(m, h).some((r) => r !== 'neighbour' && r !== 'reviewer'));
      const REACHES: Record<string, ViewerRelation> = { BUILDING_HEAD: 'buildingHead', GRID_WORKER: 'gridWorker', STAFF: 'staff', ADMIN: 'admin' };
      const reachRelations = new Set(m.grants.flatMap((g) => (REACHES[g.role] ? [REACHES[g.role]!] : [])));
      if (m.householdId) reachRelations.add('household');
      const lists = m.grants.some((g) => g.role !== 'RESIDENT');
      for (const tag of [undefined, ...TAGS]) {
        const q = tag ? `&tag=${tag}` : '';
        const refused = tag && [...reachRelations].some((r) => VISIBILITY[`tag.${tag}`][r] !== 'shown');
        const found: string[] = [];
        let cursor: string | null = null;
        let limit = 1; // the first page one household long: a cursor past hidden rows would name one
        do {
          const r: Reply = await get(m, `/api/org/households?limit=${limit}${q}${cursor ? `&cursor=${cursor}` : ''}`, { tag });
          if (!lists) {
            expect(r.status, `${role} lists households`).toBe(403);
            break;
          }
          if (refused) {
            // (what was given away, if anything, first: the household an answer named)
            expect(violations).toEqual([]);
            expect(r.status, `${role} filters by ${tag}`).toBe(403);
            expect(r.body.error.details?.[0]?.path).toBe('query.tag');
            break;
          }
          expect(r.status, `${role} lists households${q}`).toBe(200);
          const items = r.body.items as Array<{ id: string }>;
          // the cursor is the last household shown, never one held back
          expect(r.body.nextCursor === null || r.body.nextCursor === items.at(-1)?.id, `${role}${q}: nextCursor is the last item`).toBe(true);
          found.push(...items.map((h) => h.id));
          cursor = r.body.nextCursor;
          limit = 100;
        } while (cursor);
        if (lists && !refused) {
          // the filter is in the query: every household in reach with the tag, each once, none without
          const expected = reach.filter((h) => !tag || h.tags.includes(tag)).map((h) => h.householdId);
          expect(new Set(found).size).toBe(found.length);
          expect([...found].sort(), `${role}${q}`).toEqual([...expected].sort());
        }
      }
    }
    // finding 2 as reported: the building head asking for 残疾 households, one at a time
    const r = await cast.buildingHead.get('/api/org/households?tag=DISABLED&limit=1');
    expect(r.status).toBe(403);
    expect(r.body.error.details[0].path).toBe('query.tag');
    expect(violations).toEqual([]);
  });

  it('GET /api/org/residents', async () => {
    for (const role of ROLES) {
      await get(me[role], '/api/org/residents?limit=100');
      await get(me[role], '/api/org/residents?limit=100&q=1');
    }
    expect(violations).toEqual([]);
  });

  it('GET /api/employment/* lists and details', async () => {
    const sample = [
      me.resident.householdId!,
      me.buildingHead.householdId!,
      me.resident2.householdId!,
      me.residentHuimin.householdId!,
      [...truth.households.values()].find((h) => h.buildingId !== me.resident.buildingId && h.gridId === truth.households.get(me.resident.householdId!)!.gridId)!.householdId,
    ].map((h) => truth.households.get(h)!.members[0]!);
    for (const role of ROLES) {
      await get(me[role], '/api/employment/me');
      await get(me[role], '/api/employment/households?limit=500');
      await get(me[role], '/api/employment/households?zeroEmployment=true&limit=500');
      for (const id of sample) await get(me[role], `/api/employment/residents/${id}`);
    }
    expect(violations).toEqual([]);
  });

  it('GET /api/points/leaderboard, /api/points/me and household ledgers, GET /api/shop/redemptions', async () => {
    const buildings = [me.resident.buildingId!, me.resident2.buildingId!, me.residentHuimin.buildingId!];
    const households = [me.resident.householdId!, me.buildingHead.householdId!, me.resident2.householdId!, me.residentHuimin.householdId!];
    for (const role of ROLES) {
      await get(me[role], '/api/points/me');
      await get(me[role], '/api/points/leaderboard');
      for (const b of buildings) await get(me[role], `/api/points/leaderboard?buildingId=${b}&limit=100`);
      for (const h of households) await get(me[role], `/api/points/households/${h}`);
      await get(me[role], '/api/shop/redemptions?limit=100');
    }
    expect(violations).toEqual([]);
  });

  it('the 积分超市: redemptions, the counter looking up pickup codes, handing over and cancelling', async () => {
    // households of two grids and two communities (a building head's among them) redeem, so the counter's lists name households in and out of reach
    const takers = { resident: 'staff', buildingHead: 'staff', resident2: 'staff', residentHuimin: 'staffHuimin' } as const;
    const taken: Partial<Record<Role, { id: string; pickupCode: string }>> = {};
    for (const [role, counter] of Object.entries(takers) as Array<[Role, Role]>) {
      const m = me[role];
      const top = await cast[counter].post('/api/points/adjustments', { householdId: m.householdId, amount: 500, reason: '测试：兑换前补足积分' });
      expect(top.status, `${counter} tops up ${role}`).toBe(200);
      const item = await s.deps.db.shopItem.findFirstOrThrow({
        where: { communityId: truth.households.get(m.householdId!)!.communityId, onShelf: true, stock: { gt: 0 }, pointsPrice: { lte: 500 } },
        orderBy: [{ pointsPrice: 'asc' }, { name: 'asc' }],
      });
      const r = await s.request('POST', '/api/shop/redemptions', { token: m.client.token, body: { itemId: item.id, quantity: 1 }, headers: { 'idempotency-key': `field-visibility-${role}` } });
      expect(r.status, `${role} redeems ${JSON.stringify(r.body)}`).toBe(201);
      check(`POST /api/shop/redemptions (by ${role})`, m, r);
      taken[role] = r.body;
    }
    for (const role of ROLES) {
      for (const t of Object.values(taken)) await get(me[role], `/api/shop/redemptions?pickupCode=${t.pickupCode}`);
      await get(me[role], '/api/shop/redemptions?limit=100&status=reserved');
    }
    // the counter's list has the households of its community, each with its room
    const counter = await cast.staff.get('/api/shop/redemptions?limit=100');
    expect(counter.body.items.map((r: any) => r.household.id)).toEqual(expect.arrayContaining([me.resident.householdId, me.buildingHead.householdId, me.resident2.householdId]));
    expect(counter.body.items.map((r: any) => r.household.id)).not.toContain(me.residentHuimin.householdId);
    const handedOver = await cast.staff.post('/api/shop/redemptions/handover', { pickupCode: taken.resident!.pickupCode });
    expect(handedOver.status).toBe(200);
    check('POST /api/shop/redemptions/handover', me.staff, handedOver);
    const byHousehold = await cast.resident2.post(`/api/shop/redemptions/${taken.resident2!.id}/cancel`);
    expect(byHousehold.status).toBe(200);
    check('POST /api/shop/redemptions/:id/cancel (the household)', me.resident2, byHousehold);
    const byStaff = await cast.staffHuimin.post(`/api/shop/redemptions/${taken.residentHuimin!.id}/cancel`);
    expect(byStaff.status).toBe(200);
    check('POST /api/shop/redemptions/:id/cancel (staff)', me.staffHuimin, byStaff);
    expect(violations).toEqual([]);
  });

  it('GET /api/me, the staff lists of job interests, candidates and course rosters, with residents of every reach on them', async () => {
    const db = s.deps.db;
    // residents of two grids and two communities register interest and enrol, so the lists are not empty
    for (const role of ['resident', 'buildingHead', 'resident2', 'residentHuimin'] as const) {
      const communityId = truth.households.get(me[role].householdId!)!.communityId;
      const job = await db.jobPosting.findFirstOrThrow({ where: { communityId, status: 'open', OR: [{ deadline: null }, { deadline: { gt: s.now() } }] }, orderBy: { title: 'asc' } });
      const interest = await me[role].client.post(`/api/jobs/${job.id}/interest`);
      expect(interest.status, `${role} registers interest ${JSON.stringify(interest.body)}`).toBeLessThan(300);
      const course = await db.trainingSession.findFirstOrThrow({ where: { communityId, status: 'open', signupDeadline: { gt: s.now() } }, orderBy: { course: 'asc' } });
      const enrolled = await me[role].client.post(`/api/trainings/${course.id}/enrol`, { waitlist: true });
      expect(enrolled.status, `${role} enrols ${JSON.stringify(enrolled.body)}`).toBeLessThan(300);
    }
    const jobs = await db.jobPosting.findMany({ select: { id: true } });
    const trainings = await db.trainingSession.findMany({ select: { id: true } });
    /** Who each list named, as staff of their own community read it. */
    const named = { interests: new Set<string>(), candidates: new Set<string>(), roster: new Set<string>(), phones: 0 };
    const note = (people: Array<{ id: string; phone?: string | null }>, into: Set<string>) =>
      people.forEach((p) => (into.add(p.id), p.phone !== undefined && named.phones++));
    for (const role of ROLES) {
      await get(me[role], '/api/me');
      for (const j of jobs) {
        const interests = await get(me[role], `/api/jobs/${j.id}/interests`);
        const candidates = await get(me[role], `/api/jobs/${j.id}/candidates`);
        if (interests.status === 200) note(interests.body.map((i: any) => i.resident), named.interests);
        if (candidates.status === 200) note(candidates.body.map((c: any) => c.resident), named.candidates);
      }
      for (const t of trainings) {
        const roster = await get(me[role], `/api/trainings/${t.id}/enrolments`);
        if (roster.status === 200) note(roster.body.enrolments.map((e: any) => e.resident), named.roster);
      }
    }
    // not vacuous: the lists named the residents above (and people seeking work), with phones where the table shows them
    const ids = (['resident', 'buildingHead', 'resident2', 'residentHuimin'] as const).map((r) => truth.households.get(me[r].householdId!)!.members).flat();
    expect([...named.interests].filter((id) => ids.includes(id)).length).toBeGreaterThanOrEqual(4);
    expect([...named.roster].filter((id) => ids.includes(id)).length).toBeGreaterThanOrEqual(4);
    expect(named.candidates.size).toBeGreaterThan(0);
    expect(named.phones).toBeGreaterThan(0);
    expect(violations).toEqual([]);
  });

  it('looked at every kind of field (the checks above are not vacuous)', () => {
    expect(seen.phones).toBeGreaterThan(0);
    expect(seen.idNumbers).toBeGreaterThan(0);
    expect(seen.maskedIdNumbers).toBeGreaterThan(0);
    expect(seen.maskedNames).toBeGreaterThan(0);
    expect(seen.sensitiveTags).toBeGreaterThan(0);
    expect(seen.tags).toBeGreaterThan(seen.sensitiveTags);
    expect(seen.balances).toBeGreaterThan(0);
    expect(seen.employment).toBeGreaterThan(0);
  });
});
