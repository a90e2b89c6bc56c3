// Demo mode: with no WECHATY_PUPPET configured, `npm start` runs the bot on
// wechaty-puppet-mock with one group per demo building (and a work group per
// grid) and logs that it posts, not what: a post carries what residents wrote
// (an order's title, their room), and the log keeps ids and kinds only.
// Nothing reaches WeChat.
import type { Deps } from '../context.js';
import { DEMO_BOT_ID, demoGridRoomId, demoRoomId, gridGroupTopic } from '../notices/index.js';
import { onRoomMessage, startMockBot, type MockBot } from './mockBot.js';

/** The demo bot with its mock WeChat (the mocker, its groups), for tests to speak in. */
export async function startDemoMockBot(deps: Deps): Promise<MockBot> {
  const buildings = await deps.db.building.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } });
  const grids = await deps.db.grid.findMany({ select: { id: true, name: true, community: { select: { name: true } } }, orderBy: { name: 'asc' } });
  const m = await startMockBot(deps, {
    selfId: DEMO_BOT_ID,
    selfName: 'e家小助手（演示）',
    mode: 'demo',
    groups: [
      ...buildings.map((b) => ({ id: demoRoomId(b.id), topic: `${b.name}居民群` })),
      ...grids.map((g) => ({ id: demoGridRoomId(g.id), topic: gridGroupTopic(g.community.name, g.name) })),
    ],
    members: (mocker) => [mocker.createContact({ name: '演示居民甲' }), mocker.createContact({ name: '演示居民乙' })],
  });
  const { types } = await import('wechaty'); // (already loaded by startMockBot)
  for (const room of m.rooms.values()) {
    onRoomMessage(room, (msg) => {
      if (msg.payload.talkerId !== m.self.id) return;
      // ids and the message's kind (Text, Image…): never its text, nor the group's topic
      deps.logger.info({ groupId: room.id, messageId: msg.id, kind: types.Message[msg.type()] }, '[DEMO bot, not sent to WeChat] posted to group');
    });
  }
  deps.logger.warn(
    { groups: m.rooms.size },
    'WECHATY_PUPPET is not set: the group bot runs in DEMO mode on wechaty-puppet-mock (one mock group per demo building); nothing reaches WeChat',
  );
  return m;
}

export async function startDemoBot(deps: Deps) {
  return (await startDemoMockBot(deps)).bot;
}
