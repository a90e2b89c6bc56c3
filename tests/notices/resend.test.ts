// 可能已发出 over HTTP: a send whose outcome is unknown (WeChat never answered; the worker
// gave up waiting) is its own state, apart from plain failures (the channel said no).
// "重发失败的群" sends plain failures only; one group is sent again on its own, and a
// possibly posted one only when staff confirm it. Also the staff list's filters and the
// audience picker's counts. The worker runs in the test on the injected clock, through a
// channel that records what reached each group.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelError, type Channel, type GroupPost, type GroupTarget } from '../../server/notices/channel.js';
import { DeliveryWorker, REASON_TIMEOUT, type Sleep } from '../../server/notices/deliveryWorker.js';
import { signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';
import { writeMark, writesSince } from '../support/writeLog.js';

let s: TestServer;
let cast: Cast;
let huize: { id: string; grids: Array<{ id: string; name: string }>; buildings: Array<{ id: string; name: string; gridId: string }> };

/** A group chat service: posts land in `received`; some groups refuse, some take the post and never answer. */
class Groups implements Channel {
  readonly name = 'wechaty' as const;
  readonly minGapMs = 0;
  received = new Map<string, number>();
  refuse = new Set<string>();
  /** posted, but the answer never comes: the worker's send times out */
  silent = new Set<string>();
  private hung: Array<() => void> = [];
  senders = () => 'any' as const;
  async send(t: GroupTarget, _p: GroupPost): Promise<void> {
    if (this.refuse.has(t.topic)) throw new ChannelError('机器人已不在该群（可能被移出），请把它拉回群后重发', true);
    this.received.set(t.topic, (this.received.get(t.topic) ?? 0) + 1);
    if (this.silent.has(t.topic)) return new Promise<void>((resolve) => this.hung.push(resolve));
  }
  release() {
    this.hung.splice(0).forEach((r) => r());
  }
}
const groups = new Groups();
const sleep: Sleep = async (ms) => {
  s.advance(ms / 60_000);
  await new Promise((r) => setImmediate(r));
};
/** Sends everything due, on the simulated clock; a send without an answer is given up after 30 ms. */
const deliverAll = () => new DeliveryWorker(s.deps, { channels: [groups], sleep, idleMs: 3600_000, sendTimeoutMs: 30 }).runUntilIdle();

const topic = (building: string) => `${building}居民群`;
const compose = async (body: Record<string, unknown> = {}) => {
  const r = await cast.staff.post('/api/notices', { kind: 'policy', title: '医保缴费提醒', body: '2026年度城乡居民医保开始缴费。', audience: { type: 'community' }, ...body });
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  return r.body as { id: string };
};
const progress = async (id: string) => (await cast.staff.get(`/api/notices/${id}/deliveries`)).body;
const itemOf = (p: any, building: string) => p.items.find((i: any) => i.group.topic === topic(building));
const resend = (id: string, deliveryId: string, body: unknown = {}, who = cast.staff) => who.post(`/api/notices/${id}/deliveries/${deliveryId}/resend`, body);

beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  const c = await s.deps.db.community.findFirstOrThrow({
    where: { name: '惠泽社区' },
    include: { grids: { orderBy: { name: 'asc' } }, buildings: { orderBy: { name: 'asc' } } },
  });
  huize = c;
  // the demo's notice scheduled for tomorrow would join every run of the worker here
  await s.deps.db.noticeDelivery.deleteMany({ where: { status: 'pending' } });
});
afterAll(async () => {
  groups.release();
  await s?.close();
});

