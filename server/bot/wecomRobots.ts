// WeCom (企业微信) group robots on the 群管理 page: registered for a community without a
// building yet (linked later like any group), removed, and tried with a test post.
// A robot's webhook key is a secret: never answered nor logged.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { AppError, badRequest, forbidden, notFound } from '../errors.js';
import { cancelDeliveriesToGroup, ChannelError, WeComWebhookChannel, webhookKey } from '../notices/index.js';
import { chatGroupScope, groupLinkPolicy, homeCommunity } from '../policies/index.js';
import { pickGroup, presentChatGroup } from './groups.js';
import type { RegisterRobotBody } from './schemas.js';

export async function registerRobot(deps: Deps, v: Viewer, body: RegisterRobotBody) {
  if (!groupLinkPolicy.use(v)) throw forbidden('only community staff register group robots');
  const communityId = body.communityId ?? homeCommunity(v);
  if (!communityId) throw badRequest('body.communityId', 'required: say which community');
  if (!groupLinkPolicy.link(v, { communityId })) throw notFound('communityId: community');
  if (!webhookKey(body.webhook)) throw badRequest('body.webhook', 'not a WeCom group robot webhook address or key');
  const now = deps.clock();
  const g = await deps.db.$transaction((tx) => pickGroup(tx, v, communityId, { wecom: { webhook: body.webhook, topic: body.topic } }, now));
  deps.logger.info({ groupId: g.id, communityId, by: v.userId }, 'WeCom robot registered');
  return presentChatGroup({ ...g, buildings: [], grids: [] });
}

/** A group of the viewer's community, by id (another community's, or one not yet claimed, is not theirs to change). */
async function ownGroup(deps: Deps, v: Viewer, groupId: string) {
  if (!groupLinkPolicy.use(v)) throw forbidden('only community staff manage groups');
  const g = await deps.db.chatGroup.findFirst({ where: { AND: [{ id: groupId }, chatGroupScope(v)] } });
  if (!g || !g.communityId || !groupLinkPolicy.link(v, { communityId: g.communityId })) throw notFound('group');
  return g;
}

/**
 * Removes a WeCom robot: its building and grid links go, posts not yet under way are
 * cancelled, and its key is forgotten (the row stays for the deliveries it made).
 */
export async function removeRobot(deps: Deps, v: Viewer, groupId: string) {
  const g = await ownGroup(deps, v, groupId);
  if (g.channel !== 'wecom') throw new AppError('conflict', 'only WeCom robots are removed here; take the bot out of a WeChat group in WeChat itself');
  const now = deps.clock();
  const cancelled = await deps.db.$transaction(async (tx) => {
    await tx.buildingGroup.deleteMany({ where: { groupId: g.id } });
    await tx.gridGroup.deleteMany({ where: { groupId: g.id } });
    const cancelled = await cancelDeliveriesToGroup(tx, g.id, now);
    await tx.chatGroup.update({ where: { id: g.id }, data: { present: false, externalId: `removed:${g.id}` } });
    return cancelled;
  });
  deps.logger.info({ groupId: g.id, cancelled, by: v.userId }, 'WeCom robot removed');
  return { id: g.id, deliveriesCancelled: cancelled };
}

/** A short test post through the robot, to see the webhook works: the answer says why not. */
export async function testRobot(deps: Deps, v: Viewer, groupId: string) {
  const g = await ownGroup(deps, v, groupId);
  if (g.channel !== 'wecom') throw new AppError('conflict', 'test posts are for WeCom robots; the bot posts into its WeChat groups only real notices');
  if (!g.present) throw new AppError('conflict', 'this robot was removed');
  const channel = new WeComWebhookChannel(fetch, deps.config.notices.wecomBaseUrl);
  const at = deps.clock();
  try {
    await channel.send(
      { externalId: g.externalId, senderId: g.senderId, topic: g.topic },
      { noticeId: 'test', kind: 'service', text: `【测试】e家社区群机器人连接正常（${g.topic}）。此消息为测试，请忽略。`, image: null },
    );
    return { sent: true, at, error: null };
  } catch (e) {
    if (e instanceof ChannelError) return { sent: false, at, error: e.message };
    throw e;
  }
}
