// 党组织评单's deadline is the community's own (社区设置 → 评单时限): its administrators set
// 1–30 days, every change in the audit log; the SLA sweeper escalates a late review by its
// community's deadline and the 08:30 digest counts late reviews by it. Real HTTP, the
// injected clock, the real sweeper and digest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEventMap } from '../../server/events.js';
import { sendOverdueDigests } from '../../server/orders/overdueDigest.js';
import { raiseOrder, signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type Client, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;
let huizeId: string;
let huiminId: string;
const PATH = '/api/orders/settings/review-deadline';
const DAY = 24 * 60;
const put = (c: Client, body: unknown) => s.request('PUT', PATH, { token: c.token, body });

const reviewEscalations = (orderId: string) => s.deps.db.escalation.findMany({ where: { orderId, stage: 'review' } });
const timelineNotes = async (id: string) => ((await cast.staff.get(`/api/orders/${id}`)).body.timeline as any[]).filter((e) => e.action === 'escalate').map((e) => e.note);

/** Files, dispatches, claims and resolves an order in the resident's community. */
async function resolvedOrder(resident: Client, staff: Client, worker: Client, description: string) {
  const o = await raiseOrder(resident, { category: 'repair', description });
  for (const [c, step, body] of [[staff, 'dispatch', {}], [worker, 'claim', {}], [worker, 'resolve', { note: '已上门处理好了' }]] as const) {
    const r = await c.post(`/api/orders/${o.id}/${step}`, body);
    if (r.status !== 200) throw new Error(`${step}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  return o.id;
}

beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  huizeId = (await s.deps.db.community.findFirstOrThrow({ where: { name: '惠泽社区' } })).id;
  huiminId = (await s.deps.db.community.findFirstOrThrow({ where: { name: '惠民社区' } })).id;
  // the demo's own overdue orders escalated before the checks begin
  await s.sweepSla();
});
afterAll(() => s.close());

describe('the 评单 deadline as a community setting', () => {
  it('is the default until set; the community’s administrators set it, its staff read it, others are refused; bad values are 400 naming the field and write nothing', async () => {
    const read = await cast.staff.get(PATH);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ communityId: huizeId, reviewDeadlineDays: 3, defaultDays: 3, minDays: 1, maxDays: 30, editable: false, history: [] });
    // staff read, do not set
    expect((await put(cast.staff, { reviewDeadlineDays: 2 })).status).toBe(403);
    // another community's staff do not even see it; a resident and a worker have no settings at all
    expect((await cast.staffHuimin.get(`${PATH}?communityId=${huizeId}`)).status).toBe(404);
    expect((await put(cast.staffHuimin, { communityId: huizeId, reviewDeadlineDays: 2 })).status).toBe(404);
    expect((await cast.resident.get(PATH)).status).toBe(403);
    expect((await put(cast.gridWorker, { communityId: huizeId, reviewDeadlineDays: 2 })).status).toBe(403);

    const entriesBefore = await s.deps.db.auditEntry.count();
    for (const bad of [0, 31, 2.5, '2', null]) {
      const r = await put(cast.admin, { communityId: huizeId, reviewDeadlineDays: bad });
      expect(r.status, `value ${JSON.stringify(bad)}`).toBe(400);
      expect(JSON.stringify(r.body.error.details)).toContain('body.reviewDeadlineDays');
    }
    expect(await s.deps.db.orderSettings.count()).toBe(0);
    expect(await s.deps.db.auditEntry.count()).toBe(entriesBefore);

    const set = await put(cast.admin, { communityId: huizeId, reviewDeadlineDays: 2 });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ communityId: huizeId, reviewDeadlineDays: 2, editable: true });
    expect(set.body.history).toHaveLength(1);
    expect(set.body.history[0]).toMatchObject({ action: 'order_settings.review_deadline', before: { reviewDeadlineDays: 3 }, after: { reviewDeadlineDays: 2 } });
    // the same value again changes nothing and records nothing
    expect((await put(cast.admin, { communityId: huizeId, reviewDeadlineDays: 2 })).body.history).toHaveLength(1);
    // staff see the new value and its history; 惠民 keeps the default
    expect((await cast.staff.get(PATH)).body).toMatchObject({ reviewDeadlineDays: 2, history: [expect.objectContaining({ actor: expect.objectContaining({ id: cast.admin.userId }) })] });
    expect((await cast.staffHuimin.get(PATH)).body).toMatchObject({ communityId: huiminId, reviewDeadlineDays: 3 });
  });

  it('the sweeper escalates a late review on the community’s day 2, not before, and another community’s at its default 3 days', async () => {
    const huize = await resolvedOrder(cast.resident, cast.staff, cast.gridWorker, '单元门的闭门器坏了，门关不上');
    const huimin = await resolvedOrder(cast.residentHuimin, cast.staffHuimin, cast.gridWorkerHuimin, '楼道灯不亮了，晚上看不见');

    s.advance(2 * DAY - 1);
    await s.sweepSla();
    expect(await reviewEscalations(huize)).toEqual([]);

    s.advance(2); // day 2 and a minute
    await s.sweepSla();
    const raised = await reviewEscalations(huize);
    expect(raised).toHaveLength(1);
    const resolvedAt = (await s.deps.db.order.findUniqueOrThrow({ where: { id: huize } })).resolvedAt!;
    expect(raised[0]!.dueAt.getTime() - resolvedAt.getTime()).toBe(2 * DAY * 60_000);
    expect(await timelineNotes(huize)).toEqual(['办结2天仍未评单，已提醒党组织和社区干部']);
    expect(await reviewEscalations(huimin)).toEqual([]);

    s.advance(DAY - 2); // 3 days less a minute
    await s.sweepSla();
    expect(await reviewEscalations(huimin)).toEqual([]);
    s.advance(2);
    await s.sweepSla();
    await s.sweepSla();
    expect(await reviewEscalations(huimin)).toHaveLength(1);
    expect(await reviewEscalations(huize)).toHaveLength(1);
  });

  it('the 08:30 digest counts a review late by the community’s own deadline', async () => {
    const digests = new Map<string, DomainEventMap['orders.overdueDigest']>();
    s.deps.events.on('orders.overdueDigest', (e) => void digests.set(e.communityId, e));
    const huize = await resolvedOrder(cast.resident, cast.staff, cast.gridWorker, '厨房下水道堵了，水下不去');
    const huimin = await resolvedOrder(cast.residentHuimin, cast.staffHuimin, cast.gridWorkerHuimin, '卫生间水龙头一直滴水');
    // to the next 08:31 China time, then two days on: both orders are between 2 and 3 days old
    const now = s.now().getTime();
    const chinaMidnight = Math.floor((now + 8 * 3_600_000) / 86_400_000) * 86_400_000 - 8 * 3_600_000;
    let at = chinaMidnight + (8 * 60 + 31) * 60_000;
    if (at <= now) at += 86_400_000;
    s.advance((at - now) / 60_000 + 2 * DAY);
    expect(await sendOverdueDigests(s.deps)).toBeGreaterThanOrEqual(1);
    await s.deps.events.settled();

    const lateReviews = (communityId: string, days: number) =>
      s.deps.db.order.count({ where: { communityId, urgency: 'normal', status: 'resolved', resolvedAt: { lt: new Date(s.now().getTime() - days * DAY * 60_000) } } });
    // 惠泽 (2 days): this order is late and counted; 惠民 (3 days): its order is not late yet
    expect(digests.get(huizeId)!.counts.review).toBe(await lateReviews(huizeId, 2));
    expect(await lateReviews(huizeId, 2)).toBe((await lateReviews(huizeId, 3)) + 1);
    expect((await s.deps.db.order.findUniqueOrThrow({ where: { id: huize } })).status).toBe('resolved');
    expect(digests.get(huiminId)?.counts.review ?? 0).toBe(await lateReviews(huiminId, 3));
    expect(await lateReviews(huiminId, 2)).toBeGreaterThan(await lateReviews(huiminId, 3));
    expect((await s.deps.db.order.findUniqueOrThrow({ where: { id: huimin } })).status).toBe('resolved');
  });
});
