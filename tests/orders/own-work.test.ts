// Nobody rates or reviews their own work: the worker who claimed and resolved an
// order gets 403 on its feedback and its review, even where they could otherwise
// give them (their own household's order, one they filed for a resident, a worker
// who is also the community's reviewer). Those whose word it is still give it.
import type { Prisma } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstResidentByAddress, raiseOrder, signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type Client, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;
let place: { communityId: string; gridId: string };
beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  const building = await s.deps.db.building.findFirstOrThrow({ where: { name: '惠泽1栋' } });
  place = { communityId: building.communityId, gridId: building.gridId };
});
afterAll(() => s.close());

let n = 0;
/** An account made directly in the database (roles no demo account has together). */
async function account(data: Omit<Prisma.UserCreateInput, 'identities'>): Promise<Client> {
  const openid = `own-work-${++n}`;
  await s.deps.db.user.create({ data: { ...data, identities: { create: { openid } } } });
  return s.login(openid);
}

/** Staff dispatch the order to `worker`, who claims and resolves it. */
async function handle(id: string, worker: Client) {
  for (const [who, step, body] of [
    [cast.staff, 'dispatch', { assigneeId: worker.userId }],
    [worker, 'claim', {}],
    [worker, 'resolve', { note: '已上门处理好了' }],
  ] as const) {
    const r = await who.post(`/api/orders/${id}/${step}`, body);
    expect([step, r.status]).toEqual([step, 200]);
  }
}

/** The order's row and timeline, to show a refusal changed nothing. */
const snapshot = async (id: string) => {
  const o = await s.deps.db.order.findUniqueOrThrow({ where: { id }, include: { events: true } });
  return { status: o.status, satisfied: o.satisfied, rating: o.rating, events: o.events.length };
};

describe('feedback', () => {
  it('a grid worker whose account is linked to the household cannot rate the order they resolved; the household can', async () => {
    // an account linked before working accounts were refused (docs/domains.md)
    const home = (await cast.resident.get('/api/me')).body.resident.householdId as string;
    const mate = await firstResidentByAddress(s.deps.db, { householdId: home, user: null });
    const worker = await account({
      displayName: mate.name,
      resident: { connect: { id: mate.id } },
      roles: { create: [{ role: 'GRID_WORKER', communityId: place.communityId, gridId: place.gridId }] },
    });
    const o = await raiseOrder(cast.resident);
    await handle(o.id, worker);

    const before = await snapshot(o.id);
    const r = await worker.post(`/api/orders/${o.id}/feedback`, { satisfied: true, rating: 5 });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('forbidden');
    expect(await snapshot(o.id)).toEqual(before);

    const own = await cast.resident.post(`/api/orders/${o.id}/feedback`, { satisfied: true, rating: 4 });
    expect(own.status).toBe(200);
    expect(own.body.feedback).toEqual({ satisfied: true, rating: 4 });
  });

  it('a grid worker who filed the order for a resident and resolved it cannot rate it', async () => {
    const resident = (await cast.resident.get('/api/me')).body.resident.id as string;
    const o = await raiseOrder(cast.gridWorker, { onBehalfOf: resident });
    expect(o.filedOnBehalf).toBe(true);
    await handle(o.id, cast.gridWorker);

    const before = await snapshot(o.id);
    expect((await cast.gridWorker.post(`/api/orders/${o.id}/feedback`, { satisfied: true, rating: 5 })).status).toBe(403);
    expect(await snapshot(o.id)).toEqual(before);
    expect((await cast.resident.post(`/api/orders/${o.id}/feedback`, { satisfied: false, rating: 2 })).status).toBe(200);
  });
});

describe('review (党组织评单)', () => {
  it('a grid worker who is also the community\'s reviewer cannot review the order they resolved; another reviewer can', async () => {
    const worker = await account({
      displayName: '网格员兼评议员',
      roles: {
        create: [
          { role: 'GRID_WORKER', communityId: place.communityId, gridId: place.gridId },
          { role: 'REVIEWER', communityId: place.communityId },
        ],
      },
    });
    const o = await raiseOrder(cast.resident);
    await handle(o.id, worker);

    const before = await snapshot(o.id);
    for (const verdict of ['pass', 'fail']) {
      expect((await worker.post(`/api/orders/${o.id}/review`, { verdict, comment: '自己评自己' })).status).toBe(403);
    }
    expect(await snapshot(o.id)).toEqual(before);
    const reviewed = await cast.reviewer.post(`/api/orders/${o.id}/review`, { verdict: 'pass', comment: '处置及时' });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.status).toBe('closed');

    // and on an order someone else handled, the same account reviews as any reviewer
    const other = await raiseOrder(cast.resident);
    await handle(other.id, cast.gridWorker);
    expect((await worker.post(`/api/orders/${other.id}/review`, { verdict: 'pass', comment: '同意' })).status).toBe(200);
  });
});
