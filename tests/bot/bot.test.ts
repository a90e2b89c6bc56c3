// The group commands, driven through the real bot on wechaty-puppet-mock:
// members speak in a mock group, the test reads what the bot answered there.
import type { EventEmitter } from 'node:events';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onRoomMessage, startMockBot, type MockBot } from '../../server/bot/mockBot.js';
import { HELP, HOW_TO_LINK, TOO_FAST } from '../../server/bot/commands.js';
import { householdBalance } from '../../server/points/index.js';
import { signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';

/** A group where WeChat refuses every post (the bot was muted). */
const BROKEN = 'broken-group@chatroom';
class MutedPuppet extends PuppetMock {
  override async messageSendText(conversationId: string, text: string): Promise<void> {
    if (conversationId === BROKEN) throw new Error('群已禁言');
    return super.messageSendText(conversationId, text);
  }
}

let s: TestServer;
let cast: Cast;
let m: MockBot;
let room: mock.RoomMock;
let alice: mock.ContactMock; // will link to demo-resident
let bob: mock.ContactMock; // never links
const said: Array<{ room: string; text: string }> = [];
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  s = await startServer();
  cast = await signInAll(s);
  m = await startMockBot(s.deps, {
    selfId: 'bot-account',
    selfName: 'e家小助手',
    mode: 'wechat',
    groups: [
      { id: 'huize-1@chatroom', topic: '惠泽1栋居民群' },
      { id: BROKEN, topic: '禁言的群' },
    ],
    members: (mocker) => [(alice = mocker.createContact({ name: '杨秀英' })), (bob = mocker.createContact({ name: '王德明' }))],
    puppet: (mocker) => new MutedPuppet({ mocker }),
  });
  room = m.rooms.get('huize-1@chatroom')!;
  for (const r of m.rooms.values()) {
    onRoomMessage(r, (msg) => {
      if (msg.payload.talkerId === m.self.id) said.push({ room: r.id, text: msg.text() ?? '' });
    });
  }
});
afterAll(async () => {
  await m?.bot.stop();
  await s?.close();
  process.off('unhandledRejection', onUnhandled);
});

/** A member says something in a group; resolves with what the bot posted in answer. */
async function say(who: mock.ContactMock, text: string, where: mock.RoomMock = room) {
  const before = said.length;
  const heard = new Promise<void>((r) => m.bot.wechaty.once('message', () => r()));
  who.say(text).to(where);
  await heard;
  await m.bot.settled();
  return said.slice(before).map((x) => x.text);
}

async function linkAs(who: mock.ContactMock, client: { post: Cast['resident']['post'] }) {
  const code = (await client.post('/api/bot/link-code')).body.code as string;
  return say(who, `#绑定 ${code}`);
}

describe('#帮助', () => {
  it('answers anyone, linked or not, in the group and mentioning them', async () => {
    const [reply] = await say(bob, '#帮助');
    expect(reply).toContain(HELP);
    expect(reply).toContain('#报修');
    expect(reply).toContain('#积分');
    expect(reply).toContain('@王德明');
  });

  it('accepts the full-width ＃ and ignores ordinary chat and unknown hashtags', async () => {
    expect(await say(bob, '＃帮助')).toHaveLength(1);
    expect(await say(bob, '今天下午停水吗？')).toEqual([]);
    expect(await say(bob, '#今日菜价')).toEqual([]);
  });
});

describe('an unlinked member', () => {
  it('is told how to link, and nothing is filed', async () => {
    const orders = await s.deps.db.order.count();
    expect(await say(bob, '#报修 楼道灯坏了')).toEqual([`@王德明 ${HOW_TO_LINK}`]);
    expect(await say(bob, '#积分')).toEqual([`@王德明 ${HOW_TO_LINK}`]);
    expect(await s.deps.db.order.count()).toBe(orders);
  });
});

