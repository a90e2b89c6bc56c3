// 走访 over HTTP: visits fall due and become overdue as the injected clock moves;
// a household's own frequency wins over its tags'; 无人在家 leaves it due; a visit
// that finds a need files an order for the household whose timeline names the
// visit; workers of other grids are refused; tag names only where the role may
// see them; coverage per grid counted right.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';
import { writeMark, writesSince } from '../support/writeLog.js';

let s: TestServer;
let cast: Cast;
beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
});
afterAll(() => s.close());

const DAY = 1440;
const DEFAULTS: Record<string, number | null> = { EMPTY_NEST_ELDERLY: 7, LEFT_BEHIND_CHILD: 14, DISABLED: 14, MONITORED: 30, LOW_INCOME: 30 };

/** Households of a grid with their tags, read straight from the database (not through the code under test). */
async function householdsOfGrid(gridName: string, community = '惠泽社区') {
  return s.deps.db.household.findMany({
    where: { community: { name: community }, building: { grid: { name: gridName } } },
    include: { tags: true, building: { select: { name: true, gridId: true } }, unit: { select: { name: true } } },
    orderBy: [{ building: { name: 'asc' } }, { unit: { name: 'asc' } }, { room: 'asc' }],
  });
}
/** The first household of a grid visited on a schedule that neither the demo's pairings nor its override touch. */
async function firstWatched(gridName: string) {
  const [pairs, overrides] = await Promise.all([s.deps.db.visitPairing.findMany(), s.deps.db.visitOverride.findMany()]);
  const taken = new Set([...pairs, ...overrides].map((x) => x.householdId));
  return (await householdsOfGrid(gridName)).find((x) => !taken.has(x.id) && x.tags.some((t) => DEFAULTS[t.kind]))!;
}
/** The shortest default frequency of a household's tags. */
const shortest = (x: { tags: Array<{ kind: string }> }) => Math.min(...x.tags.map((t) => DEFAULTS[t.kind] ?? Infinity));
const put = (token: string, path: string, body: unknown) => s.request('PUT', path, { token, body });
const del = (token: string, path: string) => s.request('DELETE', path, { token });
const householdPage = async (id: string, c = cast.gridWorker) => {
  const r = await c.get(`/api/visits/households/${id}`);
  expect(r.status).toBe(200);
  return r.body;
};
const record = (body: object, c = cast.gridWorker) => c.post('/api/visits', body);

