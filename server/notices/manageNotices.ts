// The staff side: their community's notices with delivery progress, the
// per-group detail, withdrawing a notice and sending the failed ones again.
import type { Prisma } from '@prisma/client';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { managedNoticeScope, noticePolicy } from '../policies/index.js';
import { emptyCounts, managedNoticeInclude, presentManagedNotice, progressSummary, type DeliveryCounts } from './presenter.js';
import type { ManageNoticesQuery } from './schemas.js';

function managedScope(viewer: Viewer): Prisma.NoticeWhereInput {
  const scope = managedNoticeScope(viewer);
  if (!scope) throw forbidden('only community staff manage notices');
  return scope;
}

async function countsFor(deps: Deps, noticeIds: string[]): Promise<Map<string, DeliveryCounts>> {
  const rows = await deps.db.noticeDelivery.groupBy({
    by: ['noticeId', 'status'],
    where: { noticeId: { in: noticeIds } },
    _count: { _all: true },
  });
  const out = new Map<string, DeliveryCounts>();
  for (const r of rows) {
    const c = out.get(r.noticeId) ?? emptyCounts();
    c[r.status] = r._count._all;
    out.set(r.noticeId, c);
  }
  return out;
}

const OPEN = { status: { in: ['pending', 'retrying'] } } satisfies Prisma.NoticeDeliveryWhereInput;

/** The state filter in SQL: the same rules as presenter.ts noticeState. */
function stateWhere(state: NonNullable<ManageNoticesQuery['state']>, now: Date): Prisma.NoticeWhereInput {
  switch (state) {
    case 'cancelled':
      return { cancelledAt: { not: null } };
    case 'scheduled':
      return { cancelledAt: null, sendAt: { gt: now } };
    case 'sending':
      return { cancelledAt: null, sendAt: { lte: now }, deliveries: { some: OPEN } };
    case 'done':
      return { cancelledAt: null, sendAt: { lte: now }, deliveries: { none: OPEN } };
    case 'attention':
      // what staff may still act on: plain failures to resend, possibly-sent groups to look at
      return { cancelledAt: null, deliveries: { some: { status: { in: ['failed', 'possibly_sent'] } } } };
  }
}

