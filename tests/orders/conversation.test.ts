// Orders people can talk about (issue #21 §1–3): messages on an order from either
// side, 待补充 with its deadlines paused and resumed, 是不是这件事？ with +1, merging
// duplicates, and the stock replies. Over HTTP, with WeChat's content check against
// the fake WeChat and subscribe messages through the fake messenger.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSubscribeMessenger, registerSubscribeMessages } from '../../server/notices/subscribe.js';
import { advanceOrder, raiseOrder, signInAll, type Cast } from '../support/fixtures.js';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat.js';
import { startServer, type Client, type TestServer } from '../support/server.js';

let wx: FakeWechat;
let s: TestServer;
let cast: Cast;
/** A resident of another household in demo-resident's building (惠泽1栋) */
let neighbour: Client;
const messenger = new FakeSubscribeMessenger();
const escalated: Array<{ orderId: string; stage: string }> = [];

beforeAll(async () => {
  wx = await startFakeWechat();
  s = await startServer({ WECHAT_APPID: wx.appId, WECHAT_SECRET: wx.secret, WECHAT_API_URL: wx.url });
  cast = await signInAll(s);
  wx.riskyWords.add('赌博网站');
  registerSubscribeMessages(s.deps, messenger, { order_status: 'tpl-order', emergency_notice: 'tpl-emergency' });
  s.deps.events.on('order.escalated', (e) => {
    escalated.push(e);
  });
  await s.sweepSla(); // the demo's own overdue orders
  escalated.length = 0;
  // a household of the same building with no account yet gets one
  const me = await s.deps.db.user.findUniqueOrThrow({ where: { id: cast.resident.userId }, include: { resident: { include: { household: true } } } });
  const other = await s.deps.db.resident.findFirstOrThrow({
    where: { household: { buildingId: me.resident!.household.buildingId, id: { not: me.resident!.householdId } }, user: null, relation: '户主', leftAt: null },
    orderBy: [{ household: { room: 'asc' } }, { name: 'asc' }],
  });
  await s.deps.db.user.create({ data: { displayName: other.name, residentId: other.id, identities: { create: { openid: 'test-neighbour' } } } });
  neighbour = await s.login('test-neighbour');
});
afterAll(async () => {
  await s?.close();
  await wx?.close();
});

const settle = () => s.deps.events.settled();
const minutesBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 60_000;
const patch = (c: Client, path: string, body: unknown) => s.request('PATCH', path, { token: c.token, body });
const del = (c: Client, path: string) => s.request('DELETE', path, { token: c.token });
const orderRow = (id: string) => s.deps.db.order.findUniqueOrThrow({ where: { id } });

async function uploadAs(c: Client) {
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 40, g: 120, b: 200 } } }).jpeg().toBuffer();
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'p.jpg');
  const r = await s.request('POST', '/api/uploads', { token: c.token, raw: form });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

