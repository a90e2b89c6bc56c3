// Delivery of notices into the building groups, driven through the real bot on
// wechaty-puppet-mock: what each mock group received, when (on the injected
// clock — nothing really sleeps), and what the database recorded.
import { PuppetMock } from 'wechaty-puppet-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Deps } from '../../server/context.js';
import { onRoomMessage, startMockBot, type MockBot } from '../../server/bot/mockBot.js';
import type { Channel } from '../../server/notices/channel.js';
import { DEMO_BOT_ID, demoRoomId } from '../../server/notices/demoData.js';
import { DeliveryWorker, REASON_INTERRUPTED, type Sleep } from '../../server/notices/deliveryWorker.js';
import { nextLocalHour } from '../../server/notices/throttle.js';
import { FakeWeComApi, WeComWebhookChannel } from '../../server/notices/wecom.js';
import { signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';

/** WeChat refusing posts to some groups, the given number of times (Infinity: always). */
class FussyPuppet extends PuppetMock {
  refusals = new Map<string, number>();
  override async messageSendText(conversationId: string, text: string): Promise<void> {
    const left = this.refusals.get(conversationId) ?? 0;
    if (left > 0) {
      this.refusals.set(conversationId, left - 1);
      throw new Error('操作太频繁，请稍后再试');
    }
    return super.messageSendText(conversationId, text);
  }
}

let s: TestServer;
let cast: Cast;
let m: MockBot;
let puppet: FussyPuppet;
const buildings = new Map<string, { id: string; communityId: string; gridId: string }>();
/** Every post the bot made: which group, when (simulated), what. */
let posts: Array<{ room: string; topic: string; at: number; text: string }> = [];

/** Simulated sleep: moves the server's clock instead of waiting. */
let slept = 0;
const sleep: Sleep = async (ms) => {
  slept += ms;
  s.advance(ms / 60_000);
  await new Promise((r) => setImmediate(r));
};
const worker = (over: Partial<ConstructorParameters<typeof DeliveryWorker>[1]> = {}, deps: Deps = s.deps) =>
  new DeliveryWorker(deps, { channels: [m.bot.channel], sleep, idleMs: 3600_000, ...over });

const CN = 'Asia/Shanghai';
/** Moves the clock to the next day's given local hour in China (a fresh day for the daily cap). */
function nextDayAt(hour: number) {
  const t = nextLocalHour(new Date(s.now().getTime() + 86400_000 - 3600_000), hour, CN);
  s.advance((t.getTime() - s.now().getTime()) / 60_000);
}
const localHour = (ms: number) => Number(new Intl.DateTimeFormat('en', { timeZone: CN, hour: 'numeric', hourCycle: 'h23' }).format(ms));

const roomOf = (name: string) => demoRoomId(buildings.get(name)!.id);
const compose = async (body: Record<string, unknown>, as = cast.staff) => {
  const r = await as.post('/api/notices', { kind: 'policy', title: '通知', body: '请各位居民周知。', audience: { type: 'community' }, ...body });
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  return r.body as { id: string; delivery: { total: number } };
};
const progress = async (id: string) => (await cast.staff.get(`/api/notices/${id}/deliveries`)).body;
const countBy = <T,>(xs: T[], key: (x: T) => string) =>
  xs.reduce((acc, x) => acc.set(key(x), (acc.get(key(x)) ?? 0) + 1), new Map<string, number>());

beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  for (const b of await s.deps.db.building.findMany()) buildings.set(b.name, b);
  // the demo's notice scheduled for tomorrow would otherwise join every broadcast here
  await s.deps.db.noticeDelivery.deleteMany({ where: { status: 'pending' } });
  m = await startMockBot(s.deps, {
    selfId: DEMO_BOT_ID,
    selfName: 'e家小助手',
    mode: 'demo',
    groups: [...buildings.entries()].map(([name, b]) => ({ id: demoRoomId(b.id), topic: `${name}居民群` })),
    members: (mocker) => [mocker.createContact({ name: '居民' })],
    puppet: (mocker) => (puppet = new FussyPuppet({ mocker })),
  });
  for (const room of m.rooms.values()) {
    onRoomMessage(room, (msg) => {
      if (msg.payload.talkerId === m.self.id) posts.push({ room: room.id, topic: room.payload.topic, at: s.now().getTime(), text: msg.text() ?? '' });
    });
  }
});
// the worker of 'a worker that died mid-send' hangs in its send until the file ends: then it is
// let go, before the database goes, so that its last write cannot land in another test file
let killDoomed: (() => void) | undefined;
let doomedStep: Promise<unknown> | undefined;

