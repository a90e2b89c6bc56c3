// The 四单 flow end to end over HTTP: 群众点单 → 社区派单 → 网格员接单 → resolve → feedback → 党组织评单.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceOrder, raiseOrder, signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;
beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
});
afterAll(() => s.close());

describe('the whole flow', () => {
  it('goes from a resident request to a closed, reviewed order with a full timeline', async () => {
    const created = await cast.resident.post('/api/orders', {
      category: 'repair',
      title: '厨房水管漏水',
      description: '厨房水管接头漏水，地上全是水。',
      urgency: 'normal',
    });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('submitted');
    expect(created.body.category).toMatchObject({ code: 'repair', name: '水电维修' });
    expect(created.body.building.name).toBe('惠泽1栋');
    expect(created.body.filedOnBehalf).toBe(false);
    // suggested to the grid worker of the resident's building
    expect(created.body.suggestedAssignee.id).toBe(cast.gridWorker.userId);
    const id = created.body.id;

    // staff see it among new requests
    const inbox = await cast.staff.get('/api/orders?status=submitted');
    expect(inbox.body.items.map((o: any) => o.id)).toContain(id);

    const dispatched = await cast.staff.post(`/api/orders/${id}/dispatch`, { note: '请今天上门' });
    expect(dispatched.status).toBe(200);
    expect(dispatched.body.status).toBe('dispatched');
    expect(dispatched.body.assignee.id).toBe(cast.gridWorker.userId);

    // the worker's queue
    const queue = await cast.gridWorker.get('/api/orders?mine=true&status=dispatched');
    expect(queue.body.items.map((o: any) => o.id)).toContain(id);

    s.advance(30);
    const claimed = await cast.gridWorker.post(`/api/orders/${id}/claim`, { note: '马上到' });
    expect(claimed.body.status).toBe('accepted');

    s.advance(60);
    const resolved = await cast.gridWorker.post(`/api/orders/${id}/resolve`, { note: '换了接头，试水不漏了。' });
    expect(resolved.body.status).toBe('resolved');

    const rated = await cast.resident.post(`/api/orders/${id}/feedback`, { satisfied: true, rating: 5, comment: '谢谢' });
    expect(rated.body.status).toBe('resolved');
    expect(rated.body.feedback).toEqual({ satisfied: true, rating: 5 });

    const awaiting = await cast.reviewer.get('/api/orders?status=resolved');
    expect(awaiting.body.items.map((o: any) => o.id)).toContain(id);

    const closed = await cast.reviewer.post(`/api/orders/${id}/review`, { verdict: 'pass', comment: '处置及时' });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');

    const detail = (await cast.resident.get(`/api/orders/${id}`)).body;
    expect(detail.description).toBe('厨房水管接头漏水，地上全是水。');
    expect(detail.timeline.map((e: any) => [e.action, e.from, e.to])).toEqual([
      ['submit', null, 'submitted'],
      ['dispatch', 'submitted', 'dispatched'],
      ['claim', 'dispatched', 'accepted'],
      ['resolve', 'accepted', 'resolved'],
      ['feedback', 'resolved', 'resolved'],
      ['review_pass', 'resolved', 'closed'],
    ]);
    expect(detail.timeline.map((e: any) => e.actor.id)).toEqual([
      cast.resident.userId,
      cast.staff.userId,
      cast.gridWorker.userId,
      cast.gridWorker.userId,
      cast.resident.userId,
      cast.reviewer.userId,
    ]);
    expect(detail.timeline.map((e: any) => e.note)).toEqual([null, '请今天上门', '马上到', '换了接头，试水不漏了。', '谢谢', '处置及时']);
    expect(detail.timeline[4]).toMatchObject({ rating: 5, satisfied: true });
    // times follow the clock
    const times = detail.timeline.map((e: any) => Date.parse(e.at));
    expect(times[3] - times[2]).toBe(60 * 60_000);
  });

  it('derives a title when a resident gives only a description', async () => {
    const o = await raiseOrder(cast.resident, { category: 'sanitation', description: '楼下垃圾桶满了三天没人收。味道很大' });
    expect(o.title).toBe('环境卫生：楼下垃圾桶满了三天没人收');
  });
});

