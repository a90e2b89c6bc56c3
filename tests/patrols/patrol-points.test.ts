// 楼道巡查 points where the community wants them: a 楼栋长 is a resident, and their
// household earns the community's `building_patrol` rule (积分 → 规则, its points and a
// monthly cap) for each finished patrol. Rule off: nothing. Each patrol pays once,
// however often its last item is marked again; the monthly cap holds.
// (Visits earn no points: they are the paid work of grid workers and cadres.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;
let buildingId: string;
let householdId: string;

const put = (path: string, body: unknown) => s.request('PUT', path, { token: cast.buildingHead.token, body });
const patrolPoints = () => s.deps.db.pointsEntry.findMany({ where: { householdId, reference: { startsWith: 'award:patrol:' } }, orderBy: { createdAt: 'asc' } });

/** Walks a whole patrol of the head's building (every item 正常); its id. The last item is marked twice (a retry). */
async function walkPatrol(): Promise<string> {
  const r = await cast.buildingHead.post('/api/patrols', { buildingId });
  expect(r.status).toBe(201);
  for (const item of r.body.items) expect((await put(`/api/patrols/${r.body.id}/items/${item.itemId}`, { result: 'ok' })).status).toBe(200);
  const last = r.body.items.at(-1);
  const again = await put(`/api/patrols/${r.body.id}/items/${last.itemId}`, { result: 'ok', note: '再看一遍' });
  expect(again.status).toBe(200);
  expect(again.body.finishedAt).not.toBeNull();
  return r.body.id;
}

beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  const me = (await cast.buildingHead.get('/api/me')).body;
  householdId = me.resident.householdId;
  buildingId = (await cast.buildingHead.get('/api/patrols/buildings')).body.items[0].id;
});
afterAll(() => s?.close());

describe('patrol points', () => {
  it('without the rule a finished patrol earns nothing', async () => {
    await walkPatrol();
    expect(await patrolPoints()).toEqual([]);
  });

  it('with the rule on: once per patrol (retries pay nothing more), up to the monthly cap; switched off: nothing', async () => {
    const rule = await cast.staff.post('/api/points/rules', { code: 'building_patrol', name: '楼道巡查', points: 5, monthlyCap: 12 });
    expect(rule.status).toBe(201);
    const first = await walkPatrol();
    expect((await patrolPoints()).map((e) => [e.amount, e.reference])).toEqual([[5, `award:patrol:${first}:${householdId}`]]);

    await walkPatrol();
    // the third patrol of the month earns what is left under the cap (12 - 10), the fourth nothing
    await walkPatrol();
    await walkPatrol();
    expect((await patrolPoints()).map((e) => e.amount)).toEqual([5, 5, 2]);

    // next month: the cap starts again; the rule switched off pays nothing
    s.advance(27 * 24 * 60); // into next month (within the sessions’ 30 days)
    expect((await s.request('PATCH', `/api/points/rules/${rule.body.id}`, { token: cast.staff.token, body: { active: false } })).status).toBe(200);
    await walkPatrol();
    expect((await patrolPoints()).map((e) => e.amount)).toEqual([5, 5, 2]);
    expect((await s.request('PATCH', `/api/points/rules/${rule.body.id}`, { token: cast.staff.token, body: { active: true } })).status).toBe(200);
    await walkPatrol();
    expect((await patrolPoints()).map((e) => e.amount)).toEqual([5, 5, 2, 5]);
  });
});
