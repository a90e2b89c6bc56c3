// Automatic notices (job postings, training sessions, emergency orders), each
// switchable per community, and WeChat subscribe messages with counted opt-ins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onRoomMessage, startMockBot, type MockBot } from '../../server/bot/mockBot.js';
import { registerAutomaticNotices } from '../../server/notices/automatic.js';
import { DEMO_BOT_ID, demoGridRoomId, demoRoomId, gridGroupTopic } from '../../server/notices/demoData.js';
import { DeliveryWorker } from '../../server/notices/deliveryWorker.js';
import { DomainEvents } from '../../server/events.js';
import { nextLocalHour } from '../../server/notices/throttle.js';
import { FakeSubscribeMessenger, registerSubscribeMessages } from '../../server/notices/subscribe.js';
import { advanceOrder, raiseOrder, signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;
let huize: { id: string; grids: Array<{ id: string; name: string }> };
let huimin: { id: string };
const messenger = new FakeSubscribeMessenger();

const put = (c: { token: string }, path: string, body: unknown) => s.request('PUT', path, { token: c.token, body });

/**
 * Listeners run after the response: wait until every one started so far (and
 * whatever they emitted in turn) has finished — no polling, no fixed sleep, so a
 * check that nothing happened cannot pass merely because a listener was slow.
 */
const settle = () => s.deps.events.settled();
/** What `read` finds once the listeners have finished. */
async function afterListeners<T>(read: () => Promise<T>): Promise<T> {
  await settle();
  return read();
}

const bySource = (source: string) => s.deps.db.notice.findMany({ where: { source }, include: { deliveries: { include: { group: true } } } });

beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  // daytime in China, so the worker below is not held by the quiet hours
  s.advance((nextLocalHour(s.now(), 10, 'Asia/Shanghai').getTime() - s.now().getTime()) / 60_000);
  registerAutomaticNotices(s.deps);
  registerSubscribeMessages(s.deps, messenger, { order_status: 'tpl-order', emergency_notice: 'tpl-emergency' });
  const c = await s.deps.db.community.findFirstOrThrow({ where: { name: '惠泽社区' }, include: { grids: { orderBy: { name: 'asc' } } } });
  huize = c;
  huimin = await s.deps.db.community.findFirstOrThrow({ where: { name: '惠民社区' } });
});
afterAll(() => s.close());

describe('DomainEvents.settled, which the checks below wait on', () => {
  it('waits for every listener started, however slow, for those they start in turn, and for failing ones', async () => {
    const failed: string[] = [];
    const events = new DomainEvents((_err, name) => failed.push(name));
    const done: string[] = [];
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    events.on('job.posted', async (e) => {
      await pause(200); // slower than the fixed 150 ms the checks used to sleep
      done.push(`job ${e.jobId}`);
      events.emit('notice.queued', { noticeId: `n-${e.jobId}`, communityId: e.communityId, sendAt: new Date(0) });
    });
    events.on('notice.queued', async (e) => {
      await pause(100);
      done.push(`queued ${e.noticeId}`);
    });
    events.on('training.scheduled', async () => {
      await pause(50);
      throw new Error('a listener that fails');
    });
    await events.settled(); // nothing running: at once
    events.emit('job.posted', { jobId: 'j', communityId: 'c', title: 't', employer: 'e', kind: 'workshop', createdById: 'u' });
    events.emit('training.scheduled', { trainingId: 't', communityId: 'c', course: 'c', startsAt: new Date(0), createdById: 'u' });
    expect(done).toEqual([]); // listeners never run inside emit
    await events.settled();
    expect(done).toEqual(['job j', 'queued n-j']);
    expect(failed).toEqual(['training.scheduled']);
  });
});

