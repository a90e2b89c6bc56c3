// Per-object authorization: households, grids and communities are walls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewerForToken } from '../../server/auth/sessions.js';
import { orderScope } from '../../server/policies/index.js';
import { advanceOrder, firstResidentByAddress, raiseOrder, signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;
let mine: { id: string };
let other: { id: string };
beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  mine = await raiseOrder(cast.resident);
  other = await raiseOrder(cast.resident2);
});
afterAll(() => s.close());

const ids = async (c: Cast[keyof Cast], q = '') => (await c.get(`/api/orders?limit=100${q}`)).body.items.map((o: any) => o.id);

describe('lists', () => {
  it('a resident sees only their household', async () => {
    const list = await ids(cast.resident);
    expect(list).toContain(mine.id);
    expect(list).not.toContain(other.id);
    const all = (await cast.resident.get('/api/orders?limit=100')).body.items;
    expect(new Set(all.map((o: any) => o.building.name))).toEqual(new Set(['惠泽1栋']));
  });

  it('a grid worker sees their grid', async () => {
    expect(await ids(cast.gridWorker)).toContain(mine.id);
    expect(await ids(cast.gridWorker)).not.toContain(other.id);
    expect(await ids(cast.gridWorker2)).toContain(other.id);
    expect(await ids(cast.gridWorker2)).not.toContain(mine.id);
  });

  it('staff and reviewers see their community, and only theirs', async () => {
    for (const c of [cast.staff, cast.reviewer]) {
      const list = await ids(c);
      expect(list).toEqual(expect.arrayContaining([mine.id, other.id]));
    }
    const huimin = await ids(cast.staffHuimin);
    expect(huimin).not.toContain(mine.id);
    const theirs = await raiseOrder(cast.residentHuimin);
    expect(await ids(cast.staffHuimin)).toContain(theirs.id);
    expect(await ids(cast.staff)).not.toContain(theirs.id);
  });
});

describe('single orders', () => {
  it('are "not found" outside the caller\'s scope', async () => {
    for (const c of [cast.resident2, cast.gridWorker2, cast.staffHuimin, cast.residentHuimin, cast.buildingHead]) {
      const r = await c.get(`/api/orders/${mine.id}`);
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('not_found');
    }
    expect((await cast.resident.get('/api/orders/does-not-exist')).status).toBe(404);
  });

  it("shows the resident's phone only to those who act on the order", async () => {
    await advanceOrder(cast, mine.id, 'dispatched');
    for (const c of [cast.resident, cast.staff, cast.gridWorker]) {
      expect((await c.get(`/api/orders/${mine.id}`)).body.resident.phone).toMatch(/^1\d{10}$/);
    }
    expect((await cast.reviewer.get(`/api/orders/${mine.id}`)).body.resident).not.toHaveProperty('phone');
  });

  it("a building head filing for a neighbour does not get the neighbour's phone, in the answer, the page or the list", async () => {
    // a neighbour with a phone (the head lives in 201, the demo resident in 302)
    const neighbour = await firstResidentByAddress(s.deps.db, { household: { building: { name: '惠泽1栋' }, room: { notIn: ['201', '302'] } }, phone: { not: null } });
    const filed = await raiseOrder(cast.buildingHead, { onBehalfOf: neighbour.id });
    expect(filed.resident).not.toHaveProperty('phone');
    expect((await cast.buildingHead.get(`/api/orders/${filed.id}`)).body.resident).not.toHaveProperty('phone');
    const listed = (await cast.buildingHead.get('/api/orders?limit=100')).body.items.find((o: any) => o.id === filed.id);
    expect(listed.resident).not.toHaveProperty('phone');
    // while the grid's worker, who will call them, does
    expect((await cast.gridWorker.get(`/api/orders/${filed.id}`)).body.resident.phone).toMatch(/^1\d{10}$/);
  });
});

