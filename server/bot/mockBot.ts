// The group bot on wechaty-puppet-mock: the demo mode of `npm start` and the
// tests. The mocker plays WeChat: its rooms are the building groups, its
// contacts the members, and every post the bot makes arrives in a room as a message.
import type { EventEmitter } from 'node:events';
import type { PuppetMock, mock } from 'wechaty-puppet-mock';
import type { Deps } from '../context.js';
import { GroupBot } from './groupBot.js';
import type { MiniProgramCard } from './wechatyChannel.js';

export interface MockGroup {
  id: string; // must contain "@", as WeChat room ids do
  topic: string;
}

export interface MockBot {
  bot: GroupBot;
  mocker: mock.Mocker;
  puppet: PuppetMock;
  self: mock.ContactMock;
  rooms: Map<string, mock.RoomMock>;
}

export async function startMockBot(
  deps: Deps,
  opts: {
    selfId: string;
    selfName: string;
    groups: MockGroup[];
    mode: 'demo' | 'wechat';
    /** Members put into every group (besides the bot). */
    members?: mock.ContactMock[] | ((mocker: mock.Mocker) => mock.ContactMock[]);
    /** Tests pass a PuppetMock subclass to make WeChat refuse things. */
    puppet?: (mocker: mock.Mocker) => PuppetMock;
    /** Posts followed by a mini-program card (the mock takes cards without showing them: tests record them in their puppet). */
    card?: MiniProgramCard | null;
  },
): Promise<MockBot> {
  // loaded here, not with the server: wechaty and its puppets take a second or more to load (see start.ts)
  const [{ WechatyBuilder }, puppetMock] = await Promise.all([import('wechaty'), import('wechaty-puppet-mock')]);
  const mocker = new puppetMock.mock.Mocker();
  const puppet = opts.puppet ? opts.puppet(mocker) : new puppetMock.PuppetMock({ mocker });
  const wechaty = WechatyBuilder.build({ puppet });
  const bot = new GroupBot(deps, wechaty, { mode: opts.mode, card: opts.card ?? null });
  await bot.start();

  const self = mocker.createContact({ id: opts.selfId, name: opts.selfName });
  const members = typeof opts.members === 'function' ? opts.members(mocker) : (opts.members ?? []);
  const rooms = new Map<string, mock.RoomMock>();
  for (const g of opts.groups) {
    rooms.set(g.id, mocker.createRoom({ id: g.id, topic: g.topic, memberIdList: [self.id, ...members.map((m) => m.id)] }));
  }
  const loggedIn = new Promise<void>((resolve) => wechaty.once('login', () => resolve()));
  mocker.login(self);
  puppet.emit('ready', { data: 'ready' }); // a real puppet says so once its contacts are loaded; the mock never does
  await loggedIn;
  await wechaty.ready();
  await bot.settled(); // the login handler has recorded the groups
  return { bot, mocker, puppet, self, rooms };
}

/** Every message that arrives in a mock group (the mock's typed emitter has no usable typings). */
export function onRoomMessage(room: mock.RoomMock, listener: (msg: mock.MessageMock) => void): void {
  (room as unknown as EventEmitter).on('message', listener);
}