describe('job and training notices', () => {
  it('a new job posting becomes a job notice for the whole community, once however often the event comes', async () => {
    const e = { jobId: 'job-1', communityId: huize.id, title: '缝纫工20名', employer: '平远新城服装扶贫车间', kind: 'workshop', createdById: cast.staff.userId };
    s.deps.events.emit('job.posted', e);
    s.deps.events.emit('job.posted', e);
    const once = await afterListeners(() => bySource('job.posted:job-1'));
    expect(once).toHaveLength(1);
    const [n] = once;
    expect(n).toMatchObject({ kind: 'job', title: '招聘：缝纫工20名', pagePath: 'pages/jobs/detail?id=job-1', staffOnly: false, createdById: cast.staff.userId });
    expect(n!.body).toContain('平远新城服装扶贫车间招聘缝纫工20名（帮扶车间）');
    expect(n!.deliveries).toHaveLength(8);
    const seen = (await cast.resident.get(`/api/notices/${n!.id}`)).body;
    expect(seen).toMatchObject({ kind: 'job', kindLabel: '就业岗位', pagePath: 'pages/jobs/detail?id=job-1', unread: true });
    expect((await cast.staff.get(`/api/notices/manage/${n!.id}`)).body).toMatchObject({ automatic: true });
  });

  it('a training session becomes a training notice', async () => {
    s.deps.events.emit('training.scheduled', { trainingId: 'tr-1', communityId: huize.id, course: '中式烹调师培训', startsAt: new Date('2026-12-01T01:00:00Z'), createdById: cast.staff.userId });
    const [n] = await afterListeners(() => bySource('training.scheduled:tr-1'));
    expect(n).toMatchObject({ kind: 'training', title: '培训：中式烹调师培训', pagePath: 'pages/trainings/detail?id=tr-1' });
    expect(n!.body).toContain('12月1日');
  });

  it('each kind can be switched off per community, by its staff only', async () => {
    expect((await cast.staff.get('/api/notices/automation')).body).toEqual({ communityId: huize.id, jobs: true, trainings: true, emergencyOrders: true });
    expect((await put(cast.resident, '/api/notices/automation', { jobs: false })).status).toBe(403);
    expect((await put(cast.staffHuimin, '/api/notices/automation', { jobs: false, communityId: huize.id })).status).toBe(404);
    const bad = await put(cast.staff, '/api/notices/automation', { jobs: 'no' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('body.jobs');
    expect((await put(cast.staff, '/api/notices/automation', {})).status).toBe(400);

    const r = await put(cast.staff, '/api/notices/automation', { jobs: false });
    expect(r.body).toEqual({ communityId: huize.id, jobs: false, trainings: true, emergencyOrders: true });
    s.deps.events.emit('job.posted', { jobId: 'job-2', communityId: huize.id, title: '保洁员', employer: '物业公司', kind: 'public_welfare', createdById: cast.staff.userId });
    // 惠民 still wants them
    s.deps.events.emit('job.posted', { jobId: 'job-3', communityId: huimin.id, title: '保安', employer: '物业公司', kind: 'public_welfare', createdById: cast.staffHuimin.userId });
    expect(await afterListeners(() => bySource('job.posted:job-3'))).toHaveLength(1);
    expect(await bySource('job.posted:job-2')).toHaveLength(0);
    await put(cast.staff, '/api/notices/automation', { jobs: true });
  });
});

describe('emergency orders in the grid’s work group', () => {
  it('are announced when raised and again when a deadline passes, to staff only', async () => {
    const o = await raiseOrder(cast.resident, { category: 'safety', urgency: 'emergency', description: '楼道里有烧焦的味道，可能是电线' });
    const [alert] = await afterListeners(() => bySource(`order.emergency:${o.id}`));
    expect(alert).toMatchObject({ kind: 'emergency', staffOnly: true, title: `紧急工单：${o.title}` });
    expect(alert!.body).toMatch(/^惠泽1栋 1单元 302报了紧急工单/);
    expect(alert!.body).not.toMatch(/1[3-9]\d{9}/); // no phone numbers in a group
    expect(alert!.deliveries.map((d) => d.group.topic)).toEqual([gridGroupTopic('惠泽社区', '第1网格')]);
    // not a notice for residents
    expect((await cast.resident.get(`/api/notices/${alert!.id}`)).status).toBe(404);
    expect((await cast.resident.get('/api/notices?limit=100')).body.items.map((n: any) => n.id)).not.toContain(alert!.id);
    expect((await cast.staff.get(`/api/notices/manage/${alert!.id}`)).body).toMatchObject({ staffOnly: true, automatic: true });

    s.advance(11);
    await s.sweepSla();
    await s.sweepSla();
    const late = await afterListeners(() => s.deps.db.notice.findMany({ where: { source: { startsWith: `order.escalated:${o.id}:` } } }));
    expect(late).toHaveLength(1);
    expect(late[0]!.title).toBe(`紧急工单超时未接单：${o.title}`);
  });

  it('are not announced for ordinary orders, nor when switched off', async () => {
    const normal = await raiseOrder(cast.resident, {});
    await settle();
    expect(await bySource(`order.emergency:${normal.id}`)).toHaveLength(0);
    await put(cast.staff, '/api/notices/automation', { emergencyOrders: false });
    const quiet = await raiseOrder(cast.resident, { category: 'safety', urgency: 'emergency', description: '电梯困人了' });
    await settle();
    expect(await bySource(`order.emergency:${quiet.id}`)).toHaveLength(0);
    await put(cast.staff, '/api/notices/automation', { emergencyOrders: true });
  });

  it('staff link a grid to its work group; the bot posts the alert there and nowhere else', async () => {
    const grid2 = huize.grids[1]!;
    const groups = (await cast.staff.get('/api/bot/groups')).body;
    const g2 = groups.find((g: any) => g.topic === gridGroupTopic('惠泽社区', '第2网格'));
    expect(g2.grids).toEqual([{ id: grid2.id, name: '第2网格' }]);
    expect((await put(cast.resident, `/api/bot/grids/${grid2.id}/group`, { groupId: null })).status).toBe(403);
    expect((await put(cast.staffHuimin, `/api/bot/grids/${grid2.id}/group`, { groupId: null })).status).toBe(404);
    expect((await put(cast.staff, `/api/bot/grids/${grid2.id}/group`, { groupId: null })).body.group).toBeNull();
    const o = await raiseOrder(cast.resident2, { category: 'safety', urgency: 'emergency', description: '4栋有人晕倒了' });
    await settle();
    expect(await bySource(`order.emergency:${o.id}`)).toHaveLength(0); // no work group, nothing to post
    expect((await put(cast.staff, `/api/bot/grids/${grid2.id}/group`, { groupId: g2.id })).status).toBe(200);

    // the bot in every demo group; the worker sends what is queued
    const buildings = await s.deps.db.building.findMany();
    const m: MockBot = await startMockBot(s.deps, {
      selfId: DEMO_BOT_ID,
      selfName: 'e家小助手',
      mode: 'demo',
      groups: [
        ...buildings.map((b) => ({ id: demoRoomId(b.id), topic: `${b.name}居民群` })),
        ...huize.grids.map((g) => ({ id: demoGridRoomId(g.id), topic: gridGroupTopic('惠泽社区', g.name) })),
      ],
    });
    try {
      await s.deps.db.noticeDelivery.updateMany({ where: { status: 'pending' }, data: { status: 'cancelled' } }); // earlier tests' notices
      const posts: Array<{ room: string; text: string }> = [];
      for (const room of m.rooms.values()) {
        onRoomMessage(room, (msg) => {
          if (msg.payload.talkerId === m.self.id) posts.push({ room: room.id, text: msg.text() ?? '' });
        });
      }
      const o2 = await raiseOrder(cast.resident2, { category: 'safety', urgency: 'emergency', description: '4栋楼道起火了' });
      await afterListeners(() => bySource(`order.emergency:${o2.id}`));
      await new DeliveryWorker(s.deps, {
        channels: [m.bot.channel],
        idleMs: 3600_000,
        sleep: async (ms) => {
          s.advance(ms / 60_000);
        },
      }).runUntilIdle();
      expect(posts).toEqual([{ room: demoGridRoomId(grid2.id), text: expect.stringMatching(/^【紧急通知】紧急工单：.*\n\n惠泽4栋 1单元 201报了紧急工单/) }]);
    } finally {
      await m.bot.stop();
    }
  });
});

describe('subscribe messages', () => {
  it('counts one-time opt-ins from the mini-program', async () => {
    expect((await cast.resident.get('/api/notices/subscriptions')).body).toEqual({ order_status: 0, emergency_notice: 0 });
    const bad = await cast.resident.post('/api/notices/subscriptions', { accepted: ['spam'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toMatch(/^body\.accepted/);
    await cast.resident.post('/api/notices/subscriptions', { accepted: ['order_status'] });
    const r = await cast.resident.post('/api/notices/subscriptions', { accepted: ['order_status', 'emergency_notice'] });
    expect(r.body).toEqual({ order_status: 2, emergency_notice: 1 });
  });

  it('an order status change is sent while opt-ins last, the last one kept for 办结 (请评价); never for one’s own step', async () => {
    messenger.sent.length = 0;
    const o = await raiseOrder(cast.resident, {});
    await settle();
    expect(messenger.sent).toEqual([]); // the resident raised it themselves
    // two opt-ins: 已派单 uses one, 已接单 may not take the last, which waits for 已办结
    await advanceOrder(cast, o.id, 'accepted');
    expect(await afterListeners(async () => messenger.sent.length)).toBe(1);
    expect(messenger.sent[0]).toMatchObject({
      openid: 'demo-resident',
      templateId: 'tpl-order',
      page: `pages/order/index?id=${o.id}`,
      data: { phrase2: { value: '已派单' }, thing1: { value: expect.any(String) } },
    });
    expect([...messenger.sent[0]!.data.thing1!.value].length).toBeLessThanOrEqual(20);
    expect((await cast.resident.get('/api/notices/subscriptions')).body.order_status).toBe(1);

    expect((await cast.gridWorker.post(`/api/orders/${o.id}/resolve`, { note: '已上门处理好了' })).status).toBe(200);
    const rows = await afterListeners(() =>
      s.deps.db.subscribeMessage.findMany({ where: { userId: cast.resident.userId, ref: { startsWith: `order:${o.id}:` } }, orderBy: { createdAt: 'asc' } }),
    );
    // (the fake clock stands still: the rows are told apart by their step, not their time)
    const byStep = Object.fromEntries(rows.map((r) => [r.ref.split(':')[2], [r.outcome, r.reason]]));
    expect(byStep).toEqual({ dispatched: ['sent', null], accepted: ['skipped', 'opt-in kept for a later step'], resolved: ['sent', null] });
    expect(messenger.sent.map((m) => m.data.phrase2!.value)).toEqual(['已派单', '已办结']);
    expect((await cast.resident.get('/api/notices/subscriptions')).body.order_status).toBe(0);

    // with none left, the next order's 已办结 is skipped, not failed
    const next = await raiseOrder(cast.resident, {});
    await advanceOrder(cast, next.id, 'accepted');
    expect((await cast.gridWorker.post(`/api/orders/${next.id}/resolve`, { note: '已上门处理好了' })).status).toBe(200);
    const nextRows = await afterListeners(() => s.deps.db.subscribeMessage.findMany({ where: { ref: { startsWith: `order:${next.id}:resolved` } } }));
    expect(nextRows.map((r) => [r.outcome, r.reason])).toEqual([['skipped', 'no opt-in left']]);
    expect(messenger.sent).toHaveLength(2);
  });

  it('WeChat saying there is no subscription is a skip, and resets the count', async () => {
    messenger.sent.length = 0;
    await cast.resident.post('/api/notices/subscriptions', { accepted: ['order_status'] });
    messenger.refusing.add('demo-resident');
    const o = await raiseOrder(cast.resident, {});
    await advanceOrder(cast, o.id, 'accepted');
    expect((await cast.gridWorker.post(`/api/orders/${o.id}/resolve`, { note: '已上门处理好了' })).status).toBe(200);
    // the row is written ('sent') before WeChat is called, and marked skipped when WeChat refuses
    const rows = await afterListeners(() => s.deps.db.subscribeMessage.findMany({ where: { ref: { startsWith: `order:${o.id}:resolved` } } }));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'skipped', reason: expect.stringContaining('43101') });
    expect(messenger.sent).toEqual([]);
    expect((await cast.resident.get('/api/notices/subscriptions')).body.order_status).toBe(0);
    messenger.refusing.clear();
  });

  it('an emergency notice reaches the opted-in residents of its buildings, once', async () => {
    messenger.sent.length = 0;
    await cast.resident2.post('/api/notices/subscriptions', { accepted: ['emergency_notice'] }); // lives in 惠泽4栋
    await s.deps.db.subscribeOptIn.create({ data: { userId: cast.buildingHead.userId, template: 'emergency_notice', remaining: 0, updatedAt: s.now() } });
    const b1 = await s.deps.db.building.findFirstOrThrow({ where: { name: '惠泽1栋' } });
    const n = await cast.staff.post('/api/notices', {
      kind: 'emergency',
      title: '1栋停电抢修',
      body: '1栋线路故障，今晚8点前恢复供电，请注意用电安全。',
      audience: { type: 'buildings', buildingIds: [b1.id] },
    });
    expect(n.status).toBe(201);
    const rows = await afterListeners(() => s.deps.db.subscribeMessage.findMany({ where: { ref: `notice:${n.body.id}` } }));
    expect(rows.map((r) => [r.userId, r.outcome]).sort()).toEqual(
      [
        [cast.resident.userId, 'sent'],
        [cast.buildingHead.userId, 'skipped'],
      ].sort(),
    );
    expect(messenger.sent).toEqual([
      expect.objectContaining({ openid: 'demo-resident', templateId: 'tpl-emergency', data: expect.objectContaining({ thing1: { value: '1栋停电抢修' } }) }),
    ]);
    // staff sending the failed deliveries again re-queues it: nobody gets a second message
    await cast.staff.post(`/api/notices/${n.body.id}/cancel`);
    s.deps.events.emit('notice.queued', { noticeId: n.body.id, communityId: huize.id, sendAt: s.now() });
    await settle();
    expect(messenger.sent).toHaveLength(1);
    // an ordinary notice sends no subscribe message
    await cast.staff.post('/api/notices', { kind: 'news', title: '普通新闻', body: '社区新闻一则。', audience: { type: 'community' } });
    await settle();
    expect(messenger.sent).toHaveLength(1);
  });
});