describe('filing for someone else', () => {
  const residentIn = async (building: string) => {
    const r = await cast.staff.get('/api/org/residents?limit=100&q=101');
    return r.body.find((x: any) => x.building.name === building);
  };

  it('is refused outside the filer\'s building, grid or community', async () => {
    const far = await residentIn('惠泽4栋'); // second grid
    const r1 = await cast.buildingHead.post('/api/orders', { category: 'repair', description: '帮邻居报修', onBehalfOf: far.id });
    expect(r1.status).toBe(404);
    const r2 = await cast.gridWorker.post('/api/orders', { category: 'repair', description: '帮居民报修', onBehalfOf: far.id });
    expect(r2.status).toBe(404);
    const r3 = await cast.resident.post('/api/orders', { category: 'repair', description: '帮邻居报修', onBehalfOf: far.id });
    expect(r3.status).toBe(404);
    const r4 = await cast.staffHuimin.post('/api/orders', { category: 'repair', description: '代报', onBehalfOf: far.id });
    expect(r4.status).toBe(404);
    // while the grid's own worker and the community staff may
    expect((await cast.gridWorker2.post('/api/orders', { category: 'repair', description: '代居民报修', onBehalfOf: far.id })).status).toBe(201);
    expect((await cast.staff.post('/api/orders', { category: 'repair', description: '电话来报修', onBehalfOf: far.id })).status).toBe(201);
  });

  it('the resident search returns only people the caller may file for', async () => {
    expect((await cast.resident.get('/api/org/residents?limit=100')).body.every((r: any) => r.room === '1单元 302')).toBe(true);
    const worker = (await cast.gridWorker.get('/api/org/residents?limit=100&q=101')).body;
    expect(new Set(worker.map((r: any) => r.building.name))).toEqual(new Set(['惠泽1栋', '惠泽2栋', '惠泽3栋']));
  });
});

describe('households and sensitive fields', () => {
  it('the grid worker sees phones and every tag, with ID numbers masked', async () => {
    const r = await cast.gridWorker.get('/api/org/households?limit=200');
    expect(r.status).toBe(200);
    const hs = r.body.items;
    expect(hs.length).toBe(3 * 24);
    expect(hs.every((h: any) => h.access === 'contact' || h.access === 'full')).toBe(true);
    // every member, not "the first": the list is in id order, and ids are random (a different person each run)
    const contact = hs.filter((h: any) => h.access === 'contact').flatMap((h: any) => h.members);
    expect(contact.length).toBeGreaterThan(0);
    for (const m of contact) expect(m.idNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(hs.some((h: any) => h.tags.some((t: any) => t.kind === 'LOW_INCOME'))).toBe(true);
  });

  it('staff see ID numbers masked too (a full one is revealed on its own, with a reason: tests/org/id-numbers.test.ts)', async () => {
    // one whole building, every member (the list's own order is by random id: "items[0]" differs run to run)
    const building = await s.deps.db.building.findFirstOrThrow({ where: { name: '惠泽1栋' } });
    const r = await cast.staff.get(`/api/org/households?buildingId=${building.id}&limit=100`);
    expect(r.body.items).toHaveLength(24);
    for (const h of r.body.items) {
      expect(h.access).toBe('contact');
      for (const m of h.members) expect(m.idNumber).toMatch(/^5205\*{10}\d{3}[\dX]$/);
    }
  });

  it('a building head sees names and rooms of their building, no phones, no sensitive tags', async () => {
    const r = await cast.buildingHead.get('/api/org/households?limit=200');
    const others = r.body.items.filter((h: any) => h.access === 'basic');
    expect(others.length).toBe(23);
    for (const h of others) {
      expect(h.building.name).toBe('惠泽1栋');
      for (const m of h.members) expect(Object.keys(m).sort()).toEqual(['id', 'name', 'relation']);
      for (const t of h.tags) expect(['DISABLED', 'LOW_INCOME', 'MONITORED']).not.toContain(t.kind);
    }
    // filtering by a sensitive tag is refused before the query: not even a cursor tells who has it
    const filtered = await cast.buildingHead.get('/api/org/households?limit=1&tag=LOW_INCOME');
    expect(filtered.status).toBe(403);
    expect(filtered.body.error.details[0].path).toBe('query.tag');
    expect(filtered.body).not.toHaveProperty('nextCursor');
    // a tag they do see filters as usual
    const party = await cast.buildingHead.get('/api/org/households?limit=200&tag=PARTY_MEMBER');
    expect(party.status).toBe(200);
    expect(party.body.items.every((h: any) => h.tags.some((t: any) => t.kind === 'PARTY_MEMBER'))).toBe(true);
  });

  it('a plain resident cannot list households', async () => {
    expect((await cast.resident.get('/api/org/households')).status).toBe(403);
  });

  it('only staff see the grid workers for dispatch', async () => {
    const r = await cast.staff.get('/api/org/grid-workers');
    expect(r.body.map((w: any) => w.grid.name)).toEqual(['第1网格', '第2网格', '第3网格']);
    expect((await cast.gridWorker.get('/api/org/grid-workers')).status).toBe(403);
  });

  it('staff cannot dispatch to a worker of another community', async () => {
    const o = await raiseOrder(cast.resident);
    const r = await cast.staff.post(`/api/orders/${o.id}/dispatch`, { assigneeId: cast.gridWorkerHuimin.userId });
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].path).toBe('body.assigneeId');
  });
});