describe('待补充: a worker asks, the deadlines pause, the answer resumes them', () => {
  it('pauses while waiting (the sweeper escalates nothing), resumes with the time paused added, and escalates once late after that', async () => {
    const o = await raiseOrder(cast.resident, { category: 'repair', description: '厨房水管漏水，地上都是水' });
    await advanceOrder(cast, o.id, 'accepted');
    const before = await orderRow(o.id);
    s.advance(60); // an hour of the two days gone
    const asked = await cast.gridWorker.post(`/api/orders/${o.id}/ask`, { question: '请拍一张漏水位置的照片，是哪根管子？' });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ status: 'awaiting_info', pausedAt: s.now().toISOString(), overdue: { response: false, resolution: false } });
    expect(asked.body.timeline.at(-1)).toMatchObject({ action: 'ask', from: 'accepted', to: 'awaiting_info', note: '请拍一张漏水位置的照片，是哪根管子？', actor: { id: cast.gridWorker.userId } });

    // three days pass while the resident is away: past the resolve deadline, but paused
    s.advance(3 * 1440);
    await s.sweepSla(); // (other demo orders do go overdue meanwhile)
    expect(escalated.filter((e) => e.orderId === o.id)).toEqual([]);
    const waiting = (await cast.staff.get(`/api/orders/${o.id}`)).body;
    expect(waiting.overdue).toEqual({ response: false, resolution: false, secondAlert: false, review: false });
    expect((await cast.staff.get('/api/orders?overdue=true&limit=100')).body.items.map((x: any) => x.id)).not.toContain(o.id);

    // the worker cannot answer for the resident: their message stays a message
    const workerNote = await cast.gridWorker.post(`/api/orders/${o.id}/updates`, { text: '我明天上午再打电话问问' });
    expect(workerNote.status).toBe(201);
    expect(workerNote.body.status).toBe('awaiting_info');

    // the resident answers with a photo: back to accepted, the deadlines moved on by exactly the time paused
    const photo = await uploadAs(cast.resident);
    const answered = await cast.resident.post(`/api/orders/${o.id}/updates`, { text: '是洗菜池下面那根，照片发给您了', photos: [photo] });
    expect(answered.status).toBe(201);
    expect(answered.body).toMatchObject({ status: 'accepted', pausedAt: null });
    const after = await orderRow(o.id);
    const pausedMinutes = 3 * 1440;
    expect((after.resolveDueAt.getTime() - before.resolveDueAt.getTime()) / 60_000).toBe(pausedMinutes);
    expect((after.responseDueAt.getTime() - before.responseDueAt.getTime()) / 60_000).toBe(pausedMinutes);
    expect(after).toMatchObject({ pausedAt: null, pausedFrom: null });
    const step = answered.body.timeline.at(-1);
    expect(step).toMatchObject({ action: 'answer', from: 'awaiting_info', to: 'accepted', note: '是洗菜池下面那根，照片发给您了', actor: { id: cast.resident.userId } });
    expect(step.photos).toHaveLength(1);
    // an hour had gone before the question: 47 hours are left, as when it was asked
    expect(minutesBetween(s.now().toISOString(), answered.body.resolveDueAt)).toBe(2 * 1440 - 60);

    // not escalated right after the answer; escalated once when the resumed deadline passes
    await s.sweepSla();
    expect(escalated.filter((e) => e.orderId === o.id)).toEqual([]);
    s.advance(2 * 1440 - 60 + 1);
    await s.sweepSla();
    expect(escalated.filter((e) => e.orderId === o.id)).toEqual([expect.objectContaining({ stage: 'resolution' })]);

    // and the worker resolves it
    const resolved = await cast.gridWorker.post(`/api/orders/${o.id}/resolve`, { note: '换了洗菜池下水管' });
    expect(resolved.status).toBe(200);
  });

  it('asked before dispatch (staff), the answer takes it back to submitted; a second question keeps the first pause', async () => {
    const o = await raiseOrder(cast.resident, { category: 'other', description: '想问一件事情' });
    expect((await cast.staff.post(`/api/orders/${o.id}/ask`, { question: '您想问哪方面的事？' })).body.status).toBe('awaiting_info');
    const first = (await orderRow(o.id)).pausedAt;
    s.advance(30);
    const again = await cast.staff.post(`/api/orders/${o.id}/ask`, { question: '方便的话留个电话' });
    expect(again.status).toBe(200);
    expect((await orderRow(o.id)).pausedAt).toEqual(first);
    const r = await cast.resident.post(`/api/orders/${o.id}/updates`, { text: '孩子上学的事' });
    expect(r.body.status).toBe('submitted');
    // dispatching works again from there
    expect((await cast.staff.post(`/api/orders/${o.id}/dispatch`, {})).status).toBe(200);
  });

  it('the resident is told of the question (subscribe message), the worker of the answer', async () => {
    await cast.resident.post('/api/notices/subscriptions', { accepted: ['order_status'] });
    await cast.gridWorker.post('/api/notices/subscriptions', { accepted: ['order_status', 'order_status'] });
    messenger.sent.length = 0;
    const o = await raiseOrder(cast.resident, { category: 'repair', description: '楼道的灯坏了' });
    await advanceOrder(cast, o.id, 'accepted');
    await settle();
    messenger.sent.length = 0;
    await cast.gridWorker.post(`/api/orders/${o.id}/ask`, { question: '是几楼的灯？' });
    await settle();
    expect(messenger.sent).toEqual([
      expect.objectContaining({ openid: 'demo-resident', page: `pages/order/index?id=${o.id}`, data: expect.objectContaining({ phrase2: { value: '待补充' }, thing4: { value: '网格员需要您补充情况' } }) }),
    ]);
    await cast.resident.post(`/api/orders/${o.id}/updates`, { text: '三楼和四楼之间' });
    await settle();
    expect(messenger.sent.at(-1)).toMatchObject({ openid: 'demo-gridworker', page: `packages/worker/task/index?id=${o.id}`, data: { phrase2: { value: '已补充' } } });
  });
});

