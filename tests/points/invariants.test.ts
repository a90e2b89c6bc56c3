// The promises points make to households, under concurrency and under random
// sequences of everything that can happen (fast-check):
// balance = sum of entries, never negative; stock never negative;
// stock + reserved + handed over = every unit ever put on the shelf.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expirePoints } from '../../server/points/index.js';
import { householdClients, signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer, type Client } from '../support/server.js';

let s: TestServer;
let cast: Cast;
let key = 0;
const redeem = (c: Client, itemId: string, quantity = 1) =>
  s.request('POST', '/api/shop/redemptions', { token: c.token, body: { itemId, quantity }, headers: { 'idempotency-key': `invariant-key-${++key}` } });
const adjust = (householdId: string, amount: number) =>
  cast.staff.post('/api/points/adjustments', { householdId, amount, reason: '测试' });
const newItem = async (stock: number, pointsPrice = 10) =>
  (await cast.staff.post('/api/shop/items', { name: `测试商品${++key}`, pointsPrice, stock })).body.id as string;

async function checkInvariants() {
  const db = s.deps.db;
  const accounts = await db.pointsAccount.findMany();
  const sums = new Map((await db.pointsEntry.groupBy({ by: ['householdId'], _sum: { amount: true } })).map((x) => [x.householdId, x._sum.amount ?? 0]));
  for (const a of accounts) {
    expect(a.balance, `household ${a.householdId}`).toBe(sums.get(a.householdId));
    expect(a.balance).toBeGreaterThanOrEqual(0);
  }
  expect(sums.size).toBe(accounts.length);
  const items = await db.shopItem.findMany();
  const out = await db.redemption.groupBy({ by: ['itemId'], where: { status: { in: ['reserved', 'handed_over'] } }, _sum: { quantity: true } });
  const taken = new Map(out.map((o) => [o.itemId, o._sum.quantity ?? 0]));
  for (const i of items) {
    expect(i.stock).toBeGreaterThanOrEqual(0);
    expect(i.stock + (taken.get(i.id) ?? 0), `item ${i.name}`).toBe(i.stockAdded);
  }
  // every redemption's points are on the ledger exactly once, and refunded exactly when cancelled
  const redemptions = await db.redemption.findMany({ select: { id: true, status: true, points: true } });
  const byRedemption = await db.pointsEntry.groupBy({ by: ['redemptionId', 'kind'], where: { redemptionId: { not: null } }, _sum: { amount: true }, _count: true });
  for (const r of redemptions) {
    const rows = byRedemption.filter((b) => b.redemptionId === r.id);
    expect(rows.find((b) => b.kind === 'redeem')).toMatchObject({ _count: 1, _sum: { amount: -r.points } });
    const refund = rows.find((b) => b.kind === 'refund');
    if (r.status === 'cancelled') expect(refund).toMatchObject({ _count: 1, _sum: { amount: r.points } });
    else expect(refund).toBeUndefined();
  }
}

beforeAll(async () => {
  // many households sign in at once here; the login limit is tested in auth.test.ts
  s = await startServer({ SESSION_TTL_HOURS: String(24 * 3650), LOGIN_RATE_PER_MINUTE: '10000' });
  cast = await signInAll(s);
});
afterAll(() => s.close());

describe('concurrency', () => {
  it('100 simultaneous redemptions of an item with 30 in stock: exactly 30 succeed', async () => {
    const households = await householdClients(s, 100);
    const award = await cast.staff.post('/api/points/adjustments', { householdId: households[0]!.householdId, amount: 50, reason: '预置' });
    expect(award.status).toBe(200);
    await Promise.all(households.slice(1).map((h) => adjust(h.householdId, 50)));
    const itemId = await newItem(30, 10);
    const ids = households.map((h) => h.householdId);
    const balancesOf = async () =>
      new Map((await s.deps.db.pointsAccount.findMany({ where: { householdId: { in: ids } } })).map((b) => [b.householdId, b.balance]));
    const before = await balancesOf();
    const replies = await Promise.all(households.map((h) => redeem(h.client, itemId)));
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((x) => x === 201)).toHaveLength(30);
    expect(statuses.filter((x) => x === 409)).toHaveLength(70);
    expect(replies.filter((r) => r.status === 409).every((r) => r.body.error.reason === 'sold_out')).toBe(true);
    const item = await s.deps.db.shopItem.findUniqueOrThrow({ where: { id: itemId } });
    expect(item.stock).toBe(0);
    const after = await balancesOf();
    households.forEach((h, i) => {
      const paid = replies[i]!.status === 201 ? 10 : 0;
      expect(after.get(h.householdId)).toBe(before.get(h.householdId)! - paid);
    });
    await checkInvariants();
  });

  it('20 simultaneous redemptions by a household that can afford 3: exactly 3 succeed', async () => {
    const [h] = await householdClients(s, 1);
    const had = (await h!.client.get('/api/points/me')).body.balance;
    if (had > 0) await adjust(h!.householdId, -had);
    await adjust(h!.householdId, 30);
    const itemId = await newItem(100, 10);
    const replies = await Promise.all(Array.from({ length: 20 }, () => redeem(h!.client, itemId)));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(3);
    expect(replies.filter((r) => r.status === 409).every((r) => r.body.error.reason === 'insufficient_points')).toBe(true);
    expect((await h!.client.get('/api/points/me')).body.balance).toBe(0);
    await checkInvariants();
  });

  it('the same Idempotency-Key sent 10 times at once charges once', async () => {
    const [h] = await householdClients(s, 1);
    await adjust(h!.householdId, 100);
    const before = (await h!.client.get('/api/points/me')).body.balance;
    const itemId = await newItem(50, 10);
    const replies = await Promise.all(
      Array.from({ length: 10 }, () =>
        s.request('POST', '/api/shop/redemptions', { token: h!.client.token, body: { itemId }, headers: { 'idempotency-key': 'same-key-10x' } }),
      ),
    );
    expect(replies.every((r) => r.status === 201)).toBe(true);
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    expect((await h!.client.get('/api/points/me')).body.balance).toBe(before - 10);
  });
});