afterAll(async () => {
  killDoomed?.();
  await doomedStep?.catch(() => {});
  await m?.bot.stop();
  await s?.close();
});
beforeEach(() => {
  posts = [];
  slept = 0;
  puppet.refusals.clear();
});

describe('a broadcast', () => {
  it('arrives once in every linked group, a random 2–5 s apart', async () => {
    nextDayAt(10);
    const start = s.now().getTime();
    const a = await compose({ title: '医保缴费提醒', body: '2026年度城乡居民医保开始缴费。' });
    const b = await compose({ kind: 'service', title: '惠民社区义诊', body: '周六上午社区广场义诊。' }, cast.staffHuimin);
    expect(a.delivery.total + b.delivery.total).toBe(17);
    await worker().runUntilIdle();

    expect(posts).toHaveLength(17);
    const perRoom = countBy(posts, (p) => p.room);
    expect([...perRoom.values()].every((n) => n === 1)).toBe(true);
    expect(perRoom.has(roomOf('惠泽1栋'))).toBe(true);
    expect(perRoom.has(roomOf('惠泽9栋'))).toBe(false); // not linked
    expect(perRoom.has(roomOf('恒大1栋'))).toBe(false);
    const huize = posts.find((p) => p.room === roomOf('惠泽1栋'))!;
    expect(huize.text).toBe('【惠民政策】医保缴费提醒\n\n2026年度城乡居民医保开始缴费。\n\n—— 惠泽社区');

    // one bot account: one post at a time, each gap drawn from 2–5 s
    const times = posts.map((p) => p.at);
    expect(times[0]).toBe(start);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(2000);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(5000);
    expect(new Set(gaps).size).toBeGreaterThan(1); // random, not fixed
    expect(slept).toBeGreaterThanOrEqual(gaps.reduce((x, y) => x + y, 0));

    const p = await progress(a.id);
    expect(p).toMatchObject({ total: 8, sent: 8, failed: 0, summary: '已发送 8/8 个群' });
    expect(p.items.every((i: any) => i.status === 'sent' && i.attempts === 1 && i.sentAt)).toBe(true);
    expect((await cast.staff.get(`/api/notices/manage/${a.id}`)).body.state).toBe('done');
  });

  it('holds ordinary notices through the quiet hours but sends an emergency at once, first', async () => {
    nextDayAt(23);
    const night = s.now().getTime();
    const ordinary = await compose({ title: '明天的通知' });
    const emergency = await compose({
      kind: 'emergency',
      title: '1栋燃气泄漏，请勿用火',
      body: '1栋2单元燃气泄漏，已关闭总阀，请勿开关电器、勿用明火。',
      audience: { type: 'buildings', buildingIds: [buildings.get('惠泽1栋')!.id, buildings.get('惠泽2栋')!.id] },
    });
    await worker().runUntilIdle();

    const urgent = posts.filter((p) => p.text.startsWith('【紧急通知】'));
    const rest = posts.filter((p) => !p.text.startsWith('【紧急通知】'));
    expect(urgent).toHaveLength(2);
    expect(rest).toHaveLength(8);
    expect(urgent.every((p) => p.at - night < 60_000)).toBe(true);
    expect(Math.min(...rest.map((p) => p.at))).toBeGreaterThan(Math.max(...urgent.map((p) => p.at)));
    expect(rest.every((p) => localHour(p.at) >= 7 && localHour(p.at) < 22)).toBe(true);
    expect(rest.every((p) => p.at - night >= 7 * 3600_000)).toBe(true); // 23:00 → 07:00 next morning
    expect((await progress(ordinary.id)).sent).toBe(8);
    expect((await progress(emergency.id)).sent).toBe(2);
  });

  it('stops at the daily cap of the bot account and carries on the next morning', async () => {
    nextDayAt(20);
    const capped: Deps = { ...s.deps, config: { ...s.deps.config, notices: { ...s.deps.config.notices, dailyCap: 5 } } };
    const n = await compose({ title: '限额测试' });
    await worker({}, capped).runUntilIdle();
    expect(posts).toHaveLength(8);
    const day = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone: CN }).format(t);
    const byDay = countBy(posts, (p) => day(p.at));
    expect([...byDay.values()]).toEqual([5, 3]);
    expect(localHour(posts[5]!.at)).toBe(7); // after midnight comes the quiet hours; then the rest
    expect((await progress(n.id)).sent).toBe(8);
    const sender = await s.deps.db.noticeSender.findUniqueOrThrow({ where: { id: `wechaty:${DEMO_BOT_ID}` } });
    expect(sender.sentToday).toBe(3);
  });
});

