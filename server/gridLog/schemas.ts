import { z } from 'zod';
import { GRID_LOG_KINDS } from '../../shared/words.js';
import { dateTime } from '../http/dates.js';
import { id, isoDate } from '../http/fields.js';

const kind = z.enum(GRID_LOG_KINDS);
/** A month in China time, as the monthly report names it: 2026-12. */
export const month = z.string().regex(/^20[0-9]{2}-(0[1-9]|1[0-2])$/, 'a month like 2026-12');

export const writeEntryBody = z.object({
  /** The grid the entry is for; may be left out by a worker of one grid. */
  gridId: id.optional(),
  kind,
  text: z.string().trim().min(1, 'required').max(2000),
  /** An image uploaded first (POST /api/uploads). */
  photoId: id.nullable().optional(),
  /** Households of the grid the entry is about. */
  householdIds: z.array(id).max(20).default([]),
  /** Orders of the grid the entry is about. */
  orderIds: z.array(id).max(20).default([]),
  /** When it was seen or heard; now when left out. */
  occurredAt: dateTime().optional(),
});

export const entriesQuery = z.object({
  /** Words in the text. */
  q: z.string().trim().min(1).max(50).optional(),
  kind: kind.optional(),
  gridId: id.optional(),
  /** Entries about this household (404 when its grid's log is not the viewer's to read). */
  householdId: id.optional(),
  /** Entries about this order (404 when its grid's log is not the viewer's to read). */
  orderId: id.optional(),
  /** From this moment on (occurredAt). */
  from: dateTime().optional(),
  /** Before this moment (occurredAt). */
  to: dateTime().optional(),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const exportQuery = z.object({
  month,
  /** One grid; every grid in reach when left out (a sheet each). */
  gridId: id.optional(),
});

// ---- answers -------------------------------------------------------------------

export const gridLogEntry = z
  .object({
    id: z.string(),
    gridId: z.string(),
    grid: z.string(),
    kind,
    kindLabel: z.string(),
    text: z.string(),
    photo: z.object({ id: z.string(), url: z.string() }).nullable(),
    author: z.object({ id: z.string(), name: z.string() }),
    occurredAt: isoDate,
    createdAt: isoDate,
    households: z.array(z.object({ id: z.string(), building: z.string(), room: z.string() })),
    orders: z.array(z.object({ id: z.string(), title: z.string(), status: z.string() })),
  })
  .meta({ id: 'GridLogEntry' });

export const gridLogPage = z.object({ total: z.number().int(), items: z.array(gridLogEntry) });

export type WriteEntryBody = z.infer<typeof writeEntryBody>;
export type EntriesQuery = z.infer<typeof entriesQuery>;
export type ExportQuery = z.infer<typeof exportQuery>;
