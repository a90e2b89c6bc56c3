// Crash test: the real server (server/main.ts, a child process) is killed with
// SIGKILL in the middle of a load of redemptions and order transitions, then
// started again on the same database. Whatever got a 2xx before the kill must be
// there afterwards, retrying an Idempotency-Key must never charge twice, and every
// invariant must hold. Only HTTP and the Prisma client: the same on SQLite and
// PostgreSQL.
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createDb, type Db } from '../../server/db.js';
import { api, prepareRedemptions, residentAccounts, signIn, startAppServer, stopAllChildren, type ResidentAccount } from '../bench/support.js';
import { freshDatabase, type FreshDatabase } from '../support/database.js';
import { orderTimelineProblems, pointsInvariantProblems } from './invariants.js';

const REDEEMERS = 12; // concurrent clients redeeming
const FILERS = 6; // concurrent clients taking orders through create → dispatch → claim → resolve
const HOUSEHOLDS = 24;

type Step = 'submitted' | 'dispatched' | 'accepted' | 'resolved';
const RANK: Record<string, number> = { submitted: 0, dispatched: 1, accepted: 2, resolved: 3, closed: 4 };

interface Redeem {
  key: string;
  account: ResidentAccount;
  itemId: string;
  /** the 201's redemption, or null when the request got no answer (the server died) */
  id: string | null;
  points?: number;
}

let fresh: FreshDatabase | undefined;
let db: Db | undefined;
afterAll(async () => {
  await db?.$disconnect();
  await stopAllChildren(); // also one still starting, should the test have timed out in a restart
  await fresh?.drop();
});

/** The database's demo data is there already; the server must not load it again. */
async function start(url: string, dir: string) {
  return startAppServer(url, { DEMO_DATA: 'false', UPLOAD_DIR: path.join(dir, 'uploads') });
}