describe('stopping and crashing', () => {
  // real time, not a count of turns: a PostgreSQL round trip is many turns of the event loop
  const until = async (cond: () => boolean, ms = 10_000) => {
    const end = Date.now() + ms;
    while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 1));
    if (!cond()) throw new Error('condition never met');
  };

  it('a worker stopped mid-broadcast and started again finishes without posting twice', async () => {
    nextDayAt(10);
    const n = await compose({ title: '停了又开' });
    const first = worker();
    first.start();
    await until(() => posts.length >= 3);
    await first.stop();
    const before = posts.length;
    expect(before).toBeGreaterThanOrEqual(3);
    expect(before).toBeLessThan(8);
    const p = await progress(n.id);
    expect(p.sent).toBe(before); // every post it made is recorded
    expect(p.items.filter((i: any) => i.status === 'pending').length).toBe(8 - before);

    await worker().runUntilIdle();
    expect(posts).toHaveLength(8);
    expect([...countBy(posts, (x) => x.room).values()].every((c) => c === 1)).toBe(true);
    expect((await progress(n.id)).sent).toBe(8);
  });

  it('two workers at once never send the same delivery, and keep the one account’s pace', async () => {
    nextDayAt(10);
    await compose({ title: '两个工人' });
    // One simulated clock for both, moved only when neither worker is running, to the earliest
    // wake-up (a sleeper moving it on its own would stretch the other's gaps). It also forces the
    // interleavings this test is about, rather than leaving them to scheduling:
    // - the first claim is slow: it reaches the database only after the clock has moved on and the
    //   other worker, woken, has read the same delivery as due and claimed it first (a claim that
    //   let both through would post it twice);
    // - turns alternate: when the clock moves, the worker that did not send last is woken first
    //   (early, if it was not due yet: a worker may wake at any time and look again), so both
    //   take part by construction.
    type Who = 'w1' | 'w2';
    const sleepers = new Map<Who, { at: number; wake: () => void }>();
    let running = 2;
    let lastSender: Who | null = null;
    const looked = new Set<Who>(); // woken since the last send
    let slow: { by: Who; go: () => void; done: Promise<void> } | null = null;
    let contested = false;
    const next = () => {
      if (running > 0) return;
      if (!sleepers.size) return slow?.go(); // never left hanging if the other worker stopped
      const earliest = Math.min(...[...sleepers.values()].map((x) => x.at));
      const other = [...sleepers.entries()].find(([w, x]) => w !== lastSender && (!looked.has(w) || x.at <= earliest));
      const [who, sleeper] = other ?? [...sleepers.entries()].find(([, x]) => x.at === earliest)!;
      if (earliest > s.now().getTime()) s.advance((earliest - s.now().getTime()) / 60_000);
      sleepers.delete(who);
      looked.add(who);
      running++;
      sleeper.wake();
    };
    const sleepFor =
      (who: Who): Sleep =>
      (ms) =>
        new Promise<void>((wake) => {
          sleepers.set(who, { at: s.now().getTime() + ms, wake });
          running--;
          next();
        });
    const claimFor = (who: Who) => async (claim: () => Promise<unknown>) => {
      if (!slow) {
        let go!: () => void;
        let finished!: () => void;
        const released = new Promise<void>((r) => (go = r));
        slow = { by: who, go, done: new Promise<void>((r) => (finished = r)) };
        running--;
        next();
        await released;
        running++;
        try {
          return await claim();
        } finally {
          finished();
        }
      }
      if (slow.by === who || contested) return claim();
      // the other worker's claim of the same delivery: first to the database; then the slow one's
      contested = true;
      const result = await claim();
      slow.go();
      await slow.done;
      return result;
    };
    // each worker's posts, at the moment it hands them to the account
    const sent: Array<{ by: string; room: string; at: number }> = [];
    const recording = (by: Who): Channel => ({
      name: 'wechaty',
      minGapMs: 0,
      senders: () => m.bot.channel.senders(),
      send: (t, p) => {
        sent.push({ by, room: t.externalId, at: s.now().getTime() });
        lastSender = by;
        looked.clear();
        return m.bot.channel.send(t, p);
      },
    });
    const run = (id: Who) =>
      worker({ id, sleep: sleepFor(id), channels: [recording(id)] }, { ...s.deps, db: withClaimHook(s.deps.db, claimFor(id)) })
        .runUntilIdle()
        .finally(() => {
          running--;
          next();
        });
    await Promise.all([run('w1'), run('w2')]);
    expect(contested).toBe(true); // the race was run: two claims of one delivery
    expect(posts).toHaveLength(8);
    expect([...countBy(posts, (x) => x.room).values()].every((c) => c === 1)).toBe(true);
    expect(sent).toHaveLength(8);
    expect(new Set(sent.map((x) => x.by))).toEqual(new Set(['w1', 'w2'])); // both took part
    // the one account's pace across both workers: never two posts closer than the smallest gap
    const gaps = sent.slice(1).map((x, i) => x.at - sent[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(2000);
  });

  // In this process the "dead" worker is a send that never comes back; the real SIGKILL of a
  // server with a broadcast in flight is tests/reliability/crash.test.ts.
  it('a worker stuck mid-send: only once its lease has run out is the post marked interrupted, never repeated; one claimed and never sent is sent', async () => {
    nextDayAt(10);
    const grid1 = await compose({ title: '中途断电', audience: { type: 'grids', gridIds: [buildings.get('惠泽1栋')!.gridId] } });
    // posts, then never comes back to record it (the process was killed)
    const dying: Channel = {
      name: 'wechaty',
      minGapMs: 0,
      senders: () => m.bot.channel.senders(),
      send: async (t, p) => {
        await m.bot.channel.send(t, p);
        return new Promise<void>((_, reject) => (killDoomed = () => reject(new Error('the process was killed'))));
      },
    };
    doomedStep = worker({ id: 'doomed', channels: [dying] }).step();
    await until(() => posts.length === 1);
    const stuck = await s.deps.db.noticeDelivery.findFirstOrThrow({ where: { noticeId: grid1.id, claimedBy: 'doomed' } });
    expect(stuck.attemptStartedAt).not.toBeNull();

    // another notice: a worker claimed it and died before sending
    const lone = await compose({ title: '认领后断电', audience: { type: 'buildings', buildingIds: [buildings.get('惠泽5栋')!.id] } });
    const leaseEnd = new Date(s.now().getTime() + 120_000);
    await s.deps.db.noticeDelivery.updateMany({ where: { noticeId: lone.id }, data: { claimedBy: 'gone', claimedUntil: leaseEnd } });

    await worker({ id: 'survivor' }).runUntilIdle();
    const perRoom = countBy(posts, (p) => p.room);
    expect(posts).toHaveLength(4);
    expect([...perRoom.values()].every((c) => c === 1)).toBe(true);
    expect(posts.find((p) => p.room === roomOf('惠泽5栋'))!.at).toBeGreaterThan(leaseEnd.getTime());

    const p = await progress(grid1.id);
    // not a failure: 可能已发出, apart, for staff to look in the group before choosing to send again
    expect(p).toMatchObject({ total: 3, sent: 2, failed: 0, possibly_sent: 1 });
    expect(p.items.find((i: any) => i.status === 'possibly_sent')).toMatchObject({ lastError: REASON_INTERRUPTED, attempts: 1 });
    expect(p.summary).toBe('已发送 2/3 个群，1 个可能已发出（请到群里看一看）');
    // given up only after the stuck worker's lease ran out, not while it might still finish
    const given = await s.deps.db.noticeDelivery.findUniqueOrThrow({ where: { id: stuck.id } });
    expect(given.status).toBe('possibly_sent');
    expect(given.updatedAt.getTime()).toBeGreaterThan(stuck.claimedUntil!.getTime());
    expect((await progress(lone.id)).sent).toBe(1);
  });
});

