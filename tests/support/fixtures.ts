// Shared fixtures: the demo accounts by role, and a helper that raises an order.
import { DEMO_OPENIDS } from '../../server/demoFacts.js';
import type { Client, TestServer } from './server.js';

export type Cast = Record<keyof typeof DEMO_OPENIDS, Client>;

/** Signs in every demo account. */
export async function signInAll(s: TestServer): Promise<Cast> {
  const entries = await Promise.all(
    (Object.entries(DEMO_OPENIDS) as Array<[keyof typeof DEMO_OPENIDS, string]>).map(
      async ([k, openid]) => [k, await s.login(openid)] as const,
    ),
  );
  return Object.fromEntries(entries) as Cast;
}

export async function raiseOrder(c: Client, body: Record<string, unknown> = {}) {
  const r = await c.post('/api/orders', {
    category: 'repair',
    description: '卫生间水龙头一直滴水，关不紧。',
    ...body,
  });
  if (r.status !== 201) throw new Error(`raise order: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as { id: string; status: string; [k: string]: any };
}

/** Moves an order from submitted to the given state along the normal path. */
export async function advanceOrder(cast: Cast, id: string, to: 'dispatched' | 'accepted' | 'resolved' | 'rated') {
  const steps: Array<() => Promise<unknown>> = [
    () => cast.staff.post(`/api/orders/${id}/dispatch`, {}),
    () => cast.gridWorker.post(`/api/orders/${id}/claim`, {}),
    () => cast.gridWorker.post(`/api/orders/${id}/resolve`, { note: '已上门处理好了' }),
    () => cast.resident.post(`/api/orders/${id}/feedback`, { satisfied: true, rating: 5 }),
  ];
  const n = { dispatched: 1, accepted: 2, resolved: 3, rated: 4 }[to];
  for (const step of steps.slice(0, n)) {
    const r = (await step()) as { status: number; body: unknown };
    if (r.status !== 200) throw new Error(`advance to ${to}: ${r.status} ${JSON.stringify(r.body)}`);
  }
}

/**
 * Signs in `n` more residents of 惠泽社区, one per household that has no account
 * yet (household heads), creating their accounts directly in the database.
 */
export async function householdClients(s: TestServer, n: number) {
  const db = s.deps.db;
  const community = await db.community.findFirstOrThrow({ where: { name: '惠泽社区' } });
  const heads = await db.resident.findMany({
    where: { communityId: community.id, relation: '户主', user: null, household: { residents: { every: { user: null } } } },
    orderBy: { id: 'asc' },
    take: n,
  });
  if (heads.length < n) throw new Error(`only ${heads.length} households without accounts`);
  const clients = [];
  for (const r of heads) {
    const openid = `test-${r.id}`;
    await db.user.upsert({
      where: { residentId: r.id },
      create: { displayName: r.name, residentId: r.id, identities: { create: { openid } } },
      update: {},
    });
    clients.push({ householdId: r.householdId, client: await s.login(openid) });
  }
  return clients;
}
