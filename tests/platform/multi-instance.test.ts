// Two server processes (`server/main.ts`, as deployed) on one PostgreSQL database,
// with requests spread across both: what one instance does, the other must see
// and respect. Redemptions, enrolments and order steps race across the two; the
// invariants of the points and training rules hold and no order skips a state.
// Both instances also run the SLA sweeper every second, as two deployed instances would,
// and keep photos in one (fake) S3 bucket, as deployed instances must.
import crypto from 'node:crypto';
import pg from 'pg';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../server/db.js';
import { freshDatabase, testDbKind, type FreshDatabase } from '../support/database.js';
import { startAppServer, type ChildServer } from '../bench/support.js';
import { startFakeS3, type FakeS3 } from '../support/fakeS3.js';
import { residentsByAddress } from '../support/fixtures.js';
import { orderTimelineProblems, pointsInvariantProblems } from '../reliability/invariants.js';

const postgres = testDbKind() === 'postgres';

interface Reply {
  status: number;
  body: any;
}

describe.runIf(postgres)('two server instances on one PostgreSQL database', () => {
  let fresh: FreshDatabase;
  let instances: ChildServer[] = [];
  let db: Db;
  let s3: FakeS3;
  const call = async (i: number, method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> => {
    const res = await fetch(instances[i % 2]!.url + path, {
      method,
      headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text };
  };
  const login = async (i: number, openid: string) => {
    const r = await call(i, 'POST', '/api/auth/dev-login', undefined, { openid });
    if (r.status !== 200) throw new Error(`dev-login ${openid}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.token as string;
  };
  let staff: string;
  let worker: string;
  /** heads of households in the demo grid worker's grid, each signed in (half on each instance) */
  let households: Array<{ householdId: string; token: string }> = [];

  beforeAll(async () => {
    fresh = await freshDatabase();
    s3 = await startFakeS3();
    const storage = {
      STORAGE: 's3', S3_BUCKET: s3.bucket, S3_ENDPOINT: s3.url, S3_ACCESS_KEY_ID: s3.accessKeyId, S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    // started together: both apply migrations at once (an advisory lock keeps it to one)
    instances = await Promise.all([0, 1].map(() => startAppServer(fresh.url, { SLA_SWEEP_SECONDS: '1', NOTICE_WORKER: 'true', LOG_LEVEL: 'warn', ...storage })));
    db = createDb(fresh.url);
    staff = await login(0, 'demo-staff');
    worker = await login(1, 'demo-gridworker');
    const gridId = (await db.userRole.findFirstOrThrow({ where: { user: { identities: { some: { openid: 'demo-gridworker' } } }, role: 'GRID_WORKER' } })).gridId!;
    // by address: ids are random, and the households (and which instance signs each in) must be the same every run
    const heads = await residentsByAddress(db, { relation: '户主', user: null, household: { building: { gridId }, residents: { every: { user: null } } } }, 12);
    expect(heads).toHaveLength(12);
    households = [];
    for (const [n, r] of heads.entries()) {
      const openid = `multi-${r.id}`;
      await db.user.create({ data: { displayName: r.name, residentId: r.id, identities: { create: { openid } } } });
      households.push({ householdId: r.householdId, token: await login(n, openid) });
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all(instances.map((s) => s.stop()));
    await db?.$disconnect();
    await fresh?.drop();
    await s3?.close();
  });

  it('a photo uploaded through one instance is served by the other, from the shared bucket', async () => {
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#2a7' } }).jpeg().toBuffer();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'photo.jpg');
    const auth = { authorization: `Bearer ${households[0]!.token}` };
    const up = await fetch(`${instances[0]!.url}/api/uploads`, { method: 'POST', headers: auth, body: form });
    expect(up.status).toBe(201);
    const { id } = (await up.json()) as { id: string };
    const stored = s3.objects.get((await db.upload.findUniqueOrThrow({ where: { id } })).storageKey);
    expect(stored).toBeDefined();
    const got = await fetch(`${instances[1]!.url}/api/uploads/${id}`, { headers: auth });
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(stored!.data)).toBe(true);
  });

  it('redemptions on both at once: the stock is never oversold, a key retried on the other instance charges once, the ledger adds up', async () => {
    for (const h of households) {
      expect((await call(0, 'POST', '/api/points/adjustments', staff, { householdId: h.householdId, amount: 200, reason: '多实例测试' })).status).toBe(200);
    }
    const item = await call(1, 'POST', '/api/shop/items', staff, { name: '多实例大米', pointsPrice: 10, stock: 30 });
    expect(item.status).toBe(201);
    // 12 households × 5 redemptions, alternating instances; each household's first key sent to both at once
    const requests: Array<Promise<Reply & { key: string }>> = [];
    households.forEach((h, hi) => {
      for (let k = 0; k < 5; k++) {
        const key = `multi-${hi}-${k}-${crypto.randomBytes(4).toString('hex')}`;
        const send = (i: number) =>
          call(i, 'POST', '/api/shop/redemptions', h.token, { itemId: item.body.id }, { 'idempotency-key': key }).then((r) => ({ ...r, key }));
        requests.push(send(hi + k));
        if (k === 0) requests.push(send(hi + k + 1)); // the same key on the other instance
      }
    });
    const replies = await Promise.all(requests);
    expect(replies.filter((r) => r.status >= 500), instances.map((i) => i.output()).join('\n')).toEqual([]);
    const ok = replies.filter((r) => r.status === 201);
    const distinct = new Set(ok.map((r) => r.body.id));
    expect(distinct.size).toBe(30); // exactly the stock
    expect(replies.filter((r) => r.status === 409).every((r) => r.body.error.reason === 'sold_out')).toBe(true);
    // a key answered twice answered with one redemption
    const byKey = new Map<string, Set<string>>();
    for (const r of ok) byKey.set(r.key, (byKey.get(r.key) ?? new Set()).add(r.body.id));
    expect([...byKey.values()].every((ids) => ids.size === 1)).toBe(true);
    expect(await db.redemption.count({ where: { itemId: item.body.id } })).toBe(30);
    expect((await db.shopItem.findUniqueOrThrow({ where: { id: item.body.id } })).stock).toBe(0);
    expect(await pointsInvariantProblems(db)).toEqual([]);
  });

  it('enrolments on both at once: exactly the capacity gets in', async () => {
    const day = 86400_000;
    const at = (d: number) => new Date(Date.now() + d * day).toISOString();
    const t = await call(0, 'POST', '/api/trainings', staff, {
      course: '多实例培训', trade: 'welding', schedule: '周一至周五 9:00-12:00', place: '实训室',
      startsAt: at(10), endsAt: at(20), signupDeadline: at(9), capacity: 5,
    });
    expect(t.status).toBe(201);
    const replies = await Promise.all(households.map((h, i) => call(i, 'POST', `/api/trainings/${t.body.id}/enrol`, h.token, {})));
    expect(replies.filter((r) => r.status >= 500)).toEqual([]);
    expect(replies.filter((r) => r.status === 201 && r.body.status === 'enrolled')).toHaveLength(5);
    expect(replies.filter((r) => r.status === 409 && r.body.error.reason === 'full')).toHaveLength(7);
    const training = await db.trainingSession.findUniqueOrThrow({ where: { id: t.body.id } });
    expect(training.seatsTaken).toBe(5);
    expect(await db.enrolment.count({ where: { trainingId: t.body.id, status: 'enrolled' } })).toBe(5);
  });

  /**
   * Sends `requests` while this test holds the orders' rows locked, and lets go only once
   * every request waits at its status-guarded UPDATE: each has read the order as it was
   * before any of them wrote. That interleaving is the race the guard exists for; left to
   * chance, one request usually commits before the other reads, and the state check
   * alone refuses it.
   */
  async function raceOnLockedOrders(ids: string[], requests: () => Array<Promise<Reply>>): Promise<Reply[]> {
    const lock = new pg.Client({ connectionString: fresh.url });
    await lock.connect();
    try {
      await lock.query('BEGIN');
      await lock.query('SELECT id FROM "Order" WHERE id = ANY($1) FOR UPDATE', [ids]);
      const sent = requests();
      const replies = Promise.all(sent);
      const deadline = Date.now() + 20_000;
      for (;;) {
        // another connection: pg_stat_activity is a snapshot per transaction
        const [row] = await db.$queryRaw<Array<{ n: number }>>`
          SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE "Order" SET%'`;
        const n = row?.n ?? 0;
        if (n === sent.length) break;
        if (Date.now() > deadline) throw new Error(`only ${n} of ${sent.length} requests reached the guarded update`);
        await new Promise((r) => setTimeout(r, 20));
      }
      await lock.query('COMMIT');
      return await replies;
    } finally {
      await lock.end();
    }
  }

  it('order steps race across both, each having read the order before the other wrote: one claim wins, a claim and a cancel never both', async () => {
    const file = (n: number, what: string) =>
      Promise.all(households.slice(0, n).map((h, i) => call(i, 'POST', '/api/orders', h.token, { category: 'repair', description: `多实例测试：${what}。` })));
    const filed = await file(12, '水管漏水');
    expect(filed.map((r) => r.status)).toEqual(households.map(() => 201));
    const ids = filed.map((r) => r.body.id as string);
    const dispatched = await Promise.all(ids.map((id, i) => call(i, 'POST', `/api/orders/${id}/dispatch`, staff, {})));
    expect(dispatched.map((r) => r.status)).toEqual(ids.map(() => 200));
    const [claimPair, cancelPair] = [ids.slice(0, 4), ids.slice(4, 8)];

    // the same worker claims each order through both instances at once
    const claims = await raceOnLockedOrders(claimPair, () => claimPair.flatMap((id) => [0, 1].map((i) => call(i, 'POST', `/api/orders/${id}/claim`, worker, {}))));
    for (let o = 0; o < claimPair.length; o++) expect([claims[2 * o]!.status, claims[2 * o + 1]!.status].sort()).toEqual([200, 409]);

    // the worker claims on one instance while the resident cancels on the other: both allowed
    // from `dispatched`, so only the status guard can keep them from both succeeding
    const raced = await raceOnLockedOrders(cancelPair, () =>
      cancelPair.flatMap((id, k) => [
        call(k, 'POST', `/api/orders/${id}/claim`, worker, {}),
        call(k + 1, 'POST', `/api/orders/${id}/cancel`, households[4 + k]!.token, {}),
      ]),
    );
    for (let o = 0; o < cancelPair.length; o++) {
      const [claim, cancel] = [raced[2 * o]!, raced[2 * o + 1]!];
      expect([claim.status, cancel.status].sort()).toEqual([200, 409]);
      const winner = claim.status === 200 ? 'accepted' : 'cancelled';
      expect((await db.order.findUniqueOrThrow({ where: { id: cancelPair[o]! } })).status).toBe(winner);
    }
    expect(await orderTimelineProblems(db, ids)).toEqual([]);
    expect(await db.order.count({ where: { id: { in: claimPair }, status: 'accepted' } })).toBe(claimPair.length);
  });

  it('the SLA sweeper runs on the lease holder only; when the holder is killed the other instance takes the lease over and escalates', async () => {
    const holderOf = async () => (await db.backgroundLease.findUnique({ where: { name: 'sla-escalation' } }))?.holder ?? null;
    const pidOf = (holder: string | null) => Number(holder?.split('-').at(-2));
    // both instances tick every second; the lease (held for 3 s, renewed on each tick) stays with one
    const seen: Array<string | null> = [];
    for (let i = 0; i < 12; i++) {
      seen.push(await holderOf());
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(new Set(seen).size, `holders seen: ${[...new Set(seen)].join(', ')}`).toBe(1);
    const holder = instances.find((x) => x.pid === pidOf(seen[0]!));
    expect(holder, `lease holder ${seen[0]} is neither instance (${instances.map((x) => x.pid).join(', ')})`).toBeDefined();
    const other = instances.find((x) => x !== holder)!;

    // the holder dies without letting go (no shutdown handler runs): within the lease's 3 s and a
    // tick the other instance holds it, and overdue orders are still escalated, once
    await holder!.kill();
    const late = await Promise.all(households.slice(8, 12).map((h) => call(instances.indexOf(other), 'POST', '/api/orders', h.token, { category: 'repair', description: '多实例测试：超时未接单。' })));
    expect(late.map((r) => r.status)).toEqual(late.map(() => 201));
    const lateIds = late.map((r) => r.body.id as string);
    await db.order.updateMany({ where: { id: { in: lateIds } }, data: { responseDueAt: new Date(Date.now() - 60_000) } });
    const deadline = Date.now() + 15_000;
    while ((await db.escalation.count({ where: { orderId: { in: lateIds } } })) < lateIds.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(pidOf(await holderOf())).toBe(other.pid);
    const raised = await db.escalation.groupBy({ by: ['orderId'], where: { orderId: { in: lateIds } }, _count: { _all: true } });
    expect(raised.map((r) => r._count._all)).toEqual(lateIds.map(() => 1));
  });
});