describe('falling due', () => {
  it('a visited household is due again after its interval, then overdue; its own frequency wins over its tags', async () => {
    const h = await firstWatched('第1网格');
    const tagsSay = shortest(h);
    expect((await householdPage(h.id)).household.intervalDays).toBe(tagsSay);

    // staff set it every 3 days: the override wins over its tags'
    const o = await put(cast.staff.token, `/api/visits/overrides/${h.id}`, { intervalDays: 3, note: '刚出院，多去看看' });
    expect(o.status).toBe(200);
    expect((await householdPage(h.id)).household).toMatchObject({ intervalDays: 3, overridden: true });

    const r = await record({ householdId: h.id, met: 'head', wellbeing: 'good', note: '精神不错' });
    expect(r.status).toBe(201);
    expect(r.body.visit).toMatchObject({ completed: true, met: 'head', wellbeing: 'good', orderId: null });
    const due = (await cast.gridWorker.get('/api/visits/due')).body;
    expect(due.items.find((i: any) => i.householdId === h.id)).toMatchObject({ bucket: 'week', lastVisitedAt: expect.any(String) });

    s.advance(3 * DAY);
    const onDay = (await cast.gridWorker.get('/api/visits/due')).body;
    expect(onDay.items.find((i: any) => i.householdId === h.id)).toMatchObject({ bucket: 'today', overdueDays: 0, dueOn: onDay.today });

    s.advance(2 * DAY);
    const late = (await cast.gridWorker.get('/api/visits/due')).body;
    expect(late.items.find((i: any) => i.householdId === h.id)).toMatchObject({ bucket: 'overdue', overdueDays: 2 });
    expect(late.counts.overdue).toBe(late.items.filter((i: any) => i.bucket === 'overdue').length);

    // 无人在家 is an attempt, not a visit: still overdue, the attempt shown
    const nobody = await record({ householdId: h.id, met: 'nobody', note: '敲门没人' });
    expect(nobody.status).toBe(201);
    expect(nobody.body.visit.completed).toBe(false);
    const still = (await cast.gridWorker.get('/api/visits/due')).body.items.find((i: any) => i.householdId === h.id);
    expect(still).toMatchObject({ bucket: 'overdue', overdueDays: 2, lastTriedAt: expect.any(String) });

    // removed, its tags' frequency applies again, counted from the visit 5 days ago
    expect((await del(cast.staff.token, `/api/visits/overrides/${h.id}`)).status).toBe(204);
    const back = (await householdPage(h.id)).household;
    expect(back).toMatchObject({ intervalDays: tagsSay, overridden: false, bucket: tagsSay - 5 <= 6 ? 'week' : 'later' });

    // 不需要走访: off every list
    await put(cast.staff.token, `/api/visits/overrides/${h.id}`, { intervalDays: null });
    expect((await cast.gridWorker.get('/api/visits/due')).body.items.some((i: any) => i.householdId === h.id)).toBe(false);
    await del(cast.staff.token, `/api/visits/overrides/${h.id}`);
  });

  it("a community's frequency per tag: the shortest of a household's tags applies", async () => {
    const huimin = await householdsOfGrid('第1网格', '惠民社区');
    const onlyLowIncome = huimin.find((x) => x.tags.length === 1 && x.tags[0]!.kind === 'LOW_INCOME')!;
    const two = huimin.find((x) => x.tags.some((t) => t.kind === 'LOW_INCOME') && x.tags.some((t) => t.kind === 'DISABLED'))!;
    const w = cast.gridWorkerHuimin;
    expect((await householdPage(onlyLowIncome.id, w)).household.intervalDays).toBe(30);
    expect((await householdPage(two.id, w)).household.intervalDays).toBe(shortest(two));
    const set = await put(cast.staffHuimin.token, '/api/visits/rules/LOW_INCOME', { intervalDays: 3 });
    expect(set.status).toBe(200);
    expect(set.body.rules.find((r: any) => r.tag === 'LOW_INCOME')).toMatchObject({ intervalDays: 3, defaultDays: 30, label: '低保户' });
    expect((await householdPage(onlyLowIncome.id, w)).household.intervalDays).toBe(3);
    expect((await householdPage(two.id, w)).household.intervalDays).toBe(3);
    // 惠泽 keeps its own
    expect((await cast.staff.get('/api/visits/rules')).body.rules.find((r: any) => r.tag === 'LOW_INCOME').intervalDays).toBe(30);
    // a frequency that is not one: 400 naming the field, nothing written
    const mark = await writeMark(s.deps.db);
    const bad = await put(cast.staffHuimin.token, '/api/visits/rules/LOW_INCOME', { intervalDays: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('body.intervalDays');
    expect((await put(cast.staffHuimin.token, '/api/visits/rules/NOT_A_TAG', { intervalDays: 3 })).status).toBe(400);
    expect(await writesSince(s.deps.db, mark)).toEqual({});
    await put(cast.staffHuimin.token, '/api/visits/rules/LOW_INCOME', { intervalDays: 30 });
  });
});

describe('recording a visit', () => {
  it('a need found becomes an order filed for the household, its timeline naming the visit', async () => {
    const h = await firstWatched('第1网格');
    const r = await record({
      householdId: h.id,
      met: 'family',
      wellbeing: 'needs_help',
      needs: '老人家里卫生间水龙头坏了，一直漏水',
      order: { category: 'repair' },
    });
    expect(r.status).toBe(201);
    const orderId = r.body.visit.orderId;
    expect(orderId).toEqual(expect.any(String));
    const order = await cast.gridWorker.get(`/api/orders/${orderId}`);
    expect(order.status).toBe(200);
    expect(order.body).toMatchObject({ status: 'submitted', filedOnBehalf: true, description: '老人家里卫生间水龙头坏了，一直漏水', category: { code: 'repair' } });
    const row = await s.deps.db.order.findUniqueOrThrow({ where: { id: orderId } });
    expect(row.householdId).toBe(h.id);
    expect(order.body.timeline[0]).toMatchObject({ action: 'submit' });
    expect(order.body.timeline[0].note).toContain(`走访记录 ${r.body.visit.id}`);
    // staff find it among the community's orders
    expect((await cast.staff.get(`/api/orders/${orderId}`)).status).toBe(200);
    // and the household's page links it
    expect((await householdPage(h.id)).visits[0]).toMatchObject({ id: r.body.visit.id, orderId, needs: '老人家里卫生间水龙头坏了，一直漏水' });
  });

  it('bad input is a 400 naming the field and writes nothing (no order either)', async () => {
    const h = await firstWatched('第1网格');
    const mark = await writeMark(s.deps.db);
    const cases: Array<[object, string]> = [
      [{ householdId: h.id, met: 'head' }, 'body.wellbeing'],
      [{ householdId: h.id, met: 'someone', wellbeing: 'good' }, 'body.met'],
      [{ householdId: h.id, met: 'head', wellbeing: 'good', order: { category: 'no-such-category' }, needs: '需要帮忙修灯' }, 'body.order.category'],
      [{ householdId: h.id, met: 'head', wellbeing: 'good', order: { category: 'repair' } }, 'body.order.description'],
      [{ householdId: h.id, met: 'head', wellbeing: 'good', photo: 'not-my-upload' }, 'body.photo'],
    ];
    for (const [body, path] of cases) {
      const r = await record(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.details[0].path).toBe(path);
    }
    expect(await writesSince(s.deps.db, mark)).toEqual({});
  });

  it('a worker of another grid, staff of another community and residents are refused, writing nothing', async () => {
    const h = await firstWatched('第1网格');
    const mark = await writeMark(s.deps.db);
    for (const c of [cast.gridWorker2, cast.staffHuimin, cast.resident, cast.buildingHead, cast.reviewer]) {
      expect((await record({ householdId: h.id, met: 'head', wellbeing: 'good' }, c)).status).toBe(404);
      expect((await c.get(`/api/visits/households/${h.id}`)).status).toBe(404);
      expect((await c.get(`/api/visits/due?gridId=${h.building.gridId}`)).status).toBe(404);
    }
    expect(await writesSince(s.deps.db, mark)).toEqual({});
    // their own lists hold none of it
    expect((await cast.gridWorker2.get('/api/visits/due')).body.items.some((i: any) => i.gridId === h.building.gridId)).toBe(false);
    for (const c of [cast.resident, cast.buildingHead, cast.gridWorker, cast.reviewer]) {
      expect((await c.get('/api/visits/coverage')).status).toBe(403);
      expect((await c.get('/api/visits/rules')).status).toBe(403);
    }
  });
});

describe('1+X pairs and tag names', () => {
  it('a paired 党组织 cadre sees the household and records its visits, but not its sensitive tags', async () => {
    const grid2 = await householdsOfGrid('第2网格');
    const h = grid2.find((x) => x.tags.some((t) => t.kind === 'DISABLED') && x.tags.some((t) => t.kind === 'LOW_INCOME'))!;
    const people = (await cast.staff.get('/api/visits/pairings')).body.people;
    expect(people.map((p: any) => p.id)).toEqual(expect.arrayContaining([cast.reviewer.userId, cast.staff.userId]));
    // a resident is no cadre
    expect((await cast.staff.post('/api/visits/pairings', { householdId: h.id, userId: cast.resident.userId })).status).toBe(400);
    const p = await cast.staff.post('/api/visits/pairings', { householdId: h.id, userId: cast.reviewer.userId });
    expect(p.status).toBe(201);

    const mine = (await cast.reviewer.get('/api/visits/due')).body.items.find((i: any) => i.householdId === h.id);
    expect(mine).toMatchObject({ paired: true, watchedFor: [], headName: expect.any(String), room: h.room });
    // the grid's own worker reads why it is watched
    const worker = (await cast.gridWorker2.get('/api/visits/due')).body.items.find((i: any) => i.householdId === h.id);
    expect(worker.watchedFor).toEqual(expect.arrayContaining(['残疾人', '低保户']));
    expect(JSON.stringify((await cast.reviewer.get(`/api/visits/households/${h.id}`)).body)).not.toMatch(/残疾|低保/);

    expect((await record({ householdId: h.id, met: 'head', wellbeing: 'fair', note: '结对走访' }, cast.reviewer)).status).toBe(201);
    expect((await householdPage(h.id, cast.gridWorker2)).visits[0]).toMatchObject({ note: '结对走访', visitor: { id: cast.reviewer.userId } });

    // unpaired, it is gone from their list and their reach
    expect((await del(cast.staff.token, `/api/visits/pairings/${p.body.id}`)).status).toBe(204);
    expect((await cast.reviewer.get('/api/visits/due')).body.items.some((i: any) => i.householdId === h.id)).toBe(false);
    expect((await cast.reviewer.get(`/api/visits/households/${h.id}`)).status).toBe(404);
  });
});

describe('coverage', () => {
  it('counts per grid: due, on time, late, overdue and still to come', async () => {
    // 第3网格 has no demo visits: every watched household was due the day its tag went up (today)
    const grid3 = await householdsOfGrid('第3网格');
    const watched = grid3.filter((x) => x.tags.some((t) => DEFAULTS[t.kind]));
    // their tags went up today (the clock has moved since the demo was loaded)
    await s.deps.db.householdTag.updateMany({ where: { householdId: { in: grid3.map((x) => x.id) } }, data: { createdAt: s.now() } });
    expect(watched.length).toBeGreaterThan(5);
    const month = new Date(s.now().getTime() + 8 * 3600_000).toISOString().slice(0, 7);
    const figures = async () => {
      const r = await cast.staff.get(`/api/visits/coverage?month=${month}`);
      expect(r.status).toBe(200);
      return r.body.grids.find((g: any) => g.gridName === '第3网格');
    };
    const before = await figures();
    expect(before).toMatchObject({ watched: watched.length, due: watched.length, onTime: 0, late: 0, pending: watched.length, overdue: 0, workers: [expect.any(String)] });

    const [a, b, c] = watched;
    expect((await record({ householdId: a!.id, met: 'head', wellbeing: 'good' }, cast.staff)).status).toBe(201);
    // nobody home does not count
    expect((await record({ householdId: c!.id, met: 'nobody' }, cast.staff)).status).toBe(201);
    expect(await figures()).toMatchObject({ due: watched.length, onTime: 1, late: 0, pending: watched.length - 1, overdue: 0 });

    s.advance(DAY);
    expect((await record({ householdId: b!.id, met: 'family', wellbeing: 'good' }, cast.staff)).status).toBe(201);
    const after = await figures();
    expect(after).toMatchObject({ due: watched.length, onTime: 1, late: 1, pending: 0, overdue: watched.length - 2 });
    expect(after.rate).toBeCloseTo(1 / watched.length, 3);

    // the overdue list holds the rest, and not the two visited
    const overdue = (await cast.staff.get('/api/visits/overdue')).body.items.filter((i: any) => i.gridName === '第3网格');
    expect(overdue.map((i: any) => i.householdId).sort()).toEqual(watched.slice(2).map((x) => x.id).sort());
    const bad = await cast.staff.get('/api/visits/coverage?month=2026-13');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('query.month');
  });
});