describe('messages on an order', () => {
  it('each side writes; reviewers read but do not write; others do not see the order (404)', async () => {
    const o = await raiseOrder(cast.resident, { category: 'repair', description: '卫生间水龙头关不紧' });
    const byResident = await cast.resident.post(`/api/orders/${o.id}/updates`, { text: '下午两点以后家里有人' });
    expect(byResident.status).toBe(201);
    expect(byResident.body.timeline.at(-1)).toMatchObject({ action: 'comment', from: 'submitted', to: 'submitted', note: '下午两点以后家里有人' });
    expect((await cast.gridWorker.post(`/api/orders/${o.id}/updates`, { text: '好的，下午过来' })).status).toBe(201);
    expect((await cast.staff.post(`/api/orders/${o.id}/updates`, { text: '已安排网格员' })).status).toBe(201);
    // the reviewer sees the whole conversation when reviewing, and does not take part in it
    const seen = (await cast.reviewer.get(`/api/orders/${o.id}`)).body.timeline.filter((e: any) => e.action === 'comment').map((e: any) => e.note);
    expect(seen).toEqual(['下午两点以后家里有人', '好的，下午过来', '已安排网格员']);
    expect((await cast.reviewer.post(`/api/orders/${o.id}/updates`, { text: '收到' })).status).toBe(403);
    expect((await cast.reviewer.post(`/api/orders/${o.id}/ask`, { question: '什么时候修？' })).status).toBe(403);
    // the resident cannot ask themselves for more
    expect((await cast.resident.post(`/api/orders/${o.id}/ask`, { question: '什么时候修？' })).status).toBe(403);
    // outside scope: not there
    for (const c of [cast.resident2, cast.gridWorker2, cast.staffHuimin, neighbour]) {
      expect((await c.post(`/api/orders/${o.id}/updates`, { text: '你好' })).status).toBe(404);
      expect((await c.post(`/api/orders/${o.id}/ask`, { question: '你好吗？' })).status).toBe(404);
    }
    const comments = await s.deps.db.orderEvent.count({ where: { orderId: o.id, action: 'comment' } });
    expect(comments).toBe(3);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const o = await raiseOrder(cast.resident, {});
    const empty = await cast.resident.post(`/api/orders/${o.id}/updates`, { text: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0].path).toBe('body.text');
    const long = await cast.resident.post(`/api/orders/${o.id}/updates`, { text: '水'.repeat(1001) });
    expect(long.status).toBe(400);
    const notMine = await cast.resident.post(`/api/orders/${o.id}/updates`, { text: '照片', photos: [await uploadAs(cast.resident2)] });
    expect(notMine.status).toBe(400);
    expect(notMine.body.error.details[0].path).toBe('body.photos.0');
    const noQuestion = await cast.gridWorker.post(`/api/orders/${o.id}/ask`, {});
    expect(noQuestion.status).toBe(400);
    expect(noQuestion.body.error.details[0].path).toBe('body.question');
    expect(await s.deps.db.orderEvent.count({ where: { orderId: o.id } })).toBe(1);
  });

  it('a photo alone is a message', async () => {
    const o = await raiseOrder(cast.resident, {});
    const r = await cast.resident.post(`/api/orders/${o.id}/updates`, { photos: [await uploadAs(cast.resident)] });
    expect(r.status).toBe(201);
    expect(r.body.timeline.at(-1)).toMatchObject({ action: 'comment', note: null, photos: [expect.objectContaining({ url: expect.any(String) })] });
  });

  it('nothing more is said on a closed, cancelled or merged order (409), nor asked of a resolved one', async () => {
    const cancelled = await raiseOrder(cast.resident, {});
    await cast.resident.post(`/api/orders/${cancelled.id}/cancel`, {});
    const r = await cast.resident.post(`/api/orders/${cancelled.id}/updates`, { text: '还在吗' });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('invalid_transition');
    const resolved = await raiseOrder(cast.resident, {});
    await advanceOrder(cast, resolved.id, 'resolved');
    expect((await cast.gridWorker.post(`/api/orders/${resolved.id}/ask`, { question: '修好了吗？' })).status).toBe(409);
    // a resolved order may still be talked about (before 评单)
    expect((await cast.resident.post(`/api/orders/${resolved.id}/updates`, { text: '谢谢' })).status).toBe(201);
    const closed = await raiseOrder(cast.resident, {});
    await advanceOrder(cast, closed.id, 'rated');
    await cast.reviewer.post(`/api/orders/${closed.id}/review`, { verdict: 'pass', comment: '办得好' });
    expect((await cast.gridWorker.post(`/api/orders/${closed.id}/updates`, { text: '回访' })).status).toBe(409);
  });

  it('a risky message is refused by WeChat’s check with the field named, and nothing is written', async () => {
    const o = await raiseOrder(cast.resident, {});
    const r = await cast.resident.post(`/api/orders/${o.id}/updates`, { text: '加我看赌博网站' });
    expect(r.status).toBe(400);
    expect(r.body.error.reason).toBe('content_risky');
    expect(r.body.error.details[0].path).toBe('body.text');
    const asked = await cast.gridWorker.post(`/api/orders/${o.id}/ask`, { question: '赌博网站是哪个' });
    expect(asked.status).toBe(400);
    expect(asked.body.error.details[0].path).toBe('body.question');
    expect(await s.deps.db.orderEvent.count({ where: { orderId: o.id } })).toBe(1);
    expect((await orderRow(o.id)).status).toBe('submitted');
  });
});

