// 常用回复: prepared text per category that workers and staff pick when asking a
// resident for more (待补充) or saying what was done (办结), so common cases are
// answered in one tap and in the same words. Each community's staff write their own
// (and its administrators, on the settings page); every change is in the audit log.
import type { StockReply } from '@prisma/client';
import type { Viewer } from '../auth/index.js';
import { recordAdminChange } from '../audit/index.js';
import type { Deps } from '../context.js';
import type { DbTx } from '../db.js';
import { badRequest, forbidden, notFound } from '../errors.js';
import { homeCommunity, mayEditStockReplies, mayOpenSettings, mayReadStockReplies } from '../policies/index.js';
import type { NewStockReplyBody, StockRepliesQuery, StockReplyOrderBody, StockReplyPatch } from './schemas.js';

async function categoryIdOf(db: DbTx, communityId: string, code: string | null | undefined, field: string) {
  if (!code) return null;
  const c = await db.serviceCategory.findUnique({ where: { communityId_code: { communityId, code } }, select: { id: true } });
  if (!c) throw badRequest(field, `unknown category "${code}"`);
  return c.id;
}

async function present(db: DbTx, rows: StockReply[]) {
  const ids = [...new Set(rows.map((r) => r.categoryId).filter((c): c is string => !!c))];
  const cats = ids.length ? await db.serviceCategory.findMany({ where: { id: { in: ids } }, select: { id: true, code: true } }) : [];
  const code = new Map(cats.map((c) => [c.id, c.code]));
  return rows.map((r) => ({ id: r.id, category: r.categoryId ? (code.get(r.categoryId) ?? null) : null, purpose: r.purpose as 'ask' | 'resolve', text: r.text, sort: r.sort }));
}

/** A phone number in a reply (the 物业 hotline) is fine to offer, but the audit log holds none: masked there. */
const forAudit = (r: { category: string | null; purpose: string; text: string }) => ({
  category: r.category,
  purpose: r.purpose,
  text: r.text.replace(/\d{17}[\dXx]|1[3-9]\d{9}/g, (m) => `${m.slice(0, 3)}****${m.slice(-2)}`),
});

/** The community named (an administrator of several) or the viewer's own, if they may read its replies; else 403/404. */
function replyCommunity(viewer: Viewer, named: string | undefined) {
  const communityId = named ?? homeCommunity(viewer);
  if (!communityId) throw forbidden('stock replies are for the community’s workers and staff');
  if (!mayReadStockReplies(viewer, communityId)) {
    // staff or an administrator naming a community out of reach: as if it did not exist
    throw named && mayOpenSettings(viewer) ? notFound('community') : forbidden('stock replies are for the community’s workers and staff');
  }
  return communityId;
}

