import { z } from 'zod';
import { NOTICE_KINDS } from '../../shared/words.js';
import { NOTICE_LIMITS } from '../../shared/limits.js';
import { dateTime } from '../http/dates.js';
import { bool, id, idParams, isoDate, paged, personRef } from '../http/fields.js';

const ids = z.array(id).min(1, 'choose at least one').max(500);

export const noticeIdParams = idParams;

/** A mini-program page: `pages/...` with an optional query; never a web address. */
const pagePath = z
  .string()
  .trim()
  .max(200)
  .regex(/^\/?pages\/[A-Za-z0-9_\-/]+(\?[A-Za-z0-9_\-=&%.]*)?$/, 'must be a mini-program page such as pages/orders/new');

export const composeNoticeBody = z
  .object({
    kind: z.enum(NOTICE_KINDS),
    title: z.string().trim().min(NOTICE_LIMITS.title.min, `at least ${NOTICE_LIMITS.title.min} characters`).max(NOTICE_LIMITS.title.max),
    body: z.string().trim().min(NOTICE_LIMITS.body.min, `at least ${NOTICE_LIMITS.body.min} characters`).max(NOTICE_LIMITS.body.max),
    imageId: id.optional(),
    pagePath: pagePath.optional(),
    audience: z.discriminatedUnion('type', [
      z.object({ type: z.literal('community') }),
      z.object({ type: z.literal('grids'), gridIds: ids }),
      z.object({ type: z.literal('buildings'), buildingIds: ids }),
    ]),
    /** Leave out to send now; a time in the future schedules it. */
    sendAt: dateTime().optional(),
    /** Admins, who belong to no community, say which one. */
    communityId: id.optional(),
  });

export const listNoticesQuery = z.object({
  kind: z.enum(NOTICE_KINDS).optional(),
  unread: bool.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: id.optional(),
});

/** The states of a notice as staff follow it (presenter.ts noticeState); `attention`: some group failed or may have got it. */
export const NOTICE_STATES = ['scheduled', 'sending', 'done', 'cancelled'] as const;

export const manageNoticesQuery = z.object({
  state: z.enum([...NOTICE_STATES, 'attention']).optional(),
  kind: z.enum(NOTICE_KINDS).optional(),
  /** Words of the title or text. */
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: id.optional(),
});

export const audienceQuery = z.object({ communityId: id.optional() });

export const resendDeliveryParams = z.object({ id, deliveryId: id });

export const resendDeliveryBody = z.object({
  /**
   * Required for a group whose earlier send was interrupted (`possibly_sent`): staff say they
   * looked and the post is not in the group, or that a second copy is acceptable.
   */
  confirmPossiblyPosted: z.boolean().optional(),
});

export type ResendDeliveryBody = z.infer<typeof resendDeliveryBody>;

export type ComposeNoticeBody = z.infer<typeof composeNoticeBody>;
export type ListNoticesQuery = z.infer<typeof listNoticesQuery>;
export type ManageNoticesQuery = z.infer<typeof manageNoticesQuery>;

export const automationBody = z
  .object({
    jobs: z.boolean().optional(),
    trainings: z.boolean().optional(),
    emergencyOrders: z.boolean().optional(),
    communityId: id.optional(),
  })
  .refine((b) => b.jobs !== undefined || b.trainings !== undefined || b.emergencyOrders !== undefined, {
    message: 'set at least one of jobs, trainings, emergencyOrders',
    path: ['jobs'],
  });

export const automationQuery = z.object({ communityId: id.optional() });

export type AutomationBody = z.infer<typeof automationBody>;

export const optInBody = z.object({
  /** The templates the user accepted in wx.requestSubscribeMessage (each allows one message). */
  accepted: z.array(z.enum(['order_status', 'emergency_notice'])).min(1, 'name at least one template').max(10),
});

// ---- answers -------------------------------------------------------------------

const int = z.number().int();
const kind = z.enum(NOTICE_KINDS);
const image = z.object({ id: z.string(), url: z.string().meta({ description: 'A signed address, valid for a while' }) }).nullable();
const place = z.object({ id: z.string(), name: z.string() });

/** How a group is posted into: a Wechaty bot account or a WeCom group robot. */
export const chatChannel = z.enum(['wechaty', 'wecom']);

/** A notice as residents read it. */
export const notice = z
  .object({
    id: z.string(),
    kind,
    kindLabel: z.string(),
    urgent: z.boolean(),
    title: z.string(),
    body: z.string(),
    image,
    pagePath: z.string().nullable(),
    publishedAt: isoDate,
    unread: z.boolean(),
    readAt: isoDate.nullable(),
  })
  .meta({ id: 'Notice' });

export const noticeList = paged(notice).extend({ unreadCount: int });

const deliveryCounts = z.object({
  pending: int,
  retrying: int,
  sent: int,
  failed: int,
  /** 可能已发出: the send was interrupted and its outcome is unknown; not counted as failed, never resent with them */
  possibly_sent: int,
  cancelled: int,
});

