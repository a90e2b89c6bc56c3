// The reader side: residents (and building heads, grid workers, staff) read
// the notices for the buildings they belong to, newest first, with unread marks.
import type { Prisma } from '@prisma/client';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { notFound } from '../errors.js';
import { noticeScope } from '../policies/index.js';
import { noticeReaderInclude, presentNotice } from './presenter.js';
import type { ListNoticesQuery } from './schemas.js';

/** Published: due, not withdrawn, and one of the viewer's buildings is in its audience. */
const readable = (viewer: Viewer, now: Date): Prisma.NoticeWhereInput => ({
  AND: [noticeScope(viewer), { sendAt: { lte: now }, cancelledAt: null, staffOnly: false }],
});

export async function listNotices(deps: Deps, viewer: Viewer, q: ListNoticesQuery) {
  const now = deps.clock();
  const unread: Prisma.NoticeWhereInput = { reads: { none: { userId: viewer.userId } } };
  const where: Prisma.NoticeWhereInput = {
    AND: [readable(viewer, now), ...(q.kind ? [{ kind: q.kind }] : []), ...(q.unread ? [unread] : [])],
  };
  const [rows, unreadCount] = await Promise.all([
    deps.db.notice.findMany({
      where,
      include: noticeReaderInclude(viewer.userId),
      orderBy: [{ sendAt: 'desc' }, { id: 'desc' }],
      take: q.limit + 1,
      ...(q.cursor ? { cursor: { id: q.cursor }, skip: 1 } : {}),
    }),
    deps.db.notice.count({ where: { AND: [readable(viewer, now), unread] } }),
  ]);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((n) => presentNotice(n, now, deps.config.sessionSecret)),
    unreadCount,
    nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null,
  };
}

export async function getNotice(deps: Deps, viewer: Viewer, id: string) {
  const now = deps.clock();
  const n = await deps.db.notice.findFirst({
    where: { AND: [{ id }, readable(viewer, now)] },
    include: noticeReaderInclude(viewer.userId),
  });
  if (!n) throw notFound('notice');
  return presentNotice(n, now, deps.config.sessionSecret);
}

/** Idempotent: the first read time stays. */
export async function markNoticeRead(deps: Deps, viewer: Viewer, id: string) {
  const now = deps.clock();
  const n = await deps.db.notice.findFirst({ where: { AND: [{ id }, readable(viewer, now)] }, select: { id: true, communityId: true } });
  if (!n) throw notFound('notice');
  await deps.db.noticeRead.upsert({
    where: { noticeId_userId: { noticeId: id, userId: viewer.userId } },
    create: { noticeId: id, userId: viewer.userId, communityId: n.communityId, readAt: now },
    update: {},
  });
  return getNotice(deps, viewer, id);
}

/** The notices a user has read, and when (their copy of their data). */
export async function noticesReadBy(deps: Deps, userId: string) {
  const reads = await deps.db.noticeRead.findMany({
    where: { userId },
    orderBy: [{ readAt: 'asc' }, { noticeId: 'asc' }],
    select: { noticeId: true, readAt: true, notice: { select: { title: true } } },
  });
  return reads.map((r) => ({ noticeId: r.noticeId, title: r.notice.title, readAt: r.readAt }));
}
