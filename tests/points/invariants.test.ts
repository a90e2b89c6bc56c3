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

// ---- random sequences against a model ----------------------------------------------
// A model of what the points and the shop should do, kept beside the real system:
// every household's balance as lots (each credit a lot, debits and expiry take the
// oldest first), every item's stock and per-household limit, every redemption's
// state. Each answer is compared with what the model says is right, so a system
// that refused every redemption (or let one through past a limit) fails here even
// though it keeps every invariant above.

const DAY = 86_400_000;
const CHINA = 8 * 3_600_000;
/** Monday 00:00 China time of the week `t` falls in, worked out independently of server/points/calendar.ts. */
const weekStart = (t: number) => {
  const day = Math.floor((t + CHINA) / DAY); // days since 1970-01-01 (a Thursday) in China time
  return (day - ((day + 3) % 7)) * DAY - CHINA;
};
/** Points earned before this instant expire (expiryMonths = 1). */
const expiryCutoff = (t: number) => {
  const c = new Date(t);
  c.setUTCMonth(c.getUTCMonth() - 1);
  return c.getTime();
};

interface ModelHousehold {
  balance: number;
  lots: Array<{ left: number; at: number }>;
}
interface ModelItem {
  id: string;
  price: number;
  stock: number;
  limit: number | null; // per household per week
  onShelf: boolean;
}
interface ModelRedemption {
  id: string;
  pickupCode: string;
  h: number;
  item: number;
  quantity: number;
  points: number;
  at: number;
  status: 'reserved' | 'handed_over' | 'cancelled';
}

class Model {
  households: ModelHousehold[];
  redemptions: ModelRedemption[] = [];
  constructor(
    n: number,
    public items: ModelItem[],
  ) {
    this.households = Array.from({ length: n }, () => ({ balance: 0, lots: [] }));
  }
  credit(h: number, amount: number, at: number) {
    this.households[h]!.balance += amount;
    this.households[h]!.lots.push({ left: amount, at });
  }
  debit(h: number, amount: number) {
    const m = this.households[h]!;
    m.balance -= amount;
    for (const lot of m.lots) {
      const used = Math.min(lot.left, amount);
      lot.left -= used;
      amount -= used;
    }
  }
  expire(now: number) {
    const cutoff = expiryCutoff(now);
    for (const m of this.households) {
      for (const lot of m.lots) {
        if (lot.at < cutoff) {
          m.balance -= lot.left;
          lot.left = 0;
        }
      }
    }
  }
  /** Why a redemption must be refused (empty: it must succeed). */
  refusals(h: number, i: number, quantity: number, now: number): string[] {
    const item = this.items[i]!;
    const why: string[] = [];
    if (item.limit !== null) {
      const from = weekStart(now);
      const taken = this.redemptions
        .filter((r) => r.h === h && r.item === i && r.status !== 'cancelled' && r.at >= from)
        .reduce((sum, r) => sum + r.quantity, 0);
      if (quantity > item.limit - taken) why.push('limit_reached');
    }
    if (item.stock < quantity) why.push('sold_out');
    if (this.households[h]!.balance < item.price * quantity) why.push('insufficient_points');
    return why;
  }
}

