// The demo accounts stand where the README and the issue say they do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;
beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
});
afterAll(() => s.close());

const me = async (c: Cast[keyof Cast]) => (await c.get('/api/me')).body;

describe('demo data', () => {
  it('has the three 平远新城 communities with grids, buildings and households', async () => {
    const db = s.deps.db;
    expect((await db.community.findMany({ orderBy: { name: 'asc' } })).map((c) => c.name).sort()).toEqual(['恒大社区', '惠民社区', '惠泽社区'].sort());
    expect(await db.grid.count()).toBe(9);
    expect(await db.building.count()).toBe(27);
    expect(await db.household.count()).toBe(27 * 24);
    expect(await db.householdTag.count({ where: { kind: 'LOW_INCOME' } })).toBeGreaterThan(50);
    // every building has a head and every grid a worker
    expect(await db.userRole.count({ where: { role: 'BUILDING_HEAD' } })).toBe(27);
    expect(await db.userRole.count({ where: { role: 'GRID_WORKER' } })).toBe(9);
  });

  it('places the demo accounts as documented', async () => {
    const resident = await me(cast.resident);
    const head = await me(cast.buildingHead);
    const worker = await me(cast.gridWorker);
    const resident2 = await me(cast.resident2);
    const worker2 = await me(cast.gridWorker2);
    const staff = await me(cast.staff);
    const reviewer = await me(cast.reviewer);
    expect(head.roles[0].buildingId).toBe(resident.building.id);
    expect(worker.roles[0].gridId).toBe(resident.grid.id);
    expect(staff.roles[0]).toMatchObject({ role: 'STAFF', communityId: resident.community.id });
    expect(reviewer.roles[0]).toMatchObject({ role: 'REVIEWER', communityId: resident.community.id });
    expect(resident2.community.id).toBe(resident.community.id);
    expect(resident2.grid.id).not.toBe(resident.grid.id);
    expect(resident2.building.id).not.toBe(resident.building.id);
    expect(worker2.roles[0].gridId).toBe(resident2.grid.id);
    expect((await me(cast.admin)).roles[0].role).toBe('ADMIN');
    expect((await me(cast.staffHuimin)).community.name).toBe('惠民社区');
  });

  it('has orders in several states for the screens to show', async () => {
    const statuses = (await cast.staff.get('/api/orders?limit=100')).body.items.map((o: any) => o.status);
    expect(new Set(statuses)).toEqual(new Set(['closed', 'submitted', 'dispatched', 'accepted', 'resolved']));
  });
});