describe('rework', () => {
  it('an unsatisfied resident sends the order back to the same worker, with fresh deadlines', async () => {
    const o = await raiseOrder(cast.resident);
    await advanceOrder(cast, o.id, 'resolved');
    s.advance(10);
    const back = await cast.resident.post(`/api/orders/${o.id}/feedback`, { satisfied: false, rating: 2, comment: '还在漏' });
    expect(back.status).toBe(200);
    expect(back.body.status).toBe('reopened');
    expect(back.body.reopenCount).toBe(1);
    expect(Date.parse(back.body.responseDueAt)).toBeGreaterThan(Date.parse(o.responseDueAt));
    expect((await cast.gridWorker.post(`/api/orders/${o.id}/claim`)).body.status).toBe('accepted');
    expect((await cast.gridWorker.post(`/api/orders/${o.id}/resolve`, { note: '重新换了阀门' })).body.status).toBe('resolved');
    // a new round of feedback is possible after rework
    const again = await cast.resident.post(`/api/orders/${o.id}/feedback`, { satisfied: true, rating: 4 });
    expect(again.body.feedback).toEqual({ satisfied: true, rating: 4 });
  });

  it('a failed review reopens it; staff may hand it to another worker', async () => {
    const o = await raiseOrder(cast.resident);
    await advanceOrder(cast, o.id, 'rated');
    const failed = await cast.reviewer.post(`/api/orders/${o.id}/review`, { verdict: 'fail', comment: '没有留下处理照片，请补充' });
    expect(failed.body.status).toBe('reopened');
    const redispatched = await cast.staff.post(`/api/orders/${o.id}/dispatch`, { assigneeId: cast.gridWorker2.userId });
    expect(redispatched.body.status).toBe('dispatched');
    expect(redispatched.body.assignee.id).toBe(cast.gridWorker2.userId);
    // the new assignee, though of another grid, can now see and claim it
    expect((await cast.gridWorker2.post(`/api/orders/${o.id}/claim`)).body.status).toBe('accepted');
    // and the previous one can no longer act on it
    expect((await cast.gridWorker.post(`/api/orders/${o.id}/resolve`, { note: '处理好了' })).status).toBe(403);
  });
});

describe('cancel', () => {
  it('the resident cancels before the order is claimed', async () => {
    const o = await raiseOrder(cast.resident);
    const r = await cast.resident.post(`/api/orders/${o.id}/cancel`, { reason: '自己修好了' });
    expect(r.body.status).toBe('cancelled');
    const o2 = await raiseOrder(cast.resident);
    await advanceOrder(cast, o2.id, 'dispatched');
    expect((await cast.resident.post(`/api/orders/${o2.id}/cancel`)).body.status).toBe('cancelled');
  });

  it('is refused once a worker has claimed it', async () => {
    const o = await raiseOrder(cast.resident);
    await advanceOrder(cast, o.id, 'accepted');
    const r = await cast.resident.post(`/api/orders/${o.id}/cancel`);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('invalid_transition');
  });
});

describe('filing on behalf of a resident', () => {
  it('a building head files for an elderly neighbour in their building', async () => {
    const neighbours = await cast.buildingHead.get('/api/org/residents?limit=100');
    expect(neighbours.status).toBe(200);
    expect(new Set(neighbours.body.map((r: any) => r.building.name))).toEqual(new Set(['惠泽1栋']));
    const target = neighbours.body.find((r: any) => r.room !== '2单元 201');
    const o = await raiseOrder(cast.buildingHead, { category: 'care', description: '老人家灯坏了', onBehalfOf: target.id });
    expect(o.filedOnBehalf).toBe(true);
    expect(o.resident.id).toBe(target.id);
    expect(o.filedBy.id).toBe(cast.buildingHead.userId);
    // the building head follows it up and may give the resident's feedback
    await advanceOrder(cast, o.id, 'resolved');
    const fb = await cast.buildingHead.post(`/api/orders/${o.id}/feedback`, { satisfied: true, rating: 5, comment: '老人说修好了' });
    expect(fb.status).toBe(200);
  });

  it('a grid worker files for a resident of their grid', async () => {
    const people = await cast.gridWorker.get('/api/org/residents?q=302');
    const target = people.body.find((r: any) => r.building.name === '惠泽1栋' && r.room === '1单元 302');
    const o = await raiseOrder(cast.gridWorker, { onBehalfOf: target.id, urgency: 'emergency' });
    expect(o.filedOnBehalf).toBe(true);
    // and the resident sees it as their own household's order
    expect((await cast.resident.get(`/api/orders/${o.id}`)).status).toBe(200);
  });
});

describe('paging', () => {
  it('walks the whole list by cursor without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: any = await cast.staff.get(`/api/orders?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(r.status).toBe(200);
      seen.push(...r.body.items.map((o: any) => o.id));
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const all = await cast.staff.get('/api/orders?limit=100');
    expect(seen).toEqual(all.body.items.map((o: any) => o.id));
  });
});
