// Group commands, answered in the group: #帮助, #报修 <text>, #绑定 <code>, #积分,
// #岗位 and #培训.
import { ORDER_LIMITS } from '../../shared/limits.js';
import { loadViewer, type Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { AppError } from '../errors.js';
import { submitOrder } from '../orders/index.js';
import { openJobsDigest } from '../jobs/index.js';
import { openTrainingsDigest } from '../trainings/index.js';
import { homeCommunity } from '../policies/index.js';
import { householdBalance } from '../points/index.js';
import { redeemLinkCode } from './linkCodes.js';
import { countCommand } from './commandPace.js';

export const COMMANDS = ['帮助', '报修', '绑定', '积分', '岗位', '培训'] as const;
type Command = (typeof COMMANDS)[number];

/** `#报修 厨房漏水`, `＃报修厨房漏水` → { name: 报修, arg: 厨房漏水 }; anything else is chat, not a command. */
export function parseCommand(text: string): { name: Command; arg: string } | null {
  const m = /^[#＃]\s*(\S[\s\S]*)$/.exec(text.trim());
  if (!m) return null;
  const rest = m[1]!;
  const name = COMMANDS.find((c) => rest.startsWith(c));
  return name ? { name, arg: rest.slice(name.length).trim() } : null;
}

export const isCommand = (text: string) => parseCommand(text) !== null;

export const HELP = [
  'e家社区小助手可以帮您：',
  '#报修 问题描述 —— 登记报修，例如：#报修 厨房水管漏水',
  '#积分 —— 查询您家的积分',
  '#岗位 —— 看最新的招聘岗位',
  '#培训 —— 看可以报名的技能培训',
  '#绑定 绑定码 —— 把微信和「e家社区」小程序账号绑定',
  '#帮助 —— 查看本说明',
].join('\n');

export const HOW_TO_LINK =
  '您还没有绑定「e家社区」账号。请打开「e家社区」小程序 →「我的」→「绑定微信群」获取绑定码，再在群里发送：#绑定 绑定码';

export const TOO_FAST = '您发送得太频繁了，请一分钟后再试。';

const NO_HOUSEHOLD = '您的账号还没有关联住户，请联系楼栋长或网格员。';

/** The reply to one message, or null when the bot should stay silent. Never throws for a user's mistake. */
export async function answerCommand(deps: Deps, msg: { contactId: string; text: string; roomId?: string }): Promise<string | null> {
  const cmd = parseCommand(msg.text);
  if (!cmd) return null;
  const rate = await countCommand(deps, msg.contactId);
  if (!rate.allowed) return rate.firstRefusal ? TOO_FAST : null;

  if (cmd.name === '帮助') return HELP;
  if (cmd.name === '绑定') return link(deps, msg.contactId, cmd.arg);

  const viewer = await linkedViewer(deps, msg.contactId);
  if (cmd.name === '岗位' || cmd.name === '培训') {
    // public postings: anyone in a building group may ask, linked or not
    const communityId = (viewer && homeCommunity(viewer)) ?? (await groupCommunity(deps, msg.roomId));
    if (!communityId) return HOW_TO_LINK;
    return cmd.name === '岗位' ? openJobsDigest(deps, communityId) : openTrainingsDigest(deps, communityId);
  }
  if (!viewer) return HOW_TO_LINK;
  if (cmd.name === '报修') return fileRepair(deps, viewer, cmd.arg);
  return pointsBalance(deps, viewer);
}

/** The community a Wechaty group belongs to, once staff linked it. */
async function groupCommunity(deps: Deps, roomId: string | undefined): Promise<string | null> {
  if (!roomId) return null;
  const g = await deps.db.chatGroup.findFirst({ where: { channel: 'wechaty', externalId: roomId }, select: { communityId: true } });
  return g?.communityId ?? null;
}

async function linkedViewer(deps: Deps, contactId: string): Promise<Viewer | null> {
  const member = await deps.db.botMember.findUnique({ where: { contactId }, select: { userId: true } });
  return member ? loadViewer(deps.db, member.userId) : null;
}

async function link(deps: Deps, contactId: string, code: string): Promise<string> {
  if (!code) return '请在 #绑定 后面加上小程序里显示的绑定码，例如：#绑定 7K3M9Q';
  const linked = await redeemLinkCode(deps, contactId, code);
  if (!linked) return '绑定码无效或已过期，请在小程序里重新获取。';
  deps.logger.info({ userId: linked.userId }, 'group member linked');
  return '绑定成功！现在可以在群里发送 #报修 和 #积分 了。';
}

/** Files the order exactly as 群众点单 in the mini-program does (the same service), as a repair unless the community has none. */
async function fileRepair(deps: Deps, viewer: Viewer, description: string): Promise<string> {
  if (description.length < ORDER_LIMITS.description.min) return '请在 #报修 后面写上要报修的问题，例如：#报修 厨房水管漏水';
  if (!viewer.resident) return NO_HOUSEHOLD;
  const categories = await deps.db.serviceCategory.findMany({
    where: { communityId: viewer.resident.communityId, active: true, code: { in: ['repair', 'other'] } },
    select: { code: true },
  });
  const category = categories.some((c) => c.code === 'repair') ? 'repair' : categories[0]?.code;
  if (!category) return '本社区暂未开通群里报修，请在小程序里提交。';
  try {
    const order = await submitOrder(deps, viewer, {
      category,
      description: description.slice(0, ORDER_LIMITS.description.max),
      urgency: 'normal',
      photos: [],
    });
    const worker = order.suggestedAssignee ? `网格员${order.suggestedAssignee.name}` : '网格员';
    return `已登记报修：${order.title}\n单号尾号 ${order.id.slice(-6)}，${worker}会尽快联系您，进度可在「e家社区」小程序查看。`;
  } catch (e) {
    if (e instanceof AppError && e.code === 'forbidden') return NO_HOUSEHOLD;
    // WeChat's content check found the text risky (server/wechat)
    if (e instanceof AppError && e.reason === 'content_risky') return '报修内容里有不适合发布的信息，请修改后再发，或在小程序里提交。';
    if (e instanceof AppError && e.status < 500) return '报修没有登记成功，请换个说法再试，或在小程序里提交。';
    throw e;
  }
}

async function pointsBalance(deps: Deps, viewer: Viewer): Promise<string> {
  if (!viewer.resident) return NO_HOUSEHOLD;
  const balance = await householdBalance(deps, viewer.resident.householdId);
  return `您家当前积分：${balance} 分。可以在「e家社区」小程序的积分超市兑换。`;
}
