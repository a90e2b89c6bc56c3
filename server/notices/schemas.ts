import { z } from 'zod';
import { dateTime } from '../http/dates.js';

export const NOTICE_KINDS = ['policy', 'service', 'news', 'job', 'training', 'activity', 'emergency'] as const;

/** 惠民政策, 便民服务 … as the groups and the mini-program show them. */
export const KIND_LABELS: Record<(typeof NOTICE_KINDS)[number], string> = {
  policy: '惠民政策',
  service: '便民服务',
  news: '时政新闻',
  job: '就业岗位',
  training: '技能培训',
  activity: '社区活动',
  emergency: '紧急通知',
};

const id = z.string().trim().min(1, 'required').max(40);
const ids = z.array(id).min(1, 'choose at least one').max(500);

export const noticeIdParams = z.object({ id });

/** A mini-program page: `pages/...` with an optional query; never a web address. */
const pagePath = z
  .string()
  .trim()
  .max(200)
  .regex(/^\/?pages\/[A-Za-z0-9_\-/]+(\?[A-Za-z0-9_\-=&%.]*)?$/, 'must be a mini-program page such as pages/orders/new');

export const composeNoticeBody = z
  .object({
    kind: z.enum(NOTICE_KINDS),
    title: z.string().trim().min(2, 'at least 2 characters').max(60),
    body: z.string().trim().min(2, 'at least 2 characters').max(3000),
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

const bool = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')]);

export const listNoticesQuery = z.object({
  kind: z.enum(NOTICE_KINDS).optional(),
  unread: bool.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: id.optional(),
});

export const manageNoticesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: id.optional(),
});

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
