// Shared fixtures: the demo accounts by role, and a helper that raises an order.
import type { Prisma } from '@prisma/client';
import type { Db } from '../../server/db.js';
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
  // by address, not by id: ids are random, and a test must get the same households every run
  const candidates = await db.resident.findMany({
    where: { communityId: community.id, relation: '户主', user: null, household: { residents: { every: { user: null } } } },
    include: { household: { select: { room: true, building: { select: { name: true } }, unit: { select: { name: true } } } } },
  });
  const heads = candidates
    .map((r) => ({ r, key: [r.household.building.name, r.household.unit.name, r.household.room, r.name] }))
    .sort((a, b) => byKeys(a.key, b.key))
    .slice(0, n)
    .map((x) => x.r);
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

/** Code-point order of key lists: the same on SQLite and PostgreSQL, whose collations differ. */
export function byKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Residents matching `where` in address order (building, unit, room, then 户主 first,
 * name, birth year, gender), the first `take` of them. Demo ids are random UUIDs, so
 * "the first by id" is a different person every run; these attributes come from the
 * seeded generator (server/demo/seed.ts) and are the same every run, sorted here
 * by code point so SQLite and PostgreSQL agree.
 */
export async function residentsByAddress(db: Db, where: Prisma.ResidentWhereInput, take = Infinity) {
  const rows = await db.resident.findMany({
    where,
    include: { household: { select: { room: true, building: { select: { name: true } }, unit: { select: { name: true } } } } },
  });
  const key = (r: (typeof rows)[number]) => [
    r.household.building.name, r.household.unit.name, r.household.room,
    r.relation === '户主' ? '0' : `1${r.relation}`, r.name, String(r.birthYear ?? ''), r.gender,
  ];
  const sorted = rows.map((r) => ({ r, key: key(r) })).sort((a, b) => byKeys(a.key, b.key));
  // two people alike in every attribute would come back in the database's order: refuse rather than pick by chance
  for (let i = 1; i < Math.min(sorted.length, take + 1); i++) {
    if (byKeys(sorted[i - 1]!.key, sorted[i]!.key) === 0) throw new Error(`residentsByAddress: two residents alike (${sorted[i]!.key.join(' ')})`);
  }
  return sorted.slice(0, take).map((x) => x.r);
}

/** The first resident matching `where` in address order (see residentsByAddress). */
export async function firstResidentByAddress(db: Db, where: Prisma.ResidentWhereInput) {
  const [r] = await residentsByAddress(db, where, 1);
  if (!r) throw new Error(`no resident matches ${JSON.stringify(where)}`);
  return r;
}
