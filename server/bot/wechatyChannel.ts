// Posts notices into WeChat groups as the logged-in bot account.
import { FileBox } from 'file-box';
import type { Wechaty } from 'wechaty';
import { ChannelError, type Channel, type GroupPost, type GroupTarget } from '../notices/index.js';

export class WechatyChannel implements Channel {
  readonly name = 'wechaty' as const;
  /** The random gap between groups is the whole pacing a personal account needs. */
  readonly minGapMs = 0;

  constructor(private bot: Wechaty) {}

  /** Only the account that is logged in right now can post; none while the bot waits for a scan. */
  senders(): string[] {
    return this.bot.isLoggedIn ? [this.bot.currentUser.id] : [];
  }

  async send(target: GroupTarget, post: GroupPost): Promise<void> {
    if (!this.bot.isLoggedIn || this.bot.currentUser.id !== target.senderId) {
      throw new ChannelError('机器人账号未登录');
    }
    const room = await this.bot.Room.find({ id: target.externalId });
    if (!room || !(await room.has(this.bot.currentUser))) {
      throw new ChannelError('机器人已不在该群（可能被移出），请把它拉回群后重发', true);
    }
    try {
      await room.say(post.text);
      if (post.image) await room.say(FileBox.fromBuffer(post.image.bytes, post.image.mime === 'image/png' ? 'notice.png' : 'notice.jpg'));
    } catch (e) {
      throw new ChannelError(`群消息发送失败：${(e as Error).message || '微信拒绝'}`.slice(0, 200));
    }
  }
}