describe('#绑定', () => {
  it('links a member with a one-time code from the mini-program', async () => {
    expect((await say(alice, '#绑定'))[0]).toContain('请在 #绑定 后面加上');
    expect((await say(alice, '#绑定 ZZZZZZ'))[0]).toContain('绑定码无效或已过期');
    const code = (await cast.resident.post('/api/bot/link-code')).body.code as string;
    expect((await say(alice, `#绑定 ${code.toLowerCase()}`))[0]).toContain('绑定成功');
    const member = await s.deps.db.botMember.findUniqueOrThrow({ where: { contactId: alice.id } });
    expect(member.userId).toBe(cast.resident.userId);
    // single use: nobody else can take it
    expect((await say(bob, `#绑定 ${code}`))[0]).toContain('绑定码无效或已过期');
    expect(await s.deps.db.botMember.findUnique({ where: { contactId: bob.id } })).toBeNull();
  });

  it('refuses an expired code', async () => {
    const carol = m.mocker.createContact({ name: '罗春梅' });
    const code = (await cast.resident2.post('/api/bot/link-code')).body.code as string;
    s.advance(11);
    expect((await say(carol, `#绑定 ${code}`))[0]).toContain('绑定码无效或已过期');
    expect(await s.deps.db.botMember.findUnique({ where: { contactId: carol.id } })).toBeNull();
  });
});

describe('#报修 for a linked member', () => {
  it('files the order for their household, as 群众点单 in the mini-program does', async () => {
    const [reply] = await say(alice, '#报修 厨房水管漏水，地上全是水');
    expect(reply).toMatch(/已登记报修：水电维修：厨房水管漏水，地上全是水\n单号尾号 \w{6}，网格员陈丽会尽快联系您/);
    const mine = (await cast.resident.get('/api/orders?limit=1')).body.items[0];
    expect(mine).toMatchObject({
      title: '水电维修：厨房水管漏水，地上全是水',
      status: 'submitted',
      category: { code: 'repair' },
      filedBy: { id: cast.resident.userId },
      filedOnBehalf: false,
      suggestedAssignee: { name: '陈丽' },
    });
    expect(reply).toContain(mine.id.slice(-6));
    // the grid's worker sees it like any other request
    expect((await cast.gridWorker.get(`/api/orders/${mine.id}`)).status).toBe(200);
  });

  it('asks for a description when there is none', async () => {
    const orders = await s.deps.db.order.count();
    expect((await say(alice, '#报修'))[0]).toContain('请在 #报修 后面写上要报修的问题');
    expect(await s.deps.db.order.count()).toBe(orders);
  });

  it('tells a linked account without a household to ask the building head', async () => {
    const dave = m.mocker.createContact({ name: '吴婷' });
    expect((await linkAs(dave, cast.staff))[0]).toContain('绑定成功');
    expect((await say(dave, '#报修 社区门口路灯不亮'))[0]).toContain('还没有关联住户');
    expect((await say(dave, '#积分'))[0]).toContain('还没有关联住户');
  });
});

describe('#积分', () => {
  it('gives the household’s balance', async () => {
    const me = (await cast.resident.get('/api/me')).body;
    const balance = await householdBalance(s.deps, me.resident.householdId);
    expect(await say(alice, '#积分')).toEqual([`@杨秀英 您家当前积分：${balance} 分。可以在「e家社区」小程序的积分超市兑换。`]);
  });
});

describe('#岗位 and #培训', () => {
  it('lists the newest open postings of the member\'s community, nearest first', async () => {
    s.advance(2); // a fresh rate-limit window
    const [reply] = await say(alice, '#岗位');
    expect(reply).toContain('最新招聘岗位');
    expect(reply).toContain('缝纫工（帮扶车间）');
    const lines = reply!.split('\n').filter((l) => /^\d\./.test(l.replace(/^@\S+\s*/, '')));
    expect(lines.length).toBe(5);
    // the estate's own workshops come before work far away
    expect(lines.slice(0, 3).every((l) => /缝纫工|蜡染刺绣工|电子元件装配工/.test(l))).toBe(true);
    expect(reply).not.toContain('广州花都区');
  });

  it('lists courses still open for sign-up with the seats left', async () => {
    const [reply] = await say(alice, '#培训');
    expect(reply).toContain('可以报名的培训');
    expect(reply).toContain('电焊工（初级）技能培训');
    expect(reply).toMatch(/还剩\d+个名额/);
  });

  it('answers an unlinked member once the group belongs to a building, and tells them how to link before', async () => {
    s.advance(2);
    expect(await say(bob, '#岗位')).toEqual([`@王德明 ${HOW_TO_LINK}`]);
    const groups = (await cast.staff.get('/api/bot/groups')).body;
    // the bot's own group, not yet linked (the demo data has a linked one of the same name)
    const group = (groups.groups ?? groups).find((g: any) => g.topic === '惠泽1栋居民群' && g.communityId === null);
    const building = (await cast.resident.get('/api/me')).body.building.id;
    const linked = await s.request('PUT', `/api/bot/buildings/${building}/group`, { token: cast.staff.token, body: { groupId: group.id } });
    expect(linked.status).toBe(200);
    const [reply] = await say(bob, '#培训');
    expect(reply).toContain('可以报名的培训');
  });
});

