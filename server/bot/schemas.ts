import { z } from 'zod';
import { id, idParams, isoDate } from '../http/fields.js';
import { chatChannel } from '../notices/index.js';

export const buildingIdParams = idParams;
export const gridIdParams = idParams;

/** Link a building (or a grid) to a group the bot is in, to a WeCom group robot, or (groupId: null) unlink it. */
export const linkGroupBody = z
  .object({
    groupId: id.nullable().optional(),
    wecom: z
      .object({
        /** The robot's webhook address (or only its key), from the WeCom group's robot settings. */
        webhook: z.string().trim().min(1, 'required').max(300),
        topic: z.string().trim().min(1, 'required').max(60),
      })
      .optional(),
  })
  .refine((b) => (b.groupId !== undefined) !== (b.wecom !== undefined), {
    message: 'give either groupId or wecom',
    path: ['groupId'],
  });

export type LinkGroupBody = z.infer<typeof linkGroupBody>;

// ---- answers -------------------------------------------------------------------

const place = z.object({ id: z.string(), name: z.string() });

/** A group staff may pick, with the buildings and grids already linked to it (a WeCom robot's key is never shown). */
export const chatGroup = z
  .object({
    id: z.string(),
    channel: chatChannel,
    topic: z.string(),
    memberCount: z.number().int(),
    /** The bot is still in the group (false once it was removed). */
    present: z.boolean(),
    seenAt: isoDate,
    /** Null until staff of a community link it. */
    communityId: z.string().nullable(),
    buildings: z.array(place),
    grids: z.array(place),
  })
  .meta({ id: 'ChatGroup' });

export const chatGroupList = z.array(chatGroup);

export const linkCode = z
  .object({
    code: z.string(),
    expiresAt: isoDate,
    /** What to send in the group, in the users' words. */
    howTo: z.string(),
  })
  .meta({ id: 'BotLinkCode' });

/** The group now linked, or null once unlinked. */
const linkedGroup = z.object({ id: z.string(), channel: chatChannel, topic: z.string(), present: z.boolean() }).nullable();

export const buildingGroupLink = z.object({ building: place, group: linkedGroup }).meta({ id: 'BuildingGroupLink' });
export const gridGroupLink = z.object({ grid: place, group: linkedGroup }).meta({ id: 'GridGroupLink' });

// ---- 群管理: the bot account and the WeCom robots --------------------------------

/** A WeCom group robot for the community, not yet linked to a building or grid. */
export const registerRobotBody = z.object({
  communityId: id.optional(),
  /** The robot's webhook address (or only its key), from the WeCom group's robot settings. */
  webhook: z.string().trim().min(1, 'required').max(300),
  topic: z.string().trim().min(1, 'required').max(60),
});
export type RegisterRobotBody = z.infer<typeof registerRobotBody>;

export const botStatus = z
  .object({
    /** not_running: no process has run the bot on this database (not configured) */
    state: z.enum(['logged_in', 'waiting_scan', 'logged_out', 'not_running']),
    /** demo: the mock WeChat of development, nothing reaches WeChat */
    mode: z.enum(['wechat', 'demo']).nullable(),
    accountName: z.string().nullable(),
    /** when the state last changed */
    since: isoDate.nullable(),
    /** The content of the login QR while the bot waits for a scan: platform admins only. */
    loginQr: z.string().optional(),
    mayScan: z.boolean(),
    /** Posts per bot account per day, and today's so far (China time). */
    dailyCap: z.number().int(),
    sentToday: z.number().int(),
  })
  .meta({ id: 'BotStatus' });

/** The console's banner while the group bot is out (not logged in): no group post goes out meanwhile. */
export const botBanner = z
  .object({
    out: z.boolean(),
    state: z.enum(['logged_in', 'waiting_scan', 'logged_out', 'not_running']),
    /** when the outage began */
    since: isoDate.nullable(),
    /** what the banner says, in plain words */
    message: z.string().nullable(),
  })
  .meta({ id: 'BotBanner' });

export const robotRemoved = z.object({ id: z.string(), deliveriesCancelled: z.number().int() }).meta({ id: 'RobotRemoved' });
export const robotTested = z
  .object({ sent: z.boolean(), at: isoDate, /** WeCom's refusal in plain words */ error: z.string().nullable() })
  .meta({ id: 'RobotTested' });
