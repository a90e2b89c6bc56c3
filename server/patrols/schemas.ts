import { z } from 'zod';
import { id, idParams, isoDate } from '../http/fields.js';

export const patrolIdParams = idParams;
export const patrolItemParams = z.object({ id, itemId: id });

export const PATROL_RESULTS = ['ok', 'problem'] as const;

export const checklistQuery = z.object({
  /** Staff of several communities, and admins, say which; others get their own. */
  communityId: id.optional(),
});

export const checklistBody = z.object({
  communityId: id.optional(),
  /** How often each building is to be patrolled, in days (7: weekly). */
  everyDays: z.number().int().min(1, 'at least every day').max(90, 'at most every 90 days'),
  /** The checklist in order. An item with an id keeps its history; one left out is retired. */
  items: z
    .array(z.object({ id: id.optional(), name: z.string().trim().min(2, 'at least 2 characters').max(30, 'at most 30 characters') }))
    .min(1, 'keep at least one item')
    .max(30, 'at most 30 items'),
});

export const checklistAnswer = z.object({
  communityId: z.string(),
  everyDays: z.number().int(),
  items: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const startPatrolBody = z.object({ buildingId: id });

export const checkItemBody = z.object({
  result: z.enum(PATROL_RESULTS),
  note: z.string().trim().max(200, 'at most 200 characters').optional(),
  /** The head's own photo (POST /api/uploads first). */
  photoId: id.optional(),
});

export const fileProblemBody = z.object({
  /** Defaults from the item: 楼道卫生 → 环境卫生, 消防/隐患 → 治安消防, else 水电维修. */
  category: z.string().trim().min(1).max(40).optional(),
  urgency: z.enum(['normal', 'emergency']).default('normal'),
  /** Defaults to "<item>：<note>". */
  description: z.string().trim().min(5, 'say a few words about the problem').max(500).optional(),
  /** The resident the order is filed for; defaults to the head's own household when they live in the building. */
  onBehalfOf: id.optional(),
});

export const patrolCheck = z.object({
  itemId: z.string(),
  name: z.string(),
  result: z.enum(PATROL_RESULTS).nullable(),
  note: z.string().nullable(),
  photoUrl: z.string().nullable(),
  orderId: z.string().nullable(),
  checkedAt: isoDate.nullable(),
});

export const patrolDetail = z.object({
  id: z.string(),
  communityId: z.string(),
  building: z.object({ id: z.string(), name: z.string() }),
  head: z.object({ id: z.string(), name: z.string() }),
  startedAt: isoDate,
  finishedAt: isoDate.nullable(),
  problems: z.number().int(),
  items: z.array(patrolCheck),
});

export const buildingsQuery = z.object({ communityId: id.optional() });

export const PATROL_STATES = ['never', 'due', 'ok'] as const;

export const patrolBuilding = z.object({
  id: z.string(),
  name: z.string(),
  gridName: z.string(),
  everyDays: z.number().int(),
  lastPatrolAt: isoDate.nullable(),
  lastPatrolId: z.string().nullable(),
  /** When the next patrol is due (null: never patrolled, due now). */
  dueAt: isoDate.nullable(),
  state: z.enum(PATROL_STATES),
  /** A patrol begun and not finished, to go on with. */
  openPatrolId: z.string().nullable(),
  /** Problems found by the last finished patrol and not yet turned into an order, plus orders from patrols still open. */
  openProblems: z.number().int(),
});

export const patrolBuildingsAnswer = z.object({ items: z.array(patrolBuilding) });

export const patrolListQuery = z.object({ buildingId: id, limit: z.coerce.number().int().min(1).max(50).default(10) });

export const patrolSummary = z.object({
  id: z.string(),
  headName: z.string(),
  startedAt: isoDate,
  finishedAt: isoDate.nullable(),
  problems: z.number().int(),
  ordersFiled: z.number().int(),
});
export const patrolListAnswer = z.object({ items: z.array(patrolSummary) });

export type ChecklistBody = z.infer<typeof checklistBody>;
export type CheckItemBody = z.infer<typeof checkItemBody>;
export type FileProblemBody = z.infer<typeof fileProblemBody>;