describe('a send that never got its answer', () => {
  let noticeId: string;

  it('is 可能已发出, counted apart from the plain failures, with its reason', async () => {
    const grid1 = huize.grids[0]!; // 惠泽1栋, 2栋, 3栋
    groups.silent.add(topic('惠泽1栋'));
    groups.refuse.add(topic('惠泽2栋'));
    noticeId = (await compose({ title: '第1网格停水', audience: { type: 'grids', gridIds: [grid1.id] } })).id;
    await deliverAll();

    const p = await progress(noticeId);
    expect(p).toMatchObject({ total: 3, sent: 1, failed: 1, possibly_sent: 1, pending: 0, retrying: 0 });
    expect(itemOf(p, '惠泽1栋')).toMatchObject({ status: 'possibly_sent', attempts: 1, lastError: REASON_TIMEOUT, sentAt: null });
    expect(itemOf(p, '惠泽2栋')).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('机器人已不在该群') });
    expect(p.summary).toBe('已发送 1/3 个群，1 个失败：机器人已不在该群（可能被移出），请把它拉回群后重发，1 个可能已发出（请到群里看一看）');
    // the notice itself is done sending: nothing is left for the worker
    const n = await cast.staff.get(`/api/notices/manage/${noticeId}`);
    expect(n.body).toMatchObject({ state: 'done', delivery: { total: 3, sent: 1, failed: 1, possibly_sent: 1 } });
    expect(groups.received.get(topic('惠泽1栋'))).toBe(1); // it did reach the group
  });

  it('"resend the failed" sends the plain failure only: the possibly posted group gets no second copy', async () => {
    groups.refuse.clear();
    const r = await cast.staff.post(`/api/notices/${noticeId}/retry`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ pending: 1, failed: 0, possibly_sent: 1 });
    expect(itemOf(r.body, '惠泽2栋')).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
    await deliverAll();
    expect(groups.received.get(topic('惠泽2栋'))).toBe(1);
    expect(groups.received.get(topic('惠泽1栋'))).toBe(1);
    expect(await progress(noticeId)).toMatchObject({ sent: 2, failed: 0, possibly_sent: 1 });

    // and again: nothing failed plainly now; the answer says why and nothing is queued
    const mark = await writeMark(s.deps.db);
    const again = await cast.staff.post(`/api/notices/${noticeId}/retry`);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'invalid_transition', reason: 'only_possibly_posted', message: expect.stringContaining('1 may have been posted already') });
    expect(await writesSince(s.deps.db, mark)).toEqual({});
  });

  it('is sent to one group again only when staff confirm it may get the post twice', async () => {
    const d = itemOf(await progress(noticeId), '惠泽1栋');
    const mark = await writeMark(s.deps.db);
    for (const body of [{}, { confirmPossiblyPosted: false }]) {
      const r = await resend(noticeId, d.id, body);
      expect(r.status).toBe(409);
      expect(r.body.error).toMatchObject({
        code: 'conflict',
        reason: 'possibly_posted',
        message: expect.stringContaining('may have got the notice already'),
        details: [{ path: 'body.confirmPossiblyPosted', message: expect.any(String) }],
      });
    }
    const bad = await resend(noticeId, d.id, { confirmPossiblyPosted: 'yes' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('body.confirmPossiblyPosted');
    expect(await writesSince(s.deps.db, mark)).toEqual({});
    expect(groups.received.get(topic('惠泽1栋'))).toBe(1);

    const ok = await resend(noticeId, d.id, { confirmPossiblyPosted: true });
    expect(ok.status).toBe(200);
    expect(itemOf(ok.body, '惠泽1栋')).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
    expect(ok.body).toMatchObject({ pending: 1, possibly_sent: 0, sent: 2 });
    groups.silent.clear();
    await deliverAll();
    expect(groups.received.get(topic('惠泽1栋'))).toBe(2); // staff chose it, knowingly
    expect(await progress(noticeId)).toMatchObject({ sent: 3, failed: 0, possibly_sent: 0, summary: '已发送 3/3 个群' });

    // a group that has it is not sent again, confirmed or not
    const sent = await resend(noticeId, d.id, { confirmPossiblyPosted: true });
    expect(sent.status).toBe(409);
    expect(sent.body.error).toMatchObject({ code: 'invalid_transition', reason: 'not_resendable' });
  });

  it('a plain failure is sent to its one group again without any confirmation, the others untouched', async () => {
    groups.refuse.add(topic('惠泽4栋'));
    groups.silent.add(topic('惠泽5栋'));
    const n = await compose({ title: '第2网格义诊', audience: { type: 'grids', gridIds: [huize.grids[1]!.id] } }); // 4栋, 5栋, 6栋
    await deliverAll();
    groups.release();
    const before = new Map(groups.received);
    groups.refuse.clear();
    groups.silent.clear();
    const p = await progress(n.id);
    expect(p).toMatchObject({ failed: 1, possibly_sent: 1, sent: 1 });
    const r = await resend(n.id, itemOf(p, '惠泽4栋').id);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ pending: 1, failed: 0, possibly_sent: 1 });
    await deliverAll();
    expect(groups.received.get(topic('惠泽4栋'))).toBe(1);
    expect(groups.received.get(topic('惠泽5栋'))).toBe(before.get(topic('惠泽5栋'))); // not again
    expect(groups.received.get(topic('惠泽6栋'))).toBe(before.get(topic('惠泽6栋')));
  });

  it('only the notice\'s own staff resend, only its own deliveries, never a withdrawn one', async () => {
    groups.refuse.add(topic('惠泽7栋'));
    const n = await compose({ title: '第3网格', audience: { type: 'buildings', buildingIds: [huize.buildings.find((b) => b.name === '惠泽7栋')!.id] } });
    await deliverAll();
    groups.refuse.clear();
    const d = (await progress(n.id)).items[0];
    expect(d.status).toBe('failed');
    const other = (await progress(noticeId)).items[0];
    const mark = await writeMark(s.deps.db);
    expect((await resend(n.id, d.id, {}, cast.staffHuimin)).status).toBe(404); // another community's notice: unknown
    expect((await resend(n.id, d.id, {}, cast.gridWorker)).status).toBe(403); // no staff
    expect((await resend(n.id, d.id, {}, cast.resident)).status).toBe(403);
    expect((await resend(n.id, other.id, {})).status).toBe(404); // a delivery of another notice
    expect((await resend(n.id, 'c'.repeat(25), {})).status).toBe(404);
    expect(await writesSince(s.deps.db, mark)).toEqual({});

    expect((await cast.staff.post(`/api/notices/${n.id}/cancel`)).status).toBe(200);
    const w = await resend(n.id, d.id, {});
    expect(w.status).toBe(409);
    expect(w.body.error).toMatchObject({ code: 'invalid_transition', reason: 'withdrawn' });
    expect(await writesSince(s.deps.db, mark)).toEqual({ Notice: 'UPDATE×1' });
  });
});