describe('是不是这件事？ duplicates offered, joined and merged', () => {
  it('offers a neighbour’s open order of the same category with the same problem, as a neighbour may see it; not other problems, categories or buildings', async () => {
    const o = await raiseOrder(cast.resident, { category: 'repair', description: '楼道的灯坏了，晚上黑乎乎的看不见' });
    await raiseOrder(cast.resident, { category: 'repair', description: '卫生间马桶堵了，冲不下去' });
    const q = (c: Client, category: string, description: string) => c.get(`/api/orders/similar?category=${category}&description=${encodeURIComponent(description)}`);
    const offered = await q(neighbour, 'repair', '三单元楼道灯不亮了，晚上走路看不见');
    expect(offered.status).toBe(200);
    expect(offered.body.map((x: any) => x.id)).toEqual([o.id]);
    const [offer] = offered.body;
    // what a neighbour may see: what it is about and how far it got; no name, room, phone, description
    expect(Object.keys(offer).sort()).toEqual(['building', 'category', 'createdAt', 'id', 'joined', 'joinedByMe', 'mergedInto', 'similarity', 'status', 'title', 'updatedAt', 'yours'].sort());
    expect(offer).toMatchObject({ yours: false, joinedByMe: false, joined: 0, status: 'submitted' });
    expect(offer.similarity).toBeGreaterThanOrEqual(0.33);
    // another category, another building, another problem: nothing
    expect((await q(neighbour, 'sanitation', '三单元楼道灯不亮了，晚上走路看不见')).body).toEqual([]);
    expect((await q(cast.resident2, 'repair', '三单元楼道灯不亮了，晚上走路看不见')).body).toEqual([]);
    expect((await q(neighbour, 'repair', '电梯坏了，停在三楼不动')).body).toEqual([]);
    // a household's own matter (低保, 纠纷…) is never offered to neighbours, nor joinable
    const dispute = await raiseOrder(cast.resident, { category: 'dispute', description: '楼道的灯坏了，晚上黑乎乎的看不见' });
    expect((await q(neighbour, 'dispute', '三单元楼道灯不亮了，晚上走路看不见')).body).toEqual([]);
    expect((await neighbour.post(`/api/orders/${dispute.id}/join`)).status).toBe(404);
    expect((await neighbour.get(`/api/orders/${dispute.id}/brief`)).status).toBe(404);
    // the resident's own: offered as theirs (filing the same twice)
    expect((await q(cast.resident, 'repair', '楼道灯坏了，晚上看不见')).body[0]).toMatchObject({ id: o.id, yours: true });
    // older than 14 days: not offered
    s.advance(15 * 1440);
    expect((await q(neighbour, 'repair', '三单元楼道灯不亮了，晚上走路看不见')).body).toEqual([]);
    const bad = await neighbour.get('/api/orders/similar?category=repair');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('query.description');
  });

  it('joining (+1): counted, the joiner reads the brief and hears of progress; the filer is not told who', async () => {
    const o = await raiseOrder(cast.resident, { category: 'sanitation', description: '楼下垃圾好几天没人收，很臭。我家老人闻了头疼' });
    // before joining, the neighbour cannot open the order itself
    expect((await neighbour.get(`/api/orders/${o.id}`)).status).toBe(404);
    const joined = await neighbour.post(`/api/orders/${o.id}/join`);
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ id: o.id, joined: 1, joinedByMe: true, yours: false, steps: [expect.objectContaining({ action: 'submit', to: 'submitted' })] });
    // the title (the first words) says what it is about; the rest of the description is not shown
    expect(joined.body.title).toBe('环境卫生：楼下垃圾好几天没人收，很臭');
    expect(JSON.stringify(joined.body)).not.toContain('老人');
    // twice is the same +1
    expect((await neighbour.post(`/api/orders/${o.id}/join`)).body.joined).toBe(1);
    expect((await neighbour.get(`/api/orders/${o.id}`)).status).toBe(404);
    // the order shows "1 户也反映了"; staff see who, the household that filed it does not
    const mine = (await cast.resident.get(`/api/orders/${o.id}`)).body;
    expect(mine.joined).toBe(1);
    expect(mine.timeline.at(-1)).toMatchObject({ action: 'join', actor: null });
    expect((await cast.staff.get(`/api/orders/${o.id}`)).body.timeline.at(-1)).toMatchObject({ action: 'join', actor: { id: neighbour.userId } });
    // one's own order, another building's, a finished one: not joinable
    expect((await cast.resident.post(`/api/orders/${o.id}/join`)).status).toBe(409);
    expect((await cast.resident2.post(`/api/orders/${o.id}/join`)).status).toBe(404);
    expect((await cast.gridWorker.post(`/api/orders/${o.id}/join`)).status).toBe(404);
    // the joiner hears as the order moves, and opens its brief
    await neighbour.post('/api/notices/subscriptions', { accepted: ['order_status', 'order_status'] });
    messenger.sent.length = 0;
    await advanceOrder(cast, o.id, 'dispatched');
    await settle();
    expect(messenger.sent).toContainEqual(expect.objectContaining({ openid: 'test-neighbour', page: `pages/order/index?id=${o.id}&joined=1`, data: expect.objectContaining({ phrase2: { value: '已派单' } }) }));
    const brief = await neighbour.get(`/api/orders/${o.id}/brief`);
    expect(brief.body.steps.map((x: any) => x.to)).toEqual(['submitted', 'dispatched']);
    // someone of another building gets nothing of it
    expect((await cast.resident2.get(`/api/orders/${o.id}/brief`)).status).toBe(404);
  });

  it('staff merge a duplicate: it closes with a pointer, its household follows the original', async () => {
    const original = await raiseOrder(cast.resident, { category: 'housing', description: '楼顶漏雨，下雨天屋里滴水' });
    const dup = await raiseOrder(neighbour, { category: 'housing', description: '下雨屋顶漏水，天花板在滴水' });
    // not by the worker, the resident or another community's staff; not into itself or an unknown order
    expect((await cast.gridWorker.post(`/api/orders/${dup.id}/merge`, { into: original.id })).status).toBe(403);
    expect((await neighbour.post(`/api/orders/${dup.id}/merge`, { into: original.id })).status).toBe(403);
    expect((await cast.staffHuimin.post(`/api/orders/${dup.id}/merge`, { into: original.id })).status).toBe(404);
    const self = await cast.staff.post(`/api/orders/${dup.id}/merge`, { into: dup.id });
    expect(self.status).toBe(400);
    expect(self.body.error.details[0].path).toBe('body.into');
    expect((await cast.staff.post(`/api/orders/${dup.id}/merge`, { into: 'nope' })).status).toBe(404);

    const r = await cast.staff.post(`/api/orders/${dup.id}/merge`, { into: original.id, note: '同一处漏水' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'merged', mergedInto: original.id, closedAt: expect.any(String) });
    expect(r.body.timeline.at(-1)).toMatchObject({ action: 'merge', to: 'merged', note: '同一处漏水' });
    const orig = (await cast.staff.get(`/api/orders/${original.id}`)).body;
    expect(orig.joined).toBe(1);
    expect(orig.timeline.at(-1)).toMatchObject({ action: 'merge', from: 'submitted', to: 'submitted' });
    // the duplicate's resident now follows the original
    expect((await neighbour.get(`/api/orders/${original.id}/brief`)).body).toMatchObject({ joinedByMe: true, joined: 1 });
    expect((await neighbour.get(`/api/orders/${dup.id}`)).body.status).toBe('merged');
    // a merged order is finished: no second merge, no message
    expect((await cast.staff.post(`/api/orders/${dup.id}/merge`, { into: original.id })).status).toBe(409);
    expect((await neighbour.post(`/api/orders/${dup.id}/updates`, { text: '还没修' })).status).toBe(409);
    // merged orders are not offered
    const offered = await neighbour.get(`/api/orders/similar?category=housing&description=${encodeURIComponent('下雨屋顶漏水')}`);
    expect(offered.body.map((x: any) => x.id)).toEqual([original.id]);
  });
});