describe('expiry', () => {
  it('expires the oldest points first, and running it twice changes nothing', async () => {
    const [h] = await householdClients(s, 1);
    const bal = async () => (await h!.client.get('/api/points/me')).body.balance;
    const had = await bal();
    if (had > 0) await adjust(h!.householdId, -had); // start from nothing
    await cast.staff.post('/api/points/rules', { code: 'expiry_probe', name: '测试', points: 50 });
    const rule = (await cast.staff.get('/api/points/rules')).body.find((r: any) => r.code === 'expiry_probe');
    expect((await s.request('PUT', '/api/points/settings', { token: cast.staff.token, body: { expiryMonths: 1 } })).status).toBe(200);
    await cast.staff.post('/api/points/awards', { ruleId: rule.id, householdIds: [h!.householdId] }); // lot A: 50
    s.advance(20 * 1440);
    await cast.staff.post('/api/points/awards', { ruleId: rule.id, householdIds: [h!.householdId] }); // lot B: 50
    const itemId = await newItem(10, 20);
    expect((await redeem(h!.client, itemId)).status).toBe(201); // uses 20 of lot A
    s.advance(15 * 1440); // lot A is now older than a month
    await expirePoints(s.deps);
    expect(await bal()).toBe(50); // lot A's remaining 30 expired
    await expirePoints(s.deps);
    expect(await bal()).toBe(50);
    const entries = (await h!.client.get('/api/points/me')).body.entries;
    expect(entries.filter((e: any) => e.kind === 'expire').map((e: any) => e.amount)).toEqual([-30]);
    s.advance(30 * 1440);
    await expirePoints(s.deps);
    expect(await bal()).toBe(0);
    await checkInvariants();
    await s.request('PUT', '/api/points/settings', { token: cast.staff.token, body: { expiryMonths: null } });
  });
});

describe('random sequences (fast-check)', () => {
  it('keep every invariant after every step', async () => {
    const households = await householdClients(s, 4);
    const items = [await newItem(5, 10), await newItem(3, 25)];
    const h = fc.integer({ min: 0, max: households.length - 1 });
    const step = fc.oneof(
      fc.record({ t: fc.constant('earn' as const), h, amount: fc.integer({ min: 1, max: 60 }) }),
      fc.record({ t: fc.constant('deduct' as const), h, amount: fc.integer({ min: 1, max: 60 }) }),
      fc.record({ t: fc.constant('redeem' as const), h, item: fc.integer({ min: 0, max: 1 }), q: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ t: fc.constant('cancel' as const), pick: fc.nat() }),
      fc.record({ t: fc.constant('handover' as const), pick: fc.nat() }),
      fc.record({ t: fc.constant('restock' as const), item: fc.integer({ min: 0, max: 1 }), q: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ t: fc.constant('expire' as const), days: fc.integer({ min: 1, max: 45 }) }),
    );
    await s.request('PUT', '/api/points/settings', { token: cast.staff.token, body: { expiryMonths: 1 } });
    let steps = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 20 }), async (plan) => {
        for (const st of plan) {
          steps++;
          if (st.t === 'earn') expect((await adjust(households[st.h]!.householdId, st.amount)).status).toBe(200);
          else if (st.t === 'deduct') expect([200, 409]).toContain((await adjust(households[st.h]!.householdId, -st.amount)).status);
          else if (st.t === 'redeem') expect([201, 409]).toContain((await redeem(households[st.h]!.client, items[st.item]!, st.q)).status);
          else if (st.t === 'cancel' || st.t === 'handover') {
            const open = await s.deps.db.redemption.findMany({ where: { status: 'reserved', itemId: { in: items } }, orderBy: { id: 'asc' } });
            if (open.length) {
              const r = open[st.pick % open.length]!;
              const reply =
                st.t === 'cancel'
                  ? await cast.staff.post(`/api/shop/redemptions/${r.id}/cancel`)
                  : await cast.staff.post('/api/shop/redemptions/handover', { pickupCode: r.pickupCode });
              expect(reply.status).toBe(200);
            }
          } else if (st.t === 'restock') expect((await cast.staff.post(`/api/shop/items/${items[st.item]}/restock`, { quantity: st.q })).status).toBe(200);
          else {
            s.advance(st.days * 1440);
            await expirePoints(s.deps);
            await expirePoints(s.deps);
          }
          await checkInvariants();
        }
      }),
      { numRuns: 12 },
    );
    expect(steps).toBeGreaterThan(60);
  });
});
