// What must hold in the database whatever happened to the server (crash,
// concurrency, load), as lists of problems (empty: all holds), so tests and the
// benchmarks share one definition. Prisma client only: the same on SQLite and
// PostgreSQL.
//   points: per household balance = sum of its ledger entries ≥ 0; per item
//   stock ≥ 0 and stock + reserved + handed over = every unit ever shelved;
//   every redemption's points booked exactly once, refunded exactly when cancelled.
//   orders: the timeline is an unbroken chain of allowed steps from submission
//   to the order's current state.
import type { OrderStatus } from '@prisma/client';
import type { Db } from '../../server/db.js';
import { TRANSITIONS } from '../../server/orders/transitions.js';

export async function pointsInvariantProblems(db: Db): Promise<string[]> {
  const problems: string[] = [];
  const accounts = await db.pointsAccount.findMany({ select: { householdId: true, balance: true } });
  const sums = new Map(
    (await db.pointsEntry.groupBy({ by: ['householdId'], _sum: { amount: true } })).map((x) => [x.householdId, x._sum.amount ?? 0]),
  );
  for (const a of accounts) {
    const sum = sums.get(a.householdId) ?? 0;
    if (a.balance !== sum) problems.push(`household ${a.householdId}: balance ${a.balance} ≠ sum of entries ${sum}`);
    if (a.balance < 0) problems.push(`household ${a.householdId}: balance ${a.balance} < 0`);
  }
  const withAccount = new Set(accounts.map((a) => a.householdId));
  for (const h of sums.keys()) if (!withAccount.has(h)) problems.push(`household ${h}: ledger entries but no account`);

  const items = await db.shopItem.findMany({ select: { id: true, name: true, stock: true, stockAdded: true } });
  const out = await db.redemption.groupBy({ by: ['itemId'], where: { status: { in: ['reserved', 'handed_over'] } }, _sum: { quantity: true } });
  const taken = new Map(out.map((o) => [o.itemId, o._sum.quantity ?? 0]));
  for (const i of items) {
    if (i.stock < 0) problems.push(`item ${i.name}: stock ${i.stock} < 0`);
    const t = taken.get(i.id) ?? 0;
    if (i.stock + t !== i.stockAdded) problems.push(`item ${i.name}: stock ${i.stock} + reserved/handed over ${t} ≠ added ${i.stockAdded}`);
  }

  const redemptions = await db.redemption.findMany({ select: { id: true, status: true, points: true } });
  const booked = await db.pointsEntry.groupBy({
    by: ['redemptionId', 'kind'],
    where: { redemptionId: { not: null } },
    _sum: { amount: true },
    _count: { _all: true },
  });
  const byRedemption = new Map<string, typeof booked>();
  for (const b of booked) byRedemption.set(b.redemptionId!, [...(byRedemption.get(b.redemptionId!) ?? []), b]);
  for (const r of redemptions) {
    const rows = byRedemption.get(r.id) ?? [];
    const redeem = rows.find((b) => b.kind === 'redeem');
    if (!redeem || redeem._count._all !== 1 || redeem._sum.amount !== -r.points) {
      problems.push(`redemption ${r.id}: redeem entries ${JSON.stringify(redeem ?? null)}, expected one of ${-r.points}`);
    }
    const refund = rows.find((b) => b.kind === 'refund');
    if (r.status === 'cancelled' && (!refund || refund._count._all !== 1 || refund._sum.amount !== r.points)) {
      problems.push(`redemption ${r.id}: cancelled, refund entries ${JSON.stringify(refund ?? null)}`);
    }
    if (r.status !== 'cancelled' && refund) problems.push(`redemption ${r.id}: ${r.status} but refunded`);
  }
  return problems;
}

/** The state each step leads to; `from` is TRANSITIONS' (server/orders/transitions.ts). */
const STEP_TO: Partial<Record<string, OrderStatus[]>> = {
  dispatch: ['dispatched'],
  claim: ['accepted'],
  resolve: ['resolved'],
  feedback: ['reopened'], // satisfied feedback keeps the order resolved
  review_pass: ['closed'],
  review_fail: ['reopened'],
  cancel: ['cancelled'],
};

/**
 * Every order's timeline (or only `orderIds`') is a chain: `submit` into
 * submitted, then each step leaves the state the previous one reached, by a
 * step allowed from there, and the last reaches the order's status. Events are
 * chained by their states rather than sorted by time: a transaction's clock is
 * read before it waits for the database, so two consecutive steps may carry
 * timestamps in either order.
 */
export async function orderTimelineProblems(db: Db, orderIds?: string[]): Promise<string[]> {
  const problems: string[] = [];
  const orders = await db.order.findMany({
    where: orderIds ? { id: { in: orderIds } } : {},
    select: {
      id: true,
      status: true,
      events: { select: { id: true, action: true, fromStatus: true, toStatus: true, createdAt: true }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    },
  });
  if (orderIds && orders.length !== new Set(orderIds).size) problems.push(`${new Set(orderIds).size - orders.length} orders missing`);
  for (const o of orders) {
    // escalations (and anything else that keeps the state) are notes on the timeline, not steps
    const steps = o.events.filter((e) => e.fromStatus !== e.toStatus);
    const left = [...steps];
    let at: OrderStatus | null = null;
    const path: string[] = [];
    while (left.length) {
      const i = left.findIndex((e) => e.fromStatus === at);
      if (i < 0) break;
      const e = left.splice(i, 1)[0]!;
      const rule = (TRANSITIONS as Record<string, { from: OrderStatus[] }>)[e.action];
      const allowed =
        e.action === 'submit'
          ? e.fromStatus === null && e.toStatus === 'submitted'
          : e.action === 'reopen'
            ? e.toStatus === 'reopened'
            : !!rule && e.fromStatus !== null && rule.from.includes(e.fromStatus) && (STEP_TO[e.action] ?? []).includes(e.toStatus);
      if (!allowed) problems.push(`order ${o.id}: step ${e.action} ${e.fromStatus ?? '∅'}→${e.toStatus} is not allowed`);
      path.push(`${e.action}→${e.toStatus}`);
      at = e.toStatus;
    }
    if (left.length) problems.push(`order ${o.id}: timeline breaks after [${path.join(', ')}]; left over ${left.map((e) => `${e.action} ${e.fromStatus}→${e.toStatus}`).join(', ')}`);
    else if (at !== o.status) problems.push(`order ${o.id}: status ${o.status} but timeline ends at ${at ?? 'nothing'} [${path.join(', ')}]`);
  }
  return problems;
}