describe('failures', () => {
  it('a group that refuses posts is retried with growing back-off, then marked failed; staff can send it again', async () => {
    nextDayAt(10);
    puppet.refusals.set(roomOf('惠泽1栋'), 2);
    puppet.refusals.set(roomOf('惠泽2栋'), Infinity);
    const n = await compose({ title: '重试', audience: { type: 'grids', gridIds: [buildings.get('惠泽1栋')!.gridId] } });
    const t0 = s.now().getTime();
    await worker().runUntilIdle();

    const perRoom = countBy(posts, (p) => p.room);
    expect(perRoom.get(roomOf('惠泽1栋'))).toBe(1); // third time lucky
    expect(perRoom.get(roomOf('惠泽3栋'))).toBe(1);
    expect(perRoom.has(roomOf('惠泽2栋'))).toBe(false);
    // refused twice: retried after 1 and then 2 minutes
    expect(posts.find((p) => p.room === roomOf('惠泽1栋'))!.at - t0).toBeGreaterThanOrEqual(3 * 60_000);

    const p = await progress(n.id);
    expect(p).toMatchObject({ sent: 2, failed: 1 });
    const failed = p.items.find((i: any) => i.status === 'failed');
    expect(failed).toMatchObject({ attempts: 5, lastError: '群消息发送失败：操作太频繁，请稍后再试', buildings: [{ name: '惠泽2栋' }] });
    expect(p.summary).toBe('已发送 2/3 个群，1 个失败：群消息发送失败：操作太频繁，请稍后再试');
    expect(p.items.find((i: any) => i.buildings[0].name === '惠泽1栋').attempts).toBe(3);
    // 1 + 2 + 4 + 8 minutes of back-off before giving up
    const d = await s.deps.db.noticeDelivery.findFirstOrThrow({ where: { noticeId: n.id, status: 'failed' } });
    expect(d.updatedAt.getTime() - t0).toBeGreaterThanOrEqual(15 * 60_000);

    // the group lets the bot post again; staff send the failed one again
    puppet.refusals.clear();
    expect((await cast.staffHuimin.post(`/api/notices/${n.id}/retry`)).status).toBe(404);
    const again = await cast.staff.post(`/api/notices/${n.id}/retry`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ pending: 1, failed: 0 });
    await worker().runUntilIdle();
    expect(countBy(posts, (p) => p.room).get(roomOf('惠泽2栋'))).toBe(1);
    expect((await progress(n.id)).summary).toBe('已发送 3/3 个群');
    expect((await cast.staff.post(`/api/notices/${n.id}/retry`)).status).toBe(409);
  });

  it('a group the bot was removed from fails at once, without retries', async () => {
    nextDayAt(10);
    const room = m.rooms.get(roomOf('惠泽6栋'))!;
    const kicker = m.mocker.createContact({ name: '群主' });
    room.add(kicker).by(m.self);
    const left = new Promise<void>((r) => m.bot.wechaty.once('room-leave', () => r()));
    room.remove(m.self).by(kicker);
    await left;
    await m.bot.settled();
    const g = await s.deps.db.chatGroup.findUniqueOrThrow({ where: { channel_externalId: { channel: 'wechaty', externalId: room.id } } });
    expect(g.present).toBe(false);

    const n = await compose({ title: '被踢了', audience: { type: 'buildings', buildingIds: [buildings.get('惠泽6栋')!.id] } });
    await worker().runUntilIdle();
    expect(posts).toHaveLength(0);
    const p = await progress(n.id);
    expect(p.items[0]).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('机器人已不在该群') });
    expect((await cast.staff.get('/api/bot/groups')).body.find((x: any) => x.id === g.id)).toMatchObject({ present: false });
  });
});

