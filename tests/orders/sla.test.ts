// Service levels: deadlines per category, the 10-minute emergency response,
// the staff's overdue list and the escalation sweeper.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceOrder, raiseOrder, signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;
const escalated: any[] = [];
beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  s.deps.events.on('order.escalated', (e) => {
    escalated.push(e);
  });
  await s.sweepSla(); // the demo's own overdue emergency
  escalated.length = 0;
});
afterAll(() => s.close());

const minutes = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 60_000;

describe('deadlines', () => {
  it('come from the category', async () => {
    const cats = (await cast.resident.get('/api/categories')).body;
    const repair = cats.find((c: any) => c.code === 'repair');
    const o = await raiseOrder(cast.resident, { category: 'repair' });
    expect(minutes(o.createdAt, o.responseDueAt)).toBe(repair.responseMinutes);
    expect(minutes(o.createdAt, o.resolveDueAt)).toBe(repair.resolveMinutes);
  });

  it('an emergency must be claimed within 10 minutes', async () => {
    const o = await raiseOrder(cast.resident, { category: 'housing', urgency: 'emergency', description: '天花板往下滴水，电线也湿了' });
    expect(minutes(o.createdAt, o.responseDueAt)).toBe(10);
    expect(minutes(o.createdAt, o.resolveDueAt)).toBe(240);
  });

  it("an emergency can be claimed by the grid's worker before staff dispatch it", async () => {
    const o = await raiseOrder(cast.resident, { category: 'safety', urgency: 'emergency', description: '闻到煤气味' });
    const r = await cast.gridWorker.post(`/api/orders/${o.id}/claim`, { note: '五分钟到' });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('accepted');
    expect(r.body.assignee.id).toBe(cast.gridWorker.userId);
    // not a worker of another grid
    const o2 = await raiseOrder(cast.resident, { category: 'safety', urgency: 'emergency', description: '楼道冒烟' });
    expect((await cast.gridWorker2.post(`/api/orders/${o2.id}/claim`)).status).toBe(404);
  });
});

describe('overdue orders', () => {
  it('appear on the staff list once past the deadline, and leave it when claimed', async () => {
    const o = await raiseOrder(cast.resident, { category: 'safety', urgency: 'emergency', description: '电梯困人了！' });
    const overdueIds = async () => (await cast.staff.get('/api/orders?overdue=true&limit=100')).body.items.map((x: any) => x.id);
    expect(await overdueIds()).not.toContain(o.id);
    s.advance(11);
    expect(await overdueIds()).toContain(o.id);
    const listed = (await cast.staff.get(`/api/orders/${o.id}`)).body;
    expect(listed.overdue).toEqual({ response: true, resolution: false, secondAlert: false, review: false });
    // residents cannot reach other households' overdue orders through the filter
    const theirs = (await cast.resident2.get('/api/orders?overdue=true')).body.items.map((x: any) => x.id);
    expect(theirs).not.toContain(o.id);
    await advanceOrder(cast, o.id, 'accepted');
    expect(await overdueIds()).not.toContain(o.id);
  });

  it('are escalated once per missed deadline, however often the sweeper runs', async () => {
    escalated.length = 0;
    const o = await raiseOrder(cast.resident, { category: 'safety', urgency: 'emergency', description: '有人在楼道里打架' });
    await s.sweepSla();
    expect(escalated.filter((e) => e.orderId === o.id)).toEqual([]);
    s.advance(11);
    expect(await s.sweepSla()).toBeGreaterThanOrEqual(1);
    expect(await s.sweepSla()).toBe(0);
    const mine = escalated.filter((e) => e.orderId === o.id);
    expect(mine).toEqual([expect.objectContaining({ stage: 'response', urgency: 'emergency', gridId: expect.any(String) })]);
    const timeline = (await cast.staff.get(`/api/orders/${o.id}`)).body.timeline;
    expect(timeline.filter((e: any) => e.action === 'escalate')).toHaveLength(1);
    expect(timeline.at(-1)).toMatchObject({ action: 'escalate', actor: null, note: '超时未接单，已上报社区' });

    // claimed late, then not resolved in time: a second, different escalation
    await advanceOrder(cast, o.id, 'accepted');
    s.advance(240);
    await s.sweepSla();
    await s.sweepSla();
    expect(escalated.filter((e) => e.orderId === o.id).map((e) => e.stage)).toEqual(['response', 'resolution']);
  });

  it('a reopened order gets fresh deadlines and may be escalated again', async () => {
    escalated.length = 0;
    const o = await raiseOrder(cast.resident, { category: 'safety', urgency: 'emergency', description: '消防通道被堵' });
    s.advance(11);
    await s.sweepSla();
    await advanceOrder(cast, o.id, 'resolved');
    await cast.resident.post(`/api/orders/${o.id}/feedback`, { satisfied: false, rating: 1 });
    s.advance(11);
    await s.sweepSla();
    expect(escalated.filter((e) => e.orderId === o.id).map((e) => e.stage)).toEqual(['response', 'response']);
  });
});

