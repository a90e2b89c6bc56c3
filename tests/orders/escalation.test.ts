// Emergencies always reach someone (issue #20 item 5): an emergency unclaimed at 10
// minutes alerts the grid's other workers and the community's staff, at 20 minutes
// the staff, the party organisation and the 街道's admins; each once, however many
// sweeps run side by side, each on the order's timeline. Overdue ordinary orders
// reach staff in an 08:30 digest, once per community and day; a resolution waits
// three days at most for 党组织评单. Real HTTP, the real sweeper, the subscribe fake
// that refuses what WeChat refuses, the work-group notices' delivery rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAutomaticNotices } from '../../server/notices/automatic.js';
import { registerEscalationAlerts } from '../../server/notices/escalationAlerts.js';
import { FakeSubscribeMessenger } from '../../server/notices/subscribe.js';
import { gridGroupTopic } from '../../server/notices/demoData.js';
import { sendOverdueDigests } from '../../server/orders/overdueDigest.js';
import { advanceOrder, raiseOrder, signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type Client, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;
/** a second worker of 第1网格, beside demo-gridworker */
let workerB: Client;
let huizeId: string;
const messenger = new FakeSubscribeMessenger();
const openidOf = new Map<string, string>();

const settle = () => s.deps.events.settled();
/** Several sweeps at once and one after, as several instances would run them; the escalations raised. */
async function sweepHard(): Promise<number> {
  const counts = await Promise.all([s.sweepSla(), s.sweepSla(), s.sweepSla(), s.sweepSla()]);
  const after = await s.sweepSla();
  await settle();
  return counts.reduce((a, b) => a + b, 0) + after;
}
/** The subscribe-message rows of one cause (ref prefix), with who got them. */
async function messageRows(refPrefix: string) {
  const rows = await s.deps.db.subscribeMessage.findMany({ where: { ref: { startsWith: refPrefix } }, orderBy: { userId: 'asc' } });
  return rows.map((r) => ({ userId: r.userId, outcome: r.outcome, template: r.template }));
}
const timelineOf = async (id: string) => (await cast.staff.get(`/api/orders/${id}`)).body.timeline as any[];
const escalationsOf = (orderId: string) => s.deps.db.escalation.findMany({ where: { orderId }, orderBy: { raisedAt: 'asc' } });
const optIn = (c: Client, accepted: string[]) => c.post('/api/notices/subscriptions', { accepted });
const nameOf = async (userId: string) => (await s.deps.db.user.findUniqueOrThrow({ where: { id: userId } })).displayName;

beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  registerAutomaticNotices(s.deps);
  registerEscalationAlerts(s.deps, messenger, { order_status: 'tpl-order', emergency_notice: 'tpl-emergency' });
  const huize = await s.deps.db.community.findFirstOrThrow({ where: { name: '惠泽社区' }, include: { grids: { orderBy: { name: 'asc' } } } });
  huizeId = huize.id;
  // another worker in 第1网格 (the demo has one per grid)
  const u = await s.deps.db.user.create({ data: { displayName: '罗小梅', identities: { create: { openid: 'esc-worker-b' } } } });
  await s.deps.db.userRole.create({ data: { userId: u.id, role: 'GRID_WORKER', communityId: huize.id, gridId: huize.grids[0]!.id } });
  workerB = await s.login('esc-worker-b');
  for (const id of await s.deps.db.wechatIdentity.findMany()) openidOf.set(id.userId, id.openid);
  // the demo's own overdue orders escalated and their alerts sent before the checks begin
  await sweepHard();
});
afterAll(() => s.close());

