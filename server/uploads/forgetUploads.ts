import type { Deps } from '../context.js';

/**
 * Deletes uploads past their retention (their bytes, then their rows). The
 * caller has removed whatever referred to them (order photos) first.
 */
export async function forgetUploads(deps: Pick<Deps, 'db' | 'storage'>, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  const rows = await deps.db.upload.findMany({ where: { id: { in: ids } }, select: { id: true, storageKey: true } });
  // bytes first: a row left behind by a crash is retried by the next sweep, an object left without a row would never be
  for (const u of rows) await deps.storage.delete(u.storageKey);
  return (await deps.db.upload.deleteMany({ where: { id: { in: rows.map((u) => u.id) } } })).count;
}
