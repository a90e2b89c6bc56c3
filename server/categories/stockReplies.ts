// 常用回复: prepared text per category that workers and staff pick when asking a
// resident for more (待补充) or saying what was done (办结), so common cases are
// answered in one tap and in the same words. Each community's staff write their own.
import type { StockReply } from '@prisma/client';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { badRequest, forbidden, notFound } from '../errors.js';
import { homeCommunity, mayEditStockReplies, mayReadStockReplies } from '../policies/index.js';
import type { NewStockReplyBody, StockRepliesQuery, StockReplyPatch } from './schemas.js';

async function categoryIdOf(deps: Deps, communityId: string, code: string | null | undefined, field: string) {
  if (!code) return null;
  const c = await deps.db.serviceCategory.findUnique({ where: { communityId_code: { communityId, code } }, select: { id: true } });
  if (!c) throw badRequest(field, `unknown category "${code}"`);
  return c.id;
}

async function present(deps: Deps, rows: StockReply[]) {
  const ids = [...new Set(rows.map((r) => r.categoryId).filter((c): c is string => !!c))];
  const cats = ids.length ? await deps.db.serviceCategory.findMany({ where: { id: { in: ids } }, select: { id: true, code: true } }) : [];
  const code = new Map(cats.map((c) => [c.id, c.code]));
  return rows.map((r) => ({ id: r.id, category: r.categoryId ? (code.get(r.categoryId) ?? null) : null, purpose: r.purpose as 'ask' | 'resolve', text: r.text, sort: r.sort }));
}

/** The stock replies of the viewer's community: for one category (and those for every category), one purpose, or all. */
export async function listStockReplies(deps: Deps, viewer: Viewer, q: StockRepliesQuery) {
  const communityId = homeCommunity(viewer);
  if (!communityId || !mayReadStockReplies(viewer, communityId)) throw forbidden('stock replies are for the community’s workers and staff');
  const categoryId = await categoryIdOf(deps, communityId, q.category, 'query.category');
  const rows = await deps.db.stockReply.findMany({
    where: {
      communityId,
      ...(q.purpose ? { purpose: q.purpose } : {}),
      ...(q.category ? { OR: [{ categoryId }, { categoryId: null }] } : {}),
    },
    orderBy: [{ sort: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    take: 200,
  });
  return present(deps, rows);
}

export async function addStockReply(deps: Deps, viewer: Viewer, body: NewStockReplyBody) {
  const communityId = homeCommunity(viewer);
  if (!communityId || !mayEditStockReplies(viewer, communityId)) throw forbidden('only the community’s staff edit stock replies');
  const now = deps.clock();
  const categoryId = await categoryIdOf(deps, communityId, body.category, 'body.category');
  const row = await deps.db.stockReply.create({ data: { communityId, categoryId, purpose: body.purpose, text: body.text, sort: body.sort, createdAt: now, updatedAt: now } });
  return (await present(deps, [row]))[0]!;
}

/** A stock reply of a community the viewer edits for; any other is 404. */
async function editable(deps: Deps, viewer: Viewer, id: string) {
  const row = await deps.db.stockReply.findUnique({ where: { id } });
  if (!row || !mayReadStockReplies(viewer, row.communityId)) throw notFound('stock reply');
  if (!mayEditStockReplies(viewer, row.communityId)) throw forbidden('only the community’s staff edit stock replies');
  return row;
}

export async function changeStockReply(deps: Deps, viewer: Viewer, id: string, patch: StockReplyPatch) {
  const row = await editable(deps, viewer, id);
  const categoryId = patch.category === undefined ? undefined : await categoryIdOf(deps, row.communityId, patch.category, 'body.category');
  const updated = await deps.db.stockReply.update({
    where: { id },
    data: {
      ...(patch.text !== undefined ? { text: patch.text } : {}),
      ...(patch.purpose !== undefined ? { purpose: patch.purpose } : {}),
      ...(patch.sort !== undefined ? { sort: patch.sort } : {}),
      ...(categoryId !== undefined ? { categoryId } : {}),
      updatedAt: deps.clock(),
    },
  });
  return (await present(deps, [updated]))[0]!;
}

export async function removeStockReply(deps: Deps, viewer: Viewer, id: string) {
  await editable(deps, viewer, id);
  await deps.db.stockReply.delete({ where: { id } });
}
