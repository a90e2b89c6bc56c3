// What a patrol looks like to the head who walks it and to those who follow it.
import { signedUploadUrl } from '../uploads/index.js';
import type { PatrolRow } from './queries.js';

export interface PatrolNames {
  building: { id: string; name: string };
  head: { id: string; name: string };
  /** The community's checklist now: the items still to be marked come from it. */
  items: Array<{ id: string; name: string }>;
}

/** The checklist with each item's mark; items marked and since retired stay, unmarked retired ones do not show. */
export function presentPatrol(p: PatrolRow, names: PatrolNames, now: Date, secret: string) {
  const byItem = new Map(p.checks.map((c) => [c.itemId, c]));
  const rows = names.items.map((item) => {
    const c = byItem.get(item.id);
    byItem.delete(item.id);
    return c ? presentCheck(c, now, secret) : { itemId: item.id, name: item.name, result: null, note: null, photoUrl: null, orderId: null, checkedAt: null };
  });
  for (const c of byItem.values()) rows.push(presentCheck(c, now, secret));
  return {
    id: p.id,
    communityId: p.communityId,
    building: names.building,
    head: names.head,
    startedAt: p.startedAt,
    finishedAt: p.finishedAt,
    problems: p.checks.filter((c) => c.result === 'problem').length,
    items: rows,
  };
}

function presentCheck(c: PatrolRow['checks'][number], now: Date, secret: string) {
  return {
    itemId: c.itemId,
    name: c.itemName,
    result: c.result,
    note: c.note,
    photoUrl: c.photoId ? signedUploadUrl(secret, c.photoId, now) : null,
    // `patrol:…` holds the place while the order is being filed
    orderId: c.orderId?.startsWith('patrol:') ? null : c.orderId,
    checkedAt: c.checkedAt,
  };
}
