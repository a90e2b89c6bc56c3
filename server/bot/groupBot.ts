// The building-group bot: a Wechaty account that is a member of the building
// groups. It keeps the list of its groups in the database (staff pick from it),
// posts deliveries through its WechatyChannel and answers the group commands.
//
// Every handler catches its own errors: an unhandled rejection in an event
// handler would take the whole server down.
import type { Message, Room, Wechaty } from 'wechaty';
import type { Deps } from '../context.js';
import { recordBotState } from './botState.js';
import { answerCommand, isCommand } from './commands.js';
import { WechatyChannel, type MiniProgramCard } from './wechatyChannel.js';

/** Messages older than this when they arrive are replays (some puppets resend recent history after a login). */
const STALE_SECONDS = 120;

export interface GroupBotOptions {
  /** Shown in the logs: `demo` says nothing reaches WeChat. */
  mode: 'wechat' | 'demo';
  /** Posts are followed by a mini-program card opening the notice (puppets that can send one). */
  card?: MiniProgramCard | null;
}

export class GroupBot {
  readonly channel: WechatyChannel;
  /** Settles when the handlers of the messages seen so far have finished (tests wait on it). */
  private inFlight = new Set<Promise<void>>();

  constructor(
    private deps: Deps,
    readonly wechaty: Wechaty,
    readonly options: GroupBotOptions,
  ) {
    const log = deps.logger;
    this.channel = new WechatyChannel(wechaty, options.card ?? null, (err) =>
      log.warn({ err }, 'the puppet sent no mini-program card: the post carries its link instead'),
    );
    // the state goes to the database, so any instance's 群管理 page shows it (./botState.ts); the QR itself is not logged
    wechaty.on('scan', (qrcode) =>
      this.guard('scan', async () => {
        log.warn('group bot waiting for a WeChat scan to log in (an admin sees the code in the console, 群管理)');
        await recordBotState(deps, { state: 'waiting_scan', qrcode, mode: options.mode });
      }),
    );
    wechaty.on('login', (user) =>
      this.guard('login', async () => {
        log.info({ account: user.id, mode: options.mode }, 'group bot logged in');
        await recordBotState(deps, { state: 'logged_in', accountId: user.id, accountName: user.name(), mode: options.mode });
        await this.syncGroups();
      }),
    );
    wechaty.on('logout', (user) =>
      this.guard('logout', async () => {
        log.warn({ account: user.id }, 'group bot logged out: group posts wait until it logs in again');
        await recordBotState(deps, { state: 'logged_out', accountId: user.id, mode: options.mode });
      }),
    );
    wechaty.on('message', (m) => this.guard('message', () => this.onMessage(m)));
    wechaty.on('room-join', (room) => this.guard('room-join', () => this.syncGroup(room)));
    wechaty.on('room-topic', (room) => this.guard('room-topic', () => this.syncGroup(room)));
    wechaty.on('room-leave', (room, leavers) =>
      this.guard('room-leave', async () => {
        if (this.wechaty.isLoggedIn && leavers.some((c) => c.id === this.wechaty.currentUser.id)) await this.markGone(room.id);
        else await this.syncGroup(room);
      }),
    );
    wechaty.on('error', (err) => log.error({ err }, 'group bot error'));
  }

  /** Runs an event handler so that nothing it throws escapes. */
  private guard(handler: string, fn: () => Promise<void>): void {
    const p = Promise.resolve()
      .then(fn)
      .catch((err) => this.deps.logger.error({ err, handler }, 'group bot handler failed'))
      .finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  /** Waits until every handler started so far has finished. */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  async start(): Promise<void> {
    await this.wechaty.start();
  }

  async stop(): Promise<void> {
    await this.wechaty.stop();
    await this.settled();
  }

  private async onMessage(m: Message): Promise<void> {
    if (m.self()) return; // its own posts come back as messages too
    if (m.type() !== this.wechaty.Message.Type.Text) return;
    const text = m.text().trim();
    if (!isCommand(text)) return;
    if (m.age() > STALE_SECONDS) return;
    const talker = m.talker();
    const room = m.room();
    const reply = await answerCommand(this.deps, { contactId: talker.id, text, ...(room ? { roomId: room.id } : {}) });
    if (!reply) return;
    if (room) await room.say(reply, talker);
    else await talker.say(reply);
  }

  /** Records every group the bot is in, and marks the ones it is no longer in. */
  async syncGroups(): Promise<number> {
    if (!this.wechaty.isLoggedIn) return 0;
    const rooms = await this.wechaty.Room.findAll();
    for (const room of rooms) await this.syncGroup(room);
    const senderId = this.wechaty.currentUser.id;
    await this.deps.db.chatGroup.updateMany({
      where: { channel: 'wechaty', senderId, present: true, externalId: { notIn: rooms.map((r) => r.id) } },
      data: { present: false },
    });
    return rooms.length;
  }

  private async syncGroup(room: Room): Promise<void> {
    if (!this.wechaty.isLoggedIn) return;
    const now = this.deps.clock();
    const senderId = this.wechaty.currentUser.id;
    const topic = (await room.topic()) || '(未命名群)';
    const memberCount = (await room.memberAll()).length;
    await this.deps.db.chatGroup.upsert({
      where: { channel_externalId: { channel: 'wechaty', externalId: room.id } },
      create: { channel: 'wechaty', externalId: room.id, senderId, topic, memberCount, present: true, seenAt: now, createdAt: now },
      update: { senderId, topic, memberCount, present: true, seenAt: now },
    });
  }

  private async markGone(roomId: string): Promise<void> {
    await this.deps.db.chatGroup.updateMany({ where: { channel: 'wechaty', externalId: roomId }, data: { present: false } });
    this.deps.logger.warn({ roomId }, 'group bot was removed from a group');
  }
}
