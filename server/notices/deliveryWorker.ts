// The delivery worker: claims due deliveries one at a time and posts them
// through the group's channel, at the pace WeChat tolerates.
//
// - Claiming is a conditional update of a lease (claimedBy/claimedUntil), so
//   any number of workers on any number of instances never send the same one.
// - The pace lives in the database per sending account (NoticeSender): the
//   random gap between two posts and the daily cap hold across workers.
// - A post is recorded before the worker moves on. The claim also sets
//   `attemptStartedAt` (the post, its mini-program link included, is made and the
//   sender's slot taken first, so a claim goes straight to the send): a lease that ran out with it set means a worker died
//   mid-send, and that delivery becomes `possibly_sent` (可能已发出) rather than
//   posted twice; so does a send that timed out. Unlike `failed` (the channel said
//   no), nothing sends it again unless staff choose that group, knowingly.
// - Time is deps.clock() and the injected sleep, so tests never really wait.
import { isUniqueViolation, kindOf } from '../db.js';
import crypto from 'node:crypto';
import os from 'node:os';
import { Prisma, type ChatChannel } from '@prisma/client';
import type { Deps } from '../context.js';
import { formatPost, type Channel, type GroupPost } from './channel.js';
import { linkForNotice, linksFromConfig, noticePage, type MiniProgramLinks } from './miniProgramLink.js';
import { backoffMs, gapMs, localDay, nextLocalHour, quietUntil } from './throttle.js';

export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export interface WorkerOptions {
  channels: Channel[];
  /** Identifies this worker's leases; defaults to host, pid and a random suffix. */
  id?: string;
  sleep?: Sleep;
  random?: () => number;
  /** How long a claim holds: longer than any one send. */
  leaseMs?: number;
  /** A send that takes longer than this is treated as interrupted (its outcome is unknown). */
  sendTimeoutMs?: number;
  /** The longest the worker waits before looking for new work. */
  idleMs?: number;
  /** Links into the mini-program for the posts; default: WeChat's, when its AppID is set (null: posts without a link). */
  links?: MiniProgramLinks | null;
}

export interface StepResult {
  /** A delivery reached an outcome in this step (sent, failed, retrying). */
  progressed: boolean;
  /** How long until something may be due. */
  waitMs: number;
}

const BATCH = 50;

/** Why a delivery is `possibly_sent`, as staff read it on the delivery board. */
export const REASON_INTERRUPTED = '发送中途中断，无法确认是否已发出（为免重复，不自动重发）';
export const REASON_TIMEOUT = '发送超时，无法确认是否已发出（为免重复，不自动重发）';

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

const senderKey = (channel: ChatChannel, senderId: string) => `${channel}:${senderId}`;

const candidateInclude = {
  group: { select: { channel: true, senderId: true, externalId: true, topic: true } },
  notice: {
    select: {
      kind: true,
      title: true,
      body: true,
      pagePath: true,
      staffOnly: true,
      image: { select: { storageKey: true, mime: true } },
      community: { select: { name: true } },
    },
  },
} satisfies Prisma.NoticeDeliveryInclude;

type Candidate = Prisma.NoticeDeliveryGetPayload<{ include: typeof candidateInclude }>;

class SendTimeout extends Error {}

export class DeliveryWorker {
  readonly id: string;
  private channels: Map<ChatChannel, Channel>;
  private sleep: Sleep;
  private random: () => number;
  private leaseMs: number;
  private sendTimeoutMs: number;
  private idleMs: number;
  private links: MiniProgramLinks | null;
  private posts = new Map<string, GroupPost>();
  private stopping = false;
  private wakeUp = new AbortController();
  private loop: Promise<void> | null = null;

  constructor(
    private deps: Deps,
    opts: WorkerOptions,
  ) {
    this.id = opts.id ?? `${os.hostname()}-${process.pid}-${crypto.randomBytes(3).toString('hex')}`;
    this.channels = new Map(opts.channels.map((c) => [c.name, c]));
    this.sleep = opts.sleep ?? realSleep;
    this.random = opts.random ?? Math.random;
    this.leaseMs = opts.leaseMs ?? 120_000;
    this.sendTimeoutMs = Math.min(opts.sendTimeoutMs ?? 60_000, this.leaseMs / 2);
    this.idleMs = opts.idleMs ?? 5_000;
    this.links = opts.links === undefined ? linksFromConfig(deps) : opts.links;
  }