describe('WeCom group robots', () => {
  it('get their posts through the webhook, the worker not caring which channel a group uses', async () => {
    nextDayAt(10);
    const wecom = new FakeWeComApi(() => s.now().getTime());
    const key = 'a1b2c3d4-0000-4000-8000-00000000wx01';
    wecom.addRobot(key);
    const b7 = buildings.get('惠泽7栋')!;
    const b8 = buildings.get('惠泽8栋')!;
    const link = (id: string, webhook: string, topic: string) =>
      s.request('PUT', `/api/bot/buildings/${id}/group`, { token: cast.staff.token, body: { wecom: { webhook, topic } } });
    expect((await link(b7.id, `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`, '7栋企业微信群')).status).toBe(200);
    expect((await link(b8.id, 'ffffffff-dead-beef-0000-000000000000', '8栋旧群')).status).toBe(200); // a robot since removed

    const n = await compose({ title: '企业微信也要收到', audience: { type: 'buildings', buildingIds: [b7.id, b8.id, buildings.get('惠泽1栋')!.id] } });
    await worker({ channels: [m.bot.channel, new WeComWebhookChannel(wecom.fetch)] }).runUntilIdle();

    expect(wecom.received.get(key)).toEqual([{ msgtype: 'text', content: expect.stringContaining('【惠民政策】企业微信也要收到'), at: expect.any(Number) }]);
    expect(posts.map((p) => p.room)).toEqual([roomOf('惠泽1栋')]);
    const p = await progress(n.id);
    expect(p).toMatchObject({ sent: 2, failed: 1 });
    expect(p.items.find((i: any) => i.status === 'failed')).toMatchObject({ attempts: 1, lastError: expect.stringContaining('93000') });
  });

  it('a robot is not kept waiting behind a long broadcast of the bot account', async () => {
    nextDayAt(10);
    const wecom = new FakeWeComApi(() => s.now().getTime());
    const key = 'a1b2c3d4-0000-4000-8000-00000000wx01'; // 惠泽7栋's robot, linked above
    wecom.addRobot(key);
    const six = ['惠泽1栋', '惠泽2栋', '惠泽3栋', '惠泽4栋', '惠泽5栋', '惠泽6栋'].map((n) => buildings.get(n)!.id);
    for (let i = 0; i < 9; i++) await compose({ title: `长队${i}`, audience: { type: 'buildings', buildingIds: six } }); // 54 posts, more than a worker looks at at once
    const start = s.now().getTime();
    await compose({ title: '企业微信插队', audience: { type: 'buildings', buildingIds: [buildings.get('惠泽7栋')!.id] } });
    await worker({ channels: [m.bot.channel, new WeComWebhookChannel(wecom.fetch)] }).runUntilIdle();
    expect(posts).toHaveLength(9 * 5); // 惠泽6栋's group no longer has the bot
    const robot = wecom.received.get(key)!;
    expect(robot).toHaveLength(1);
    expect(robot[0]!.at - start).toBeLessThanOrEqual(5000); // not after the bot's ~3 minutes of posts
    expect(Math.max(...posts.map((p) => p.at)) - start).toBeGreaterThan(60_000);
  });

  it('the worker keeps a robot under its 20 a minute: 25 notices in a row to one WeCom group, none refused', async () => {
    nextDayAt(10);
    const wecom = new FakeWeComApi(() => s.now().getTime());
    const key = 'a1b2c3d4-0000-4000-8000-00000000wx01'; // 惠泽7栋's robot, linked above
    wecom.addRobot(key);
    // no gap of the account's own: only the robot's limit paces these posts
    const eager: Deps = { ...s.deps, config: { ...s.deps.config, notices: { ...s.deps.config.notices, gapMinMs: 0, gapMaxMs: 0 } } };
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push((await compose({ title: `企业微信连发${i}`, audience: { type: 'buildings', buildingIds: [buildings.get('惠泽7栋')!.id] } })).id);
    await worker({ channels: [m.bot.channel, new WeComWebhookChannel(wecom.fetch)] }, eager).runUntilIdle();
    const got = wecom.received.get(key)!;
    expect(got).toHaveLength(25);
    // every one went through at the first try: the webhook never answered 45009
    const rows = await s.deps.db.noticeDelivery.findMany({ where: { noticeId: { in: ids } } });
    expect(rows.map((r) => [r.status, r.attempts, r.lastError])).toEqual(ids.map(() => ['sent', 1, null]));
    for (const first of got) expect(got.filter((x) => x.at >= first.at && x.at < first.at + 60_000).length).toBeLessThanOrEqual(20);
  });

  it('the fake answers like the real webhook: over 20 a minute is refused (the worker stays under it, above)', async () => {
    const wecom = new FakeWeComApi(() => 0);
    wecom.addRobot('k'.repeat(20));
    const ch = new WeComWebhookChannel(wecom.fetch);
    const post = { noticeId: 'n', kind: 'news' as const, text: '测试', image: null };
    for (let i = 0; i < 20; i++) await ch.send({ externalId: 'k'.repeat(20), senderId: 'x', topic: 't' }, post);
    await expect(ch.send({ externalId: 'k'.repeat(20), senderId: 'x', topic: 't' }, post)).rejects.toMatchObject({ permanent: false, message: expect.stringContaining('45009') });
    // an over-long text is cut to the 2048-byte limit, not refused
    await expect(new WeComWebhookChannel(new FakeWeComApi(() => 0).fetch).send({ externalId: 'nope'.repeat(5), senderId: 'x', topic: 't' }, post)).rejects.toMatchObject({ permanent: true });
    const roomy = new FakeWeComApi(() => 0);
    roomy.addRobot('r'.repeat(20));
    await new WeComWebhookChannel(roomy.fetch).send({ externalId: 'r'.repeat(20), senderId: 'x', topic: 't' }, { ...post, text: '长'.repeat(3000) });
    const got = roomy.received.get('r'.repeat(20))![0]!.content!;
    expect(Buffer.byteLength(got)).toBeLessThanOrEqual(2048);
    expect(got.endsWith('（全文请在小程序查看）')).toBe(true);
  });
});

