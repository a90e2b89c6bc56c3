// What each viewer sees of a household on a visit list: its place always, the
// head's name and the 七彩 tags it is watched for only as the visibility table
// lets the viewer's relation to it (server/policies/visibility.ts) — a 党组织
// cadre paired with a 低保户 learns it needs visits, not why.
import type { Viewer } from '../auth/index.js';
import { placeOfHousehold, relationsTo, revealAs, sees, tagField } from '../policies/index.js';
import { signedUploadUrl } from '../uploads/index.js';
import type { VisitRow } from './queries.js';
import { daysBetween, floorOf, TAG_LABELS } from './rules.js';
import type { Scheduled } from './schedule.js';

export function presentHousehold(v: Viewer, h: Scheduled, today: string, paired: boolean) {
  const rel = relationsTo(v, placeOfHousehold({ id: h.id, communityId: h.communityId, buildingId: h.buildingId, building: { gridId: h.gridId } }));
  return {
    householdId: h.id,
    gridId: h.gridId,
    gridName: h.gridName,
    buildingId: h.buildingId,
    building: h.building,
    unit: h.unit,
    room: h.room,
    floor: floorOf(h.room),
    ...(h.headName ? revealAs(rel, 'name', 'headName', h.headName) : {}),
    watchedFor: h.tags.filter((t) => sees(rel, tagField(t))).map((t) => TAG_LABELS[t]),
    intervalDays: h.intervalDays,
    overridden: h.overridden,
    dueOn: h.dueOn,
    bucket: h.bucket,
    overdueDays: h.dueOn && h.dueOn < today ? daysBetween(h.dueOn, today) : 0,
    lastVisitedAt: h.lastVisitedAt,
    lastTriedAt: h.lastTriedAt && (!h.lastVisitedAt || h.lastTriedAt > h.lastVisitedAt) ? h.lastTriedAt : null,
    paired,
  };
}

/** A due-list item: a household that is on a schedule (dueOn set). */
export const presentDue = (v: Viewer, h: Scheduled, today: string, paired: boolean) => {
  const p = presentHousehold(v, h, today, paired);
  return { ...p, intervalDays: p.intervalDays!, dueOn: p.dueOn!, bucket: p.bucket! };
};

export function presentVisit(v: VisitRow, now: Date, secret: string) {
  return {
    id: v.id,
    householdId: v.householdId,
    visitedAt: v.visitedAt,
    visitor: { id: v.visitorId, name: v.visitorName },
    met: v.met as 'head' | 'family' | 'nobody',
    wellbeing: (v.wellbeing ?? null) as 'good' | 'fair' | 'needs_help' | null,
    completed: Boolean(v.completed),
    note: v.note ?? null,
    needs: v.needs ?? null,
    photoUrl: v.photoUploadId ? signedUploadUrl(secret, v.photoUploadId, now) : null,
    orderId: v.orderId ?? null,
  };
}
