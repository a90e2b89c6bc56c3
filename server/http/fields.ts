// The zod pieces every domain's schemas share: ids, yes/no in a query string,
// dates on the wire, paged answers. One definition each, so a rule (an id is at
// most 40 characters) changes in one place.
import { z } from 'zod';

/** An id in a path, query or body. */
export const id = z.string().trim().min(1, 'required').max(40);

/** `{ id }` in a path. */
export const idParams = z.object({ id });

/** Yes or no, as JSON or in a query string (`true`, `false`, `1`, `0`). */
export const bool = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')]);

/**
 * A date and time in an answer. Handlers return Date objects (JSON writes them
 * as ISO 8601 text); the document says so.
 */
export const isoDate = z.date().meta({ override: { type: 'string', format: 'date-time' } });

/** A page of `item`s, newest first, with the cursor of the next page (null on the last). */
export const paged = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** A person as answers name them: id and display name. */
export const personRef = z.object({ id: z.string(), name: z.string() });