describe('random sequences against a model (fast-check)', () => {
  it('every answer is the one the model predicts, and every invariant holds after every step', async () => {
    const households = await householdClients(s, 4);
    const ids = households.map((x) => x.householdId);
    const h = fc.integer({ min: 0, max: households.length - 1 });
    const item = fc.integer({ min: 0, max: 2 });
    const step = fc.oneof(
      { weight: 3, arbitrary: fc.record({ t: fc.constant('earn' as const), h, amount: fc.integer({ min: 1, max: 60 }) }) },
      { weight: 1, arbitrary: fc.record({ t: fc.constant('deduct' as const), h, amount: fc.integer({ min: 1, max: 60 }) }) },
      { weight: 4, arbitrary: fc.record({ t: fc.constant('redeem' as const), h, item, q: fc.integer({ min: 1, max: 3 }) }) },
      { weight: 1, arbitrary: fc.record({ t: fc.constant('cancel' as const), pick: fc.nat(), byHousehold: fc.boolean() }) },
      { weight: 1, arbitrary: fc.record({ t: fc.constant('handover' as const), pick: fc.nat() }) },
      { weight: 1, arbitrary: fc.record({ t: fc.constant('restock' as const), item, q: fc.integer({ min: 1, max: 4 }) }) },
      { weight: 1, arbitrary: fc.record({ t: fc.constant('shelf' as const), item, onShelf: fc.boolean() }) },
      { weight: 1, arbitrary: fc.record({ t: fc.constant('expire' as const), days: fc.integer({ min: 1, max: 45 }) }) },
    );
    expect((await s.request('PUT', '/api/points/settings', { token: cast.staff.token, body: { expiryMonths: 1 } })).status).toBe(200);
    const seen = { steps: 0, redeemed: 0, refused: new Set<string>() };

    async function compare(model: Model, log: string[]) {
      const where = `after ${log.join(' → ')}`;
      const accounts = await s.deps.db.pointsAccount.findMany({ where: { householdId: { in: ids } } });
      const balance = new Map(accounts.map((a) => [a.householdId, a.balance]));
      ids.forEach((id, i) => expect(balance.get(id) ?? 0, `balance of household ${i} ${where}`).toBe(model.households[i]!.balance));
      const rows = await s.deps.db.shopItem.findMany({ where: { id: { in: model.items.map((i) => i.id) } } });
      for (const [i, it] of model.items.entries()) expect(rows.find((r) => r.id === it.id)?.stock, `stock of item ${i} ${where}`).toBe(it.stock);
      const stored = await s.deps.db.redemption.findMany({ where: { itemId: { in: model.items.map((i) => i.id) } } });
      expect(stored.length, `redemptions ${where}`).toBe(model.redemptions.length);
      for (const r of model.redemptions) expect(stored.find((x) => x.id === r.id)?.status, `redemption ${r.id} ${where}`).toBe(r.status);
      await checkInvariants();
    }

    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 20 }), async (plan) => {
        // each run starts from empty balances (which also uses up every older lot) and fresh items,
        // so that nothing from an earlier run counts against this run's model
        for (const id of ids) {
          const had = (await s.deps.db.pointsAccount.findUnique({ where: { householdId: id } }))?.balance ?? 0;
          if (had > 0) expect((await adjust(id, -had)).status).toBe(200);
        }
        const model = new Model(households.length, [
          { id: await newItem(5, 10), price: 10, stock: 5, limit: null, onShelf: true },
          { id: await newItem(3, 25), price: 25, stock: 3, limit: null, onShelf: true },
          { id: '', price: 5, stock: 20, limit: 2, onShelf: true },
        ]);
        model.items[2]!.id = (
          await cast.staff.post('/api/shop/items', { name: `限购商品${++key}`, pointsPrice: 5, stock: 20, limitPerHousehold: 2, limitPeriod: 'week' })
        ).body.id;
        // and something to spend: 100 points each, so that many redemptions ought to go through
        for (const [i, id] of ids.entries()) {
          expect((await adjust(id, 100)).status).toBe(200);
          model.credit(i, 100, s.now().getTime());
        }
        const log: string[] = [];
        for (const st of plan) {
          seen.steps++;
          log.push(JSON.stringify(st));
          const now = s.now().getTime();
          if (st.t === 'earn') {
            const r = await adjust(ids[st.h]!, st.amount);
            expect(r.status).toBe(200);
            model.credit(st.h, st.amount, now);
            expect(r.body.balance).toBe(model.households[st.h]!.balance);
          } else if (st.t === 'deduct') {
            const r = await adjust(ids[st.h]!, -st.amount);
            if (model.households[st.h]!.balance < st.amount) {
              expect([r.status, r.body.error?.reason], log.join(' → ')).toEqual([409, 'insufficient_points']);
            } else {
              expect(r.status, log.join(' → ')).toBe(200);
              model.debit(st.h, st.amount);
              expect(r.body.balance).toBe(model.households[st.h]!.balance);
            }
          } else if (st.t === 'redeem') {
            const it = model.items[st.item]!;
            const r = await redeem(households[st.h]!.client, it.id, st.q);
            if (!it.onShelf) {
              expect([r.status, r.body.error?.details?.[0]?.path], log.join(' → ')).toEqual([400, 'body.itemId']);
            } else {
              const why = model.refusals(st.h, st.item, st.q, now);
              if (why.length) {
                expect(r.status, `${log.join(' → ')}: the model refuses (${why.join(', ')})`).toBe(409);
                expect(why).toContain(r.body.error.reason);
                seen.refused.add(r.body.error.reason);
              } else {
                expect(r.status, `${log.join(' → ')}: the model allows it; answer ${JSON.stringify(r.body)}`).toBe(201);
                expect(r.body).toMatchObject({ quantity: st.q, points: it.price * st.q, status: 'reserved' });
                it.stock -= st.q;
                model.debit(st.h, it.price * st.q);
                model.redemptions.push({ id: r.body.id, pickupCode: r.body.pickupCode, h: st.h, item: st.item, quantity: st.q, points: it.price * st.q, at: now, status: 'reserved' });
                seen.redeemed++;
              }
            }
          } else if (st.t === 'cancel' || st.t === 'handover') {
            if (!model.redemptions.length) continue;
            const m = model.redemptions[st.pick % model.redemptions.length]!;
            const reply =
              st.t === 'handover'
                ? await cast.staff.post('/api/shop/redemptions/handover', { pickupCode: m.pickupCode })
                : await (st.byHousehold ? households[m.h]!.client : cast.staff).post(`/api/shop/redemptions/${m.id}/cancel`);
            if (m.status !== 'reserved') {
              expect(reply.status, `${log.join(' → ')}: redemption is ${m.status}`).toBe(409);
            } else {
              expect(reply.status, log.join(' → ')).toBe(200);
              if (st.t === 'handover') m.status = 'handed_over';
              else {
                m.status = 'cancelled';
                model.items[m.item]!.stock += m.quantity;
                model.credit(m.h, m.points, now);
              }
              expect(reply.body.status).toBe(m.status);
            }
          } else if (st.t === 'restock') {
            expect((await cast.staff.post(`/api/shop/items/${model.items[st.item]!.id}/restock`, { quantity: st.q })).status).toBe(200);
            model.items[st.item]!.stock += st.q;
          } else if (st.t === 'shelf') {
            const r = await s.request('PATCH', `/api/shop/items/${model.items[st.item]!.id}`, { token: cast.staff.token, body: { onShelf: st.onShelf } });
            expect(r.status).toBe(200);
            model.items[st.item]!.onShelf = st.onShelf;
          } else {
            s.advance(st.days * 1440);
            await expirePoints(s.deps);
            await expirePoints(s.deps);
            model.expire(s.now().getTime());
          }
          await compare(model, log);
        }
      }),
      { numRuns: 12, endOnFailure: true }, // no shrinking: the message names every step up to the failing one
    );
    expect(seen.steps).toBeGreaterThan(60);
    // the model was exercised both ways: redemptions went through and were refused for a reason
    expect(seen.redeemed).toBeGreaterThan(10);
    expect(seen.refused.size).toBeGreaterThan(0);
    await s.request('PUT', '/api/points/settings', { token: cast.staff.token, body: { expiryMonths: null } });
  }, 180_000); // ~150 steps over HTTP, each compared with the database
});
