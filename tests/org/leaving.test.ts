// 迁出/去世 (#16 part 5): a person who leaves the community loses their personal
// fields, accounts and codes; the history they are part of (orders, points,
// employment) stays, anonymised, and counts the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstResidentByAddress, signInAll, type Cast } from '../support/fixtures.js';
import { plainIdNumber } from '../support/idNumbers.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;

beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
});
afterAll(() => s?.close());

/** Everything the history holds of a resident and their household, counted. */
async function history(residentId: string, householdId: string) {
  const db = s.deps.db;
  // sorted, so two readings compare equal whatever order the database returns them in
  const orderIds = (await db.order.findMany({ where: { residentId }, select: { id: true } })).map((o) => o.id).sort();
  return {
    orders: orderIds.length,
    orderEvents: await db.orderEvent.count({ where: { orderId: { in: orderIds } } }),
    pointsEntries: await db.pointsEntry.count({ where: { householdId } }),
    balance: (await db.pointsAccount.findUnique({ where: { householdId } }))?.balance ?? null,
    employment: await db.employmentRecord.count({ where: { residentId } }),
    residentsInCommunity: await db.resident.count({ where: { communityId: (await db.resident.findUniqueOrThrow({ where: { id: residentId } })).communityId } }),
    // the staff's figures count the orders of the whole community, this one's included
    staffOrderStats: (await cast.staff.get('/api/orders/stats')).body,
    orderIds,
  };
}