describe('常用回复 (stock replies)', () => {
  it('staff write them per category; workers read them for the category; residents and other communities do not', async () => {
    const ask = await cast.staff.post('/api/categories/replies', { category: 'repair', purpose: 'ask', text: '请拍一张损坏位置的照片' });
    expect(ask.status).toBe(201);
    const any = await cast.staff.post('/api/categories/replies', { purpose: 'resolve', text: '已上门处理，请您确认' });
    expect(any.status).toBe(201);
    await cast.staff.post('/api/categories/replies', { category: 'housing', purpose: 'ask', text: '漏水的是哪个房间？' });
    const forRepair = await cast.gridWorker.get('/api/categories/replies?category=repair');
    expect(forRepair.body.map((x: any) => x.text)).toEqual(['请拍一张损坏位置的照片', '已上门处理，请您确认']);
    expect((await cast.gridWorker.get('/api/categories/replies?category=repair&purpose=ask')).body).toEqual([
      { id: ask.body.id, category: 'repair', purpose: 'ask', text: '请拍一张损坏位置的照片', sort: 0 },
    ]);
    expect((await cast.resident.get('/api/categories/replies')).status).toBe(403);
    expect((await cast.gridWorkerHuimin.get('/api/categories/replies?category=repair')).body).toEqual([]);
    // only the community's staff edit them
    expect((await cast.gridWorker.post('/api/categories/replies', { purpose: 'ask', text: '你好' })).status).toBe(403);
    expect((await patch(cast.gridWorker, `/api/categories/replies/${ask.body.id}`, { text: '改一改' })).status).toBe(403);
    expect((await patch(cast.staffHuimin, `/api/categories/replies/${ask.body.id}`, { text: '改一改' })).status).toBe(404);
    const changed = await patch(cast.staff, `/api/categories/replies/${ask.body.id}`, { text: '请拍一张漏水位置的照片', sort: 2 });
    expect(changed.body).toMatchObject({ text: '请拍一张漏水位置的照片', sort: 2 });
    const unknown = await cast.staff.post('/api/categories/replies', { category: 'nope', purpose: 'ask', text: '你好呀' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].path).toBe('body.category');
    expect((await del(cast.staffHuimin, `/api/categories/replies/${any.body.id}`)).status).toBe(404);
    expect((await del(cast.staff, `/api/categories/replies/${any.body.id}`)).status).toBe(204);
    expect((await cast.gridWorker.get('/api/categories/replies?category=repair')).body.map((x: any) => x.text)).toEqual(['请拍一张漏水位置的照片']);
  });
});