describe('the dashboard figures', () => {
  it('count orders by state and time claims and resolutions per grid', async () => {
    const filedAt = s.now();
    const o = await raiseOrder(cast.resident, { category: 'repair' });
    s.advance(30);
    await advanceOrder(cast, o.id, 'accepted');
    s.advance(90);
    await cast.gridWorker.post(`/api/orders/${o.id}/resolve`, { note: '修好了' });
    await cast.resident.post(`/api/orders/${o.id}/feedback`, { satisfied: true, rating: 4 });
    const st = (await cast.staff.get('/api/orders/stats?days=30')).body;
    const total = Object.values(st.byStatus as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(total).toBe(st.community.orders);
    const sum = (k: string) => st.grids.reduce((t: number, g: any) => t + g[k], 0);
    expect(sum('orders')).toBe(st.community.orders);
    expect(sum('overdueNow')).toBe(st.community.overdueNow);
    const grid1 = st.grids.find((g: any) => g.name === '第1网格');
    expect(grid1.minutesToClaim.mean).toBeGreaterThan(0);
    expect(grid1.minutesToResolve.median).toBeGreaterThan(0);
    expect(grid1.averageRating).toBeGreaterThanOrEqual(1);
    expect(st.community.satisfiedShare).toBeGreaterThan(0);
    // over time: one row per local day of the window (31 calendar days for 30 × 24 h), summing to the window's orders
    expect(st.byDay.length).toBeGreaterThanOrEqual(30);
    expect(st.byDay.length).toBeLessThanOrEqual(32);
    expect(st.byDay.map((d: any) => d.date)).toEqual([...st.byDay.map((d: any) => d.date)].sort());
    const filed = st.byDay.reduce((t: number, d: any) => t + Object.values(d.filed as Record<string, number>).reduce((a, b) => a + b, 0), 0);
    expect(filed).toBe(st.community.orders);
    // by local day in the community's time zone: the order counts as resolved on the day it was
    // resolved, and as filed (and now resolved) on the day it was filed: two hours apart, those
    // are different days when the run's clock passes midnight in Guizhou
    const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
    expect(st.byDay.find((d: any) => d.date === day(s.now())).resolved).toBeGreaterThanOrEqual(1);
    expect(st.byDay.find((d: any) => d.date === day(filedAt)).filed.resolved).toBeGreaterThanOrEqual(1);
    expect((await cast.reviewer.get('/api/orders/stats')).status).toBe(200);
    for (const c of [cast.resident, cast.gridWorker, cast.buildingHead]) expect((await c.get('/api/orders/stats')).status).toBe(403);
    expect((await cast.staff.get('/api/orders/stats?days=0')).status).toBe(400);
    // another community's staff see their own figures only
    const theirs = (await cast.staffHuimin.get('/api/orders/stats')).body;
    expect(theirs.grids.map((g: any) => g.id)).not.toContain(grid1.id);
  });
});
