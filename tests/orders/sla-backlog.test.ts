// The SLA sweeper behind a backlog: more overdue orders than one sweep reads
// (500) that were all escalated long ago must not hide an order that has just
// gone overdue. Each sweep looks only at deadlines that still lack their
// escalation, and still raises one escalation per missed deadline.
import type { Prisma } from '@prisma/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { raiseOrder, signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';

const BACKLOG = 600; // more than the sweeper's batch of 500
const HOUR = 3600_000;

let s: TestServer;
let cast: Cast;
const escalated: Array<{ orderId: string; stage: string }> = [];
beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  s.deps.events.on('order.escalated', (e) => {
    escalated.push(e);
  });
  await s.sweepSla(); // the demo's own overdue orders
  escalated.length = 0;
});
afterAll(() => s.close());

it(`a sweep reaches a newly overdue order behind ${BACKLOG} overdue orders escalated long ago`, async () => {
  const db = s.deps.db;
  // the backlog: orders like one of the demo resident's, each long overdue and escalated for its deadline
  const model = await raiseOrder(cast.resident, { category: 'repair', description: '模板：楼道灯不亮。' });
  const base = await db.order.findUniqueOrThrow({ where: { id: model.id } });
  const now = s.now().getTime();
  const orders: Prisma.OrderCreateManyInput[] = [];
  const escalations: Prisma.EscalationCreateManyInput[] = [];
  for (let i = 0; i < BACKLOG + 3; i++) {
    const id = `backlog-${String(i).padStart(4, '0')}`;
    const createdAt = new Date(now - 30 * 24 * HOUR + i * 60_000);
    const responseDueAt = new Date(createdAt.getTime() + HOUR);
    // the last three: past their resolution deadline too, escalated only for the response so far
    const resolveDueAt = new Date(createdAt.getTime() + (i < BACKLOG ? 60 * 24 * HOUR : 2 * HOUR));
    orders.push({
      id,
      communityId: base.communityId,
      gridId: base.gridId,
      buildingId: base.buildingId,
      householdId: base.householdId,
      residentId: base.residentId,
      filedById: base.filedById,
      categoryId: base.categoryId,
      title: `积压工单 ${i}`,
      description: '很久以前报的事。',
      status: 'submitted',
      responseDueAt,
      resolveDueAt,
      createdAt,
      updatedAt: createdAt,
    });
    escalations.push({ communityId: base.communityId, orderId: id, stage: 'response', dueAt: responseDueAt, raisedAt: new Date(responseDueAt.getTime() + 60_000) });
  }
  await db.order.createMany({ data: orders });
  await db.escalation.createMany({ data: escalations });

  // a new emergency goes overdue behind all of them
  const fresh = await raiseOrder(cast.resident, { category: 'safety', urgency: 'emergency', description: '楼道里有烟味。' });
  s.advance(11);
  expect(await s.sweepSla()).toBe(4);
  expect(escalated.map((e) => `${e.orderId} ${e.stage}`).sort()).toEqual(
    [`${fresh.id} response`, ...[0, 1, 2].map((i) => `backlog-${String(BACKLOG + i).padStart(4, '0')} resolution`)].sort(),
  );
  const timeline = (await cast.staff.get(`/api/orders/${fresh.id}`)).body.timeline;
  expect(timeline.filter((e: any) => e.action === 'escalate')).toEqual([expect.objectContaining({ note: '超时未接单，已上报社区' })]);

  // nothing is raised twice, however often it runs
  expect(await s.sweepSla()).toBe(0);
  expect(await db.escalation.count({ where: { orderId: { in: [fresh.id, ...orders.map((o) => o.id!)] } } })).toBe(BACKLOG + 3 + 4);
  // and the next deadline that passes is found as well
  s.advance(240);
  escalated.length = 0;
  expect(await s.sweepSla()).toBeGreaterThanOrEqual(1);
  expect(escalated).toContainEqual(expect.objectContaining({ orderId: fresh.id, stage: 'resolution' }));
}, 60_000);
