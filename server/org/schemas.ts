import { HouseholdTagKind, LeaveReason } from '@prisma/client';
import { z } from 'zod';
import { id, isoDate, paged, personRef } from '../http/fields.js';
import { pageQuery } from '../http/paging.js';

/** 七彩 tags: the kinds of household a community looks after (党员户, 留守儿童, 低保户…). */
const householdTag = z.enum(HouseholdTagKind);

export const listHouseholdsQuery = z.object({
  buildingId: id.optional(),
  gridId: id.optional(),
  /** Part of a member's name or of a room (302, 1单元). */
  q: z.string().trim().min(1).max(20).optional(),
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
/** In the order people walk a building: 1栋 before 2栋 before 10栋, 1单元 before 2单元, 302 before 1101; `buildings`: those the viewer looks after, for a building filter. */
export const householdPage = paged(household).extend({ buildings: z.array(place) });

export type ListHouseholdsQuery = z.infer<typeof listHouseholdsQuery>;
export type ListResidentsQuery = z.infer<typeof listResidentsQuery>;

// ---- 网格划分: grids as sets of buildings (./grids.ts) ---------------------------------

const gridName = z.string().trim().min(1, 'required').max(30);

/** Staff: their own community unless they name one; an administrator of several names it. */
export const gridsQuery = z.object({ communityId: id.optional() });
export const createGridBody = z.object({ communityId: id.optional(), name: gridName });
export const renameGridBody = z.object({ name: gridName });
export const moveBuildingBody = z.object({ gridId: id });

export const gridWithBuildings = z
  .object({
    id: z.string(),
    name: z.string(),
    /** by name, the way people count (2栋 before 10栋) */
    buildings: z.array(place),
    /** the grid's 网格员, longest-serving first (the one new orders are suggested to) */
    workers: z.array(place),
  })
  .meta({ id: 'GridWithBuildings' });
export const gridList = z.array(gridWithBuildings);

export const buildingMoved = z
  .object({
    building: place,
    from: place,
    to: place,
    /** open orders that moved with it (their grid and suggested worker) */
    ordersMoved: z.number().int(),
    /** group posts of notices still going out: added for the new grid's, cancelled for the old grid's */
    deliveriesAdded: z.number().int(),
    deliveriesCancelled: z.number().int(),
  })
  .meta({ id: 'BuildingMoved' });

export type GridsQuery = z.infer<typeof gridsQuery>;
export type CreateGridBody = z.infer<typeof createGridBody>;