/** The stock replies of the viewer's community: for one category (and those for every category), one purpose, or all. */
export async function listStockReplies(deps: Deps, viewer: Viewer, q: StockRepliesQuery) {
  const communityId = replyCommunity(viewer, q.communityId);
  const categoryId = await categoryIdOf(deps.db, communityId, q.category, 'query.category');
  const rows = await deps.db.stockReply.findMany({
    where: {
      communityId,
      ...(q.purpose ? { purpose: q.purpose } : {}),
      ...(q.category ? { OR: [{ categoryId }, { categoryId: null }] } : {}),
    },
    orderBy: [{ sort: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    take: 200,
  });
  return present(deps.db, rows);
}

export async function addStockReply(deps: Deps, viewer: Viewer, body: NewStockReplyBody) {
  const communityId = replyCommunity(viewer, body.communityId);
  if (!mayEditStockReplies(viewer, communityId)) throw forbidden('only the community’s staff edit stock replies');
  const now = deps.clock();
  return deps.db.$transaction(async (tx) => {
    const categoryId = await categoryIdOf(tx, communityId, body.category, 'body.category');
    const row = await tx.stockReply.create({ data: { communityId, categoryId, purpose: body.purpose, text: body.text, sort: body.sort, createdAt: now, updatedAt: now } });
    const shown = (await present(tx, [row]))[0]!;
    await recordAdminChange(tx, { actor: viewer, action: 'stock_reply.create', at: now, target: { type: 'stock_reply', id: row.id, communityId }, before: null, after: forAudit(shown) });
    return shown;
  });
}

/** A stock reply of a community the viewer edits for; any other is 404. */
async function editable(db: DbTx, viewer: Viewer, id: string) {
  const row = await db.stockReply.findUnique({ where: { id } });
  if (!row || !mayReadStockReplies(viewer, row.communityId)) throw notFound('stock reply');
  if (!mayEditStockReplies(viewer, row.communityId)) throw forbidden('only the community’s staff edit stock replies');
  return row;
}

export async function changeStockReply(deps: Deps, viewer: Viewer, id: string, patch: StockReplyPatch) {
  const now = deps.clock();
  return deps.db.$transaction(async (tx) => {
    const row = await editable(tx, viewer, id);
    const categoryId = patch.category === undefined ? undefined : await categoryIdOf(tx, row.communityId, patch.category, 'body.category');
    const before = (await present(tx, [row]))[0]!;
    const updated = await tx.stockReply.update({
      where: { id },
      data: {
        ...(patch.text !== undefined ? { text: patch.text } : {}),
        ...(patch.purpose !== undefined ? { purpose: patch.purpose } : {}),
        ...(patch.sort !== undefined ? { sort: patch.sort } : {}),
        ...(categoryId !== undefined ? { categoryId } : {}),
        updatedAt: now,
      },
    });
    const after = (await present(tx, [updated]))[0]!;
    const [b, a] = [forAudit(before), forAudit(after)];
    const changed = (Object.keys(b) as Array<keyof typeof b>).filter((k) => b[k] !== a[k]);
    if (changed.length || before.sort !== after.sort) {
      const pick = (x: typeof b, sort: number) => ({ ...Object.fromEntries(changed.map((k) => [k, x[k]])), ...(before.sort !== after.sort ? { sort } : {}) });
      await recordAdminChange(tx, { actor: viewer, action: 'stock_reply.update', at: now, target: { type: 'stock_reply', id, communityId: row.communityId }, before: pick(b, before.sort), after: pick(a, after.sort) });
    }
    return after;
  });
}

export async function removeStockReply(deps: Deps, viewer: Viewer, id: string) {
  const now = deps.clock();
  await deps.db.$transaction(async (tx) => {
    const row = await editable(tx, viewer, id);
    const before = (await present(tx, [row]))[0]!;
    await tx.stockReply.delete({ where: { id } });
    await recordAdminChange(tx, { actor: viewer, action: 'stock_reply.delete', at: now, target: { type: 'stock_reply', id, communityId: row.communityId }, before: forAudit(before), after: null });
  });
}

/** Puts the listed replies (one category's, one purpose's, as the console shows them) in this order: sort 10, 20, 30… */
export async function reorderStockReplies(deps: Deps, viewer: Viewer, body: StockReplyOrderBody) {
  const communityId = replyCommunity(viewer, body.communityId);
  if (!mayEditStockReplies(viewer, communityId)) throw forbidden('only the community’s staff edit stock replies');
  const now = deps.clock();
  return deps.db.$transaction(async (tx) => {
    const rows = await tx.stockReply.findMany({ where: { id: { in: body.ids }, communityId } });
    if (new Set(body.ids).size !== body.ids.length || rows.length !== body.ids.length) throw badRequest('body.ids', 'list replies of this community, each once');
    const byId = new Map(rows.map((r) => [r.id, r]));
    const before = [...rows].sort((a, b) => a.sort - b.sort || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id)).map((r) => r.id);
    const updated: StockReply[] = [];
    for (const [i, rid] of body.ids.entries()) {
      const sort = (i + 1) * 10;
      updated.push(byId.get(rid)!.sort === sort ? byId.get(rid)! : await tx.stockReply.update({ where: { id: rid }, data: { sort, updatedAt: now } }));
    }
    if (before.join() !== body.ids.join()) {
      await recordAdminChange(tx, { actor: viewer, action: 'stock_reply.reorder', at: now, target: { type: 'stock_reply', id: communityId, communityId }, before: { order: before }, after: { order: body.ids } });
    }
    return present(tx, updated);
  });
}