export const DELIVERY_STATUSES = ['pending', 'retrying', 'sent', 'failed', 'possibly_sent', 'cancelled'] as const;

/** A notice as staff follow it: where it goes and how far its delivery has got. */
export const managedNotice = z
  .object({
    id: z.string(),
    kind,
    kindLabel: z.string(),
    title: z.string(),
    body: z.string(),
    image,
    pagePath: z.string().nullable(),
    audience: z.object({
      type: z.enum(['community', 'grids', 'buildings']),
      /** The grids or buildings staff chose (none for the whole community). */
      ids: z.array(z.string()),
      buildings: int,
    }),
    automatic: z.boolean(),
    staffOnly: z.boolean(),
    createdBy: personRef.nullable(),
    createdAt: isoDate,
    sendAt: isoDate,
    cancelledAt: isoDate.nullable(),
    state: z.enum(NOTICE_STATES),
    delivery: deliveryCounts.extend({ total: int, summary: z.string() }),
  })
  .meta({ id: 'ManagedNotice' });

export const managedNoticePage = paged(managedNotice);

/** A notice's delivery, group by group. */
export const deliveryProgressAnswer = deliveryCounts
  .extend({
    noticeId: z.string(),
    total: int,
    summary: z.string(),
    buildingsWithoutGroup: z.array(place).meta({ description: 'Buildings in the audience with no linked group: nothing was sent there' }),
    items: z.array(
      z.object({
        id: z.string(),
        group: z.object({ id: z.string(), topic: z.string(), channel: chatChannel }),
        buildings: z.array(place),
        status: z.enum(DELIVERY_STATUSES),
        attempts: int,
        lastError: z.string().nullable(),
        nextAttemptAt: isoDate.nullable(),
        sentAt: isoDate.nullable(),
      }),
    ),
  })
  .meta({ id: 'NoticeDeliveryProgress' });

/** Subscribe messages the user may still receive, per template. */
export const optInsAnswer = z.object({ order_status: int, emergency_notice: int });

export const automationAnswer = z
  .object({ communityId: z.string(), jobs: z.boolean(), trainings: z.boolean(), emergencyOrders: z.boolean() })
  .meta({ id: 'NoticeAutomation' });

/** What the audience picker shows: each grid's buildings, their households and the group each is linked to. */
export const audienceAnswer = z
  .object({
    communityId: z.string(),
    grids: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        buildings: z.array(
          z.object({
            id: z.string(),
            name: z.string(),
            households: int,
            /** The group its notices are posted into; null: not linked, residents read it in the mini-program only */
            group: z.object({ id: z.string(), topic: z.string(), channel: chatChannel }).nullable(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'NoticeAudienceChoices' });

// --- who has been told (noticeReach.ts): the building head passes a notice on to households ---

export const REACH_STATES = ['read', 'told', 'none'] as const;
export const TOLD_HOW = ['in_person', 'phone'] as const;

export const reachBuildingParams = z.object({ id, buildingId: id });
export const reachHouseholdParams = z.object({ id, householdId: id });
export const tellBody = z.object({ how: z.enum(TOLD_HOW).default('in_person') });
export const tellAllBody = z.object({ buildingId: id, how: z.enum(TOLD_HOW).default('in_person') });

const reachCounts = z.object({
  households: z.number().int(),
  /** someone of the household read it in the mini-program */
  read: z.number().int(),
  /** told by the building head (and not read) */
  told: z.number().int(),
  notReached: z.number().int(),
});

const reachNotice = z.object({ id: z.string(), title: z.string(), kind: z.enum(NOTICE_KINDS), sendAt: isoDate, cancelled: z.boolean() });

export const reachOverviewAnswer = z.object({
  notice: reachNotice,
  totals: reachCounts,
  buildings: z.array(reachCounts.extend({ id: z.string(), name: z.string(), mayTell: z.boolean() })),
});

export const reachHousehold = z.object({
  id: z.string(),
  unit: z.string(),
  room: z.string(),
  /** 户主's name, as the visibility table shows it to the viewer (never a phone) */
  headName: z.string().optional(),
  state: z.enum(REACH_STATES),
  readAt: isoDate.nullable(),
  toldAt: isoDate.nullable(),
  toldBy: z.string().nullable(),
  how: z.enum(TOLD_HOW).nullable(),
});

export const reachBoardAnswer = z.object({
  notice: reachNotice,
  building: z.object({ id: z.string(), name: z.string() }),
  counts: reachCounts,
  /** the viewer heads the building: may mark households 已告知 */
  mayTell: z.boolean(),
  /** an emergency notice lists those not yet reached first */
  households: z.array(reachHousehold),
});

export type TellBody = z.infer<typeof tellBody>;
export type TellAllBody = z.infer<typeof tellAllBody>;
