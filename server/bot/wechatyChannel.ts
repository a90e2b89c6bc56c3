// Posts notices into WeChat groups as the logged-in bot account.
import type { Wechaty } from 'wechaty';
import { ChannelError, type Channel, type GroupPost, type GroupTarget } from '../notices/index.js';

/**
 * The mini-program a card opens: its AppID and original id (gh_…, 原始ID in the mini-program
 * console's 基本设置). Only some puppets send cards (the pad protocols: wechaty-puppet-service
 * with padlocal, xp); where the puppet cannot, the post keeps its Short Link instead.
 */
export interface MiniProgramCard {
  appid: string;
  username: string;
  /** the card's picture (5:4); WeChat draws a plain one without it */
  thumbUrl?: string;
}

export class WechatyChannel implements Channel {
  readonly name = 'wechaty' as const;
  /** The random gap between groups is the whole pacing a personal account needs. */
  readonly minGapMs = 0;
  /** A Short Link (#小程序://…) is tappable inside a WeChat chat. */
  readonly linkKind = 'short' as const;

  constructor(
    private bot: Wechaty,
    private card: MiniProgramCard | null = null,
    private onCardRefused: (err: unknown) => void = () => {},
  ) {}

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
    const open = this.card ? post.open : null;
    try {
      // with a card the text needs no link; if the card is refused, the link follows on its own line
      await room.say(open ? open.textWithoutLink : post.text);
      if (post.image) await room.say((await import('file-box')).FileBox.fromBuffer(post.image.bytes, post.image.mime === 'image/png' ? 'notice.png' : 'notice.jpg'));
    } catch (e) {
      throw new ChannelError(`群消息发送失败：${(e as Error).message || '微信拒绝'}`.slice(0, 200));
    }
    if (open && this.card) {
      try {
        await room.say(
          new this.bot.MiniProgram({
            appid: this.card.appid,
            username: this.card.username,
            title: open.title,
            description: open.title,
            // a card's page is the page's file with .html, then its query (as WeChat writes shared cards)
            pagePath: `${open.page}.html?${open.query}`,
            ...(this.card.thumbUrl ? { thumbUrl: this.card.thumbUrl } : {}),
          }),
        );
      } catch (err) {
        this.onCardRefused(err);
        // the text is out: a failure here must not make the delivery look unsent (it would be posted twice)
        if (open.link) await room.say(`👉 点下面的链接，在「e家社区」小程序里查看：\n${open.link}`).catch(() => {});
      }
    }
  }
}