  /** Groups this worker can post into right now. */
  private servable(): Prisma.ChatGroupWhereInput | null {
    const or: Prisma.ChatGroupWhereInput[] = [];
    for (const ch of this.channels.values()) {
      const s = ch.senders();
      if (s === 'any') or.push({ channel: ch.name });
      else if (s.length) or.push({ channel: ch.name, senderId: { in: s } });
    }
    return or.length ? { OR: or } : null;
  }

  /** Claims and sends at most one delivery. */
  async step(): Promise<StepResult> {
    const { db, config } = this.deps;
    const cfg = config.notices;
    const now = this.deps.clock();
    const group = this.servable();
    if (!group) return { progressed: false, waitMs: this.idleMs };
    const quietEnd = quietUntil(now, cfg);
    const today = localDay(now, cfg.timeZone);

    // sending accounts waiting out their gap or at today's cap; their deliveries are not even looked at
    const blocked = new Map<string, Date>();
    const busy = await db.noticeSender.findMany({
      where: { OR: [{ nextSendAt: { gt: now } }, { day: today, sentToday: { gte: cfg.dailyCap } }] },
    });
    for (const s of busy) {
      blocked.set(s.id, s.day === today && s.sentToday >= cfg.dailyCap ? nextLocalHour(now, 0, cfg.timeZone) : s.nextSendAt);
    }
    const notBlocked: Prisma.ChatGroupWhereInput[] = busy.map((s) => {
      const [channel, ...rest] = s.id.split(':');
      return { channel: channel as ChatChannel, senderId: rest.join(':') };
    });

    const candidates = await db.noticeDelivery.findMany({
      where: {
        status: { in: ['pending', 'retrying'] },
        nextAttemptAt: { lte: now },
        OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }],
        notice: { cancelledAt: null },
        group: notBlocked.length ? { AND: [group, { NOT: { OR: notBlocked } }] } : group,
        ...(quietEnd ? { urgent: true } : {}),
      },
      select: { id: true, attempts: true, attemptStartedAt: true, group: { select: { channel: true, senderId: true } } },
      orderBy: [{ urgent: 'desc' }, { nextAttemptAt: 'asc' }, { id: 'asc' }],
      take: BATCH,
    });

    for (const c of candidates) {
      if (c.attemptStartedAt) {
        // a worker died (or lost its lease) between starting this send and recording it
        if (await this.giveUpInterrupted(c.id, c.attempts, now)) return { progressed: true, waitMs: 0 };
        continue;
      }
      const key = senderKey(c.group.channel, c.group.senderId);
      if (blocked.has(key)) continue;
      // the post is made before the claim: asking WeChat for its link (or reading its image)
      // is an outside call a worker may die in, and dying before the claim leaves the
      // delivery pending for the next worker; after it, the claim→send window holds only the send
      const d = await db.noticeDelivery.findUnique({ where: { id: c.id }, include: candidateInclude });
      if (!d) continue;
      const post = await this.post(d, this.channels.get(d.group.channel)!).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
      const at = this.deps.clock(); // the link may have taken a while
      const slot = await this.reserveSlot(key, c.group.channel, at);
      if (slot !== true) {
        blocked.set(key, slot);
        continue;
      }
      // claiming marks the attempt as started: from here on a lost lease means "outcome unknown"
      if (!(await this.claim(c.id, at))) continue; // another worker was quicker; the slot goes unused
      await this.send(d, post, c.attempts);
      return { progressed: true, waitMs: 0 };
    }

    return { progressed: false, waitMs: await this.nextWakeMs(now, group, quietEnd, blocked) };
  }

  private async claim(id: string, now: Date): Promise<boolean> {
    const until = new Date(now.getTime() + this.leaseMs);
    if (kindOf(this.deps.db) === 'postgres') {
      // a row another worker is claiming right now is skipped, not waited for
      const n = await this.deps.db.$executeRaw`
        UPDATE "NoticeDelivery" SET "claimedBy" = ${this.id}, "claimedUntil" = ${until}, "attemptStartedAt" = ${now}
        WHERE id = (
          SELECT id FROM "NoticeDelivery"
          WHERE id = ${id} AND status IN ('pending', 'retrying') AND "attemptStartedAt" IS NULL
            AND ("claimedUntil" IS NULL OR "claimedUntil" < ${now})
          FOR UPDATE SKIP LOCKED)`;
      return n === 1;
    }
    const r = await this.deps.db.noticeDelivery.updateMany({
      where: {
        id,
        status: { in: ['pending', 'retrying'] },
        attemptStartedAt: null,
        OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }],
      },
      data: { claimedBy: this.id, claimedUntil: until, attemptStartedAt: now },
    });
    return r.count === 1;
  }

  private async giveUpInterrupted(id: string, attempts: number, now: Date): Promise<boolean> {
    const r = await this.deps.db.noticeDelivery.updateMany({
      where: { id, status: { in: ['pending', 'retrying'] }, attemptStartedAt: { not: null }, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
      data: { status: 'possibly_sent', attempts: attempts + 1, lastError: REASON_INTERRUPTED, claimedBy: null, claimedUntil: null, attemptStartedAt: null, updatedAt: now },
    });
    if (r.count) this.deps.logger.warn({ deliveryId: id }, 'group post interrupted mid-send: marked possibly sent, not sent again');
    return r.count === 1;
  }

  /** Takes the sender's next slot, or says until when it is not free. */
  private async reserveSlot(key: string, channel: ChatChannel, now: Date): Promise<true | Date> {
    const { db, config } = this.deps;
    const cfg = config.notices;
    const day = localDay(now, cfg.timeZone);
    const gap = gapMs(cfg, this.random, this.channels.get(channel)?.minGapMs ?? 0);
    const take = () =>
      db.noticeSender.updateMany({
        where: { id: key, day, nextSendAt: { lte: now }, sentToday: { lt: cfg.dailyCap } },
        data: { nextSendAt: new Date(now.getTime() + gap), sentToday: { increment: 1 } },
      });
    if ((await take()).count === 1) return true;
    // first post of the day (or of this sender ever): start its count, then try again
    const s = await db.noticeSender.findUnique({ where: { id: key } });
    if (!s) {
      try {
        await db.noticeSender.create({ data: { id: key, nextSendAt: new Date(0), day, sentToday: 0 } });
      } catch (e) {
        if (!isUniqueViolation(e)) throw e; // another worker created it
      }
    } else if (s.day !== day) {
      await db.noticeSender.updateMany({ where: { id: key, day: s.day }, data: { day, sentToday: 0 } });
    } else {
      return s.sentToday >= cfg.dailyCap ? nextLocalHour(now, 0, cfg.timeZone) : s.nextSendAt;
    }
    if ((await take()).count === 1) return true;
    const again = await db.noticeSender.findUniqueOrThrow({ where: { id: key } });
    return again.sentToday >= cfg.dailyCap ? nextLocalHour(now, 0, cfg.timeZone) : again.nextSendAt;
  }

  /** Sends the post made before the claim (or records why it could not be made: a failed attempt like any other). */
  private async send(c: Candidate, post: GroupPost | Error, attemptsBefore: number): Promise<void> {
    const { logger, config } = this.deps;
    const channel = this.channels.get(c.group.channel)!;
    const attempts = attemptsBefore + 1;
    try {
      if (post instanceof Error) throw post;
      await this.withTimeout(channel.send({ externalId: c.group.externalId, senderId: c.group.senderId, topic: c.group.topic }, post));
    } catch (err) {
      const unknown = err instanceof SendTimeout; // the post may have gone out: never retried on its own
      const permanent = unknown || (err as { permanent?: boolean }).permanent === true;
      const reason = unknown ? REASON_TIMEOUT : (err as Error).message || 'send failed';
      const giveUp = permanent || attempts >= config.notices.maxAttempts;
      const now = this.deps.clock();
      await this.finish(c.id, {
        status: unknown ? 'possibly_sent' : giveUp ? 'failed' : 'retrying',
        attempts,
        lastError: reason.slice(0, 300),
        nextAttemptAt: giveUp ? undefined : new Date(now.getTime() + backoffMs(attempts, config.notices.retryBaseMs)),
      });
      logger.warn({ deliveryId: c.id, noticeId: c.noticeId, groupId: c.groupId, attempts, giveUp, reason }, 'group post failed');
      return;
    }
    await this.finish(c.id, { status: 'sent', attempts, lastError: null, sentAt: this.deps.clock() });
    logger.info({ deliveryId: c.id, noticeId: c.noticeId, groupId: c.groupId, channel: c.group.channel }, 'group post sent');
  }

  private async finish(
    id: string,
    r: { status: 'sent' | 'retrying' | 'failed' | 'possibly_sent'; attempts: number; lastError: string | null; sentAt?: Date; nextAttemptAt?: Date },
  ) {
    const now = this.deps.clock();
    await this.deps.db.noticeDelivery.update({
      where: { id },
      data: {
        status: r.status,
        attempts: r.attempts,
        lastError: r.lastError,
        ...(r.sentAt ? { sentAt: r.sentAt } : {}),
        ...(r.nextAttemptAt ? { nextAttemptAt: r.nextAttemptAt } : {}),
        claimedBy: null,
        claimedUntil: null,
        attemptStartedAt: null,
        updatedAt: now,
      },
    });
  }

  private withTimeout(p: Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new SendTimeout()), this.sendTimeoutMs);
      timer.unref();
    });
    return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
  }

  /**
   * The text (and image, and link into the mini-program) of a notice, built once per notice
   * and kind of link rather than once per group: a broadcast asks WeChat for one link.
   */
  private async post(c: Candidate, channel: Channel): Promise<GroupPost> {
    const key = `${c.noticeId}:${channel.linkKind ?? ''}`;
    let post = this.posts.get(key);
    if (!post) {
      const n = c.notice;
      const bytes = n.image ? await this.deps.storage.get(n.image.storageKey) : null;
      const link = await this.link(c, channel);
      post = {
        noticeId: c.noticeId,
        kind: n.kind,
        text: formatPost(n, n.community.name, link),
        image: bytes && n.image ? { bytes, mime: n.image.mime } : null,
        open: { ...noticePage({ id: c.noticeId, staffOnly: n.staffOnly }), title: n.title, link, textWithoutLink: formatPost(n, n.community.name) },
      };
      if (this.posts.size > 20) this.posts.clear();
      this.posts.set(key, post);
    }
    return post;
  }

  /** The notice's link for this channel; never a reason not to post (the log says why there is none). */
  private async link(c: Candidate, channel: Channel): Promise<string | null> {
    if (!this.links || !channel.linkKind) return null;
    try {
      return await linkForNotice(this.deps, this.links, { id: c.noticeId, title: c.notice.title, staffOnly: c.notice.staffOnly }, channel.linkKind);
    } catch (err) {
      this.deps.logger.warn({ err, noticeId: c.noticeId }, 'mini-program link failed: the group post goes out without one');
      return null;
    }
  }

  /** Nothing was sendable now: how long until the earliest thing that could change that. */
  private async nextWakeMs(
    now: Date,
    group: Prisma.ChatGroupWhereInput,
    quietEnd: Date | null,
    blocked: Map<string, Date>,
  ): Promise<number> {
    const times: number[] = [...blocked.values()].map((d) => d.getTime());
    if (quietEnd) times.push(quietEnd.getTime());
    const open = { status: { in: ['pending', 'retrying'] }, notice: { cancelledAt: null }, group } satisfies Prisma.NoticeDeliveryWhereInput;
    const [due, held] = await Promise.all([
      this.deps.db.noticeDelivery.findFirst({
        where: { ...open, nextAttemptAt: { gt: now }, ...(quietEnd ? { urgent: true } : {}) },
        orderBy: { nextAttemptAt: 'asc' },
        select: { nextAttemptAt: true },
      }),
      // another worker's claim: if it dies, its lease runs out then
      this.deps.db.noticeDelivery.findFirst({
        where: { ...open, claimedUntil: { gte: now } },
        orderBy: { claimedUntil: 'asc' },
        select: { claimedUntil: true },
      }),
    ]);
    if (due) times.push(due.nextAttemptAt.getTime());
    if (held?.claimedUntil) times.push(held.claimedUntil.getTime() + 1);
    const soonest = Math.min(...times, now.getTime() + this.idleMs);
    return Math.max(1, soonest - now.getTime());
  }

  /** Deliveries this worker could still send (due or not). */
  async remaining(): Promise<number> {
    const group = this.servable();
    if (!group) return 0;
    return this.deps.db.noticeDelivery.count({ where: { status: { in: ['pending', 'retrying'] }, notice: { cancelledAt: null }, group } });
  }

  /** Runs until stop() is called. */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.runLoop(false);
  }

  /** Runs until nothing is left to send (tests and the benchmark, on a simulated clock). */
  async runUntilIdle(): Promise<void> {
    this.stopping = false;
    this.loop = this.runLoop(true);
    await this.loop;
    this.loop = null;
  }

  /** Ends the loop after the delivery in hand (if any) is sent and recorded. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp.abort();
    await this.loop;
    this.loop = null;
  }

  /** Cuts the current wait short: new deliveries were queued. */
  wake(): void {
    this.wakeUp.abort();
  }

  private async runLoop(untilIdle: boolean): Promise<void> {
    while (!this.stopping) {
      let r: StepResult;
      try {
        r = await this.step();
      } catch (err) {
        this.deps.logger.error({ err }, 'delivery worker step failed');
        r = { progressed: false, waitMs: this.idleMs };
      }
      if (r.progressed) continue;
      if (untilIdle && (await this.remaining()) === 0) return;
      if (this.stopping) return;
      if (this.wakeUp.signal.aborted) this.wakeUp = new AbortController();
      await this.sleep(r.waitMs, this.wakeUp.signal);
    }
  }
}