describe('rate limit', () => {
  it('answers five commands a minute per member, says so once, then stays silent until the next minute', async () => {
    s.advance(1);
    const erin = m.mocker.createContact({ name: '熊伟' });
    const replies: string[][] = [];
    for (let i = 0; i < 7; i++) replies.push(await say(erin, '#帮助'));
    expect(replies.slice(0, 5).every((r) => r.length === 1 && r[0]!.includes(HELP))).toBe(true);
    expect(replies[5]).toEqual([`@熊伟 ${TOO_FAST}`]);
    expect(replies[6]).toEqual([]);
    // another member is not affected
    expect(await say(bob, '#帮助')).toHaveLength(1);
    // counted in the database, where every instance sees it
    const rows = await s.deps.db.rateLimitWindow.findMany({ where: { bucket: 'bot', key: erin.id } });
    expect(rows).toEqual([expect.objectContaining({ count: 7 })]);
    s.advance(1);
    expect((await say(erin, '#帮助'))[0]).toContain(HELP);
    expect(await s.deps.db.rateLimitWindow.count({ where: { bucket: 'bot', key: erin.id } })).toBe(1); // the old window is gone
  });
});

describe('robustness', () => {
  it('ignores its own messages', async () => {
    s.advance(1);
    const wroom = await m.bot.wechaty.Room.find({ id: room.id });
    const before = said.length;
    const heard = new Promise<void>((r) => m.bot.wechaty.once('message', () => r()));
    await wroom!.say('#帮助');
    await heard;
    await m.bot.settled();
    expect(said.slice(before).map((x) => x.text)).toEqual(['#帮助']); // its own post, and no answer to it
  });

  it('a handler that fails is logged, not fatal: the bot keeps answering', async () => {
    const muted = m.rooms.get(BROKEN)!;
    expect(await say(bob, '#帮助', muted)).toEqual([]);
    expect(unhandled).toEqual([]);
    expect(await say(bob, '#帮助')).toHaveLength(1);
  });

  it('answers a command sent to it directly, in the private chat', async () => {
    s.advance(1);
    const got: string[] = [];
    (bob as unknown as EventEmitter).on('message', (msg: mock.MessageMock) => {
      if (msg.payload.talkerId === m.self.id) got.push(msg.text() ?? '');
    });
    const heard = new Promise<void>((r) => m.bot.wechaty.once('message', () => r()));
    bob.say('#帮助').to(m.self);
    await heard;
    await m.bot.settled();
    expect(got).toEqual([HELP]);
  });

  it('records a group it is added to, for staff to link', async () => {
    const fresh = m.mocker.createRoom({ id: 'new-group@chatroom', topic: '恒大3栋新群', memberIdList: [alice.id] });
    const joined = new Promise<void>((r) => m.bot.wechaty.once('room-join', () => r()));
    fresh.add(m.self).by(alice);
    await joined;
    await m.bot.settled();
    const g = (await cast.staff.get('/api/bot/groups')).body.find((x: any) => x.topic === '恒大3栋新群');
    expect(g).toMatchObject({ channel: 'wechaty', present: true, memberCount: 2, buildings: [], communityId: null });
  });
});