describe('an emergency nobody claims', () => {
  it('alerts the grid’s other workers and the staff at 10 minutes, the staff, 党组织 and 街道 at 20; once each, however many sweep', async () => {
    for (const c of [cast.gridWorker, workerB, cast.staff, cast.streetAdmin]) expect((await optIn(c, ['emergency_notice', 'emergency_notice'])).status).toBe(200);
    // the reviewer never opted in: named on the timeline as not reached by message
    const o = await raiseOrder(cast.resident, { category: 'safety', urgency: 'emergency', description: '楼道里有烧焦的味道，可能是电线短路' });
    // dispatched to the grid's worker, who does not claim: they hold it and are not alerted again
    expect((await cast.staff.post(`/api/orders/${o.id}/dispatch`, { assigneeId: cast.gridWorker.userId })).status).toBe(200);
    const ref = `escalation:${o.id}:`;

    s.advance(9);
    expect(await sweepHard()).toBe(0);
    expect(await messageRows(ref)).toEqual([]);

    s.advance(2); // 11 minutes
    expect(await sweepHard()).toBe(1);
    expect((await escalationsOf(o.id)).map((e) => e.stage)).toEqual(['response']);
    const first = await messageRows(`${ref}response:`);
    expect(first.map((m) => m.userId).sort()).toEqual([workerB.userId, cast.staff.userId].sort());
    expect(first.every((m) => m.outcome === 'sent' && m.template === 'emergency_notice')).toBe(true);
    const toFirst = messenger.sent.filter((m) => m.page.endsWith(`id=${o.id}`) && m.data.thing1?.value === '紧急工单10分钟无人接单');
    expect(toFirst.map((m) => m.openid).sort()).toEqual([openidOf.get(workerB.userId), openidOf.get(cast.staff.userId)].sort());
    expect(toFirst.find((m) => m.openid === openidOf.get(workerB.userId))!.page).toBe(`packages/worker/task/index?id=${o.id}`);
    // the grid's work group: one post, delivered to 第1网格's group only
    const posts = await s.deps.db.notice.findMany({ where: { source: { startsWith: `order.escalated:${o.id}:` } }, include: { deliveries: { include: { group: true } } } });
    expect(posts).toHaveLength(1);
    expect(posts[0]!.title).toBe(`紧急工单超时未接单：${o.title}`);
    expect(posts[0]!.deliveries.map((d) => d.group.topic)).toEqual([gridGroupTopic('惠泽社区', '第1网格')]);
    // on the timeline: the escalation, then who was alerted and how; not the worker holding it, no phone
    let escalate = (await timelineOf(o.id)).filter((e) => e.action === 'escalate');
    expect(escalate).toHaveLength(2);
    expect(escalate[0]).toMatchObject({ actor: null, note: '超时未接单，已上报社区' });
    expect(escalate[1].note).toBe(`已提醒：网格员 罗小梅；社区干部 ${await nameOf(cast.staff.userId)}（微信订阅消息）；第1网格工作群（群消息）`);
    expect(escalate[1].note).not.toContain(await nameOf(cast.gridWorker.userId));
    // the resident reads the same entry: names of the workers, nothing of anybody's phone
    const theirs = (await cast.resident.get(`/api/orders/${o.id}`)).body.timeline.filter((e: any) => e.action === 'escalate');
    expect(theirs.map((e: any) => e.note)).toEqual(escalate.map((e) => e.note));
    expect(JSON.stringify(theirs)).not.toMatch(/1[3-9]\d{9}/);

    s.advance(5); // 16 minutes: nothing new
    expect(await sweepHard()).toBe(0);
    expect((await cast.staff.get(`/api/orders/${o.id}`)).body.overdue).toMatchObject({ response: true, secondAlert: false });

    s.advance(5); // 21 minutes: the second stage
    expect(await sweepHard()).toBe(1);
    expect((await escalationsOf(o.id)).map((e) => e.stage)).toEqual(['response', 'response_second']);
    const second = await messageRows(`${ref}response_second:`);
    expect(second.map((m) => m.userId).sort()).toEqual([cast.staff.userId, cast.reviewer.userId, cast.streetAdmin.userId].sort());
    expect(second.find((m) => m.userId === cast.reviewer.userId)!.outcome).toBe('skipped'); // no opt-in
    expect(second.filter((m) => m.outcome === 'sent').map((m) => m.userId).sort()).toEqual([cast.staff.userId, cast.streetAdmin.userId].sort());
    expect(messenger.sent.filter((m) => m.data.thing1?.value === '紧急工单20分钟仍无人接单' && m.page.endsWith(`id=${o.id}`))).toHaveLength(2);
    const late = await s.deps.db.notice.findMany({ where: { source: { startsWith: `order.escalated:${o.id}:response_second:` } } });
    expect(late.map((n) => n.title)).toEqual([`紧急工单20分钟仍无人接单：${o.title}`]);
    escalate = (await timelineOf(o.id)).filter((e) => e.action === 'escalate');
    expect(escalate.map((e) => e.note)).toHaveLength(4);
    expect(escalate[2].note).toBe('紧急工单20分钟仍无人接单，已上报社区领导');
    expect(escalate[3].note).toBe(
      `已提醒：社区干部 ${await nameOf(cast.staff.userId)}；街道领导 ${await nameOf(cast.streetAdmin.userId)}（微信订阅消息）；第1网格工作群（群消息）。未开通订阅消息、需电话联系：党组织 ${await nameOf(cast.reviewer.userId)}`,
    );
    expect((await cast.staff.get(`/api/orders/${o.id}`)).body.overdue).toMatchObject({ response: true, secondAlert: true });

    // neither fires again, however long it stays unclaimed
    s.advance(60);
    await sweepHard();
    expect((await escalationsOf(o.id)).filter((e) => e.stage !== 'resolution').map((e) => e.stage)).toEqual(['response', 'response_second']);
    expect(await messageRows(ref)).toHaveLength(5);
    expect(messenger.refused).toEqual([]);
  });

  it('a claim before 10 minutes stops both stages', async () => {
    const o = await raiseOrder(cast.resident, { category: 'safety', urgency: 'emergency', description: '电梯困人了，里面有老人' });
    s.advance(6);
    expect((await cast.gridWorker.post(`/api/orders/${o.id}/claim`, { note: '马上到' })).status).toBe(200);
    s.advance(30);
    await sweepHard();
    expect(await escalationsOf(o.id)).toEqual([]);
    expect(await messageRows(`escalation:${o.id}:`)).toEqual([]);
    expect((await timelineOf(o.id)).filter((e) => e.action === 'escalate')).toEqual([]);
  });

  it('a claim between 10 and 20 minutes stops the second stage', async () => {
    await optIn(workerB, ['emergency_notice']);
    const o = await raiseOrder(cast.resident, { category: 'safety', urgency: 'emergency', description: '有人在楼道摔倒起不来' });
    s.advance(12);
    await sweepHard();
    expect((await escalationsOf(o.id)).map((e) => e.stage)).toEqual(['response']);
    // before dispatch nobody holds it: every worker of the grid is alerted
    expect((await messageRows(`escalation:${o.id}:response:`)).map((m) => m.userId).sort()).toEqual([cast.gridWorker.userId, workerB.userId, cast.staff.userId].sort());
    expect((await workerB.post(`/api/orders/${o.id}/claim`, {})).status).toBe(200);
    s.advance(15);
    await sweepHard();
    expect((await escalationsOf(o.id)).map((e) => e.stage)).toEqual(['response']);
  });

  it('after a day without sweeps (an outage), the first stage is still raised, the day-old second is not', async () => {
    const o = await raiseOrder(cast.resident, { category: 'safety', urgency: 'emergency', description: '楼顶的水箱在漏水' });
    s.advance(26 * 60);
    await sweepHard();
    expect((await escalationsOf(o.id)).map((e) => e.stage).sort()).toEqual(['resolution', 'response']);
    // still shown as escalated that far on the lists
    expect((await cast.staff.get(`/api/orders/${o.id}`)).body.overdue).toMatchObject({ response: true, secondAlert: true });
  });

  it('an ordinary order late to be claimed alerts nobody at once (it waits for the digest)', async () => {
    const o = await raiseOrder(cast.resident, { category: 'repair' });
    s.advance(60 * 24 * 3);
    await sweepHard();
    expect((await escalationsOf(o.id)).map((e) => e.stage).sort()).toEqual(['resolution', 'response']);
    expect(await messageRows(`escalation:${o.id}:`)).toEqual([]);
    expect((await timelineOf(o.id)).filter((e) => e.action === 'escalate').map((e) => e.note)).toEqual(['超时未接单，已上报社区', '超时未办结，已上报社区']);
  });
});

