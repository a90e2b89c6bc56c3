// A building moved to another grid (server/org): the notices still going out to a
// grid follow it. A notice for the new grid now reaches the building (its residents
// read it, its group gets the post); a notice for the old grid no longer does, unless
// the post is already on its way. Notices already out stay as they were sent.
import type { DbTx } from '../db.js';

export interface BuildingMove {
  communityId: string;
  buildingId: string;
  fromGridId: string;
  toGridId: string;
  now: Date;
}

/** Deliveries added and cancelled, and the notices that now wait for a post (to wake the worker). */
export async function followBuildingMove(tx: DbTx, m: BuildingMove): Promise<{ deliveriesAdded: number; deliveriesCancelled: number; noticeIds: string[] }> {
  // still going out: not withdrawn, and due later or with posts not yet made
  const notices = await tx.notice.findMany({
    where: {
      communityId: m.communityId,
      audience: 'grids',
      cancelledAt: null,
      staffOnly: false,
      OR: [{ sendAt: { gt: m.now } }, { deliveries: { some: { status: { in: ['pending', 'retrying'] } } } }],
    },
    select: { id: true, kind: true, sendAt: true, audienceIds: true },
  });
  const link = await tx.buildingGroup.findUnique({ where: { buildingId: m.buildingId }, select: { groupId: true } });
  let deliveriesAdded = 0;
  let deliveriesCancelled = 0;
  const woken: string[] = [];
  for (const n of notices) {
    const grids = n.audienceIds.split(',').filter(Boolean);
    const joins = grids.includes(m.toGridId) && !grids.includes(m.fromGridId);
    const leaves = grids.includes(m.fromGridId) && !grids.includes(m.toGridId);
    if (joins) {
      await tx.noticeBuilding.upsert({
        where: { noticeId_buildingId: { noticeId: n.id, buildingId: m.buildingId } },
        create: { noticeId: n.id, buildingId: m.buildingId, communityId: m.communityId },
        update: {},
      });
      if (!link) continue;
      const existing = await tx.noticeDelivery.findUnique({ where: { noticeId_groupId: { noticeId: n.id, groupId: link.groupId } }, select: { id: true } });
      if (existing) continue; // the group already gets it for another building
      await tx.noticeDelivery.create({
        data: {
          communityId: m.communityId,
          noticeId: n.id,
          groupId: link.groupId,
          urgent: n.kind === 'emergency',
          nextAttemptAt: n.sendAt > m.now ? n.sendAt : m.now,
          createdAt: m.now,
          updatedAt: m.now,
        },
      });
      deliveriesAdded++;
      woken.push(n.id);
    } else if (leaves) {
      // residents keep a notice already out to them; one still to come is no longer theirs
      if (n.sendAt > m.now) await tx.noticeBuilding.deleteMany({ where: { noticeId: n.id, buildingId: m.buildingId } });
      if (!link) continue;
      // the group may serve another building the notice is still for
      const stillServed = await tx.buildingGroup.count({
        where: { groupId: link.groupId, buildingId: { not: m.buildingId }, building: { noticeTargets: { some: { noticeId: n.id } } } },
      });
      if (stillServed) continue;
      // only a post not yet under way: one a worker has started may already be in the group
      const r = await tx.noticeDelivery.updateMany({
        where: { noticeId: n.id, groupId: link.groupId, status: { in: ['pending', 'retrying'] }, attemptStartedAt: null },
        data: { status: 'cancelled', updatedAt: m.now, lastError: '楼栋已调到其他网格' },
      });
      deliveriesCancelled += r.count;
    }
  }
  return { deliveriesAdded, deliveriesCancelled, noticeIds: woken };
}

/**
 * A group was removed (a WeCom robot taken off the 群管理 page): its posts not yet under
 * way are cancelled, so none waits for a robot that is gone. The number cancelled.
 */
export async function cancelDeliveriesToGroup(tx: DbTx, groupId: string, now: Date): Promise<number> {
  const r = await tx.noticeDelivery.updateMany({
    where: { groupId, status: { in: ['pending', 'retrying'] }, attemptStartedAt: null },
    data: { status: 'cancelled', updatedAt: now, lastError: '群机器人已移除' },
  });
  return r.count;
}

/** Posts made today by one sending account (the daily cap's count), as the delivery worker keeps it. */
export async function sentTodayBy(db: DbTx, channel: 'wechaty' | 'wecom', senderId: string, day: string): Promise<number> {
  const row = await db.noticeSender.findUnique({ where: { id: `${channel}:${senderId}` }, select: { day: true, sentToday: true } });
  return row && row.day === day ? row.sentToday : 0;
}
