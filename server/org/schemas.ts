import { HouseholdTagKind, LeaveReason } from '@prisma/client';
import { z } from 'zod';
import { id, isoDate, paged, personRef } from '../http/fields.js';
import { pageQuery } from '../http/paging.js';

/** 七彩 tags: the kinds of household a community looks after (党员户, 留守儿童, 低保户…). */
const householdTag = z.enum(HouseholdTagKind);

export const listHouseholdsQuery = z.object({
  buildingId: id.optional(),
  gridId: id.optional(),
  /** Refused (403) for a tag the viewer does not see on every household they reach. */
  tag: householdTag.optional(),
  ...pageQuery(200, 50),
});

export const listResidentsQuery = z.object({
  buildingId: id.optional(),
  /** Part of a name or a room number. */
  q: z.string().trim().min(1).max(20).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

// ---- answers -------------------------------------------------------------------

const place = z.object({ id: z.string(), name: z.string() });

/** A grid worker for the dispatch picker, with how many orders they have open. */
export const gridWorker = z
  .object({ id: z.string(), name: z.string(), grid: place.nullable(), openOrders: z.number().int() })
  .meta({ id: 'GridWorker' });

/** A resident one may file a request for. */
export const residentChoice = z
  .object({ id: z.string(), name: z.string(), building: place, room: z.string() })
  .meta({ id: 'ResidentChoice' });

/** A code to give the resident, valid for a week. */
export const residentInvite = z.object({ code: z.string(), expiresAt: isoDate, resident: personRef }).meta({ id: 'ResidentInvite' });

/** A household member: each field only as the visibility table allows the viewer (server/policies/visibility.ts); ID numbers may come masked. */
export const householdMember = z
  .object({
    id: z.string(),
    name: z.string(),
    relation: z.string(),
    gender: z.string().optional(),
    birthYear: z.number().int().nullable().optional(),
    phone: z.string().nullable().optional(),
    idNumber: z.string().nullable().optional(),
  })
  .meta({ id: 'HouseholdMember' });

export const household = z
  .object({
    id: z.string(),
    building: place,
    room: z.string(),
    groundFloor: z.boolean(),
    members: z.array(householdMember),
    /** Only the tags the visibility table shows the viewer (building heads: no 残疾, 低保, 监测户), notes only with them. */
    tags: z.array(z.object({ kind: householdTag, note: z.string().optional() })),
    /** A summary of what the viewer sees: `full` with whole ID numbers, `contact` with phones, `basic` with neither. */
    access: z.enum(['full', 'contact', 'basic']),
  })
  .meta({ id: 'Household' });

/** Why a full ID number is needed: written to the access log with it. */
export const revealIdNumberBody = z.object({ reason: z.string().trim().min(2, 'say why the full number is needed (at least 2 characters)').max(200) });

export const revealedIdNumber = z
  .object({ residentId: z.string(), idNumber: z.string(), accessLogId: z.string(), requestId: z.string() })
  .meta({ id: 'RevealedIdNumber' });

/** 迁出 (moved_out) or 去世 (deceased). */
export const residentLeavesBody = z.object({ reason: z.enum(LeaveReason) });

export const residentLeft = z
  .object({
    id: z.string(),
    /** the name history shows from now on (已迁出居民, 已故居民) */
    name: z.string(),
    leftAt: isoDate,
    leftReason: z.enum(LeaveReason),
    accountsUnlinked: z.number().int(),
    invitesDeleted: z.number().int(),
  })
  .meta({ id: 'ResidentLeft' });

export const gridWorkerList = z.array(gridWorker);
export const residentChoices = z.array(residentChoice);
export const householdPage = paged(household);

export type ListHouseholdsQuery = z.infer<typeof listHouseholdsQuery>;
export type ListResidentsQuery = z.infer<typeof listResidentsQuery>;
