// Which group each building's notices go to. Staff pick from the groups the
// bot is in (or register a WeCom group robot) and link them to buildings.
import type { ChatChannel } from '@prisma/client';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import type { DbTx } from '../db.js';
import { AppError, badRequest, forbidden, notFound } from '../errors.js';
import { webhookKey, wecomSenderId } from '../notices/index.js';
import { chatGroupScope, groupLinkPolicy } from '../policies/index.js';
import type { LinkGroupBody } from './schemas.js';

const requireStaff = (viewer: Viewer) => {
  if (!groupLinkPolicy.use(viewer)) throw forbidden('only community staff link building groups');
};

/** The groups staff may pick from, with the buildings already linked to each. The WeCom key is never shown. */
export async function listGroups(deps: Deps, viewer: Viewer) {
  requireStaff(viewer);
  const rows = await deps.db.chatGroup.findMany({
    where: chatGroupScope(viewer),
    include: {
      buildings: { select: { building: { select: { id: true, name: true } } } },
      grids: { select: { grid: { select: { id: true, name: true } } } },
    },
    orderBy: [{ present: 'desc' }, { topic: 'asc' }, { id: 'asc' }],
  });
  return rows.map((g) => presentChatGroup({ ...g, buildings: g.buildings.map((b) => b.building), grids: g.grids.map((x) => x.grid) }));
}

type Place = { id: string; name: string };

/** A group as staff see it: never its WeCom key (externalId). */
export const presentChatGroup = (g: {
  id: string;
  channel: ChatChannel;
  topic: string;
  memberCount: number;
  present: boolean;
  seenAt: Date;
  communityId: string | null;
  buildings: Place[];
  grids: Place[];
}) => ({
  id: g.id,
  channel: g.channel,
  topic: g.topic,
  memberCount: g.memberCount,
  present: g.present,
  seenAt: g.seenAt,
  communityId: g.communityId,
  buildings: g.buildings,
  grids: g.grids,
});

/** The group a link body names (claiming an unassigned one for the community), or a WeCom robot registered on the spot. */
export async function pickGroup(tx: DbTx, viewer: Viewer, communityId: string, body: LinkGroupBody & { groupId?: string }, now: Date) {
  if (body.wecom) {
    const key = webhookKey(body.wecom.webhook);
    if (!key) throw badRequest('body.wecom.webhook', 'not a WeCom group robot webhook address or key');
    const existing = await tx.chatGroup.findUnique({ where: { channel_externalId: { channel: 'wecom', externalId: key } } });
    if (existing && existing.communityId && existing.communityId !== communityId) {
      throw new AppError('conflict', 'this robot is registered by another community');
    }
    return existing
      ? tx.chatGroup.update({ where: { id: existing.id }, data: { topic: body.wecom.topic, communityId, present: true } })
      : tx.chatGroup.create({
          data: { channel: 'wecom', externalId: key, senderId: wecomSenderId(key), topic: body.wecom.topic, communityId, seenAt: now, createdAt: now },
        });
  }
  const g = await tx.chatGroup.findFirst({ where: { AND: [{ id: body.groupId! }, chatGroupScope(viewer)] } });
  if (!g) throw notFound('groupId: group');
  if (g.communityId && g.communityId !== communityId) throw new AppError('conflict', 'the group belongs to another community');
  // the first link claims an unassigned group for the community
  return g.communityId ? g : tx.chatGroup.update({ where: { id: g.id }, data: { communityId } });
}

const presentGroup = (g: { id: string; channel: ChatChannel; topic: string; present: boolean } | null) =>
  g && { id: g.id, channel: g.channel, topic: g.topic, present: g.present };

export async function linkBuildingGroup(deps: Deps, viewer: Viewer, buildingId: string, body: LinkGroupBody) {
  requireStaff(viewer);
  const building = await deps.db.building.findUnique({ where: { id: buildingId }, select: { id: true, name: true, communityId: true } });
  if (!building || !groupLinkPolicy.link(viewer, building)) throw notFound('building');
  const now = deps.clock();
  const group = await deps.db.$transaction(async (tx) => {
    if (body.groupId === null) {
      await tx.buildingGroup.deleteMany({ where: { buildingId } });
      return null;
    }
    const g = await pickGroup(tx, viewer, building.communityId, body as LinkGroupBody & { groupId?: string }, now);
    await tx.buildingGroup.upsert({
      where: { buildingId },
      create: { buildingId, communityId: building.communityId, groupId: g.id, linkedById: viewer.userId, linkedAt: now },
      update: { groupId: g.id, linkedById: viewer.userId, linkedAt: now },
    });
    return g;
  });
  return { building: { id: building.id, name: building.name }, group: presentGroup(group) };
}

/** A grid's work group, where its emergency orders are announced. */
export async function linkGridGroup(deps: Deps, viewer: Viewer, gridId: string, body: LinkGroupBody) {
  requireStaff(viewer);
  const grid = await deps.db.grid.findUnique({ where: { id: gridId }, select: { id: true, name: true, communityId: true } });
  if (!grid || !groupLinkPolicy.link(viewer, grid)) throw notFound('grid');
  const now = deps.clock();
  const group = await deps.db.$transaction(async (tx) => {
    if (body.groupId === null) {
      await tx.gridGroup.deleteMany({ where: { gridId } });
      return null;
    }
    const g = await pickGroup(tx, viewer, grid.communityId, body as LinkGroupBody & { groupId?: string }, now);
    await tx.gridGroup.upsert({
      where: { gridId },
      create: { gridId, communityId: grid.communityId, groupId: g.id, linkedById: viewer.userId, linkedAt: now },
      update: { groupId: g.id, linkedById: viewer.userId, linkedAt: now },
    });
    return g;
  });
  return { grid: { id: grid.id, name: grid.name }, group: presentGroup(group) };
}