describe('lists merge every way a viewer sees an order', () => {
  // The list reads each way (filed by me, assigned to me, my household, my grid, my community)
  // newest first on its own and merges them (server/orders/orderRows.ts findOrders). Orders here
  // share one instant (the test clock stands still), so the id breaks the ties.
  const walk = async (c: Cast[keyof Cast], q = '') => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: any = await c.get(`/api/orders?limit=2${q}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(r.status).toBe(200);
      seen.push(...r.body.items.map((o: any) => o.id));
      cursor = r.body.nextCursor;
    } while (cursor);
    return seen;
  };
  const expected = async (c: Cast[keyof Cast], where: Record<string, unknown> = {}) => {
    const v = (await viewerForToken(s.deps, c.token))!;
    const rows = await s.deps.db.order.findMany({
      where: { AND: [orderScope(v), where] },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: { id: true },
    });
    return rows.map((o) => o.id);
  };

  it('once each, newest first, page by page, whichever ways match', async () => {
    // filed by the grid worker in their own grid (filed-by and grid both match), one of them
    // claimed by them (assignee too), and a second of the resident's own
    const people = await cast.gridWorker.get('/api/org/residents?q=302');
    const target = people.body.find((r: any) => r.building.name === '惠泽1栋');
    const filed = [await raiseOrder(cast.gridWorker, { onBehalfOf: target.id }), await raiseOrder(cast.gridWorker, { onBehalfOf: target.id })];
    await advanceOrder(cast, filed[0]!.id, 'accepted');
    s.advance(1);
    await raiseOrder(cast.resident);

    for (const c of [cast.gridWorker, cast.resident, cast.staff, cast.reviewer, cast.buildingHead]) {
      const list = await walk(c);
      expect(new Set(list).size).toBe(list.length);
      expect(list).toEqual(await expected(c));
    }
    const gw = await walk(cast.gridWorker);
    expect(gw).toEqual(expect.arrayContaining(filed.map((o) => o.id)));
    // filters apply to every way at once
    expect(await walk(cast.gridWorker, '&status=accepted')).toEqual(await expected(cast.gridWorker, { status: 'accepted' }));
    expect(await walk(cast.gridWorker, '&mine=true')).toEqual(await expected(cast.gridWorker, { assigneeId: cast.gridWorker.userId }));
  });

  it('an unknown cursor gives an empty page', async () => {
    const r = await cast.staff.get('/api/orders?cursor=cxxxxxxxxxxxxxxxxxxxxxxxx');
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual([]);
  });
});