describe('党组织评单 has a deadline of its own', () => {
  it('a resolution not reviewed in 3 days is escalated to the reviewers and staff once, and shows as overdue on the reviewer’s list', async () => {
    await optIn(cast.reviewer, ['order_status', 'order_status']);
    await optIn(cast.staff, ['order_status', 'order_status']);
    const o = await raiseOrder(cast.resident, { category: 'repair', description: '单元门的闭门器坏了，门关不上' });
    await advanceOrder(cast, o.id, 'rated');
    const reviewerSees = async () => (await cast.reviewer.get('/api/orders?status=resolved&limit=100')).body.items.find((x: any) => x.id === o.id);
    expect((await reviewerSees()).overdue.review).toBe(false);

    s.advance(3 * 24 * 60 - 1);
    await sweepHard();
    expect((await escalationsOf(o.id)).filter((e) => e.stage === 'review')).toEqual([]);
    expect((await reviewerSees()).overdue.review).toBe(false);

    s.advance(2);
    await sweepHard();
    expect((await escalationsOf(o.id)).filter((e) => e.stage === 'review')).toHaveLength(1);
    const told = await messageRows(`escalation:${o.id}:review:`);
    expect(told.map((m) => m.userId).sort()).toEqual([cast.reviewer.userId, cast.staff.userId].sort());
    expect(told.every((m) => m.outcome === 'sent' && m.template === 'order_status')).toBe(true);
    expect(messenger.sent.find((m) => m.openid === openidOf.get(cast.reviewer.userId) && m.page === `packages/reviewer/review/index?id=${o.id}`)!.data.phrase2).toEqual({ value: '评单超时' });
    // not the grid's work group: the review is the party branch's business
    expect(await s.deps.db.notice.findMany({ where: { source: { startsWith: `order.escalated:${o.id}:` } } })).toEqual([]);
    const escalate = (await timelineOf(o.id)).filter((e) => e.action === 'escalate');
    expect(escalate.map((e) => e.note)).toEqual([
      '办结3天仍未评单，已提醒党组织和社区干部',
      `已提醒：社区干部 ${await nameOf(cast.staff.userId)}；党组织 ${await nameOf(cast.reviewer.userId)}（微信订阅消息）`,
    ]);
    expect((await reviewerSees()).overdue).toMatchObject({ review: true, response: false, resolution: false });

    s.advance(24 * 60);
    await sweepHard();
    expect((await escalationsOf(o.id)).filter((e) => e.stage === 'review')).toHaveLength(1);
    // reviewed: off the list, no longer late
    expect((await cast.reviewer.post(`/api/orders/${o.id}/review`, { verdict: 'pass', comment: '处理及时，群众满意' })).status).toBe(200);
    expect((await cast.staff.get(`/api/orders/${o.id}`)).body.overdue.review).toBe(false);
  });

  it('a review failed and resolved again starts a new deadline, escalated again once', async () => {
    const o = await raiseOrder(cast.resident, { category: 'repair', description: '楼道灯不亮了，晚上看不见' });
    await advanceOrder(cast, o.id, 'rated');
    s.advance(3 * 24 * 60 + 5);
    await sweepHard();
    expect((await cast.reviewer.post(`/api/orders/${o.id}/review`, { verdict: 'fail', comment: '没有修好，还是不亮' })).status).toBe(200);
    expect((await cast.gridWorker.post(`/api/orders/${o.id}/claim`, {})).status).toBe(200);
    expect((await cast.gridWorker.post(`/api/orders/${o.id}/resolve`, { note: '换了灯泡和开关' })).status).toBe(200);
    s.advance(24 * 60);
    await sweepHard();
    expect((await escalationsOf(o.id)).filter((e) => e.stage === 'review')).toHaveLength(1);
    s.advance(2 * 24 * 60 + 5);
    await sweepHard();
    await sweepHard();
    expect((await escalationsOf(o.id)).filter((e) => e.stage === 'review')).toHaveLength(2);
  });
});

