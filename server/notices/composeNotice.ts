// Staff write a notice for the whole community, some grids or some buildings,
// to go now or later. Writing it also queues one delivery per building group.
import type { NoticeAudience, NoticeKind } from '@prisma/client';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import type { DbTx } from '../db.js';
import { AppError, badRequest, forbidden, notFound } from '../errors.js';
import { homeCommunity, noticePolicy, uploadScope } from '../policies/index.js';
import { getManagedNotice } from './manageNotices.js';
import type { ComposeNoticeBody } from './schemas.js';

/** Scheduling a little in the past (a slow phone, a clock off by seconds) means "now". */
const PAST_TOLERANCE_MS = 5 * 60_000;

export async function composeNotice(deps: Deps, viewer: Viewer, body: ComposeNoticeBody) {
  if (!noticePolicy.write(viewer)) throw forbidden('only community staff can write notices');
  const communityId = body.communityId ?? homeCommunity(viewer);
  if (!communityId) throw badRequest('body.communityId', 'required: say which community the notice is for');
  if (!noticePolicy.compose(viewer, communityId)) throw notFound('communityId: community');
  const community = await deps.db.community.findUnique({ where: { id: communityId }, select: { id: true } });
  if (!community) throw notFound('communityId: community');

  const now = deps.clock();
  if (body.sendAt && body.sendAt.getTime() < now.getTime() - PAST_TOLERANCE_MS) {
    throw badRequest('body.sendAt', 'is in the past; leave it out to send now');
  }
  const sendAt = body.sendAt && body.sendAt > now ? body.sendAt : now;

  const noticeId = await deps.db.$transaction(async (tx) => {
    const buildingIds = await resolveAudience(tx, communityId, body.audience);
    if (body.imageId) {
      const image = await tx.upload.findFirst({ where: { AND: [{ id: body.imageId, communityId }, uploadScope(viewer)] } });
      if (!image) throw badRequest('body.imageId', 'no such image; upload it first');
    }
    const audienceIds =
      body.audience.type === 'grids' ? body.audience.gridIds : body.audience.type === 'buildings' ? body.audience.buildingIds : [];
    return createNotice(tx, {
      communityId,
      kind: body.kind,
      title: body.title,
      body: body.body,
      imageId: body.imageId ?? null,
      pagePath: body.pagePath ?? null,
      audience: body.audience.type,
      audienceIds,
      buildingIds,
      sendAt,
      createdById: viewer.userId,
      source: null,
      now,
    });
  });
  deps.logger.info({ noticeId, communityId, kind: body.kind }, 'notice written');
  deps.events.emit('notice.queued', { noticeId, communityId, sendAt });
  return getManagedNotice(deps, viewer, noticeId);
}

/** The buildings an audience means, each checked to be the community's (another community's ids are unknown here). */
async function resolveAudience(tx: DbTx, communityId: string, audience: ComposeNoticeBody['audience']): Promise<string[]> {
  if (audience.type === 'community') {
    const rows = await tx.building.findMany({ where: { communityId }, select: { id: true } });
    return rows.map((b) => b.id);
  }
  if (audience.type === 'grids') {
    const wanted = [...new Set(audience.gridIds)];
    const grids = await tx.grid.findMany({ where: { communityId, id: { in: wanted } }, select: { id: true } });
    const unknown = wanted.filter((g) => !grids.some((x) => x.id === g));
    if (unknown.length) throw badRequest('body.audience.gridIds', `unknown grid ${unknown[0]}`);
    const rows = await tx.building.findMany({ where: { communityId, gridId: { in: wanted } }, select: { id: true } });
    return rows.map((b) => b.id);
  }
  const wanted = [...new Set(audience.buildingIds)];
  const rows = await tx.building.findMany({ where: { communityId, id: { in: wanted } }, select: { id: true } });
  const unknown = wanted.filter((b) => !rows.some((x) => x.id === b));
  if (unknown.length) throw badRequest('body.audience.buildingIds', `unknown building ${unknown[0]}`);
  return wanted;
}

export interface NewNotice {
  communityId: string;
  kind: NoticeKind;
  title: string;
  body: string;
  imageId: string | null;
  pagePath: string | null;
  audience: NoticeAudience;
  audienceIds: string[];
  buildingIds: string[];
  sendAt: Date;
  createdById: string | null;
  /** Automatic notices name what caused them; unique per community. */
  source: string | null;
  now: Date;
  /** An alert for staff groups: posted to these groups only, never shown to residents. */
  staffOnly?: { groupIds: string[] };
}

/** Writes the notice, its buildings and one delivery per distinct group those buildings are linked to. */
export async function createNotice(tx: DbTx, n: NewNotice): Promise<string> {
  if (!n.buildingIds.length && !n.staffOnly) throw new AppError('conflict', 'the audience has no buildings');
  const notice = await tx.notice.create({
    data: {
      communityId: n.communityId,
      kind: n.kind,
      title: n.title,
      body: n.body,
      imageId: n.imageId,
      pagePath: n.pagePath,
      audience: n.audience,
      audienceIds: n.audienceIds.join(','),
      source: n.source,
      sendAt: n.sendAt,
      createdById: n.createdById,
      staffOnly: n.staffOnly !== undefined,
      createdAt: n.now,
    },
  });
  if (n.buildingIds.length) await tx.noticeBuilding.createMany({
    data: n.buildingIds.map((buildingId) => ({ noticeId: notice.id, buildingId, communityId: n.communityId })),
  });
  const links = n.staffOnly
    ? n.staffOnly.groupIds.map((groupId) => ({ groupId }))
    : await tx.buildingGroup.findMany({ where: { buildingId: { in: n.buildingIds } }, select: { groupId: true } });
  const groupIds = [...new Set(links.map((l) => l.groupId))];
  if (groupIds.length) {
    await tx.noticeDelivery.createMany({
      data: groupIds.map((groupId) => ({
        communityId: n.communityId,
        noticeId: notice.id,
        groupId,
        urgent: n.kind === 'emergency',
        nextAttemptAt: n.sendAt,
        createdAt: n.now,
        updatedAt: n.now,
      })),
    });
  }
  return notice.id;
}
