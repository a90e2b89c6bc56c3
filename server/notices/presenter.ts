import type { DeliveryStatus, Prisma } from '@prisma/client';
import { NOTICE_KIND_LABELS } from '../../shared/words.js';
import { signedUploadUrl } from '../uploads/index.js';

export const noticeReaderInclude = (userId: string) =>
  ({
    reads: { where: { userId }, select: { readAt: true } },
  }) satisfies Prisma.NoticeInclude;

type ReaderRow = Prisma.NoticeGetPayload<{ include: ReturnType<typeof noticeReaderInclude> }>;

/** What a resident sees in the mini-program. */
export function presentNotice(n: ReaderRow, now: Date, secret: string) {
  return {
    id: n.id,
    kind: n.kind,
    kindLabel: NOTICE_KIND_LABELS[n.kind],
    urgent: n.kind === 'emergency',
    title: n.title,
    body: n.body,
    image: n.imageId ? { id: n.imageId, url: signedUploadUrl(secret, n.imageId, now) } : null,
    pagePath: n.pagePath,
    publishedAt: n.sendAt,
    unread: n.reads.length === 0,
    readAt: n.reads[0]?.readAt ?? null,
  };
}

export const managedNoticeInclude = {
  createdBy: { select: { id: true, displayName: true } },
  _count: { select: { buildings: true } },
} satisfies Prisma.NoticeInclude;

type ManagedRow = Prisma.NoticeGetPayload<{ include: typeof managedNoticeInclude }>;

export type DeliveryCounts = Record<DeliveryStatus, number>;

export const emptyCounts = (): DeliveryCounts => ({ pending: 0, retrying: 0, sent: 0, failed: 0, possibly_sent: 0, cancelled: 0 });

const totalOf = (c: DeliveryCounts) => c.pending + c.retrying + c.sent + c.failed + c.possibly_sent + c.cancelled;

export function noticeState(n: { sendAt: Date; cancelledAt: Date | null }, c: DeliveryCounts, now: Date) {
  if (n.cancelledAt) return 'cancelled' as const;
  if (n.sendAt > now) return 'scheduled' as const;
  if (c.pending + c.retrying > 0) return 'sending' as const;
  return 'done' as const;
}

/** "已发送 87/109 个群，2 个失败：机器人已不在群内" — the line staff read on the notice list. */
export function progressSummary(c: DeliveryCounts, reasons: string[] = []): string {
  const total = totalOf(c);
  if (!total) return '没有楼栋群可发（所选楼栋都还没有关联群）';
  let s = `已发送 ${c.sent}/${total} 个群`;
  if (c.retrying) s += `，${c.retrying} 个重试中`;
  if (c.failed) s += `，${c.failed} 个失败${reasons.length ? `：${[...new Set(reasons)].join('；')}` : ''}`;
  // apart from the failures: these may well be in the group already (a crash or a timeout mid-send)
  if (c.possibly_sent) s += `，${c.possibly_sent} 个可能已发出（请到群里看一看）`;
  if (c.cancelled) s += `，${c.cancelled} 个已撤回`;
  return s;
}

/** What staff see: the notice, where it goes, and how far its delivery has got. */
export function presentManagedNotice(n: ManagedRow, counts: DeliveryCounts, now: Date, secret: string) {
  return {
    id: n.id,
    kind: n.kind,
    kindLabel: NOTICE_KIND_LABELS[n.kind],
    title: n.title,
    body: n.body,
    image: n.imageId ? { id: n.imageId, url: signedUploadUrl(secret, n.imageId, now) } : null,
    pagePath: n.pagePath,
    audience: { type: n.audience, ids: n.audienceIds ? n.audienceIds.split(',') : [], buildings: n._count.buildings },
    automatic: n.source !== null,
    staffOnly: n.staffOnly,
    createdBy: n.createdBy ? { id: n.createdBy.id, name: n.createdBy.displayName } : null,
    createdAt: n.createdAt,
    sendAt: n.sendAt,
    cancelledAt: n.cancelledAt,
    state: noticeState(n, counts, now),
    delivery: { ...counts, total: totalOf(counts), summary: progressSummary(counts) },
  };
}