export async function listManagedNotices(deps: Deps, viewer: Viewer, q: ManageNoticesQuery) {
  const now = deps.clock();
  const filters: Prisma.NoticeWhereInput[] = [managedScope(viewer)];
  if (q.kind) filters.push({ kind: q.kind });
  if (q.state) filters.push(stateWhere(q.state, now));
  if (q.q) filters.push({ OR: [{ title: { contains: q.q } }, { body: { contains: q.q } }] });
  const rows = await deps.db.notice.findMany({
    where: { AND: filters },
    include: managedNoticeInclude,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: q.limit + 1,
    ...(q.cursor ? { cursor: { id: q.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, q.limit);
  const counts = await countsFor(deps, page.map((n) => n.id));
  return {
    items: page.map((n) => presentManagedNotice(n, counts.get(n.id) ?? emptyCounts(), now, deps.config.sessionSecret)),
    nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null,
  };
}

export async function findManaged(deps: Deps, viewer: Viewer, id: string) {
  const n = await deps.db.notice.findFirst({ where: { AND: [{ id }, managedScope(viewer)] }, include: managedNoticeInclude });
  if (!n || !noticePolicy.manage(viewer, n)) throw notFound('notice');
  return n;
}

export async function getManagedNotice(deps: Deps, viewer: Viewer, id: string) {
  const n = await findManaged(deps, viewer, id);
  const counts = await countsFor(deps, [id]);
  return presentManagedNotice(n, counts.get(id) ?? emptyCounts(), deps.clock(), deps.config.sessionSecret);
}

/** Delivery progress per group: "已发送 87/109 个群，2 个失败：…", and each group's state. */
export async function deliveryProgress(deps: Deps, viewer: Viewer, id: string) {
  const n = await findManaged(deps, viewer, id);
  const [deliveries, targets] = await Promise.all([
    deps.db.noticeDelivery.findMany({
      where: { noticeId: id },
      include: {
        group: { select: { id: true, topic: true, channel: true, buildings: { select: { building: { select: { id: true, name: true } } } } } },
      },
      orderBy: [{ group: { topic: 'asc' } }, { id: 'asc' }],
    }),
    deps.db.noticeBuilding.findMany({
      where: { noticeId: id },
      select: { building: { select: { id: true, name: true, chatGroup: { select: { groupId: true } } } } },
    }),
  ]);
  const counts = emptyCounts();
  for (const d of deliveries) counts[d.status]++;
  const reasons = deliveries.filter((d) => d.status === 'failed' && d.lastError).map((d) => d.lastError!); // possibly_sent ones are said apart
  const targetIds = new Set(targets.map((t) => t.building.id));
  return {
    noticeId: n.id,
    ...counts,
    total: deliveries.length,
    summary: progressSummary(counts, reasons),
    /** Buildings in the audience whose group staff have not linked yet: nothing was sent there. */
    buildingsWithoutGroup: targets
      .filter((t) => !t.building.chatGroup)
      .map((t) => ({ id: t.building.id, name: t.building.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh')),
    items: deliveries.map((d) => ({
      id: d.id,
      group: { id: d.group.id, topic: d.group.topic, channel: d.group.channel },
      buildings: d.group.buildings.map((b) => b.building).filter((b) => targetIds.has(b.id)),
      status: d.status,
      attempts: d.attempts,
      lastError: d.lastError,
      nextAttemptAt: d.status === 'pending' || d.status === 'retrying' ? d.nextAttemptAt : null,
      sentAt: d.sentAt,
    })),
  };
}

/** Withdraws a notice: residents stop seeing it and groups not yet posted to are skipped. */
export async function cancelNotice(deps: Deps, viewer: Viewer, id: string) {
  const n = await findManaged(deps, viewer, id);
  const now = deps.clock();
  if (n.cancelledAt) throw new AppError('invalid_transition', 'the notice is already withdrawn');
  await deps.db.$transaction(async (tx) => {
    await tx.notice.update({ where: { id }, data: { cancelledAt: now } });
    // a delivery a worker holds right now finishes and is recorded as it went
    await tx.noticeDelivery.updateMany({
      where: { noticeId: id, status: { in: ['pending', 'retrying'] }, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
      data: { status: 'cancelled', updatedAt: now },
    });
  });
  return getManagedNotice(deps, viewer, id);
}

/**
 * Sends the failed deliveries of a notice again (after staff put the bot back into a group, say).
 * Only plain failures: a group whose send was interrupted (possibly_sent) may have the post
 * already, and is sent again only one by one, knowingly (resendDelivery.ts).
 */
export async function retryFailedDeliveries(deps: Deps, viewer: Viewer, id: string) {
  const n = await findManaged(deps, viewer, id);
  if (n.cancelledAt) throw new AppError('invalid_transition', 'the notice is withdrawn');
  const now = deps.clock();
  const r = await deps.db.noticeDelivery.updateMany({
    where: { noticeId: id, status: 'failed' },
    data: { status: 'pending', attempts: 0, lastError: null, attemptStartedAt: null, nextAttemptAt: now, updatedAt: now },
  });
  if (!r.count) {
    const unsure = await deps.db.noticeDelivery.count({ where: { noticeId: id, status: 'possibly_sent' } });
    throw new AppError(
      'invalid_transition',
      unsure
        ? `no failed deliveries to send again; ${unsure} may have been posted already and are sent again only one by one (POST /api/notices/:id/deliveries/:deliveryId/resend)`
        : 'no failed deliveries to send again',
      undefined,
      unsure ? 'only_possibly_posted' : 'nothing_failed',
    );
  }
  deps.events.emit('notice.queued', { noticeId: id, communityId: n.communityId, sendAt: now });
  return deliveryProgress(deps, viewer, id);
}