describe('POST /api/org/residents/:id/leave', () => {
  it('removes their personal fields, account and codes; history counts the same and shows them by a placeholder name only', async () => {
    const db = s.deps.db;
    const user = await db.user.findUniqueOrThrow({ where: { id: cast.resident.userId }, include: { resident: true } });
    const r = user.resident!;
    // a name nobody else has, so finding it anywhere afterwards means a leak
    const name = '离开测试者甲';
    await db.resident.update({ where: { id: r.id }, data: { name } });
    await db.employmentRecord.updateMany({ where: { residentId: r.id }, data: { current: false } });
    await db.employmentRecord.create({ data: { communityId: r.communityId, householdId: r.householdId, residentId: r.id, status: 'employed_local', employer: '清达服装', createdAt: s.now(), recordedById: cast.gridWorker.userId } });
    const phone = r.phone!;
    const idNumber = plainIdNumber(s, r)!;
    expect(phone).toMatch(/^1\d{10}$/);
    expect(await db.resident.count({ where: { phone } })).toBe(1);
    await db.residentInvite.create({ data: { communityId: r.communityId, residentId: r.id, codeHash: `test-pending-${r.id}`, expiresAt: new Date(s.now().getTime() + 86_400_000), createdById: cast.staff.userId, createdAt: s.now() } });
    const before = await history(r.id, r.householdId);
    expect(before.orders).toBeGreaterThan(0);
    expect(before.pointsEntries).toBeGreaterThan(0);
    // staff see them before (the searches below are not blind)
    // their building's households: 惠泽 has 216 and the list is in (random) id order, so a first page of 200 may not hold them
    const theirBuilding = `/api/org/households?buildingId=${(await db.household.findUniqueOrThrow({ where: { id: r.householdId } })).buildingId}&limit=200`;
    const listed = JSON.stringify((await cast.staff.get(theirBuilding)).body);
    expect(listed).toContain(name);
    expect(listed).toContain(phone);

    // who may not: the grid worker (403), another community's staff (404); a bad reason is a 400 naming it
    expect((await cast.gridWorker.post(`/api/org/residents/${r.id}/leave`, { reason: 'moved_out' })).status).toBe(403);
    expect((await cast.staffHuimin.post(`/api/org/residents/${r.id}/leave`, { reason: 'moved_out' })).status).toBe(404);
    const bad = await cast.staff.post(`/api/org/residents/${r.id}/leave`, { reason: 'gone' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('body.reason');

    const res = await cast.staff.post(`/api/org/residents/${r.id}/leave`, { reason: 'moved_out' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: r.id, name: '已迁出居民', leftReason: 'moved_out', accountsUnlinked: 1, invitesDeleted: 1 });
    const again = await cast.staff.post(`/api/org/residents/${r.id}/leave`, { reason: 'deceased' });
    expect(again.status).toBe(409);
    expect(again.body.error.reason).toBe('already_left');

    // the row: no personal field left; the account: unlinked, renamed, signed out; no code left to link another
    const row = await db.resident.findUniqueOrThrow({ where: { id: r.id } });
    expect(row).toMatchObject({ name: '已迁出居民', phone: null, idNumberEncrypted: null, idNumberHash: null, birthYear: null, leftReason: 'moved_out' });
    const raw = await db.$queryRaw<Array<{ v: string | null }>>`SELECT "idNumber" AS v FROM "Resident" WHERE id = ${r.id}`;
    expect(raw[0]!.v).toBeNull();
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ residentId: null, displayName: '已注销用户' });
    expect((await cast.resident.get('/api/me')).status).toBe(401);
    expect(await db.residentInvite.count({ where: { residentId: r.id, usedAt: null } })).toBe(0);
    const back = await s.login('demo-resident'); // the same WeChat account signs in again: nobody's account now
    expect((await back.get('/api/me')).body.resident ?? null).toBeNull();

    // history: the same counts
    const after = await history(r.id, r.householdId);
    expect(after).toEqual({ ...before, residentsInCommunity: before.residentsInCommunity });

    // no personal field of theirs in any answer that shows people, to any role
    const answers: string[] = [];
    for (const who of ['staff', 'admin', 'gridWorker', 'buildingHead', 'reviewer', 'resident2'] as const) {
      const c = cast[who];
      for (const path of [theirBuilding, '/api/org/households?limit=200', `/api/org/residents?q=${encodeURIComponent('离开')}`, '/api/org/residents?limit=100', '/api/orders?limit=100', '/api/employment/households?limit=200', '/api/points/leaderboard', '/api/access-log?limit=200']) {
        const got = await c.get(path);
        if (got.status === 200) answers.push(JSON.stringify(got.body));
      }
      for (const id of before.orderIds) {
        const got = await c.get(`/api/orders/${id}`);
        if (got.status === 200) answers.push(JSON.stringify(got.body));
      }
    }
    answers.push(JSON.stringify((await back.get('/api/me/data')).body));
    expect(answers.length).toBeGreaterThan(20);
    const all = answers.join('\n');
    // (not the masked number: 5205…last four is shared by other residents of a county)
    for (const secret of [name, phone, idNumber]) expect(all).not.toContain(secret);
    // the orders still name who they were for, by the placeholder (every one: "[0]" of random ids is a different order each run)
    for (const id of before.orderIds) {
      const order = await cast.staff.get(`/api/orders/${id}`);
      expect(order.status).toBe(200);
      expect(JSON.stringify(order.body)).toContain('已迁出居民');
    }
    // off the rosters: not a household member, nobody to file for or reveal
    const households = (await cast.staff.get(theirBuilding)).body.items;
    expect(households).toHaveLength(24); // the household is still listed, without them
    expect(households.flatMap((h: any) => h.members.map((m: any) => m.id))).not.toContain(r.id);
    expect((await cast.staff.post('/api/orders', { category: 'repair', description: '帮他报修一下水管。', onBehalfOf: r.id })).status).toBe(404);
    expect((await cast.staff.post(`/api/org/residents/${r.id}/id-number/reveal`, { reason: '核对身份' })).status).toBe(404);
  });

  it('a death is recorded the same way, under its own placeholder', async () => {
    const r = await firstResidentByAddress(s.deps.db, { community: { name: '惠泽社区' }, leftAt: null, relation: '配偶' });
    const res = await cast.admin.post(`/api/org/residents/${r.id}/leave`, { reason: 'deceased' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '已故居民', leftReason: 'deceased', accountsUnlinked: 0 });
  });
});
