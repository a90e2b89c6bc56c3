// The demo bot (server/bot/demo.ts: no WECHATY_PUPPET, wechaty-puppet-mock) logs
// each post it makes. Its posts carry what residents wrote (an order's title and
// description, their room), so its log lines carry ids and kinds only. Run here
// as `npm start` runs it, with a logger that records every line, through the two
// paths that post resident text: a #报修 answered in a building group, and an
// emergency order announced in the grid's work group.
import type { EventEmitter } from 'node:events';
import { pino } from 'pino';
import type { mock } from 'wechaty-puppet-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoMockBot } from '../../server/bot/demo.js';
import type { MockBot } from '../../server/bot/mockBot.js';
import type { Deps } from '../../server/context.js';
import { alertEmergencyOrder } from '../../server/notices/automatic.js';
import { demoGridRoomId, demoRoomId } from '../../server/notices/demoData.js';
import { DeliveryWorker } from '../../server/notices/deliveryWorker.js';
import { raiseOrder, signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';

const DEMO_POST = '[DEMO bot, not sent to WeChat] posted to group';
const REPAIR = '厨房水管漏水，地上全是水';
const EMERGENCY = '楼道里闻到很浓的煤气味';

let s: TestServer;
let cast: Cast;
let m: MockBot;
let deps: Deps;
/** Every line the demo bot, its handlers and the delivery worker logged. */
const lines: string[] = [];
/** What the bot posted, as the groups saw it. */
const posts: Array<{ room: string; text: string }> = [];
let buildingRoom: string;
let gridRoom: string;

beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  deps = { ...s.deps, logger: pino({ level: 'trace', base: undefined }, { write: (line: string) => void lines.push(line) }) };
  // the demo's notice scheduled for tomorrow would be posted too, on the simulated clock
  await s.deps.db.noticeDelivery.deleteMany({ where: { status: 'pending' } });
  m = await startDemoMockBot(deps);
  const building = await s.deps.db.building.findFirstOrThrow({ where: { name: '惠泽1栋' } });
  buildingRoom = demoRoomId(building.id);
  gridRoom = demoGridRoomId(building.gridId);
  for (const [id, room] of m.rooms) {
    (room as unknown as EventEmitter).on('message', (msg: mock.MessageMock) => {
      if (msg.payload.talkerId === m.self.id) posts.push({ room: id, text: msg.text() ?? '' });
    });
  }
});
afterAll(async () => {
  await m?.bot.stop();
  await s?.close();
});

/** A member says something in a group; resolves when the bot has answered. */
async function say(who: mock.ContactMock, text: string, where: mock.RoomMock) {
  const heard = new Promise<void>((r) => m.bot.wechaty.once('message', () => r()));
  who.say(text).to(where);
  await heard;
  await m.bot.settled();
}

describe('the demo bot log', () => {
  it('says which group and which message, never what was posted', async () => {
    // a member of 惠泽1栋's group, linked to demo-resident (1单元 302), files a repair there
    const room = m.rooms.get(buildingRoom)!;
    const member = m.mocker.createContact({ name: '群成员' });
    const code = (await cast.resident.post('/api/bot/link-code')).body.code as string;
    await say(member, `#绑定 ${code}`, room);
    await say(member, `#报修 ${REPAIR}`, room);

    // an emergency order of the same household, announced in 第1网格's work group
    const o = await raiseOrder(cast.resident, { category: 'safety', urgency: 'emergency', description: EMERGENCY });
    expect(await alertEmergencyOrder(s.deps, o.id, null)).not.toBeNull();
    await new DeliveryWorker(deps, { channels: [m.bot.channel], idleMs: 3600_000, sleep: async (ms) => s.advance(ms / 60_000) }).runUntilIdle();

    // the posts did carry resident text: the title, the description, the room
    const repairReply = posts.find((p) => p.room === buildingRoom && p.text.includes('已登记报修'));
    expect(repairReply?.text).toContain(REPAIR);
    const alert = posts.find((p) => p.room === gridRoom);
    expect(alert?.text).toContain(EMERGENCY);
    expect(alert?.text).toContain('1单元 302');

    // one log line per post, holding the group's id, the message's id and its kind: nothing else
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const demoLines = logged.filter((l) => l.msg === DEMO_POST);
    expect(demoLines).toHaveLength(posts.length);
    expect(demoLines.filter((l) => l.groupId === gridRoom)).toHaveLength(1);
    for (const l of demoLines) {
      expect(Object.keys(l).sort()).toEqual(['groupId', 'kind', 'level', 'messageId', 'msg', 'time']);
      expect(l).toMatchObject({ groupId: expect.stringMatching(/@chatroom$/), messageId: expect.any(String), kind: 'Text' });
    }
    // and no line of the whole run, the bot's or the delivery worker's, holds what the resident wrote or where they live
    for (const text of [REPAIR, EMERGENCY, o.title as string, '1单元 302', '1单元302']) {
      expect(lines.filter((l) => l.includes(text)), text).toEqual([]);
    }
  });
});
