// 社区设置 · 服务类别: the community's administrators add, change, switch off, remove and
// reorder the kinds of request residents raise. Every change is in the audit log with
// the changed fields before and after (修改记录). A category with orders is switched
// off, never removed: its orders keep their category.
import type { Prisma } from '@prisma/client';
import { randomBytes } from 'node:crypto';
import type { Viewer } from '../auth/index.js';
import { recordAdminChange } from '../audit/index.js';
import type { Deps } from '../context.js';
import { AppError, badRequest, forbidden, notFound } from '../errors.js';
import { isUniqueViolation, type DbTx } from '../db.js';
import { mayEditCategories, mayReadSettings } from '../policies/index.js';
import { CORRECTION_CATEGORY } from './correctionCategory.js';
import { auditedCategory, managedCategoryFields, presentManagedCategory } from './presenter.js';
import type { CategoryOrderBody, CategoryPatch, NewCategoryBody } from './schemas.js';
import { settingsCommunity } from './settingsCommunity.js';

/** 信息更正 is a right, not a setting: never listed, changed or removed here. */
const ORDINARY = { code: { not: CORRECTION_CATEGORY.code } } satisfies Prisma.ServiceCategoryWhereInput;

const refuseEdit = () => forbidden('only the community’s administrators change its service categories');

/** Every category of the community, active or not, in the residents' order. */
export async function listManagedCategories(deps: Deps, v: Viewer, communityId: string | undefined) {
  const id = await settingsCommunity(deps, v, communityId);
  const rows = await deps.db.serviceCategory.findMany({ where: { communityId: id, ...ORDINARY }, orderBy: [{ sort: 'asc' }, { code: 'asc' }], select: managedCategoryFields });
  return { communityId: id, editable: mayEditCategories(v, id), items: rows.map(presentManagedCategory) };
}

/** A community the viewer changes categories of: staff of it are refused (403), anyone else does not find it. */
async function editableCommunity(deps: Deps, v: Viewer, named: string | undefined) {
  const id = await settingsCommunity(deps, v, named, 'body.communityId');
  if (!mayEditCategories(v, id)) throw refuseEdit();
  return id;
}

const resolveNotBeforeResponse = (response: number, resolve: number) => {
  if (resolve < response) throw badRequest('body.resolveMinutes', `must be at least the response time (${response} minutes)`);
};

export async function createCategory(deps: Deps, v: Viewer, body: NewCategoryBody) {
  const communityId = await editableCommunity(deps, v, body.communityId);
  resolveNotBeforeResponse(body.responseMinutes, body.resolveMinutes);
  const code = body.code ?? `c_${randomBytes(4).toString('hex')}`;
  if (code === CORRECTION_CATEGORY.code) throw badRequest('body.code', 'this code is reserved');
  const now = deps.clock();
  try {
    return await deps.db.$transaction(async (tx) => {
      const last = await tx.serviceCategory.findFirst({ where: { communityId, ...ORDINARY }, orderBy: { sort: 'desc' }, select: { sort: true } });
      const c = await tx.serviceCategory.create({
        data: {
          communityId, code, name: body.name, icon: body.icon, responseMinutes: body.responseMinutes, resolveMinutes: body.resolveMinutes,
          emergency: body.emergency, active: true, sort: Math.min((last?.sort ?? 0) + 10, CORRECTION_CATEGORY.sort - 1),
        },
        select: managedCategoryFields,
      });
      await recordAdminChange(tx, { actor: v, action: 'category.create', at: now, target: { type: 'category', id: c.id, communityId }, before: null, after: auditedCategory(c) });
      return presentManagedCategory(c);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('conflict', `body.code: the community already has a category "${code}"`, [{ path: 'body.code', message: 'already used' }], 'code_taken');
    throw e;
  }
}

/** A category in the viewer's reach, read inside the change's transaction. */
async function editableCategory(tx: DbTx, v: Viewer, id: string) {
  const c = await tx.serviceCategory.findUnique({ where: { id }, select: { ...managedCategoryFields, communityId: true } });
  if (!c || c.code === CORRECTION_CATEGORY.code || !mayReadSettings(v, c.communityId)) throw notFound('category');
  if (!mayEditCategories(v, c.communityId)) throw refuseEdit();
  return c;
}

export async function changeCategory(deps: Deps, v: Viewer, id: string, patch: CategoryPatch) {
  const now = deps.clock();
  return deps.db.$transaction(async (tx) => {
    const c = await editableCategory(tx, v, id);
    resolveNotBeforeResponse(patch.responseMinutes ?? c.responseMinutes, patch.resolveMinutes ?? c.resolveMinutes);
    const changed = (Object.keys(patch) as Array<keyof CategoryPatch>).filter((k) => patch[k] !== undefined && patch[k] !== c[k]);
    if (!changed.length) return presentManagedCategory(c);
    const updated = await tx.serviceCategory.update({ where: { id }, data: Object.fromEntries(changed.map((k) => [k, patch[k]])), select: managedCategoryFields });
    const pick = (row: Record<string, unknown>) => Object.fromEntries(changed.map((k) => [k, row[k]]));
    await recordAdminChange(tx, { actor: v, action: 'category.update', at: now, target: { type: 'category', id, communityId: c.communityId }, before: pick(c), after: pick(updated) });
    return presentManagedCategory(updated);
  });
}

/** Removes a category nobody has filed an order in (a mistake just made); one with orders is switched off instead (409). */
export async function removeCategory(deps: Deps, v: Viewer, id: string) {
  const now = deps.clock();
  await deps.db.$transaction(async (tx) => {
    const c = await editableCategory(tx, v, id);
    if (c._count.orders > 0) {
      throw new AppError('conflict', `the category has ${c._count.orders} orders: switch it off (active: false) instead`, undefined, 'has_orders');
    }
    const replies = await tx.stockReply.deleteMany({ where: { categoryId: id } });
    await tx.serviceCategory.delete({ where: { id } });
    await recordAdminChange(tx, { actor: v, action: 'category.delete', at: now, target: { type: 'category', id, communityId: c.communityId }, before: { ...auditedCategory(c), stockReplies: replies.count }, after: null });
  });
}

/** Puts the community's categories in the given order (the mini-program's grid follows it). */
export async function reorderCategories(deps: Deps, v: Viewer, body: CategoryOrderBody) {
  const communityId = await editableCommunity(deps, v, body.communityId);
  const now = deps.clock();
  await deps.db.$transaction(async (tx) => {
    const rows = await tx.serviceCategory.findMany({ where: { communityId, ...ORDINARY }, orderBy: [{ sort: 'asc' }, { code: 'asc' }], select: { id: true, code: true, sort: true } });
    const known = new Set(rows.map((r) => r.id));
    if (new Set(body.ids).size !== body.ids.length || body.ids.length !== rows.length || body.ids.some((i) => !known.has(i))) {
      throw badRequest('body.ids', 'list every category of the community exactly once');
    }
    const codeOf = new Map(rows.map((r) => [r.id, r.code]));
    const before = rows.map((r) => r.code);
    const after = body.ids.map((i) => codeOf.get(i)!);
    if (before.join() === after.join()) return;
    for (const [i, cid] of body.ids.entries()) await tx.serviceCategory.update({ where: { id: cid }, data: { sort: (i + 1) * 10 } });
    await recordAdminChange(tx, { actor: v, action: 'category.reorder', at: now, target: { type: 'category', id: communityId, communityId }, before: { order: before }, after: { order: after } });
  });
  return listManagedCategories(deps, v, communityId);
}