describe("staff's list of notices", () => {
  const list = async (q: string) => {
    const r = await cast.staff.get(`/api/notices/manage${q}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as { items: Array<{ id: string; title: string; state: string; kind: string }>; nextCursor: string | null };
  };

  it('filters by state, kind and words, on the server, and pages', async () => {
    const later = await compose({ kind: 'activity', title: '重阳节敬老茶话会', sendAt: new Date(s.now().getTime() + 86400_000).toISOString() });
    const scheduled = await list('?state=scheduled');
    expect(scheduled.items.map((n) => n.id)).toContain(later.id);
    expect(scheduled.items.every((n) => n.state === 'scheduled')).toBe(true);
    const activities = await list('?kind=activity');
    expect(activities.items.map((n) => n.title)).toContain('重阳节敬老茶话会');
    expect(activities.items.every((n) => n.kind === 'activity')).toBe(true);
    expect((await list('?kind=policy')).items.map((n) => n.title)).not.toContain('重阳节敬老茶话会');
    expect((await list(`?q=${encodeURIComponent('敬老茶话')}`)).items.map((n) => n.id)).toEqual([later.id]);
    expect((await list(`?q=${encodeURIComponent('没有这样的通知')}`)).items).toEqual([]);
    // what needs a look: a failure or a possibly posted group, on a notice not withdrawn
    const attention = await list('?state=attention');
    expect(attention.items.map((n) => n.title)).toEqual(['第2网格义诊']); // 惠泽5栋 可能已发出; 第3网格 is withdrawn
    expect((await list('?state=cancelled')).items.map((n) => n.title)).toContain('第3网格');
    expect((await list('?state=done')).items.every((n) => n.state === 'done')).toBe(true);

    const first = await list('?limit=2');
    expect(first.items).toHaveLength(2);
    const second = await list(`?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((n) => n.id)).not.toContain(first.items[0]!.id);

    const bad = await cast.staff.get('/api/notices/manage?state=lost');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('query.state');
    // another community's staff see none of these
    expect((await cast.staffHuimin.get(`/api/notices/manage?q=${encodeURIComponent('敬老茶话')}`)).body.items).toEqual([]);
  });
});

describe('the audience picker', () => {
  it("counts each building's households and names its group; a building without one says so", async () => {
    const r = await cast.staff.get('/api/notices/audience');
    expect(r.status).toBe(200);
    expect(r.body.communityId).toBe(huize.id);
    expect(r.body.grids.map((g: any) => g.name)).toEqual(['第1网格', '第2网格', '第3网格']);
    const all = r.body.grids.flatMap((g: any) => g.buildings);
    expect(all.map((b: any) => b.name)).toEqual(['惠泽1栋', '惠泽2栋', '惠泽3栋', '惠泽4栋', '惠泽5栋', '惠泽6栋', '惠泽7栋', '惠泽8栋', '惠泽9栋']);
    const households = await s.deps.db.household.groupBy({ by: ['buildingId'], where: { communityId: huize.id }, _count: { _all: true } });
    for (const b of all) expect(b.households).toBe(households.find((h) => h.buildingId === b.id)!._count._all);
    expect(all.find((b: any) => b.name === '惠泽1栋').group).toMatchObject({ topic: '惠泽1栋居民群', channel: 'wechaty' });
    expect(all.find((b: any) => b.name === '惠泽9栋').group).toBeNull();
  });

  it("is staff's, for their own community; an admin names one", async () => {
    const huimin = await s.deps.db.community.findFirstOrThrow({ where: { name: '惠民社区' } });
    expect((await cast.staff.get(`/api/notices/audience?communityId=${huimin.id}`)).status).toBe(404);
    expect((await cast.gridWorker.get('/api/notices/audience')).status).toBe(403);
    expect((await cast.resident.get('/api/notices/audience')).status).toBe(403);
    const admin = await cast.admin.get(`/api/notices/audience?communityId=${huimin.id}`);
    expect(admin.status).toBe(200);
    expect(admin.body.communityId).toBe(huimin.id);
    expect((await cast.admin.get(`/api/notices/audience?communityId=${'c'.repeat(25)}`)).status).toBe(404);
  });
});
