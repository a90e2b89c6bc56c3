// Cursor paging, the same everywhere: newest first, `limit` items, and the id
// to pass as `cursor` for the next page (null on the last one).
import { z } from 'zod';

export const pageQuery = (max: number, defaultLimit: number) => ({
  limit: z.coerce.number().int().min(1).max(max).default(defaultLimit),
  cursor: z.string().trim().min(1).max(40).optional(),
});

/** findMany arguments: one row more than asked, to know whether there is a next page. */
export const cursorArgs = (q: { limit: number; cursor?: string | undefined }) => ({
  take: q.limit + 1,
  ...(q.cursor ? { cursor: { id: q.cursor }, skip: 1 } : {}),
});

export function toPage<T extends { id: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items.at(-1)!.id : null };
}