it('SIGKILL during redemptions and order transitions: every 2xx survives, no key charges twice, invariants hold', async () => {
  const t0 = performance.now();
  fresh = await freshDatabase();
  // a copy of the demo template, migrated as `npm start` migrates: the server finds nothing to apply
  const url = fresh.url;
  let server = await start(url, fresh.dir);
  db = createDb(url);

  // the cast: households with points, two items (one that sells out), and the 四单 roles
  let base = server.url;
  const accounts = await residentAccounts(db, base, HOUSEHOLDS, { prefix: 'crash' });
  const staff = await signIn(base, 'demo-staff');
  const plenty = await prepareRedemptions(base, staff, accounts.map((a) => a.householdId), { points: 10_000, stock: 100_000, name: '崩溃测试大米' });
  const scarce = (await api(base, 'POST', '/api/shop/items', { token: staff, body: { name: '崩溃测试限量', pointsPrice: 7, stock: 25 } })).body.id as string;
  const lanes = [
    { resident: await signIn(base, 'demo-resident'), worker: await signIn(base, 'demo-gridworker') },
    { resident: await signIn(base, 'demo-resident-2'), worker: await signIn(base, 'demo-gridworker-2') },
  ];

  // the load, until the server dies under it
  let dead = false;
  const redeems: Redeem[] = [];
  const reached = new Map<string, Step>(); // order → the furthest state a 2xx answer reported
  let answered = 0;
  let n = 0;
  const redeemer = async (w: number) => {
    while (!dead) {
      const account = accounts[(n * 5 + w) % accounts.length]!;
      const r: Redeem = { key: `crash-${w}-${n++}`, account, itemId: n % 5 === 0 ? scarce : plenty, id: null };
      redeems.push(r);
      try {
        const res = await api(base, 'POST', '/api/shop/redemptions', { token: account.token, body: { itemId: r.itemId }, headers: { 'idempotency-key': r.key } });
        if (res.status === 201) {
          r.id = res.body.id;
          r.points = res.body.points;
          answered++;
        } else {
          expect(res.status, JSON.stringify(res.body)).toBe(409); // sold out: nothing to remember
          redeems.splice(redeems.indexOf(r), 1);
        }
      } catch {
        return; // no answer: the server is gone; r stays unanswered
      }
    }
  };
  const filer = async (w: number) => {
    const lane = lanes[w % lanes.length]!;
    const steps: Array<[Step, string, string]> = [
      ['dispatched', staff, 'dispatch'],
      ['accepted', lane.worker, 'claim'],
      ['resolved', lane.worker, 'resolve'],
    ];
    while (!dead) {
      try {
        const created = await api(base, 'POST', '/api/orders', { token: lane.resident, body: { category: 'repair', description: `崩溃测试 ${w}：水管漏水。` } });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        const id = created.body.id as string;
        reached.set(id, 'submitted');
        answered++;
        for (const [to, token, action] of steps) {
          const r = await api(base, 'POST', `/api/orders/${id}/${action}`, { token, body: action === 'resolve' ? { note: '已处理' } : {} });
          expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
          expect(r.body.status).toBe(to);
          reached.set(id, to);
          answered++;
        }
      } catch (e) {
        if (dead) return;
        throw e;
      }
    }
  };
  let failure: unknown = null;
  const guard = (work: Promise<void>) =>
    work.catch((e) => {
      failure ??= e;
      dead = true;
    });
  const load = Promise.all([...Array.from({ length: REDEEMERS }, (_, w) => guard(redeemer(w))), ...Array.from({ length: FILERS }, (_, w) => guard(filer(w)))]);

  // kill it once the load is in full swing: some of everything answered, more in flight
  const deadline = Date.now() + 20_000;
  while (answered < 60 || [...reached.values()].filter((s) => s === 'resolved').length < 3) {
    if (failure) throw failure;
    if (Date.now() > deadline) throw new Error(`the load did not get going: ${answered} answers`);
    await new Promise((r) => setTimeout(r, 10));
  }
  await new Promise((r) => setTimeout(r, Math.random() * 50));
  dead = true;
  await server.kill();
  await load;
  if (failure) throw failure;
  const tLoad = performance.now();

  // back up on the same database (nothing else may hold it open while it migrates)
  await db.$disconnect();
  server = await start(url, fresh.dir);
  base = server.url;
  db = createDb(url);
  const tRestart = performance.now();

  const done = redeems.filter((r) => r.id);
  const unanswered = redeems.filter((r) => !r.id);
  expect(done.length).toBeGreaterThan(20);

  // every answered redemption is there, reserved, with its one ledger entry
  const rows = await db.redemption.findMany({ where: { id: { in: done.map((r) => r.id!) } }, select: { id: true, status: true, points: true, householdId: true } });
  expect(rows.length).toBe(done.length);
  expect(rows.every((r) => r.status === 'reserved')).toBe(true);
  const entries = await db.pointsEntry.findMany({ where: { reference: { in: done.map((r) => `redeem:${r.id}`) } }, select: { reference: true, amount: true } });
  const booked = new Map(entries.map((e) => [e.reference, e.amount]));
  for (const r of done) expect(booked.get(`redeem:${r.id}`), r.key).toBe(-r.points!);

  // retrying any key, answered or not, ends with one redemption per key and charges nothing again
  const balances = async () =>
    new Map((await db!.pointsAccount.findMany({ where: { householdId: { in: accounts.map((a) => a.householdId) } } })).map((a) => [a.householdId, a.balance]));
  const before = await balances();
  const retry = (r: Redeem) => api(base, 'POST', '/api/shop/redemptions', { token: r.account.token, body: { itemId: r.itemId }, headers: { 'idempotency-key': r.key } });
  for (let i = 0; i < done.length; i += 10) {
    const replies = await Promise.all(done.slice(i, i + 10).map(retry));
    replies.forEach((res, j) => {
      const r = done[i + j]!;
      expect(res.status, r.key).toBe(201);
      expect(res.body.id, r.key).toBe(r.id);
      expect(res.headers.get('idempotent-replayed'), r.key).toBe('true');
    });
  }
  expect(await balances()).toEqual(before);
  // a key whose answer was lost either committed (replayed now) or did not (done now)
  let replayed = 0;
  for (const r of unanswered) {
    const res = await retry(r);
    if (res.status === 409 && res.body.error?.reason === 'sold_out') continue;
    expect(res.status, `${r.key}: ${JSON.stringify(res.body)}`).toBe(201);
    if (res.headers.get('idempotent-replayed') === 'true') replayed++;
    r.id = res.body.id;
  }
  const ours = await db.redemption.findMany({ where: { householdId: { in: accounts.map((a) => a.householdId) } }, select: { id: true } });
  expect(ours.map((r) => r.id).sort()).toEqual(redeems.filter((r) => r.id).map((r) => r.id!).sort());

  // every order transition that was answered is there, and no timeline skips a state
  const orders = await db.order.findMany({ where: { id: { in: [...reached.keys()] } }, select: { id: true, status: true } });
  expect(orders.length).toBe(reached.size);
  for (const o of orders) expect(RANK[o.status]!, `order ${o.id}: answered ${reached.get(o.id)}, now ${o.status}`).toBeGreaterThanOrEqual(RANK[reached.get(o.id)!]!);
  expect(await orderTimelineProblems(db)).toEqual([]);
  expect(await pointsInvariantProblems(db)).toEqual([]);

  // and the restarted server carries on
  const after = await api(base, 'POST', '/api/orders', { token: lanes[0]!.resident, body: { category: 'repair', description: '重启之后再报一单。' } });
  expect(after.status).toBe(201);

  console.info(
    `crash test on ${url.startsWith('file:') ? 'SQLite' : 'PostgreSQL'}: ${done.length} redemptions and ${[...reached.values()].length} orders answered before SIGKILL ` +
      `(${unanswered.length} redemptions in flight, ${replayed} of them had committed); ` +
      `setup+load ${((tLoad - t0) / 1000).toFixed(1)} s, restart ${((tRestart - tLoad) / 1000).toFixed(1)} s, checks ${((performance.now() - tRestart) / 1000).toFixed(1)} s`,
  );
}, 60_000);
