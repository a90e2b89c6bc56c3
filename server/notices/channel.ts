// A channel posts a notice into one group. The delivery worker does not care
// which one a group uses: a Wechaty bot account or a WeCom group robot.
import type { ChatChannel, NoticeKind } from '@prisma/client';

export interface GroupPost {
  noticeId: string;
  kind: NoticeKind;
  /** The whole text as it appears in the group. */
  text: string;
  image: { bytes: Buffer; mime: string } | null;
  /**
   * The notice's page in the mini-program and the link to it (server/notices/miniProgramLink.ts),
   * already in `text` when there is one; null when nothing opens (a test post). `link` null:
   * WeChat made none, the post goes without. `textWithoutLink`: the text for a post a
   * mini-program card follows.
   */
  open?: { page: string; query: string; title: string; link: string | null; textWithoutLink: string } | null;
}

export interface GroupTarget {
  /** The Wechaty room id, or the WeCom webhook key. */
  externalId: string;
  senderId: string;
  topic: string;
}

export interface Channel {
  readonly name: ChatChannel;
  /**
   * The sending accounts this process can post as right now: the logged-in bot
   * account for Wechaty (none while it waits for a scan), every robot for WeCom.
   */
  senders(): string[] | 'any';
  /** Fewest milliseconds between two posts of one sender (WeCom: 20 a minute per robot). */
  readonly minGapMs: number;
  /** The link into the mini-program its posts carry: `short` (#小程序://, opens inside WeChat) or `url` (https, for WeCom). */
  readonly linkKind?: 'short' | 'url';
  send(target: GroupTarget, post: GroupPost): Promise<void>;
}

/** A send the group refused. `permanent`: trying again cannot help (the bot was removed, the key is wrong). */
export class ChannelError extends Error {
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
  }
}

// the post's text, shared with the console's preview
export { formatPost } from '../../shared/noticePost.js';