/**
 * The database as one worker sees it, with its claims (the conditional update that takes a
 * delivery: Prisma's updateMany on SQLite, raw SQL on PostgreSQL) passed through `gate`.
 */
function withClaimHook(db: Deps['db'], gate: (claim: () => Promise<unknown>) => Promise<unknown>): Deps['db'] {
  const isClaim = (args: { data?: { attemptStartedAt?: unknown } }) => args?.data?.attemptStartedAt instanceof Date;
  const isRawClaim = (sql: unknown) => Array.isArray(sql) && sql.join('?').includes('SET "claimedBy"');
  const bound = (target: object, key: PropertyKey) => {
    const v = Reflect.get(target, key);
    return typeof v === 'function' ? v.bind(target) : v;
  };
  const deliveries = new Proxy(db.noticeDelivery, {
    get: (t, k) => (k === 'updateMany' ? (args: any) => (isClaim(args) ? gate(() => t.updateMany(args)) : t.updateMany(args)) : bound(t, k)),
  });
  return new Proxy(db, {
    get: (t, k) => {
      if (k === 'noticeDelivery') return deliveries;
      if (k === '$executeRaw') return (sql: any, ...values: any[]) => (isRawClaim(sql) ? gate(() => t.$executeRaw(sql, ...values)) : t.$executeRaw(sql, ...values));
      return bound(t, k);
    },
  });
}