describe('the 08:30 digest of overdue ordinary orders', () => {
  /** Moves the clock to hh:mm China time on the next day. */
  function toNextChinaTime(hour: number, minute: number) {
    const now = s.now().getTime();
    const chinaMidnight = Math.floor((now + 8 * 3_600_000) / 86_400_000) * 86_400_000 - 8 * 3_600_000;
    const target = chinaMidnight + 86_400_000 + (hour * 60 + minute) * 60_000;
    s.advance((target - now) / 60_000);
  }
  const chinaDay = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(s.now());
  /** several instances' sweeps at once; digests sent */
  const digestHard = async () => {
    const n = (await Promise.all([sendOverdueDigests(s.deps), sendOverdueDigests(s.deps), sendOverdueDigests(s.deps)])).reduce((a, b) => a + b, 0);
    await settle();
    return n;
  };

  it('goes to the staff and the grids’ work groups once per community and day, listing counts and the oldest', async () => {
    await optIn(cast.staff, ['order_status', 'order_status', 'order_status']);
    const late = await raiseOrder(cast.resident2, { category: 'repair', description: '厨房下水道堵了，水下不去' });
    toNextChinaTime(8, 0);
    expect(await digestHard()).toBe(0); // not before 08:30
    s.advance(31);
    const day = chinaDay();
    const sent = await digestHard();
    expect(sent).toBeGreaterThanOrEqual(1);
    expect(await digestHard()).toBe(0);
    const rows = await s.deps.db.overdueDigest.findMany({ where: { day } });
    expect(rows.length).toBe(await s.deps.db.community.count()); // every community: its row, sent or not
    const huize = rows.find((r) => r.communityId === huizeId)!;
    expect(huize.overdue).toBeGreaterThanOrEqual(1);
    // one digest per community with something overdue, though three sweeps ran at once
    expect(sent).toBe(rows.filter((r) => r.overdue > 0).length);

    // one subscribe message to the staff of 惠泽, none to 惠民's for 惠泽
    const msgs = await messageRows(`overdue-digest:${huizeId}:${day}`);
    expect(msgs).toEqual([{ userId: cast.staff.userId, outcome: 'sent', template: 'order_status' }]);
    const m = messenger.sent.filter((x) => x.page === 'packages/staff/overdue/index' && x.openid === openidOf.get(cast.staff.userId)).at(-1)!;
    expect(m.data.thing1!.value).toBe(`超时工单日报：${huize.overdue}件`);
    expect(m.data.phrase2!.value).toBe('待督办');
    // one post for the community, to its grids' linked work groups
    const posts = await s.deps.db.notice.findMany({ where: { source: `orders.overdueDigest:${huizeId}:${day}` }, include: { deliveries: { include: { group: true } } } });
    expect(posts).toHaveLength(1);
    expect(posts[0]!.staffOnly).toBe(true);
    expect(posts[0]!.title).toBe(`超时工单日报：${huize.overdue}件`);
    expect(posts[0]!.body).toContain('最久的：');
    expect(posts[0]!.body).not.toMatch(/1[3-9]\d{9}/);
    expect(posts[0]!.deliveries.map((d) => d.group.topic)).toContain(gridGroupTopic('惠泽社区', '第1网格'));
    // the order filed above is late and counted
    const lateSeen = (await cast.staff.get(`/api/orders/${late.id}`)).body;
    expect(lateSeen.overdue.response || lateSeen.overdue.resolution).toBe(true);

    // later the same day: nothing; the next morning: again
    s.advance(6 * 60);
    expect(await digestHard()).toBe(0);
    toNextChinaTime(8, 45);
    expect(await digestHard()).toBeGreaterThanOrEqual(1);
    expect(await messageRows(`overdue-digest:${huizeId}:${chinaDay()}`)).toHaveLength(1);
    expect(await s.deps.db.notice.count({ where: { source: { startsWith: `orders.overdueDigest:${huizeId}:` } } })).toBe(2);
    expect(messenger.refused).toEqual([]);
  });
});
